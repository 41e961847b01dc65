// One entry of an order's timeline (GET /api/orders/{id}/timeline), whatever the entry calls its fields.
import { el, when } from './ui.js';

export function timelineLine(e) {
  const what = e.type || e.event || e.eventType || e.state || e.status || e.name || 'event';
  const raw = e.detail || e.description || e.message || e.summary || e.data || e.event;
  const detail = raw && typeof raw === 'object' ? summarise(raw) : raw;
  return el('li',
    el('strong', what), ' ',
    el('span.category', when(e.at || e.timestamp || e.time || e.occurredAt)),
    detail ? ` — ${detail}` : '',
    e.topic ? el('span.category', ` (${e.topic})`) : '');
}

export function timelineList(list) {
  return el('ol', { 'aria-label': 'Order timeline' }, list.map(timelineLine));
}

/** The plain fields of an event ("state=PAID totalCents=2499"), ids and hashes left out. */
function summarise(object) {
  return Object.entries(object)
    .filter(([k, v]) => v !== null && typeof v !== 'object' && !/(Id|Hash)$/.test(k))
    .slice(0, 5).map(([k, v]) => `${k}=${v}`).join(' ');
}
