// Talking to the Eventshop HTTP APIs through the gateway (same origin, relative /api paths).
// Errors come back as application/problem+json; ApiError carries the problem's title and detail.

const TOKENS_KEY = 'eventshop.tokens';
const GUEST_KEY = 'eventshop.guestId';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

/** The tokens from /api/auth/login, kept in localStorage so a reload stays signed in. */
export const session = {
  tokens() {
    try { return JSON.parse(localStorage.getItem(TOKENS_KEY)) || null; } catch { return null; }
  },
  save(tokens) { localStorage.setItem(TOKENS_KEY, JSON.stringify(tokens)); notify(); },
  clear() { localStorage.removeItem(TOKENS_KEY); notify(); },
  /** The claims of the access token (not verified here: the gateway and services verify it). */
  claims() {
    const token = this.tokens()?.accessToken;
    if (!token) return null;
    try {
      const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(decodeURIComponent(escape(atob(payload))));
    } catch { return null; }
  },
  signedIn() { return !!this.claims(); },
  roles() {
    const c = this.claims() || {};
    const roles = c.roles || c.role || c.scope || c.authorities || [];
    return (Array.isArray(roles) ? roles : String(roles).split(/[ ,]/)).map(r => String(r).toLowerCase());
  },
  isAdmin() { return this.roles().some(r => r.includes('admin')); },
  /** The customer id orders are placed for: the token's customer, else a per-browser guest id. */
  customerId() {
    const c = this.claims();
    if (c) return c.customerId || c.customer_id || c.sub;
    let guest = localStorage.getItem(GUEST_KEY);
    if (!guest) {
      guest = 'guest-' + crypto.randomUUID();
      localStorage.setItem(GUEST_KEY, guest);
    }
    return guest;
  },
  displayName() {
    const c = this.claims() || {};
    return c.name || c.email || c.preferred_username || c.sub || '';
  },
};

const listeners = new Set();
export function onSessionChange(listener) { listeners.add(listener); }
function notify() { listeners.forEach(l => l()); }

async function parseBody(response) {
  const type = response.headers.get('Content-Type') || '';
  if (response.status === 204) return null;
  if (type.includes('json')) return response.json();
  const text = await response.text();
  return text ? { detail: text } : null;
}

async function refreshTokens() {
  const refreshToken = session.tokens()?.refreshToken;
  if (!refreshToken) return false;
  const response = await fetch('/api/auth/refresh', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refreshToken }),
  });
  if (!response.ok) { session.clear(); return false; }
  session.save(await response.json());
  return true;
}

/**
 * fetch() with JSON in and out, the access token, one refresh on 401, and problem+json errors
 * turned into ApiError. Network failures become ApiError(0).
 */
export async function api(path, { method = 'GET', body, headers = {}, retry = true } = {}) {
  const h = { Accept: 'application/json, application/problem+json', ...headers };
  const token = session.tokens()?.accessToken;
  if (token) h.Authorization = `Bearer ${token}`;
  if (body !== undefined && !(body instanceof FormData)) h['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method, headers: h,
      body: body === undefined ? undefined : (body instanceof FormData ? body : JSON.stringify(body)),
    });
  } catch (e) {
    throw new ApiError(0, { title: 'Network error', detail: 'The shop cannot be reached. Check your connection and try again.' });
  }
  if (response.status === 401 && retry && token && !path.startsWith('/api/auth/')) {
    if (await refreshTokens()) return api(path, { method, body, headers, retry: false });
  }
  const data = await parseBody(response);
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/** A list out of a page, whatever the API calls its items. */
export function items(page) {
  if (Array.isArray(page)) return page;
  if (!page) return [];
  return page.items || page.content || page.products || page.categories || page.orders || page.data || [];
}

/** Upload with progress (fetch cannot report upload progress; XMLHttpRequest can). */
export function upload(path, formData, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    const token = session.tokens()?.accessToken;
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.addEventListener('progress', e => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener('load', () => {
      let data = null;
      try { data = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch { data = { detail: xhr.responseText }; }
      if (xhr.status >= 200 && xhr.status < 300) { onProgress(1); resolve(data); }
      else reject(new ApiError(xhr.status, data));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, { title: 'Network error', detail: 'The upload failed.' })));
    xhr.send(formData);
  });
}

/**
 * Follows a Server-Sent Events stream, calling onData with each event's JSON data (and the
 * event name). fetch() streams the response and, unlike EventSource, can send the Authorization
 * header; the stream is reopened after a drop until the returned stop function is called.
 */
export function sse(path, onData, onConnection = () => {}) {
  let stopped = false;
  let controller;
  const run = async () => {
    while (!stopped) {
      controller = new AbortController();
      try {
        const headers = { Accept: 'text/event-stream' };
        const token = session.tokens()?.accessToken;
        if (token) headers.Authorization = `Bearer ${token}`;
        const response = await fetch(path, { headers, signal: controller.signal });
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        onConnection('live');
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value.replace(/\r\n/g, '\n');
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const lines = block.split('\n');
            const name = lines.find(l => l.startsWith('event:'))?.slice(6).trim() || 'message';
            const data = lines.filter(l => l.startsWith('data:')).map(l => l.slice(5).replace(/^ /, '')).join('\n');
            if (!data) continue; // a heartbeat comment
            try { onData(JSON.parse(data), name); } catch { /* not JSON: ignored */ }
          }
        }
      } catch (e) {
        if (stopped) return;
      }
      if (!stopped) {
        onConnection('reconnecting');
        await new Promise(r => setTimeout(r, 1500));
      }
    }
  };
  run();
  return () => { stopped = true; controller?.abort(); };
}
