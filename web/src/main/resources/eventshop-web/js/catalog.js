// The catalog, order and status APIs as the pages use them.
import { api, items, session, sse } from './api.js';

export const catalog = {
  categories: async () => items(await api('/api/catalog/categories?size=100')),
  /** Products, filtered by category slug and/or text contained in name or description. */
  products: async ({ category, q, page = 0, size = 48 } = {}) => {
    const params = new URLSearchParams({ page, size });
    if (category) params.set('category', category);
    if (q) params.set('q', q);
    const data = await api(`/api/catalog/products?${params}`);
    return { items: items(data), total: data?.totalElements ?? data?.total ?? items(data).length };
  },
  product: id => api(`/api/catalog/products/${encodeURIComponent(id)}`),
};

export const orders = {
  place: (body, idempotencyKey) => api('/api/orders', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } }),
  get: id => api(`/api/orders/${encodeURIComponent(id)}`),
  /** Right after placing, the order may not be in the orders view yet: the API waits for it. */
  await: id => api(`/api/orders/${encodeURIComponent(id)}?waitFor=CREATED&timeout=10s`),
  mine: () => api(`/api/orders?customerId=${encodeURIComponent(session.customerId())}&size=50`),
  cancel: id => api(`/api/orders/${encodeURIComponent(id)}/cancel`, { method: 'POST', body: { reason: 'cancelled by the customer' } }),
  timeline: id => api(`/api/orders/${encodeURIComponent(id)}/timeline`),
};

export const CANCELLABLE = ['CREATED', 'VALIDATED', 'PAID', 'CONFIRMED', 'PACKED'];

/** Follows an order live: one call of onOrder per version of the order. Returns a stop function. */
export function followOrder(orderId, onOrder, onConnection = () => {}) {
  return sse(`/api/orders/${encodeURIComponent(orderId)}/events`, onOrder, onConnection);
}

/**
 * The platform's status from the gateway (GET /api/status): whether ordering works, and the
 * customer-care number to show when it does not. Unknown or unreachable means "assume it works":
 * the order call itself will tell.
 */
export async function platformStatus() {
  try {
    const status = await api('/api/status');
    const caps = status?.capabilities ?? status ?? {};
    let order;
    if (Array.isArray(caps)) order = caps.find(c => /order/i.test(c.name || c.capability || ''));
    else order = caps.order ?? caps.ordering ?? caps.orders;
    const state = String(order?.status ?? order?.state ?? order ?? 'up').toLowerCase();
    return {
      orderingDegraded: state !== 'up' && state !== 'undefined',
      customerCare: status?.customerCare?.phone || status?.customerCarePhone || status?.customerCare
        || order?.customerCare || order?.message?.match(/[+\d][\d ().-]{6,}/)?.[0] || '+33 1 23 45 67 89',
    };
  } catch {
    return { orderingDegraded: false, customerCare: '+33 1 23 45 67 89' };
  }
}
