// Search: results as you type, facets on the side, highlighted titles, "did you mean", and
// crawled pages in their own tab. Everything comes from GET /api/search (the search service).
import { api } from './api.js';
import { el, show, loading, errorNotice, money, productImage } from './ui.js';

export const search = {
  query: params => api(`/api/search?${new URLSearchParams(clean(params))}`),
  suggest: q => api(`/api/search/suggest?${new URLSearchParams({ q })}`),
};

function clean(params) {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, name) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[name.toLowerCase()] ?? all;
  });
}

/**
 * The server's escaped text with <mark> around matches, as DOM nodes: only text nodes and <mark>
 * elements are ever created, so nothing in a product's text can become markup.
 */
export function marked(html) {
  const nodes = [];
  let inMark = false;
  for (const part of String(html ?? '').split(/(<mark>|<\/mark>)/)) {
    if (part === '<mark>') { inMark = true; continue; }
    if (part === '</mark>') { inMark = false; continue; }
    if (!part) continue;
    const text = decode(part);
    nodes.push(inMark ? el('mark', text) : document.createTextNode(text));
  }
  return nodes;
}

/** Where the search page's state lives: the URL hash, e.g. #/search?q=boot&category=shoes. */
export function searchHash(params) {
  const query = new URLSearchParams(clean(params)).toString();
  return `#/search${query ? `?${query}` : ''}`;
}

const SORTS = [['relevance', 'Best match'], ['price_asc', 'Price: low to high'], ['price_desc', 'Price: high to low'],
  ['newest', 'Newest']];

/**
 * The results page. {@code params}: q, type (product|page), category, minPrice, maxPrice, sort.
 * {@code addToBasket(product)} puts a found product in the basket.
 */
export async function searchPage(main, params, addToBasket) {
  const state = { type: 'product', sort: 'relevance', ...clean(params) };
  const heading = el('h1', state.q ? `Results for “${state.q}”` : 'Search');
  show(main, heading, loading('Searching…'));
  let data;
  let other;
  try {
    [data, other] = await Promise.all([
      search.query({ ...state, size: 24 }),
      state.q ? search.query({ q: state.q, type: state.type === 'page' ? 'product' : 'page', size: 1 }).catch(() => null)
        : Promise.resolve(null),
    ]);
  } catch (e) {
    show(main, heading, errorNotice(e, 'Search is not available right now'));
    return;
  }
  const go = changes => { location.hash = searchHash({ ...state, ...changes }); };
  const counts = {
    product: state.type === 'product' ? data.total : other?.total,
    page: state.type === 'page' ? data.total : other?.total,
  };
  const tabs = el('div.search-tabs', { role: 'tablist', 'aria-label': 'What to search' },
    ['product', 'page'].map(type => el('button', {
      type: 'button', role: 'tab', 'aria-selected': String(state.type === type), dataset: { type },
      onclick: () => go({ type, category: '', minPrice: '', maxPrice: '', sort: '' }),
    }, `${type === 'product' ? 'Products' : 'Pages'}${counts[type] === undefined ? '' : ` (${counts[type]})`}`)));
  const didYouMean = data.suggestion
    ? el('p.did-you-mean', 'Did you mean ', el('a', { href: searchHash({ ...state, q: data.suggestion }) },
      data.suggestion), '?')
    : null;
  const list = el('div', { 'aria-live': 'polite' });
  const results = state.type === 'page' ? pageResults(data, state) : productResults(data, state, addToBasket);
  show(list, results);
  const more = moreButton(data, state, list, addToBasket);
  const sort = state.type === 'product' ? el('label.sort', 'Sort ', el('select', {
    onchange: e => go({ sort: e.target.value }),
  }, SORTS.map(([value, label]) => el('option', { value, selected: state.sort === value }, label)))) : null;
  const summary = el('p.search-summary', `${data.total} ${data.total === 1 ? 'result' : 'results'}`);
  const aside = state.type === 'product' ? facets(data.facets, state, go) : null;
  show(main, heading, tabs, didYouMean,
    el('div.search-layout', aside, el('section.search-results', el('div.search-bar', summary, sort), list, more)));
}

function productResults(data, state, addToBasket) {
  if (!data.items.length) {
    return el('p.empty', state.q ? 'No product matches your search.' : 'No products here yet.');
  }
  return el('div.grid', { 'aria-label': 'Products' }, data.items.map(item => productCard(item, addToBasket)));
}

function productCard(item, addToBasket) {
  const product = { id: item.id, name: item.title, price: Number(item.price), currency: item.currency,
    image: item.imageUrl, categorySlug: item.category, categoryName: item.categoryName };
  const href = `#/p/${encodeURIComponent(item.id)}`;
  return el('article.product-card.search-hit', { dataset: { productId: item.id } },
    el('a.cover', { href, tabindex: '-1', 'aria-hidden': 'true' },
      el('img', { src: productImage(product, 'medium'), alt: '', loading: 'lazy', width: 400, height: 300 })),
    el('div.body',
      item.categoryName ? el('span.category', item.categoryName) : null,
      el('h3', el('a', { href }, marked(item.titleHtml ?? item.title))),
      item.snippet ? el('p.snippet', marked(item.snippet)) : null,
      el('span.price', money(Math.round(Number(item.price) * 100), item.currency)),
      el('div.actions', el('button.secondary', {
        type: 'button', 'aria-label': `Add ${item.title} to basket`, onclick: () => addToBasket(product),
      }, 'Add to basket'))));
}

function pageResults(data, state) {
  if (!data.items.length) {
    return el('p.empty', state.q ? 'No crawled page matches your search.' : 'No crawled pages yet.');
  }
  return el('ol.page-hits', { 'aria-label': 'Pages' }, data.items.map(pageHit));
}

function pageHit(item) {
  const safe = /^https?:\/\//i.test(item.url) ? item.url : '#';
  return el('li.page-hit',
    el('a', { href: safe, rel: 'noopener noreferrer nofollow', target: '_blank' }, marked(item.titleHtml ?? item.title)),
    el('span.page-url', item.url),
    item.snippet ? el('p.snippet', marked(item.snippet)) : null);
}

function moreButton(data, state, list, addToBasket) {
  if (!data.next) return null;
  let next = data.next;
  const button = el('button.secondary.more', {
    type: 'button',
    onclick: async () => {
      button.disabled = true;
      try {
        const page = await search.query({ ...state, size: 24, after: next });
        const container = list.querySelector('.grid, .page-hits');
        page.items.forEach(item => container.append(state.type === 'page' ? pageHit(item) : productCard(item, addToBasket)));
        next = page.next;
        if (!next) button.remove(); else button.disabled = false;
      } catch (e) {
        button.replaceWith(errorNotice(e, 'More results could not be loaded'));
      }
    },
  }, 'Show more');
  return button;
}

function facets(f, state, go) {
  const categories = f?.category ?? [];
  const prices = f?.price ?? [];
  const rangeLabel = r => r.to === null || r.to === undefined ? `${money(r.from * 100)} and more`
    : `${money(r.from * 100)} – ${money(r.to * 100)}`;
  // maxPrice is inclusive and ranges are [from, to): a range stops a cent below the next one
  const maxFor = r => (r.to === null || r.to === undefined ? '' : (Number(r.to) - 0.01).toFixed(2));
  const priceActive = r => String(state.minPrice ?? '') === String(r.from) && String(state.maxPrice ?? '') === maxFor(r);
  return el('aside.facets', { 'aria-label': 'Refine' },
    el('h2', 'Category'),
    el('ul', categories.map(c => el('li', el('button.facet', {
      type: 'button', 'aria-pressed': String(state.category === c.value), dataset: { facet: 'category', value: c.value },
      onclick: () => go({ category: state.category === c.value ? '' : c.value }),
    }, `${c.label} `, el('span.count', `(${c.count})`))))),
    el('h2', 'Price'),
    el('ul', prices.map(r => el('li', el('button.facet', {
      type: 'button', 'aria-pressed': String(priceActive(r)), disabled: r.count === 0 && !priceActive(r),
      dataset: { facet: 'price', value: `${r.from}-${r.to ?? ''}` },
      onclick: () => (priceActive(r) ? go({ minPrice: '', maxPrice: '' }) : go({ minPrice: String(r.from), maxPrice: maxFor(r) })),
    }, `${rangeLabel(r)} `, el('span.count', `(${r.count})`))))));
}

/** Type-ahead: titles for the datalist under the search box. */
export async function suggestions(q) {
  try {
    const data = await search.suggest(q);
    return data.items.map(i => i.title);
  } catch {
    return [];
  }
}
