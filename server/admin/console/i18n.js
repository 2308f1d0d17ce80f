// Bahasa Indonesia first, English on the toggle; the choice is kept for the session.
const TEXTS = {
  id: {
    'nav.cases': 'Kasus', 'nav.dashboard': 'Dasbor', 'nav.templates': 'Templat',
    'nav.dialog': 'Dialog', signout: 'Keluar', signin: 'Masuk', 'signin.token': 'Token akses',
    'signin.title': 'Masuk ke konsol petugas', 'signin.bad': 'Token tidak dikenal',
    'cases.title': 'Antrean kasus', 'cases.status': 'Status', 'cases.category': 'Kategori',
    'cases.overdue': 'Hanya terlambat', 'cases.filter': 'Saring', 'cases.none': 'Tidak ada kasus',
    'cases.no': 'Nomor', 'cases.filed': 'Dilaporkan', 'cases.deadline': 'Tenggat',
    'cases.phone': 'Nomor pelapor', 'cases.more': 'Berikutnya', 'case.back': 'Kembali',
    'case.audit': 'Jejak audit', 'case.actions': 'Tindakan', 'case.details': 'Uraian',
    'case.done': 'Tindakan tersimpan', 'left': 'lagi', 'late': 'terlambat',
    'tpl.title': 'Templat pesan', 'tpl.search': 'Cari kunci atau teks', 'tpl.save': 'Simpan',
    'tpl.preview': 'Pratinjau', 'tpl.history': 'Riwayat', 'tpl.rollback': 'Kembalikan',
    'tpl.note': 'Catatan', 'tpl.saved': 'Tersimpan, versi', 'tpl.chars': 'karakter',
    'tpl.segments': 'SMS', 'tpl.used': 'Dipakai di', 'tpl.placeholders': 'Isian',
    'tpl.shipped': 'bawaan', 'dlg.title': 'Dialog', 'dlg.nodes': 'Simpul', 'dlg.sim': 'Simulator',
    'dlg.send': 'Kirim', 'dlg.reset': 'Mulai ulang', 'dlg.proposed': 'Dialog usulan (JSON)',
    'dlg.use': 'Pakai usulan', 'dlg.validate': 'Periksa', 'dlg.ok': 'Dialog valid',
    'dlg.nothing': 'Simulasi: tidak ada yang disimpan atau dikirim.',
    'dash.title': 'Dasbor', 'dash.status': 'Per status', 'dash.category': 'Per kategori',
    'dash.opd': 'Per OPD', 'dash.ontime': 'Tepat waktu', 'dash.overdue': 'Terlambat sekarang',
    'dash.total': 'Total kasus',
  },
  en: {
    'nav.cases': 'Cases', 'nav.dashboard': 'Dashboard', 'nav.templates': 'Templates',
    'nav.dialog': 'Dialog', signout: 'Sign out', signin: 'Sign in', 'signin.token': 'Access token',
    'signin.title': "Sign in to the officials' console", 'signin.bad': 'Unknown token',
    'cases.title': 'Case queue', 'cases.status': 'Status', 'cases.category': 'Category',
    'cases.overdue': 'Overdue only', 'cases.filter': 'Filter', 'cases.none': 'No cases',
    'cases.no': 'Number', 'cases.filed': 'Filed', 'cases.deadline': 'Deadline',
    'cases.phone': "Reporter's number", 'cases.more': 'Next page', 'case.back': 'Back',
    'case.audit': 'Audit trail', 'case.actions': 'Actions', 'case.details': 'Details',
    'case.done': 'Action saved', 'left': 'left', 'late': 'late',
    'tpl.title': 'Message templates', 'tpl.search': 'Search key or text', 'tpl.save': 'Save',
    'tpl.preview': 'Preview', 'tpl.history': 'History', 'tpl.rollback': 'Roll back',
    'tpl.note': 'Note', 'tpl.saved': 'Saved, version', 'tpl.chars': 'characters',
    'tpl.segments': 'SMS', 'tpl.used': 'Used in', 'tpl.placeholders': 'Placeholders',
    'tpl.shipped': 'shipped', 'dlg.title': 'Dialog', 'dlg.nodes': 'Nodes', 'dlg.sim': 'Simulator',
    'dlg.send': 'Send', 'dlg.reset': 'Start over', 'dlg.proposed': 'Proposed dialog (JSON)',
    'dlg.use': 'Use proposed', 'dlg.validate': 'Check', 'dlg.ok': 'The dialog is valid',
    'dlg.nothing': 'Simulation: nothing is stored or sent.',
    'dash.title': 'Dashboard', 'dash.status': 'By status', 'dash.category': 'By category',
    'dash.opd': 'By agency', 'dash.ontime': 'On time', 'dash.overdue': 'Overdue now',
    'dash.total': 'Cases',
  },
};

export function lang() { return sessionStorage.getItem('lapor1708.lang') || 'id'; }
export function setLang(value) { sessionStorage.setItem('lapor1708.lang', value); }
export function t(key) { return TEXTS[lang()][key] ?? key; }

// Texts written in the page itself (data-i18n) follow the language too.
export function translateStatic() {
  document.documentElement.lang = lang();
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  document.getElementById('lang').textContent = lang() === 'id' ? 'EN' : 'ID';
}
