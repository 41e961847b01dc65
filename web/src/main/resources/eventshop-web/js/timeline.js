// One entry of an order's timeline (GET /api/orders/{id}/timeline), whatever the entry calls its fields.
import { el, when } from './ui.js';

export function timelineLine(e) {
  const what = e.type || e.event || e.eventType || e.state || e.status || e.name || 'event';
  const detail = e.detail || e.description || e.message || e.summary;
  return el('li',
    el('strong', what), ' ',
    el('span.category', when(e.at || e.timestamp || e.time || e.occurredAt)),
    detail ? ` — ${detail}` : '',
    e.topic ? el('span.category', ` (${e.topic})`) : '');
}

export function timelineList(list) {
  return el('ol', { 'aria-label': 'Order timeline' }, list.map(timelineLine));
}
