// Small DOM helpers shared by the three pages, and how a product or an order is shown.

/** el('p.note', {id: 'x'}, 'text', child) — builds an element; strings become text (never HTML). */
export function el(spec, attrs = {}, ...children) {
  const [tag, ...classes] = spec.split('.');
  const node = document.createElement(tag || 'div');
  if (classes.length) node.className = classes.join(' ');
  if (attrs === null || typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs)) {
    children.unshift(attrs);
    attrs = {};
  }
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    // through the CSSOM: the gateway's Content-Security-Policy forbids style attributes
    else if (key === 'style') node.style.cssText = value;
    else if (key in node && typeof value !== 'string') node[key] = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function show(container, ...nodes) {
  container.replaceChildren(...nodes.flat().filter(Boolean));
}

export function loading(text = 'Loading…') {
  return el('p.loading', { role: 'status' }, text);
}

export function errorNotice(error, what = 'Something went wrong') {
  const detail = error?.message || String(error);
  return el('div.notice.error', { role: 'alert' }, el('strong', `${what}. `), detail);
}

/** A notice box; an optional plain object after the kind adds attributes. */
export function notice(kind, ...content) {
  const attrs = { role: kind === 'error' ? 'alert' : 'status' };
  if (content[0] && typeof content[0] === 'object' && !(content[0] instanceof Node) && !Array.isArray(content[0])) {
    Object.assign(attrs, content.shift());
  }
  return el(`div.notice.${kind}`, attrs, ...content);
}

export function toast(message) {
  let box = document.querySelector('.toasts');
  if (!box) {
    box = el('div.toasts', { 'aria-live': 'polite' });
    document.body.append(box);
  }
  const t = el('div.toast', message);
  box.append(t);
  setTimeout(() => t.remove(), 4000);
}

export function money(cents, currency = 'EUR') {
  if (cents === undefined || cents === null || Number.isNaN(cents)) return '';
  return new Intl.NumberFormat(undefined, { style: 'currency', currency: currency || 'EUR' }).format(cents / 100);
}

export function when(instant) {
  if (!instant) return '';
  const d = new Date(typeof instant === 'number' && instant < 1e12 ? instant * 1000 : instant);
  return Number.isNaN(d.getTime()) ? String(instant) : d.toLocaleString();
}

// ---- Products, whatever shape the catalog gives (lean list item or full detail) ----

/** The id orders and inventory know the product by. */
export function productId(p) { return p.productId || p.id || p.sku; }

/** Price in cents and currency. */
export function productPrice(p) {
  const price = p.price;
  if (price && typeof price === 'object') {
    const cents = price.cents ?? price.amountCents ?? Math.round(Number(price.amount) * 100);
    return { cents, currency: price.currency || p.currency || 'EUR' };
  }
  if (p.priceCents !== undefined) return { cents: p.priceCents, currency: p.currency || 'EUR' };
  if (price !== undefined) return { cents: Math.round(Number(price) * 100), currency: p.currency || 'EUR' };
  return { cents: undefined, currency: p.currency || 'EUR' };
}

function imageUrl(image, size) {
  if (!image) return null;
  if (typeof image === 'string') return image;
  return image[`${size}Url`] || image[size] || image.urls?.[size] || image.thumbnails?.[size]
    || image.url || image.originalUrl || image.original || null;
}

/** The URL of a product's primary image in a size (small, medium, original). */
export function productImage(p, size = 'medium') {
  const images = p.images || [];
  const primary = images.find(i => i.primary) || images[0];
  return imageUrl(p.primaryImage || p.image || primary, size)
    || p[`${size}ImageUrl`] || p.imageUrl || p.thumbnailUrl || '/img/placeholder.svg';
}

export function productImages(p) {
  return (p.images || []).map(i => ({ small: imageUrl(i, 'small'), medium: imageUrl(i, 'medium'), original: imageUrl(i, 'original') }));
}

export function categoryOf(p) {
  const c = p.category;
  if (!c) return { slug: p.categorySlug, name: p.categoryName || p.categorySlug };
  if (typeof c === 'string') return { slug: c, name: c };
  return { slug: c.slug, name: c.name || c.slug };
}

// ---- Orders ----

/**
 * The steps a shopper follows. Orders go CREATED → CONFIRMED directly; orders of the earlier flow
 * passed VALIDATED and PAID on the way, which count as "received" here. PACKED and
 * OUT_FOR_DELIVERY are the shipping service's states between the main steps.
 */
export const ORDER_STEPS = ['CREATED', 'CONFIRMED', 'SHIPPED', 'DELIVERED'];
const FAILED = ['REJECTED', 'PAYMENT_FAILED', 'CANCELLED'];
const STEP_OF = { VALIDATED: 'CREATED', PAID: 'CREATED', PACKED: 'CONFIRMED', OUT_FOR_DELIVERY: 'SHIPPED' };

/** What a shopper calls each state of an order (old states VALIDATED and PAID included). */
export const STATE_TEXT = {
  CREATED: 'Received',
  VALIDATED: 'Checked',
  PAID: 'Paid',
  CONFIRMED: 'Confirmed',
  PACKED: 'Packed',
  SHIPPED: 'Shipped',
  OUT_FOR_DELIVERY: 'Out for delivery',
  DELIVERED: 'Delivered',
  REJECTED: 'Rejected',
  PAYMENT_FAILED: 'Payment failed',
  CANCELLED: 'Cancelled',
  UNKNOWN: 'Being updated',
};

export function stateText(state) {
  return STATE_TEXT[state] || (state ? String(state).replaceAll('_', ' ').toLowerCase().replace(/^./, c => c.toUpperCase()) : '');
}

export function stateClass(state) {
  if (FAILED.includes(state)) return 'bad';
  if (['CONFIRMED', 'PACKED', 'SHIPPED', 'OUT_FOR_DELIVERY', 'DELIVERED'].includes(state)) return 'good';
  return 'wait';
}

export function stateBadge(state) {
  return el(`span.state.${stateClass(state)}`, { 'data-state': state }, stateText(state));
}

/** The order's progress as a row of steps; a failed order shows where it stopped and why. */
export function orderSteps(state) {
  const failed = FAILED.includes(state);
  // a failed order was at least created; where exactly it stopped is in its reasons
  const reached = failed ? 0 : Math.max(0, ORDER_STEPS.indexOf(STEP_OF[state] || state));
  const list = el('ol.steps', { 'aria-label': 'Order progress' });
  ORDER_STEPS.forEach((step, i) => {
    const cls = i < reached || (i === reached && (state === 'DELIVERED' || failed)) ? 'done'
      : i === reached && !failed ? 'current' : '';
    const label = i === reached && !failed && state !== step ? stateText(state) : stateText(step);
    list.append(el(`li${cls ? '.' + cls : ''}`, { 'aria-current': i === reached && !failed ? 'step' : undefined, dataset: { step } }, label));
  });
  if (failed) list.append(el('li.failed', { 'aria-current': 'step' }, stateText(state)));
  return list;
}

export function isTerminal(state) {
  return FAILED.includes(state) || state === 'DELIVERED';
}
