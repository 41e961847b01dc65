// The administrator sign-in shared by the admin and the operations console (tokens are shared
// through localStorage, so signing in on one signs in on the other).
import { api, session } from './api.js';
import { el, show, notice, errorNotice } from './ui.js';

export function adminSignIn(container, onSignedIn, title = 'Administrator sign-in') {
  const errors = el('div', { 'aria-live': 'assertive' },
    session.signedIn() && !session.isAdmin() ? notice('warn', 'Sign in with an administrator account.') : '');
  const form = el('form', { id: 'admin-login', onsubmit: async e => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      session.save(await api('/api/auth/login', { method: 'POST', body: { email: data.email.trim(), password: data.password } }));
      if (!session.isAdmin()) {
        session.clear();
        errors.replaceChildren(notice('error', 'This account is not an administrator.'));
        button.disabled = false;
        return;
      }
      onSignedIn();
    } catch (err) {
      errors.replaceChildren(errorNotice(err, 'Sign-in failed'));
      button.disabled = false;
    }
  } },
  el('label', { for: 'email' }, 'Email'),
  el('input', { id: 'email', name: 'email', type: 'email', required: true, autocomplete: 'username', value: 'admin@eventshop.local' }),
  el('label', { for: 'password' }, 'Password'),
  el('input', { id: 'password', name: 'password', type: 'password', required: true, autocomplete: 'current-password' }),
  errors, el('div.actions', el('button', { type: 'submit' }, 'Sign in')));
  show(container, el('section.panel', { style: 'max-width:460px;margin:0 auto' }, el('h1', title), form));
}
