// The console's shell: sign in and out, the language toggle, and which page shows (the part of
// the URL after '#', which never holds a token).
import { api, signIn, signOut, token } from './api.js';
import { h, show, status } from './dom.js';
import { lang, setLang, t, translateStatic } from './i18n.js';
import { casesPage } from './cases.js';
import { dashboardPage } from './dashboard.js';
import { templatesPage } from './templates.js';
import { dialogPage } from './dialog.js';

const PAGES = { cases: casesPage, dashboard: dashboardPage, templates: templatesPage,
  dialog: dialogPage };
let me = null;

function signInPage(message) {
  const input = h('input', { type: 'password', id: 'token', autocomplete: 'off', required: true });
  const form = h('form', { id: 'signin', onsubmit: async (e) => {
    e.preventDefault();
    signIn(input.value.trim());
    await start();
  } }, h('label', {}, t('signin.token'), input), ' ',
  h('button', { class: 'primary', type: 'submit' }, t('signin')));
  show(h('section', {}, h('h1', {}, t('signin.title')), form,
    message ? h('p', { class: 'error' }, message) : null));
  document.getElementById('nav').hidden = true;
  document.getElementById('signout').hidden = true;
  document.getElementById('who').textContent = '';
}

function defaultPage() {
  if (me.role === 'template_editor') return 'templates';
  if (['inspectorate', 'regent', 'auditor', 'ombudsman'].includes(me.role)) return 'dashboard';
  return 'cases';
}

async function route() {
  if (!me) return;
  const name = location.hash.slice(1).split('/')[0] || defaultPage();
  for (const a of document.querySelectorAll('#nav a')) {
    a.classList.toggle('active', a.getAttribute('href') === `#${name}`);
  }
  status('');
  try {
    await (PAGES[name] || PAGES.cases)(me, location.hash.slice(1).split('/').slice(1));
  } catch (err) {
    if (err.status === 401) { signOut(); me = null; signInPage(t('signin.bad')); return; }
    status(err.message, true);
  }
}

async function start() {
  translateStatic();
  if (!token()) { signInPage(); return; }
  try {
    me = await api('GET', '/me');
  } catch (err) {
    signOut();
    signInPage(err.status === 401 ? t('signin.bad') : err.message);
    return;
  }
  document.getElementById('nav').hidden = false;
  document.getElementById('signout').hidden = false;
  document.getElementById('who').textContent = `${me.name} (${me.scope})`;
  await route();
}

document.getElementById('signout').addEventListener('click', () => {
  signOut();
  me = null;
  signInPage();
});
document.getElementById('lang').addEventListener('click', async () => {
  setLang(lang() === 'id' ? 'en' : 'id');
  translateStatic();
  if (me) await route(); else signInPage();
});
window.addEventListener('hashchange', route);
start();
