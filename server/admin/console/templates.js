// Templates: search, edit with a live character and SMS counter (the server's own count, so the
// console never disagrees with what is sent), preview, history with a diff, roll back.
import { api } from './api.js';
import { h, show, status, wib } from './dom.js';
import { t } from './i18n.js';

// A word diff of two texts: removed words struck, added words marked.
function diff(before, after) {
  const a = before.split(/(\s+)/);
  const b = after.split(/(\s+)/);
  const table = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1
        : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const out = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) { out.push(a[i]); i++; j++; }
    else if (j < b.length && (i === a.length || table[i][j + 1] >= table[i + 1][j])) {
      out.push(h('ins', {}, b[j])); j++;
    } else { out.push(h('del', {}, a[i])); i++; }
  }
  return h('span', { class: 'diff' }, out);
}

function counterText(p) {
  // UCS-2 is the warning itself: a character outside GSM-7 shrinks every SMS to 70 characters.
  const encoding = p.encoding === 'UCS-2' ? '⚠ UCS-2 (GSM-7 ✗)' : p.encoding;
  return `${[...p.text].length} ${t('tpl.chars')} · ${p.segments} ${t('tpl.segments')} · ` +
    encoding;
}

async function editor(entry, lang, reload) {
  const key = entry.key;
  const area = h('textarea', { id: 'tpl-text' });
  area.value = entry.texts[lang];
  const counter = h('p', { id: 'tpl-counter', class: 'counter' });
  const preview = h('pre', { id: 'tpl-preview' });
  const note = h('input', { id: 'tpl-note', placeholder: t('tpl.note') });
  const history = h('table', { id: 'tpl-history' });
  let timer = null;
  const count = async () => {
    const p = await api('POST', `/templates/${key}/${lang}/preview`, { text: area.value });
    counter.textContent = counterText(p);
    counter.className = `counter ${p.encoding === 'UCS-2' || p.problems ? 'warn' : ''}`;
    if (p.problems) counter.textContent += ` — ${p.problems}`;
    return p;
  };
  area.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(count, 150); });
  const showHistory = async () => {
    const data = await api('GET', `/templates/${key}/history`);
    const rows = data.history.filter((e) => e.lang === lang);
    history.replaceChildren(...rows.map((e, i) => h('tr', {},
      h('td', {}, `v${e.version}`), h('td', {}, wib(e.at)), h('td', {}, e.author),
      h('td', {}, e.note), h('td', {}, diff(rows[i + 1]?.text ?? data.shipped[lang], e.text)),
      h('td', {}, h('button', { type: 'button', class: 'rollback', 'data-version': e.version,
        onclick: () => rollback(e.version) }, t('tpl.rollback'))))),
    h('tr', {}, h('td', {}, 'v0'), h('td', { colspan: 4 }, `${t('tpl.shipped')}: ${data.shipped[lang]}`),
      h('td', {}, h('button', { type: 'button', class: 'rollback', 'data-version': 0,
        onclick: () => rollback(0) }, t('tpl.rollback')))));
  };
  const rollback = async (version) => {
    const r = await api('POST', `/templates/${key}/${lang}/rollback`, { version });
    status(`${t('tpl.saved')} ${r.version}`);
    await reload(key, lang);
  };
  const save = async () => {
    try {
      const r = await api('PUT', `/templates/${key}/${lang}`, { text: area.value, note: note.value });
      status([`${t('tpl.saved')} ${r.version}.`, ...r.warnings].join(' · '));
      await reload(key, lang);
    } catch (err) { status(err.message, true); }
  };
  const section = h('section', { id: 'tpl-editor' }, h('h2', {}, `${key} (${lang})`),
    h('p', {}, `${t('tpl.used')}: ${entry.used_in.join(', ')} · ${t('tpl.placeholders')}: `,
      entry.placeholders.map((p) => `{${p}} `)),
    area, counter, h('div', { class: 'row' }, note,
      h('button', { type: 'button', class: 'primary', id: 'tpl-save', onclick: save }, t('tpl.save')),
      h('button', { type: 'button', id: 'tpl-preview-btn', onclick: async () => {
        const p = await api('POST', `/templates/${key}/${lang}/preview`, { text: area.value });
        preview.textContent = p.text;
      } }, t('tpl.preview'))),
    preview, h('h3', {}, t('tpl.history')), history);
  await count();
  await showHistory();
  return section;
}

export async function templatesPage() {
  const data = await api('GET', '/templates');
  const search = h('input', { id: 'tpl-search', type: 'search', placeholder: t('tpl.search') });
  const list = h('tbody');
  const editorSlot = h('div');
  const heading = h('h1', {}, '');
  const showVersion = () => { heading.textContent = `${t('tpl.title')} (v${data.version})`; };
  const reload = async (key, lang) => {
    const fresh = await api('GET', '/templates');
    data.templates = fresh.templates;
    data.version = fresh.version;  // a save or a rollback made a new version of the set
    showVersion();
    render();
    const entry = data.templates.find((e) => e.key === key);
    editorSlot.replaceChildren(await editor(entry, lang, reload));
  };
  const render = () => {
    const q = search.value.toLowerCase();
    list.replaceChildren(...data.templates.filter((e) => !q || e.key.includes(q) ||
      Object.values(e.texts).some((x) => x.toLowerCase().includes(q))).map((e) => h('tr', {},
      h('td', {}, e.key), ...data.languages.map((lang) => h('td', {},
        h('a', { href: `#templates`, class: 'edit', 'data-key': e.key, 'data-lang': lang,
          onclick: async (ev) => {
            ev.preventDefault();
            editorSlot.replaceChildren(await editor(e, lang, reload));
            editorSlot.scrollIntoView();
          } }, e.texts[lang]))))));
  };
  search.addEventListener('input', render);
  render();
  showVersion();
  show(editorSlot, h('section', {}, heading, search,
    h('table', { id: 'tpl-list' }, list)));
}
