// An order's timeline (GET /api/orders/{id}/timeline): each entry is {timestamp, type, writer,
// topic, partition, offset, summary}, the summary being the event's fields as short strings.
// The shopper reads one sentence per event; the admin sees the raw fields (timelineLine).
import { el, money, when } from './ui.js';

// ---------------------------------------------------------------- admin: the raw event

export function timelineLine(e) {
  const what = e.type || e.event || e.eventType || e.state || e.status || e.name || 'event';
  const raw = e.summary || e.detail || e.description || e.message || e.data || e.event;
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
    .slice(0, 8).map(([k, v]) => `${k}=${v}`).join(' ');
}

// ---------------------------------------------------------------- shopper: sentences

/**
 * The context a sentence needs: the order (its lines and currency) and the names of its
 * products. name(id) falls back to the id until the catalog answered (or when it does not know it).
 */
export function sentenceContext(order, productNames = new Map()) {
  return {
    order,
    currency: order?.currency || 'EUR',
    name: id => productNames.get(id) || id,
  };
}

/** The shopper's timeline: one sentence per event, oldest first. */
export function shopperTimeline(list, ctx) {
  const items = list
    .map(e => ({ e, text: eventSentence(e, ctx) }))
    .filter(x => x.text);
  return el('ol.timeline', { 'aria-label': 'Order timeline', id: 'order-timeline' }, items.map(({ e, text }) =>
    el('li', { dataset: { type: e.type || '' } },
      el('span.sentence', text), ' ',
      el('time.category', { datetime: e.timestamp || '' }, when(e.timestamp)))));
}

const STATUS_SENTENCES = {
  PACKED: () => 'Packed',
  SHIPPED: s => `Shipped${s.carrier ? ` with ${s.carrier}` : ''}${s.trackingNumber ? `, tracking number ${s.trackingNumber}` : ''}`,
  OUT_FOR_DELIVERY: () => 'Out for delivery',
  DELIVERED: () => 'Delivered',
  LOST: s => `${s.carrier || 'The carrier'} lost the parcel; we will be in touch`,
  CANCELLED: () => 'Shipment cancelled',
};

/**
 * One event as a sentence ("Payment of €24.99 authorised"), or null for an event a shopper
 * does not need to see (the carrier's raw reports, which the shipment updates repeat).
 */
export function eventSentence(e, ctx = sentenceContext(null)) {
  const s = e.summary || {};
  const amount = cents => money(Number(cents), s.currency || ctx.currency);
  switch (e.type) {
    case 'OrderRequested': {
      const count = itemCount(ctx.order, s.lines);
      return `We received your order of ${count}${s.totalCents !== undefined ? ` (${amount(s.totalCents)})` : ''}`;
    }
    case 'InventoryChecked':
      if (s.passed === 'true') return 'Stock reserved';
      // (an empty list is summarised as "0 items")
      if (s.unknownProducts && !/^\d+ items?$/.test(s.unknownProducts)) {
        return `We no longer sell ${names(s.unknownProducts.split('; '), ctx)}`;
      }
      return 'Not enough stock for this order';
    case 'FraudChecked':
      return s.passed === 'true' ? 'Security checks passed' : 'Our security checks stopped this order';
    case 'OrderValidated':
      return 'Stock and security checks passed';
    case 'OrderRejected': {
      const reasons = (s.reasons || '').split('; ').filter(Boolean).map(r => reasonText(r, ctx));
      return reasons.length ? `Rejected: ${reasons.join(', ')}` : 'Rejected';
    }
    case 'OrderPaymentProcessed': {
      const what = `Payment of ${amount(s.amountCents)}`;
      switch (s.status) {
        case 'AUTHORIZED': return `${what} authorised`;
        case 'CAPTURED': return `${what} captured`;
        case 'DECLINED': return `${what} declined${s.reason ? ` (${s.reason})` : ''}`;
        case 'FAILED': return `${what} could not be processed${s.reason ? ` (${s.reason})` : ''}`;
        default: return `${what}: status being updated`;
      }
    }
    case 'PaymentRefunded':
      return s.voided === 'true'
        ? `The hold of ${amount(s.amountCents)} on your card was released`
        : `Refund of ${amount(s.amountCents)} sent`;
    case 'OrderCancelRequested':
      return 'You asked to cancel this order';
    case 'OrderConfirmed':
      return 'Order confirmed';
    case 'OrderCancelled':
      return `Cancelled: ${s.reason || 'no reason given'}`;
    case 'ShipmentUpdated':
      return (STATUS_SENTENCES[s.status] || (() => 'Shipping update'))(s);
    case 'CarrierReported':
      // the carrier's raw report; the ShipmentUpdated that follows tells the shopper
      return null;
    case 'NotificationSent':
      return s.subject ? `We emailed you: “${s.subject}”` : 'We emailed you';
    case 'Unreadable':
      return 'An update we could not read';
    default:
      return e.type ? capitalise(e.type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()) : 'Update';
  }
}

/**
 * One reason of a rejected, failed or cancelled order as words, product ids as names:
 * "OUT_OF_STOCK: p-001 (requested 3, available 1)" → "out of stock for Bamboo Board (3 asked, 1 left)".
 */
export function reasonText(reason, ctx = sentenceContext(null)) {
  const [, code, rest = ''] = String(reason).match(/^([A-Z_]+):\s*(.*)$/s) || [null, '', String(reason)];
  switch (code) {
    case 'OUT_OF_STOCK': {
      const m = rest.match(/^(\S+) \(requested (\d+), available (-?\d+)\)$/);
      if (!m) return 'out of stock';
      return `out of stock for ${ctx.name(m[1])} (${m[2]} asked, ${Math.max(0, Number(m[3]))} left)`;
    }
    case 'UNKNOWN_PRODUCT': return `${ctx.name(rest.trim())} is no longer sold`;
    case 'FRAUD': return 'our security checks stopped this order';
    case 'CHECK_TIMEOUT': return 'our checks did not answer in time';
    case 'PAYMENT_DECLINED': return `your payment was declined${rest && rest !== 'no reason given' ? ` (${rest})` : ''}`;
    case 'PAYMENT_FAILED': return 'the payment could not be processed';
    case 'CANCELLED': return `cancelled: ${rest}`;
    case 'REFUNDED': return `refund of ${noteAmount(rest)} sent`;
    case 'VOIDED': return `the hold of ${noteAmount(rest)} on your card was released`;
    default: return String(reason);
  }
}

/** "r-1 (2499 EUR of payment p-1)" → "€24.99". */
function noteAmount(note) {
  const m = note.match(/\((\d+) ([A-Z]{3})/);
  return m ? money(Number(m[1]), m[2]) : 'your payment';
}

/** "2 items": the quantities of the order's lines, else the number of lines the event has. */
function itemCount(order, linesSummary) {
  let n;
  if (order?.lines?.length) n = order.lines.reduce((sum, l) => sum + (Number(l.quantity) || 0), 0);
  else n = Number(String(linesSummary || '').match(/^\d+/)?.[0] || 0);
  return n ? `${n} item${n === 1 ? '' : 's'}` : 'items';
}

function names(ids, ctx) {
  const list = ids.map(id => ctx.name(id));
  return list.length < 2 ? list.join('') : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
