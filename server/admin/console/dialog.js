// The dialog: its node graph as a list, and a phone-shaped simulator playing the live or a
// proposed dialog as USSD or SMS through the real engine (a dry run: nothing stored or sent).
import { api } from './api.js';
import { h, show, status } from './dom.js';
import { t } from './i18n.js';

export async function dialogPage() {
  const live = await api('GET', '/dialogs/live');
  const channel = h('select', { id: 'sim-channel' }, h('option', { value: 'ussd' }, 'USSD *1708#'),
    h('option', { value: 'sms' }, 'SMS 1708'));
  const screen = h('div', { class: 'screen', id: 'sim-screen' });
  const input = h('input', { id: 'sim-input', autocomplete: 'off' });
  const proposed = h('textarea', { id: 'dlg-proposed' });
  const useProposed = h('input', { type: 'checkbox', id: 'dlg-use' });
  let inputs = [];
  const play = async () => {
    const body = { channel: channel.value, inputs };
    if (useProposed.checked) body.dialog = JSON.parse(proposed.value);
    const r = await api('POST', '/dialogs/dry-run', body);
    const last = r.steps[r.steps.length - 1];
    screen.textContent = last ? last.screen : '';
    screen.dataset.end = last && last.end ? 'true' : 'false';
  };
  const send = async (e) => {
    e.preventDefault();
    inputs.push(input.value);
    input.value = '';
    try { await play(); } catch (err) { inputs.pop(); status(err.message, true); }
  };
  const reset = async () => {
    inputs = [];
    try { await play(); } catch (err) { status(err.message, true); }
  };
  channel.addEventListener('change', reset);
  proposed.value = JSON.stringify(live.dialog, null, 2);
  show(h('section', {}, h('h1', {}, t('dlg.sim')), h('p', {}, t('dlg.nothing')),
    h('div', { class: 'grid' }, h('div', { class: 'phone' }, screen,
      h('form', { class: 'row', id: 'sim-form', onsubmit: send }, input,
        h('button', { type: 'submit', id: 'sim-send' }, t('dlg.send')))),
    h('div', {}, h('div', { class: 'row' }, channel,
      h('button', { type: 'button', id: 'sim-reset', onclick: reset }, t('dlg.reset'))),
    h('label', {}, useProposed, t('dlg.use'))))),
  h('section', {}, h('h2', {}, t('dlg.nodes')), h('table', { id: 'dlg-nodes' },
    live.nodes.map((n) => h('tr', {}, h('td', {}, n.id), h('td', {}, n.type),
      h('td', {}, n.prompt), h('td', {}, n.next.join(', ')))))),
  h('section', {}, h('h2', {}, t('dlg.proposed')), proposed,
    h('button', { type: 'button', id: 'dlg-validate', onclick: async () => {
      try {
        await api('POST', '/dialogs/validate', { dialog: JSON.parse(proposed.value) });
        status(t('dlg.ok'));
      } catch (err) { status(err.body?.problems?.join('\n') || err.message, true); }
    } }, t('dlg.validate'))));
  await reset();
}
