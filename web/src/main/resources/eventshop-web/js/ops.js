// The operations console: polls the ops service (/api/ops/*) and follows its live event feed.
import { api, sse, session } from './api.js';
import { adminSignIn } from './signin.js';
import { el, show, errorNotice, when } from './ui.js';

const $ = id => document.getElementById(id);
const FEED_MAX = 200;

function statusText(s) {
  return s === 'UP' ? 'up' : s === 'DOWN' ? 'down' : (s || 'unknown').toLowerCase();
}

async function refreshServices() {
  try {
    const data = await api('/api/ops/services');
    show($('services-body'), el('div.tiles', { id: 'service-tiles' }, (data.services || []).map(s => el(
      `article.tile.${s.status === 'UP' ? 'up' : 'down'}`, { dataset: { service: s.name, status: s.status } },
      el('h3', s.name),
      el('p', { style: 'margin:0' }, el('strong', statusText(s.status)),
        s.detail ? el('span.meta', ` — ${s.detail}`) : ''),
      el('p.meta', { style: 'margin:.2rem 0 0' },
        s.url ? el('a', { href: s.healthUrl || `${s.url}/actuator/health` }, 'health') : '', ' · ',
        s.metricsUrl ? el('a', { href: s.metricsUrl }, 'metrics') : '', ' · ',
        s.docsUrl ? el('a', { href: s.docsUrl }, 'API') : ''),
      s.responseMillis !== undefined && s.responseMillis !== null ? el('p.meta', { style: 'margin:0' }, `${s.responseMillis} ms`) : ''))));
  } catch (e) {
    show($('services-body'), errorNotice(e, 'Service health unavailable'));
  }
}

async function refreshTopics() {
  try {
    const data = await api('/api/ops/topics');
    const topics = data.topics || [];
    const max = Math.max(1, ...topics.map(t => t.eventsPerSecond || 0));
    show($('topics-body'),
      el('p.category', `Sampled ${when(data.sampledAt)} over ${data.windowSeconds ?? '?'} s`),
      el('div.table-wrap', el('table', { id: 'topics-table' },
        el('thead', el('tr', el('th', 'Topic'), el('th', 'Writer'), el('th.num', 'Events'), el('th.num', 'Events/s'), el('th', ''), el('th', 'Consumer lag'))),
        el('tbody', topics.map(t => el('tr', { dataset: { topic: t.topic } },
          el('td', el('code', t.topic)),
          el('td', t.writer || ''),
          el('td.num', t.endOffset ?? ''),
          el('td.num.rate', (t.eventsPerSecond ?? 0).toFixed(1)),
          el('td.bar-cell', el('span', { style: `width:${Math.round(100 * (t.eventsPerSecond || 0) / max)}%`, 'aria-hidden': 'true' })),
          el('td', (t.consumers || []).length
            ? el('ul', { style: 'margin:0;padding-left:1rem' }, t.consumers.map(c => el('li', `${c.group}: ${c.lag}`)))
            : el('span.category', 'no consumer group'))))))));
  } catch (e) {
    show($('topics-body'), errorNotice(e, 'Topic figures unavailable'));
  }
}

async function refreshBreakers() {
  try {
    const data = await api('/api/ops/breakers');
    const breakers = data.breakers || [];
    show($('breakers-body'), breakers.length
      ? el('table', { id: 'breakers-table' }, el('thead', el('tr', el('th', 'Breaker'), el('th', 'State'), el('th.num', 'Failure rate'))),
        el('tbody', breakers.map(b => el('tr', el('td', b.name),
          el('td', el(`span.state.${b.state === 'CLOSED' ? 'good' : b.state === 'OPEN' ? 'bad' : 'wait'}`, b.state)),
          el('td.num', b.failureRate === undefined || b.failureRate === null || b.failureRate < 0 ? '–' : `${b.failureRate} %`)))))
      : el('p.empty', data.note || 'No circuit breakers reported.'));
  } catch (e) {
    show($('breakers-body'), errorNotice(e, 'Breaker states unavailable'));
  }
}

async function refreshEmails() {
  try {
    const data = await api('/api/ops/emails');
    const emails = data.emails || [];
    show($('emails-body'), emails.length
      ? el('ul', { id: 'email-list' }, emails.map(m => el('li',
        el('strong', m.subject || m.template || 'email'), ` to ${m.to || m.recipient || ''}`, ' ',
        el('span.category', when(m.sentAt || m.at)))))
      : el('p.empty', data.note || 'No emails sent yet.'));
  } catch (e) {
    show($('emails-body'), errorNotice(e, 'Emails unavailable'));
  }
}

function followEvents() {
  const list = $('feed-list');
  sse('/api/ops/events', e => {
    const item = el('li', { dataset: { topic: e.topic } },
      el('span.category', new Date(e.timestamp).toLocaleTimeString()), ' ',
      el('span.topic', e.topic), ' ', el('span.type', e.type), ' ', el('span', e.key || ''), ' ', e.summary || '');
    list.prepend(item);
    while (list.children.length > FEED_MAX) list.lastChild.remove();
  }, state => { $('feed-state').textContent = state === 'live' ? 'Live: newest first.' : 'Connection lost, reconnecting…'; });
}

async function refreshAll() {
  await Promise.all([refreshServices(), refreshTopics(), refreshBreakers(), refreshEmails()]);
  $('refreshed').textContent = `Updated ${new Date().toLocaleTimeString()}`;
}

async function start() {
  // The ops service decides who may see its data; ask it, and sign in when it says 401 or 403.
  let allowed = true;
  try { await api('/api/ops/breakers'); } catch (e) { allowed = !(e.status === 401 || e.status === 403); }
  if (!allowed) {
    // the console's data is for administrators: sign in first, then show it
    const dashboard = [...$('main').children];
    adminSignIn($('main'), () => { $('main').replaceChildren(...dashboard); start(); }, 'Operations sign-in');
    return;
  }
  refreshAll();
  setInterval(refreshAll, 3000);
  followEvents();
}

start();
