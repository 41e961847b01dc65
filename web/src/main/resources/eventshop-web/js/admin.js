// The admin: products (list, create, edit, images), stock, order lookup with its timeline, and crawls.
import { api, session, onSessionChange, upload, items } from './api.js';
import { catalog, orders } from './catalog.js';
import { timelineLine } from './timeline.js';
import { adminSignIn } from './signin.js';
import {
  el, show, loading, errorNotice, notice, toast, money,
  productId, productPrice, productImage, productImages, categoryOf, orderSteps, stateBadge,
} from './ui.js';

const main = document.getElementById('main');

function field(id, label, attrs = {}) {
  return el('div', el('label', { for: id }, label), el(attrs.tag || 'input', { id, name: id, ...attrs, tag: undefined }));
}

function renderUser() {
  const box = document.getElementById('admin-user');
  show(box, session.signedIn()
    ? el('span.nav-links', el('span', session.displayName()),
      el('button.secondary', { type: 'button', onclick: () => { session.clear(); location.hash = ''; } }, 'Sign out'))
    : '');
}

// ---------------------------------------------------------------- products

async function productsPage() {
  const filter = el('input', { id: 'product-filter', type: 'search', placeholder: 'Name or description' });
  const body = el('div', loading('Loading products…'));
  const load = async () => {
    show(body, loading('Loading products…'));
    try {
      const { items: products, total } = await catalog.products({ q: filter.value.trim(), size: 100 });
      show(body, el('p.category', `${total} products`), el('div.table-wrap', el('table', { id: 'products-table' },
        el('thead', el('tr', el('th', ''), el('th', 'Product'), el('th', 'Category'), el('th.num', 'Price'), el('th', 'Active'), el('th', ''))),
        el('tbody', products.map(p => {
          const price = productPrice(p);
          return el('tr', { dataset: { productId: productId(p) } },
            el('td', el('img', { src: productImage(p, 'small'), alt: '', width: 64, height: 48, style: 'width:64px;height:48px;object-fit:cover;border-radius:6px' })),
            el('td', el('strong', p.name), el('br'), el('span.category', productId(p))),
            el('td', categoryOf(p).name || ''),
            el('td.num', money(price.cents, price.currency)),
            el('td', p.active === false ? 'no' : 'yes'),
            el('td', el('a.button.secondary', { href: `#edit/${encodeURIComponent(productId(p))}` }, 'Edit')));
        })))));
    } catch (e) {
      show(body, errorNotice(e, 'The products could not be loaded'));
    }
  };
  show(main, el('div', { style: 'display:flex;justify-content:space-between;align-items:center;flex-wrap:wrap;gap:1rem' },
    el('h1', 'Products'), el('a.button', { href: '#new' }, 'New product')),
  el('form', { role: 'search', onsubmit: e => { e.preventDefault(); load(); }, style: 'display:flex;gap:.5rem;align-items:end;margin-bottom:1rem' },
    el('div', { style: 'flex:1' }, el('label', { for: 'product-filter' }, 'Filter'), filter), el('button', { type: 'submit' }, 'Filter')),
  body);
  load();
}

async function editPage(id) {
  show(main, loading('Loading…'));
  let product = null;
  let categories = [];
  try {
    [product, categories] = await Promise.all([id ? catalog.product(id) : null, catalog.categories()]);
  } catch (e) {
    show(main, errorNotice(e, 'The product could not be loaded'));
    return;
  }
  const price = product ? productPrice(product) : { cents: undefined, currency: 'EUR' };
  const category = product ? categoryOf(product) : {};
  const errors = el('div', { 'aria-live': 'assertive' });
  const picker = el('select', { id: 'category', name: 'category', required: true },
    el('option', { value: '' }, 'Choose a category…'),
    categories.map(c => el('option', { value: c.slug, selected: c.slug === category.slug }, `${c.name} (${c.slug})`)));
  const form = el('form', { id: 'product-form', onsubmit: save },
    el('div.form-grid',
      field('name', 'Name', { required: true, value: product?.name || '' }),
      field('sku', 'SKU', { required: true, value: product?.sku || '' }),
      field('slug', 'Slug', { required: true, pattern: '[a-z0-9-]+', value: product?.slug || '', title: 'lower-case letters, digits and dashes' }),
      el('div', el('label', { for: 'category' }, 'Category'), picker),
      field('price', 'Price', { required: true, type: 'number', step: '0.01', min: '0', value: price.cents !== undefined ? (price.cents / 100).toFixed(2) : '' }),
      field('currency', 'Currency', { required: true, maxlength: 3, value: price.currency || 'EUR' })),
    el('label', { for: 'description' }, 'Description'),
    el('textarea', { id: 'description', name: 'description' }, product?.description || ''),
    el('label', el('input', { type: 'checkbox', name: 'active', id: 'active', checked: product ? product.active !== false : true }), ' Active (shown in the shop)'),
    errors,
    el('div.actions', el('button', { type: 'submit', id: 'save-product' }, product ? 'Save changes' : 'Create product'), el('a', { href: '#products' }, 'Back to products')));

  // Fill the slug from the name for a new product.
  if (!product) {
    form.elements.name.addEventListener('input', () => {
      form.elements.slug.value = form.elements.name.value.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    });
  }

  async function save(e) {
    e.preventDefault();
    const d = Object.fromEntries(new FormData(form));
    const body = {
      sku: d.sku.trim(), slug: d.slug.trim(), name: d.name.trim(), description: d.description.trim(),
      price: { amount: Number(d.price).toFixed(2), currency: d.currency.trim().toUpperCase() },
      category: { slug: d.category }, active: form.elements.active.checked,
    };
    if (product?.version !== undefined) body.version = product.version;
    errors.replaceChildren();
    try {
      const saved = product
        ? await api(`/api/catalog/products/${encodeURIComponent(productId(product))}`, { method: 'PUT', body })
        : await api('/api/catalog/products', { method: 'POST', body });
      toast(product ? 'Saved' : 'Product created');
      location.hash = `#edit/${encodeURIComponent(productId(saved))}`;
      if (product) editPage(productId(saved));
    } catch (err) {
      const problems = err.problem?.errors?.map(x => el('li', `${x.field}: ${x.message}`));
      errors.replaceChildren(errorNotice(err, 'Not saved'), problems?.length ? el('ul.field-error', problems) : '');
    }
  }

  show(main, el('h1', product ? `Edit ${product.name}` : 'New product'),
    el('div.columns',
      el('section.panel', form),
      product ? el('div', imagesPanel(product), stockPanel(productId(product))) : el('aside.panel', notice('info', 'Create the product first; then add images and stock.'))));
}

function imagesPanel(product) {
  const id = productId(product);
  const input = el('input', { type: 'file', id: 'image-files', name: 'files', accept: 'image/jpeg,image/png,image/webp', multiple: true });
  const previews = el('div.previews', { 'aria-label': 'Selected images' });
  const bar = el('progress', { id: 'upload-progress', max: 100, value: 0, hidden: true, 'aria-label': 'Upload progress' });
  const percent = el('span', { id: 'upload-percent', 'aria-live': 'polite' });
  const result = el('div', { 'aria-live': 'polite' });
  const current = el('div.previews', { id: 'current-images' }, productImages(product).map(i => el('img', { src: i.small || i.medium, alt: '' })));
  input.addEventListener('change', () => {
    // data: URLs, not blob: ones: the gateway's Content-Security-Policy allows images from 'self' and data: only
    show(previews, [...input.files].map(f => {
      const img = el('img', { alt: `Preview of ${f.name}` });
      const reader = new FileReader();
      reader.onload = () => { img.src = reader.result; };
      reader.readAsDataURL(f);
      return img;
    }));
  });
  const form = el('form', { id: 'upload-form', onsubmit: async e => {
    e.preventDefault();
    if (!input.files.length) { result.replaceChildren(notice('warn', 'Choose one or more images first.')); return; }
    const data = new FormData();
    [...input.files].forEach(f => data.append('files', f, f.name));
    bar.hidden = false;
    bar.value = 0;
    result.replaceChildren();
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      await upload(`/api/catalog/products/${encodeURIComponent(id)}/images`, data, fraction => {
        bar.value = Math.round(fraction * 100);
        percent.textContent = `${Math.round(fraction * 100)} %`;
      });
      result.replaceChildren(notice('ok', { id: 'upload-done' }, 'Uploaded.'));
      const fresh = await catalog.product(id);
      show(current, productImages(fresh).map(i => el('img', { src: i.small || i.medium, alt: '' })));
      input.value = '';
      previews.replaceChildren();
    } catch (err) {
      result.replaceChildren(errorNotice(err, 'Upload failed'));
    } finally {
      button.disabled = false;
    }
  } },
  el('label', { for: 'image-files' }, 'Add images (JPEG, PNG or WebP)'), input, previews,
  el('div.actions', el('button', { type: 'submit', id: 'upload-button' }, 'Upload')), bar, percent, result);
  return el('section.panel', { 'aria-labelledby': 'images-h' }, el('h2', { id: 'images-h' }, 'Images'), current, form);
}

function stockPanel(id) {
  const levels = el('div', loading('Loading stock…'));
  const input = el('input', { id: 'stock-available', type: 'number', min: 0, required: true });
  const load = async () => {
    try {
      const s = await api(`/api/inventory/${encodeURIComponent(id)}`);
      input.value = s.available;
      show(levels, el('p', { id: 'stock-levels' }, `Available ${s.available} · reserved ${s.reserved} · sold ${s.sold}`));
    } catch (e) {
      show(levels, e.status === 404 ? el('p.empty', 'No stock recorded yet.') : errorNotice(e, 'Stock unavailable'));
    }
  };
  load();
  return el('section.panel', { 'aria-labelledby': 'stock-h' }, el('h2', { id: 'stock-h' }, 'Stock'), levels,
    el('form', { id: 'stock-form', onsubmit: async e => {
      e.preventDefault();
      try {
        await api(`/api/inventory/${encodeURIComponent(id)}`, { method: 'PUT', body: { available: Number(input.value) }, headers: { 'Idempotency-Key': crypto.randomUUID() } });
        toast('Stock updated');
        setTimeout(load, 500);
      } catch (err) {
        show(levels, errorNotice(err, 'Stock not changed'));
      }
    } }, el('label', { for: 'stock-available' }, 'Set available units'), input, el('div.actions', el('button', { type: 'submit' }, 'Set stock'))));
}

// ---------------------------------------------------------------- order lookup

function ordersPage(id) {
  const input = el('input', { id: 'order-id', required: true, value: id || '', placeholder: 'Order id' });
  const result = el('div');
  const lookup = async () => {
    const orderId = input.value.trim();
    if (!orderId) return;
    show(result, loading('Looking the order up…'));
    try {
      const order = await orders.await(orderId); // a just-placed order may take a moment to appear
      let timeline = [];
      let timelineError = null;
      try {
        const t = await orders.timeline(orderId);
        timeline = Array.isArray(t) ? t : t?.events || t?.timeline || [];
      } catch (e) { timelineError = e; }
      show(result, el('section.panel', { id: 'order-result' },
        el('h2', `Order ${order.orderId}`, ' ', stateBadge(order.state)),
        orderSteps(order.state),
        order.reasons?.length ? notice('error', 'Reason: ', order.reasons.join(', ')) : '',
        el('p', `Customer ${order.customerId} · total ${money(order.totalCents, order.currency)} · ${order.lines.length} line(s)`),
        el('h3', 'Timeline'),
        timeline.length ? el('ol', { id: 'order-timeline' }, timeline.map(timelineLine))
          : el('p.empty', timelineError ? `No timeline available (${timelineError.message}).` : 'No events yet.')));
    } catch (e) {
      show(result, e.status === 404 ? notice('info', `No order ${orderId}.`) : errorNotice(e, 'Lookup failed'));
    }
  };
  show(main, el('h1', 'Order lookup'),
    el('form.panel', { id: 'order-lookup', onsubmit: e => { e.preventDefault(); location.hash = `#orders/${encodeURIComponent(input.value.trim())}`; } },
      el('label', { for: 'order-id' }, 'Order id'), input, el('div.actions', el('button', { type: 'submit' }, 'Look up'))),
    result);
  if (id) lookup();
}

// ---------------------------------------------------------------- crawls

const CRAWL_COUNTERS = [
  ['fetched', 'Fetched'], ['queued', 'Queued'], ['skippedByRobots', 'Skipped by robots.txt'],
  ['duplicates', 'Duplicate URLs'], ['nearDuplicates', 'Near-duplicate pages'], ['badPages', 'Bad pages'],
  ['errors', 'Errors'], ['outstanding', 'In the frontier'],
];
let crawlTimer = null;

function stopCrawlTimer() {
  if (crawlTimer) { clearTimeout(crawlTimer); crawlTimer = null; }
}

function crawlsPage() {
  const errors = el('div', { 'aria-live': 'assertive' });
  const form = el('form.panel', { id: 'crawl-form', onsubmit: start },
    el('label', { for: 'crawl-seeds' }, 'Seed URLs (one per line)'),
    el('textarea', { id: 'crawl-seeds', name: 'seeds', required: true, rows: 2, placeholder: 'https://example.com/' }),
    el('div.form-grid',
      field('crawl-depth', 'Max depth', { type: 'number', min: 0, max: 50, value: 2, required: true }),
      field('crawl-max-pages', 'Max pages', { type: 'number', min: 1, value: 100, required: true })),
    el('label', { for: 'crawl-fields' }, 'Item fields (name=CSS selector, one per line)'),
    el('textarea', { id: 'crawl-fields', name: 'fields', rows: 2, placeholder: 'price=.product .price' }),
    errors,
    el('div.actions', el('button', { type: 'submit', id: 'start-crawl' }, 'Start crawl')));
  const list = el('div', loading('Loading crawls…'));

  async function start(e) {
    e.preventDefault();
    const params = {};
    for (const line of form.elements.fields.value.split('\n').map(l => l.trim()).filter(Boolean)) {
      const eq = line.indexOf('=');
      if (eq > 0) params[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
    }
    const body = {
      seeds: form.elements.seeds.value.split('\n').map(s => s.trim()).filter(Boolean),
      maxDepth: Number(form.elements['crawl-depth'].value),
      maxPages: Number(form.elements['crawl-max-pages'].value),
      params,
    };
    errors.replaceChildren();
    try {
      const job = await api('/api/crawler/jobs', { method: 'POST', body, headers: { 'Idempotency-Key': crypto.randomUUID() } });
      toast('Crawl started');
      location.hash = `#crawls/${encodeURIComponent(job.id)}`;
    } catch (err) {
      errors.replaceChildren(errorNotice(err, 'Not started'),
        err.problem?.field ? el('p.field-error', { id: 'crawl-error-field' }, `Check ${err.problem.field}`) : '');
    }
  }

  show(main, el('h1', 'Crawls'), form, el('h2', 'Jobs'), list);
  (async () => {
    try {
      const jobs = await api('/api/crawler/jobs');
      show(list, jobs.length ? el('div.table-wrap', el('table', { id: 'crawls-table' },
        el('thead', el('tr', el('th', 'Job'), el('th', 'Seeds'), el('th', 'State'), el('th.num', 'Fetched'), el('th.num', 'Errors'))),
        el('tbody', jobs.map(j => el('tr',
          el('td', el('a', { href: `#crawls/${encodeURIComponent(j.id)}` }, j.id.slice(0, 8))),
          el('td', (j.seeds || []).join(' ')), el('td', stateBadge(j.state)),
          el('td.num', String(j.fetched)), el('td.num', String(j.errors)))))))
        : el('p.empty', 'No crawls yet.'));
    } catch (e) {
      show(list, errorNotice(e, 'The crawls could not be loaded'));
    }
  })();
}

function crawlPage(id) {
  const body = el('div', loading('Loading the crawl…'));
  const cancel = el('button.secondary', { type: 'button', id: 'cancel-crawl', onclick: async () => {
    try {
      await api(`/api/crawler/jobs/${encodeURIComponent(id)}`, { method: 'DELETE' });
      toast('Cancelling');
    } catch (err) { toast(err.message); }
  } }, 'Cancel crawl');
  show(main, el('h1', 'Crawl ', el('span.category', id)), body, el('div.actions', cancel, el('a', { href: '#crawls' }, 'All crawls')));
  const refresh = async () => {
    crawlTimer = null;
    if (location.hash !== `#crawls/${encodeURIComponent(id)}`) return;
    try {
      const job = await api(`/api/crawler/jobs/${encodeURIComponent(id)}`);
      const over = ['DONE', 'FAILED', 'CANCELLED'].includes(job.state);
      cancel.disabled = over;
      show(body, el('section.panel', { id: 'crawl-status', dataset: { state: job.state } },
        el('p', 'State ', el('span', { id: 'crawl-state' }, stateBadge(job.state)),
          ` · seeds ${job.seeds.join(', ')} · depth ≤ ${job.maxDepth} · at most ${job.maxPages} pages`),
        el('dl.counters', { id: 'crawl-counters', 'aria-live': 'polite' }, CRAWL_COUNTERS.map(([k, label]) =>
          el('div', el('dt', label), el('dd', { id: `crawl-${k}` }, String(job[k] ?? 0)))))),
      el('h2', 'Latest pages'),
      job.recentPages?.length ? el('div.table-wrap', el('table', { id: 'crawl-pages' },
        el('thead', el('tr', el('th', 'Title'), el('th', 'URL'))),
        el('tbody', job.recentPages.map(p => el('tr', el('td', p.title || '(no title)'),
          el('td', el('a', { href: p.url, rel: 'noopener noreferrer', target: '_blank' }, p.url)))))))
        : el('p.empty', 'No pages yet.'));
      if (!over) crawlTimer = setTimeout(refresh, 1000);
    } catch (e) {
      show(body, e.status === 404 ? notice('info', 'The crawl is being queued…') : errorNotice(e, 'The crawl could not be loaded'));
      crawlTimer = setTimeout(refresh, 1000);
    }
  };
  refresh();
}

// ---------------------------------------------------------------- router

function route() {
  renderUser();
  if (!session.signedIn() || !session.isAdmin()) {
    adminSignIn(main, route, 'Admin sign-in');
    return;
  }
  const [page, arg] = location.hash.replace(/^#/, '').split('/').map(decodeURIComponent);
  stopCrawlTimer();
  switch (page) {
    case 'crawls': return arg ? crawlPage(arg) : crawlsPage();
    case 'new': return editPage(null);
    case 'edit': return editPage(arg);
    case 'orders': return ordersPage(arg);
    default: return productsPage();
  }
}

window.addEventListener('hashchange', () => { route(); main.focus({ preventScroll: true }); });
onSessionChange(renderUser);
route();
