// The queue each role works, a case with its audit trail, and the actions the role may take.
import { api } from './api.js';
import { h, show, status, wib } from './dom.js';
import { t } from './i18n.js';

// The statuses each role starts from.
const QUEUE = { verifier: 'submitted', region_admin: 'forwarded', opd: 'dispatched' };
const STATUSES = ['', 'submitted', 'needs_info', 'verified', 'forwarded', 'dispatched',
  'overdue', 'extended', 'escalated', 'responded', 'reopened', 'closed', 'rejected', 'referred'];
// The fields each action asks for (cases::ParseAction).
const FIELDS = { ask_info: ['reason'], reject: ['reason'], forward: ['region'],
  refer: ['agency'], dispatch: ['opd', 'tier'], respond: ['answer'] };

function nextDeadline(c) {
  const due = Object.values(c.deadlines || {});
  return due.length ? Math.min(...due) : null;
}

function countdown(due, now) {
  if (!due) return h('span', {}, '');
  const hours = Math.round((due - now) / 3600000);
  const late = hours < 0;
  const text = late ? `${-hours} h ${t('late')}` : `${hours} h ${t('left')}`;
  return h('span', { class: late ? 'overdue' : '' }, `${wib(due)} (${text})`);
}

export async function casesPage(me, path) {
  if (path[0]) return casePage(me, path[0]);
  const statusSelect = h('select', { id: 'f-status' },
    STATUSES.map((s) => h('option', { value: s, selected: s === (QUEUE[me.role] || '') }, s)));
  const category = h('input', { id: 'f-category', size: 12 });
  const overdue = h('input', { id: 'f-overdue', type: 'checkbox' });
  const table = h('tbody');
  const list = async () => {
    const q = new URLSearchParams({ limit: '50' });
    if (statusSelect.value) q.set('status', statusSelect.value);
    if (category.value) q.set('category', category.value);
    if (overdue.checked) q.set('overdue', 'true');
    const data = await api('GET', `/cases?${q}`);
    const now = Date.now();
    table.replaceChildren(...(data.cases.length ? data.cases.map((c) => h('tr', {
      class: 'pick', 'data-no': c.tracking_no,
      onclick: () => { location.hash = `cases/${c.tracking_no}`; },
    }, h('td', {}, c.tracking_no), h('td', {}, c.status), h('td', {}, c.category),
    h('td', {}, countdown(nextDeadline(c), now)), h('td', {}, wib(c.created_at)),
    h('td', {}, c.phone))) : [h('tr', {}, h('td', { colspan: 6 }, t('cases.none')))]));
  };
  show(h('section', {}, h('h1', {}, t('cases.title')),
    h('div', { class: 'row' }, h('label', {}, t('cases.status'), statusSelect),
      h('label', {}, t('cases.category'), category),
      h('label', {}, t('cases.overdue'), overdue),
      h('button', { type: 'button', onclick: () => list().catch((e) => status(e.message, true)) },
        t('cases.filter'))),
    h('table', { id: 'queue' }, h('thead', {}, h('tr', {}, h('th', {}, t('cases.no')),
      h('th', {}, t('cases.status')), h('th', {}, t('cases.category')),
      h('th', {}, t('cases.deadline')), h('th', {}, t('cases.filed')),
      h('th', {}, t('cases.phone')))), table)));
  await list();
}

function actionForm(c, name, reload) {
  const inputs = (FIELDS[name] || []).map((field) => h('input', { name: field,
    placeholder: field, 'data-action': name, required: field !== 'tier' }));
  return h('form', { class: 'row', 'data-action': name, onsubmit: async (e) => {
    e.preventDefault();
    const body = { action: name };
    for (const input of inputs) if (input.value) body[input.name] = input.value;
    try {
      await api('POST', `/cases/${c.tracking_no}/actions`, body);
      status(t('case.done'));
      await reload();
    } catch (err) { status(err.message, true); }
  } }, inputs, h('button', { type: 'submit', class: 'primary', id: `act-${name}` }, name));
}

async function casePage(me, no) {
  const data = await api('GET', `/cases/${encodeURIComponent(no)}`);
  const c = data.case;
  const reload = () => casePage(me, no);
  show(h('section', {}, h('a', { href: '#cases' }, `← ${t('case.back')}`),
    h('h1', {}, `${c.tracking_no} — ${c.status}`),
    h('table', { id: 'case' }, ...[['cases.category', `${c.category} / ${c.subcategory || ''}`],
      ['case.details', c.details], ['cases.phone', c.phone], ['cases.filed', wib(c.created_at)],
      ['cases.deadline', countdown(nextDeadline(c), Date.now())]]
      .map(([k, v]) => h('tr', {}, h('th', {}, t(k)), h('td', {}, v))))),
  h('section', { id: 'actions' }, h('h2', {}, t('case.actions')),
    data.actions.map((name) => actionForm(c, name, reload))),
  h('section', {}, h('h2', {}, t('case.audit')), h('table', { id: 'audit' },
    data.audit.map((e) => h('tr', {}, h('td', {}, wib(e.at)), h('td', {}, e.actor),
      h('td', {}, e.action), h('td', {}, `${e.from} → ${e.to}`), h('td', {}, e.note || e.text || ''))))));
}
