// For the inspectorate, the regent's office and the auditor: cases by status, category and
// agency, the on-time rate, what is overdue now, and a small bar chart.
import { api } from './api.js';
import { h, show } from './dom.js';
import { t } from './i18n.js';

function tally(cases, field) {
  const counts = {};
  for (const c of cases) counts[c[field] || '—'] = (counts[c[field] || '—'] || 0) + 1;
  return Object.entries(counts).sort((a, b) => b[1] - a[1]);
}

function chart(id, title, rows) {
  const max = Math.max(1, ...rows.map(([, n]) => n));
  return h('section', { id, class: 'bars' }, h('h2', {}, title), rows.map(([name, n]) => {
    const fill = h('span', { class: 'fill' });
    fill.style.width = `${Math.round((n / max) * 200)}px`;
    return h('div', { class: 'bar-line' }, h('span', {}, name), fill, h('span', {}, n));
  }));
}

export async function dashboardPage() {
  const cases = [];
  let cursor = null;
  for (let page = 0; page < 10; page++) {
    const q = new URLSearchParams({ limit: '100' });
    if (cursor) q.set('cursor', cursor);
    const data = await api('GET', `/cases?${q}`);
    cases.push(...data.cases);
    cursor = data.next_cursor;
    if (!cursor) break;
  }
  const answered = cases.filter((c) => c.responded_at);
  const onTime = answered.filter((c) => !c.answered_late).length;
  const rate = answered.length ? Math.round((onTime / answered.length) * 100) : 100;
  const overdue = cases.filter((c) => c.overdue).length;
  show(h('section', { id: 'dash-summary' }, h('h1', {}, t('dash.title')),
    h('p', {}, `${t('dash.total')}: `, h('strong', {}, cases.length), ' · ',
      `${t('dash.ontime')}: `, h('strong', { id: 'dash-rate' }, `${rate}%`), ' · ',
      `${t('dash.overdue')}: `, h('strong', { class: overdue ? 'overdue' : '' }, overdue))),
  h('div', { class: 'grid' }, chart('dash-status', t('dash.status'), tally(cases, 'status')),
    chart('dash-category', t('dash.category'), tally(cases, 'category')),
    chart('dash-opd', t('dash.opd'), tally(cases, 'opd'))));
}
