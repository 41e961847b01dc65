// The storefront: one page, routes in the URL hash (#/c/shoes, #/p/p-001, #/orders/<id>, ...).
import { api, session, onSessionChange, ApiError } from './api.js';
import { catalog, orders, followOrder, platformStatus, CANCELLABLE } from './catalog.js';
import { shopperTimeline, sentenceContext, reasonText } from './timeline.js';
import { searchPage, searchHash, suggestions } from './search.js';
import {
  el, show, loading, errorNotice, notice, toast, money, when,
  productId, productPrice, productImage, productImages, categoryOf,
  orderSteps, stateBadge, isTerminal,
} from './ui.js';

const main = document.getElementById('main');
let stopFollowing = () => {};
let status = { orderingDegraded: false, customerCare: '' };

// ---------------------------------------------------------------- basket (localStorage)

const BASKET_KEY = 'eventshop.basket';
const basket = {
  lines() { try { return JSON.parse(localStorage.getItem(BASKET_KEY)) || []; } catch { return []; } },
  save(lines) { localStorage.setItem(BASKET_KEY, JSON.stringify(lines)); renderBasketCount(); },
  add(product, quantity = 1) {
    const lines = this.lines();
    const id = productId(product);
    const line = lines.find(l => l.productId === id);
    const price = productPrice(product);
    if (line) line.quantity = Math.min(line.quantity + quantity, 1000);
    else lines.push({ productId: id, name: product.name, cents: price.cents, currency: price.currency, image: productImage(product, 'small'), quantity });
    this.save(lines);
  },
  setQuantity(id, quantity) {
    this.save(this.lines().map(l => l.productId === id ? { ...l, quantity } : l).filter(l => l.quantity > 0));
  },
  clear() { this.save([]); },
  count() { return this.lines().reduce((n, l) => n + l.quantity, 0); },
  total() { return this.lines().reduce((n, l) => n + (l.cents || 0) * l.quantity, 0); },
};

function renderBasketCount() {
  document.getElementById('basket-count').textContent = basket.count();
}

// ---------------------------------------------------------------- header

function renderAccountLinks() {
  const box = document.getElementById('account-links');
  if (session.signedIn()) {
    show(box, el('span.nav-links',
      el('a', { href: '#/orders' }, 'My orders'),
      el('span', { 'data-testid': 'signed-in-as' }, session.displayName()),
      el('button.secondary', { type: 'button', onclick: logout }, 'Sign out')));
  } else {
    show(box, el('span.nav-links', el('a', { href: '#/login' }, 'Sign in'), el('a', { href: '#/signup' }, 'Create account')));
  }
}

async function logout() {
  const refreshToken = session.tokens()?.refreshToken;
  try { if (refreshToken) await api('/api/auth/logout', { method: 'POST', body: { refreshToken } }); } catch { /* signed out locally anyway */ }
  session.clear();
  location.hash = '#/';
}

async function renderCategories(current) {
  const nav = document.getElementById('categories');
  if (!nav.dataset.loaded) {
    try {
      const categories = await catalog.categories();
      nav.dataset.loaded = 'true';
      show(nav, el('a', { href: '#/' }, 'All products'),
        categories.map(c => el('a', { href: `#/c/${encodeURIComponent(c.slug)}`, dataset: { slug: c.slug } }, c.name)));
    } catch (e) {
      show(nav, el('span.field-error', 'Categories are not available right now.'));
    }
  }
  nav.querySelectorAll('a').forEach(a => {
    const active = (a.dataset.slug || '') === (current || '');
    if (active) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
}

async function refreshStatus() {
  status = await platformStatus();
  const banner = document.getElementById('status-banner');
  if (status.orderingDegraded) {
    show(banner, el('div', { style: 'max-width:1200px;margin:1rem auto 0;padding:0 1rem' },
      notice('warn', el('strong', 'Ordering is paused'), ` — call customer care at ${status.customerCare}. You can keep browsing.`)));
  } else {
    banner.replaceChildren();
  }
  document.querySelectorAll('[data-order-action]').forEach(node => renderOrderAction(node));
}

/** The place-order button, or the customer-care notice while ordering is degraded. */
function renderOrderAction(container) {
  if (status.orderingDegraded) {
    show(container, notice('warn', { 'data-testid': 'ordering-paused' },
      `Ordering is paused — call customer care at ${status.customerCare}.`));
  } else {
    show(container, el('button', { type: 'submit', id: 'place-order' }, 'Place order'));
  }
}

// ---------------------------------------------------------------- pages

function productCard(p) {
  const price = productPrice(p);
  const category = categoryOf(p);
  const href = `#/p/${encodeURIComponent(productId(p))}`;
  return el('article.product-card', { dataset: { productId: productId(p) } },
    el('a.cover', { href, tabindex: '-1', 'aria-hidden': 'true' },
      el('img', { src: productImage(p, 'medium'), alt: '', loading: 'lazy', width: 400, height: 300 })),
    el('div.body',
      category.name ? el('span.category', category.name) : null,
      el('h3', el('a', { href }, p.name)),
      el('span.price', money(price.cents, price.currency)),
      el('div.actions', el('button.secondary', {
        type: 'button', 'aria-label': `Add ${p.name} to basket`,
        onclick: () => { basket.add(p); toast(`${p.name} added to your basket`); },
      }, 'Add to basket'))));
}

async function productList({ category, q }) {
  await renderCategories(category);
  const title = q ? `Results for “${q}”` : category ? 'Category' : 'All products';
  const heading = el('h1', title);
  show(main, heading, loading('Loading products…'));
  try {
    const { items: products } = await catalog.products({ category, q });
    if (category) {
      const link = document.querySelector(`#categories a[data-slug="${CSS.escape(category)}"]`);
      if (link) heading.textContent = link.textContent;
    }
    show(main, heading, products.length
      ? el('div.grid', { 'aria-label': 'Products' }, products.map(productCard))
      : el('p.empty', q ? 'No product matches your search.' : 'No products here yet.'));
  } catch (e) {
    show(main, heading, errorNotice(e, 'The products could not be loaded'),
      el('button', { type: 'button', onclick: route }, 'Try again'));
  }
}

async function productPage(id) {
  await renderCategories(null);
  show(main, loading('Loading the product…'));
  try {
    const p = await catalog.product(id);
    const price = productPrice(p);
    const images = productImages(p);
    const big = el('img', { src: productImage(p, 'medium'), alt: p.name, width: 800, height: 600 });
    const quantity = el('input', { id: 'quantity', type: 'number', min: 1, max: 1000, value: '1', inputmode: 'numeric' });
    const category = categoryOf(p);
    show(main,
      el('nav', { 'aria-label': 'Breadcrumb' }, el('a', { href: '#/' }, 'Shop'),
        category.slug ? [' › ', el('a', { href: `#/c/${encodeURIComponent(category.slug)}` }, category.name)] : null),
      el('div.product-detail',
        el('div.gallery', big, images.length > 1 ? el('div.thumbs', images.map((img, i) =>
          el('button.secondary', { type: 'button', style: 'padding:0', 'aria-label': `Show image ${i + 1}`, onclick: () => { big.src = img.medium || img.original; } },
            el('img', { src: img.small || img.medium, alt: '' })))) : null),
        el('div',
          el('h1', p.name),
          el('p.price', money(price.cents, price.currency)),
          p.description ? el('p', p.description) : null,
          p.sku ? el('p.category', `SKU ${p.sku}`) : null,
          el('form', { onsubmit: e => { e.preventDefault(); basket.add(p, Math.max(1, Number(quantity.value) || 1)); toast(`${p.name} added to your basket`); } },
            el('label', { for: 'quantity' }, 'Quantity'), quantity,
            el('div.actions', el('button', { type: 'submit' }, 'Add to basket'), el('a.button.secondary', { href: '#/basket' }, 'Go to basket'))))));
  } catch (e) {
    show(main, e instanceof ApiError && e.status === 404
      ? notice('info', 'This product is not sold here (any more). ', el('a', { href: '#/' }, 'Back to the shop'))
      : errorNotice(e, 'The product could not be loaded'));
  }
}

function basketPage() {
  const lines = basket.lines();
  if (!lines.length) {
    show(main, el('h1', 'Your basket'), el('p.empty', 'Your basket is empty. ', el('a', { href: '#/' }, 'Start shopping')));
    return;
  }
  const currency = lines[0].currency;
  show(main, el('h1', 'Your basket'),
    el('section.panel', { 'aria-label': 'Basket lines' },
      lines.map(l => {
        const qty = el('input', { type: 'number', min: 0, max: 1000, value: String(l.quantity), id: `qty-${l.productId}`,
          onchange: e => { basket.setQuantity(l.productId, Math.max(0, Number(e.target.value) || 0)); basketPage(); } });
        return el('div.basket-line',
          el('img', { src: l.image || '/img/placeholder.svg', alt: '' }),
          el('a', { href: `#/p/${encodeURIComponent(l.productId)}` }, l.name),
          el('span', el('label.visually-hidden', { for: `qty-${l.productId}` }, `Quantity of ${l.name}`), qty),
          el('span.price', money(l.cents * l.quantity, l.currency)),
          el('button.secondary', { type: 'button', 'aria-label': `Remove ${l.name}`, onclick: () => { basket.setQuantity(l.productId, 0); basketPage(); } }, 'Remove'));
      }),
      el('p.total', 'Total ', money(basket.total(), currency)),
      el('div.actions', { style: 'justify-content:flex-end' }, el('a.button', { href: '#/checkout', id: 'checkout-link' }, 'Checkout'))));
}

function field(id, label, attrs = {}) {
  return [el('label', { for: id }, label), el('input', { id, name: id, ...attrs })];
}

function checkoutPage() {
  const lines = basket.lines();
  if (!lines.length) { location.hash = '#/basket'; return; }
  if (!session.signedIn()) {
    show(main, el('h1', 'Checkout'), notice('info', 'Please ',
      el('a', { href: '#/login?next=checkout' }, 'sign in'), ' or ',
      el('a', { href: '#/signup?next=checkout' }, 'create an account'), ' to place your order.'));
    return;
  }
  const claims = session.claims() || {};
  const saved = JSON.parse(localStorage.getItem('eventshop.address') || 'null') || {};
  if (!saved.street) {
    // first checkout in this browser: the address of the account, when accounts has one
    api('/api/customers/me').then(me => {
      const a = me?.address || {};
      const set = (id, v) => { const input = document.getElementById(id); if (input && !input.value && v) input.value = v; };
      set('name', me?.name); set('street', a.street); set('city', a.city); set('postalCode', a.postalCode); set('country', a.country);
    }).catch(() => { /* typed by hand then */ });
  }
  const errors = el('div', { 'aria-live': 'assertive' });
  const action = el('div.actions', { dataset: { orderAction: 'true' } });
  const form = el('form', { id: 'checkout-form', novalidate: false, onsubmit: placeOrder },
    el('fieldset', el('legend', 'Delivery address'),
      el('div.form-grid',
        el('div', field('name', 'Full name', { required: true, autocomplete: 'name', value: saved.name || claims.name || '' })),
        el('div', field('street', 'Street', { required: true, autocomplete: 'street-address', value: saved.street || '' })),
        el('div', field('city', 'City', { required: true, autocomplete: 'address-level2', value: saved.city || '' })),
        el('div', field('postalCode', 'Postal code', { required: true, autocomplete: 'postal-code', value: saved.postalCode || '' })),
        el('div', field('country', 'Country (2 letters)', { required: true, autocomplete: 'country', pattern: '[A-Za-z]{2}', maxlength: 2, value: saved.country || 'FR' })))),
    errors, action);
  renderOrderAction(action);
  show(main, el('h1', 'Checkout'), el('div.columns',
    el('section.panel', form),
    el('aside.panel', { 'aria-label': 'Order summary' }, el('h2', 'Summary'),
      el('ul', lines.map(l => el('li', `${l.quantity} × ${l.name} — ${money(l.cents * l.quantity, l.currency)}`))),
      el('p.total', 'Total ', money(basket.total(), lines[0].currency)))));

  async function placeOrder(event) {
    event.preventDefault();
    if (status.orderingDegraded) return;
    const data = Object.fromEntries(new FormData(form));
    const address = { name: data.name.trim(), street: data.street.trim(), city: data.city.trim(), postalCode: data.postalCode.trim(), country: data.country.trim().toUpperCase() };
    localStorage.setItem('eventshop.address', JSON.stringify(address));
    // One key per checkout: a retry after a lost answer names the same order.
    let key = sessionStorage.getItem('eventshop.checkoutKey');
    if (!key) { key = crypto.randomUUID(); sessionStorage.setItem('eventshop.checkoutKey', key); }
    const button = document.getElementById('place-order');
    button.disabled = true;
    button.textContent = 'Placing your order…';
    errors.replaceChildren();
    try {
      const accepted = await orders.place({
        customerId: session.customerId(),
        lines: basket.lines().map(l => ({ productId: l.productId, quantity: l.quantity })),
        shippingAddress: address,
      }, key);
      sessionStorage.removeItem('eventshop.checkoutKey');
      basket.clear();
      location.hash = `#/orders/${encodeURIComponent(accepted.orderId)}`;
    } catch (e) {
      if (e.status === 422 && e.problem?.title === 'Idempotency-Key reused') sessionStorage.removeItem('eventshop.checkoutKey');
      if (e.status === 503) refreshStatus();
      const problems = e.problem?.errors?.map(x => el('li', `${x.field}: ${x.message}`));
      errors.replaceChildren(errorNotice(e, 'Your order was not placed'), problems?.length ? el('ul.field-error', problems) : '');
      button.disabled = false;
      button.textContent = 'Place order';
    }
  }
}

/** The names and pictures of the products of an order, from the catalog, asked once per page view. */
function productBook() {
  const products = new Map();
  return {
    names: () => new Map([...products].filter(([, p]) => p?.name).map(([id, p]) => [id, p.name])),
    get: id => products.get(id),
    /** Loads the products not asked for yet; resolves true when something new arrived. */
    async load(ids) {
      const missing = [...new Set(ids)].filter(id => !products.has(id));
      missing.forEach(id => products.set(id, null));
      const found = await Promise.all(missing.map(id => catalog.product(id).then(p => products.set(id, p) && true, () => false)));
      return found.some(Boolean);
    },
  };
}

function orderLines(order, book) {
  return el('table',
    el('thead', el('tr', el('th', 'Product'), el('th.num', 'Quantity'), el('th.num', 'Price'))),
    el('tbody', (order.lines || []).map(l => {
      const p = book.get(l.productId);
      return el('tr', { dataset: { productId: l.productId } },
        el('td', el('a.order-product', { href: `#/p/${encodeURIComponent(l.productId)}` },
          el('img.thumb', { src: p ? productImage(p, 'small') : '/img/placeholder.svg', alt: '', width: 48, height: 36 }),
          el('span.product-name', p?.name || 'Product')),
          el('span.category', ` ${money(l.unitPriceCents, order.currency)} each`)),
        el('td.num', l.quantity), el('td.num', money(l.unitPriceCents * l.quantity, order.currency)));
    })));
}

async function orderPage(id) {
  show(main, loading('Loading your order…'));
  const heading = el('h1', 'Order');
  const badge = el('span', { id: 'order-state', 'aria-live': 'polite' });
  const steps = el('div');
  const reasons = el('div');
  const connection = el('p.category', { id: 'connection' });
  const cancelBox = el('div.actions');
  const details = el('div');
  const timeline = el('section.panel', { hidden: true }, el('h2', 'Timeline'));
  const book = productBook();
  let current;
  let events = [];

  const render = order => {
    if (current && order.version !== undefined && order.version < current.version) return;
    current = order;
    heading.textContent = `Order ${order.orderId.slice(0, 8)}`;
    badge.dataset.state = order.state;
    show(badge, stateBadge(order.state));
    show(steps, orderSteps(order.state));
    const ctx = sentenceContext(order, book.names());
    show(reasons, order.reasons?.length
      ? notice(order.state === 'CANCELLED' ? 'info' : 'error', { 'data-testid': 'order-reasons' }, el('strong', 'Reason: '),
        capitalise(order.reasons.map(r => reasonText(r, ctx)).join('; ')))
      : '');
    show(cancelBox, CANCELLABLE.includes(order.state)
      ? el('button.danger', { type: 'button', id: 'cancel-order', onclick: cancel }, 'Cancel order') : '');
    show(details, el('div.columns',
      el('section.panel', el('h2', 'Items'), orderLines(order, book), el('p.total', 'Total ', money(order.totalCents, order.currency))),
      el('aside.panel', el('h2', 'Delivery'),
        order.shippingAddress ? el('address', [order.shippingAddress.name, order.shippingAddress.street,
          `${order.shippingAddress.postalCode} ${order.shippingAddress.city}`, order.shippingAddress.country].flatMap(x => [x, el('br')])) : '',
        order.trackingNumber ? el('p', 'Tracking number ', el('strong', order.trackingNumber)) : '',
        el('p.category', `Placed ${when(order.createdAt)} · updated ${when(order.updatedAt)}`))));
    if (isTerminal(order.state)) connection.textContent = 'Final state reached.';
    renderTimeline();
    loadTimeline();
    // names and pictures instead of product ids: the page is drawn again once the catalog answered
    book.load((order.lines || []).map(l => l.productId)).then(arrived => { if (arrived && current) render(current); });
  };

  function renderTimeline() {
    if (!events.length) return;
    timeline.hidden = false;
    show(timeline, el('h2', 'What happened'), shopperTimeline(events, sentenceContext(current, book.names())));
  }

  async function loadTimeline() {
    try {
      const answer = await orders.timeline(id);
      const list = Array.isArray(answer) ? answer : answer?.events || answer?.timeline || [];
      if (!list.length) return;
      events = list;
      renderTimeline();
    } catch { /* the timeline is optional */ }
  }

  async function cancel() {
    if (!confirm('Cancel this order?')) return;
    try {
      await orders.cancel(id);
      toast('Cancellation requested');
    } catch (e) {
      toast(e.message);
    }
  }

  try {
    render(await orders.await(id));
  } catch (e) {
    show(main, e.status === 404 ? notice('info', 'No such order (yet). It may take a moment to appear; ', el('a', { href: location.hash }, 'reload'), '.')
      : errorNotice(e, 'The order could not be loaded'));
    return;
  }
  show(main, el('div', { style: 'display:flex;gap:1rem;align-items:center;flex-wrap:wrap' }, heading, badge),
    steps, reasons, connection, cancelBox, details, timeline);
  stopFollowing = followOrder(id, render, state => {
    if (current && isTerminal(current.state)) return;
    connection.textContent = state === 'live' ? 'Live: this page updates as your order moves.' : 'Connection lost, reconnecting…';
  });
}

async function myOrders() {
  if (!session.signedIn()) { location.hash = '#/login?next=orders'; return; }
  show(main, el('h1', 'My orders'), loading('Loading your orders…'));
  try {
    const page = await orders.mine();
    const list = page.orders || [];
    show(main, el('h1', 'My orders'), list.length ? el('div.table-wrap', el('table',
      el('thead', el('tr', el('th', 'Order'), el('th', 'Placed'), el('th', 'State'), el('th.num', 'Total'))),
      el('tbody', list.map(o => el('tr',
        el('td', el('a', { href: `#/orders/${encodeURIComponent(o.orderId)}` }, o.orderId.slice(0, 8))),
        el('td', when(o.createdAt)), el('td', stateBadge(o.state)), el('td.num', money(o.totalCents, o.currency)))))))
      : el('p.empty', 'No orders yet. ', el('a', { href: '#/' }, 'Start shopping')));
  } catch (e) {
    show(main, el('h1', 'My orders'), errorNotice(e, 'Your orders could not be loaded'));
  }
}

function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function nextAfterLogin() {
  const next = new URLSearchParams(location.hash.split('?')[1] || '').get('next');
  location.hash = next ? `#/${next}` : '#/';
}

function loginPage() {
  const errors = el('div', { 'aria-live': 'assertive' });
  const form = el('form', { id: 'login-form', onsubmit: async e => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      session.save(await api('/api/auth/login', { method: 'POST', body: { email: data.email.trim(), password: data.password } }));
      toast('Welcome back');
      nextAfterLogin();
    } catch (err) {
      errors.replaceChildren(errorNotice(err, 'Sign-in failed'));
      button.disabled = false;
    }
  } },
  field('email', 'Email', { type: 'email', required: true, autocomplete: 'username' }),
  field('password', 'Password', { type: 'password', required: true, autocomplete: 'current-password' }),
  errors, el('div.actions', el('button', { type: 'submit' }, 'Sign in'), el('a', { href: '#/signup' + (location.hash.includes('?') ? '?' + location.hash.split('?')[1] : '') }, 'Create an account')));
  show(main, el('section.panel', { style: 'max-width:460px;margin:0 auto' }, el('h1', 'Sign in'), form));
}

function signupPage() {
  const errors = el('div', { 'aria-live': 'assertive' });
  const form = el('form', { id: 'signup-form', onsubmit: async e => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    errors.replaceChildren();
    const address = { street: data.street.trim(), city: data.city.trim(), postalCode: data.postalCode.trim(), country: data.country.trim().toUpperCase() };
    try {
      await api('/api/auth/signup', { method: 'POST', body: { email: data.email.trim(), password: data.password, name: data.name.trim(), address } });
      localStorage.setItem('eventshop.address', JSON.stringify({ name: data.name.trim(), ...address }));
      session.save(await api('/api/auth/login', { method: 'POST', body: { email: data.email.trim(), password: data.password } }));
      toast('Your account is ready');
      nextAfterLogin();
    } catch (err) {
      const problems = err.problem?.errors?.map(x => el('li', `${x.field}: ${x.message}`));
      errors.replaceChildren(errorNotice(err, err.status === 409 ? 'This email already has an account' : 'Sign-up failed'),
        problems?.length ? el('ul.field-error', problems) : '');
      button.disabled = false;
    }
  } },
  el('div.form-grid',
    el('div', field('name', 'Full name', { required: true, autocomplete: 'name' })),
    el('div', field('email', 'Email', { type: 'email', required: true, autocomplete: 'email' }))),
  field('password', 'Password (at least 10 characters)', { type: 'password', required: true, minlength: 10, autocomplete: 'new-password' }),
  el('fieldset', el('legend', 'Address'), el('div.form-grid',
    el('div', field('street', 'Street', { required: true, autocomplete: 'street-address' })),
    el('div', field('city', 'City', { required: true, autocomplete: 'address-level2' })),
    el('div', field('postalCode', 'Postal code', { required: true, autocomplete: 'postal-code' })),
    el('div', field('country', 'Country (2 letters)', { required: true, maxlength: 2, value: 'FR', autocomplete: 'country' })))),
  errors, el('div.actions', el('button', { type: 'submit' }, 'Create account'), el('a', { href: '#/login' }, 'I already have an account')));
  show(main, el('section.panel', { style: 'max-width:640px;margin:0 auto' }, el('h1', 'Create your account'), form));
}

// ---------------------------------------------------------------- router

async function route() {
  stopFollowing();
  stopFollowing = () => {};
  const [path, query] = location.hash.replace(/^#/, '').split('?');
  const parts = (path || '/').split('/').filter(Boolean).map(decodeURIComponent);
  window.scrollTo(0, 0);
  const params = Object.fromEntries(new URLSearchParams(query || ''));
  const q = params.q;
  const input = document.getElementById('search-input');
  if (document.activeElement !== input) input.value = q || '';
  switch (parts[0]) {
    case undefined: return q ? searchPage(main, { q }, addFound) : productList({});
    case 'search': await renderCategories(params.category); return searchPage(main, params, addFound);
    case 'c': return productList({ category: parts[1] });
    case 'p': return productPage(parts[1]);
    case 'basket': return basketPage();
    case 'checkout': return checkoutPage();
    case 'login': return loginPage();
    case 'signup': return signupPage();
    case 'orders': return parts[1] ? orderPage(parts[1]) : myOrders();
    default: show(main, notice('info', 'Page not found. ', el('a', { href: '#/' }, 'Back to the shop')));
  }
}

function addFound(product) {
  basket.add(product);
  toast(`${product.name} added to your basket`);
}

document.getElementById('search-form').addEventListener('submit', e => {
  e.preventDefault();
  const q = document.getElementById('search-input').value.trim();
  location.hash = q ? searchHash({ q }) : '#/';
});

// Results as you type: the results page follows the search box (the URL too, without new history).
let typing;
document.getElementById('search-input').addEventListener('input', e => {
  clearTimeout(typing);
  const q = e.target.value;
  typing = setTimeout(async () => {
    if (!q.trim()) return;
    const current = new URLSearchParams(location.hash.split('?')[1] || '');
    const type = location.hash.startsWith('#/search') ? current.get('type') || '' : '';
    history.replaceState(null, '', searchHash({ q, type }));
    route();
    const list = document.getElementById('search-suggestions');
    const titles = await suggestions(q);
    list.replaceChildren(...titles.map(title => el('option', { value: title })));
  }, 150);
});
window.addEventListener('hashchange', () => { route(); main.focus({ preventScroll: true }); });
window.addEventListener('storage', renderBasketCount);
onSessionChange(renderAccountLinks);
renderAccountLinks();
renderBasketCount();
refreshStatus();
setInterval(refreshStatus, 5000);
route();
