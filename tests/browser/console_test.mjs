// The officials' console in headless Chromium against the real server (run.sh starts it): sign
// in, work a case as verifier, region admin and OPD, edit a template (the counter changes),
// preview, roll back, play a whole report in the simulator, see the dashboard. A screenshot of
// each page goes to $SCREENSHOTS. Throughout: every request stays on the server's origin, every
// console answer carries the CSP, no URL holds a token, and neither the served pages nor the
// server's log hold a token or the reporter's number.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const { BASE, SERVER_LOG, SCREENSHOTS, CHROMIUM, AT_TOKEN } = process.env;
const TOKENS = { verifier: process.env.T_VERIFIER, region: process.env.T_REGION,
  opd: process.env.T_OPD, editor: process.env.T_EDITOR, inspectorate: process.env.T_INSPECTORATE };
const PHONE = '081234567890';
const PHONE_DIGITS = '1234567890';
const REPORT = ['1', '1', '1', 'koba', '1', 'Antrean puskesmas lama sekali', '2'];

// Files a report through the USSD webhook, as a citizen would; returns its tracking number.
async function fileReport() {
  let text = '';
  let screen = '';
  for (const input of ['', ...REPORT]) {
    text = input === '' ? '' : (text ? `${text}*${input}` : input);
    // The callback URL carries the Africa's Talking token, as the dashboard's does.
    const res = await fetch(`${BASE}/webhooks/africastalking/ussd?token=${AT_TOKEN}`, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ sessionId: 'browser-1', serviceCode: '*1708#',
        phoneNumber: PHONE, networkCode: '51010', text }),
    });
    screen = await res.text();
  }
  assert.ok(screen.startsWith('END'), screen);
  return screen.match(/\d{9}/)[0];
}

const seen = { urls: [], bodies: [] };
function watch(page) {
  page.on('request', (req) => seen.urls.push(req.url()));
  page.on('response', async (res) => {
    const url = res.url();
    if (url.startsWith(`${BASE}/admin/`) && !url.startsWith(`${BASE}/admin/v1/`)) {
      assert.ok(res.headers()['content-security-policy']?.includes("script-src 'self'"),
        `no CSP on ${url}`);
      seen.bodies.push(await res.text().catch(() => ''));
    }
  });
}

async function shot(page, name) {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

async function signIn(page, token) {
  await page.goto(`${BASE}/admin/`);
  if (await page.locator('#signout').isVisible()) await page.click('#signout');
  await page.fill('#token', token);
  await page.click('#signin button[type=submit]');
  await page.waitForSelector('#nav:not([hidden])');
}

async function act(page, no, action, fields = {}) {
  await page.goto(`${BASE}/admin/#cases/${no}`);
  await page.waitForSelector(`form[data-action=${action}]`);
  for (const [name, value] of Object.entries(fields)) {
    await page.fill(`form[data-action=${action}] input[name=${name}]`, value);
  }
  await page.click(`#act-${action}`);
  await page.waitForFunction((a) => !document.querySelector(`#act-${a}`), action);
}

async function casesAsEachRole(page, no) {
  await signIn(page, TOKENS.verifier);
  await page.waitForSelector(`#queue tr[data-no="${no}"]`);
  await shot(page, '01-cases-verifier');
  await page.click(`#queue tr[data-no="${no}"]`);
  await page.waitForSelector('#audit');
  await shot(page, '02-case-detail');
  await act(page, no, 'verify');
  await act(page, no, 'forward', { region: '19.04' });
  await signIn(page, TOKENS.region);
  await page.waitForSelector(`#queue tr[data-no="${no}"]`);
  await act(page, no, 'dispatch', { opd: 'dinkes', tier: 'complaint' });
  await shot(page, '03-case-region-admin');
  await signIn(page, TOKENS.opd);
  await page.waitForSelector(`#queue tr[data-no="${no}"]`);
  await act(page, no, 'respond', { answer: 'Dokter tambahan bertugas mulai Senin.' });
  assert.match(await page.textContent('h1'), /responded/);
  assert.ok(await page.locator('#audit tr').count() >= 4);
  await shot(page, '04-case-opd');
}

async function templates(page) {
  await signIn(page, TOKENS.editor);
  await page.waitForSelector('#tpl-list');
  await shot(page, '05-templates');
  await page.fill('#tpl-search', 'notice.received');
  await page.click('a.edit[data-key="notice.received"][data-lang="id"]');
  await page.waitForSelector('#tpl-counter:has-text("GSM-7")');
  const before = await page.textContent('#tpl-counter');
  await page.fill('#tpl-text', 'Laporan {tracking_no} diterima — terima kasih banyak atas ' +
    'laporan Anda. Cek status kapan saja: SMS CEK {tracking_no} ke 1708.');
  await page.waitForSelector('#tpl-counter:has-text("UCS-2")');
  assert.notEqual(await page.textContent('#tpl-counter'), before);
  await page.click('#tpl-preview-btn');
  await page.waitForSelector('#tpl-preview:has-text("00000013")');
  await page.fill('#tpl-note', 'uji peramban');
  const heading = await page.textContent('h1');
  await page.click('#tpl-save');
  await page.waitForSelector('#tpl-history .rollback[data-version="1"]');
  // The set's version in the heading follows the save.
  await page.waitForFunction((old) => document.querySelector('h1').textContent !== old, heading);
  await shot(page, '06-template-edit');
  await page.click('#tpl-history .rollback[data-version="0"]');
  await page.waitForSelector('#tpl-history .rollback[data-version="2"]');
  assert.match(await page.inputValue('#tpl-text'), /^Laporan \{tracking_no\}/);
  assert.doesNotMatch(await page.inputValue('#tpl-text'), /—/);
  await shot(page, '07-template-rollback');
}

async function simulator(page) {
  await page.goto(`${BASE}/admin/#dialog`);
  await page.waitForSelector('#sim-screen:has-text("LAPOR! 1708")');
  for (const input of REPORT) {
    const before = await page.textContent('#sim-screen');
    await page.fill('#sim-input', input);
    await page.click('#sim-send');
    await page.waitForFunction((b) => document.querySelector('#sim-screen').textContent !== b,
      before);
  }
  assert.equal(await page.getAttribute('#sim-screen', 'data-end'), 'true');
  assert.match(await page.textContent('#sim-screen'), /00000000/);
  await shot(page, '08-dialog-simulator');
}

async function dashboard(page) {
  await signIn(page, TOKENS.inspectorate);
  await page.goto(`${BASE}/admin/#dashboard`);
  await page.waitForSelector('#dash-status .bar-line');
  assert.match(await page.textContent('#dash-summary'), /1/);
  await page.click('#lang');
  await page.waitForSelector('#dash-summary h1:has-text("Dashboard")');
  await shot(page, '09-dashboard');
  await page.click('#lang');
}

const no = await fileReport();
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true,
  args: ['--headless', '--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  watch(page);
  await page.goto(`${BASE}/admin/`);
  await shot(page, '00-sign-in');
  await casesAsEachRole(page, no);
  await templates(page);
  await simulator(page);
  await dashboard(page);
  // A phone: the queue still usable at 390 px.
  const phone = await browser.newPage({ viewport: { width: 390, height: 800 } });
  watch(phone);
  await signIn(phone, TOKENS.verifier);
  await phone.waitForSelector('#queue');
  await shot(phone, '10-cases-phone');
  await page.click('#signout');
  await page.waitForSelector('#token');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('lapor1708.token')), null);
} finally {
  await browser.close();
}

for (const url of seen.urls) {
  assert.ok(url.startsWith(`${BASE}/`), `a request left the server: ${url}`);
  for (const token of Object.values(TOKENS)) assert.ok(!url.includes(token), `token in ${url}`);
  assert.ok(!url.includes(PHONE_DIGITS), `phone number in ${url}`);
}
for (const body of seen.bodies) {
  for (const token of Object.values(TOKENS)) assert.ok(!body.includes(token), 'token in a page');
}
const log = readFileSync(SERVER_LOG, 'utf8');
for (const token of Object.values(TOKENS)) assert.ok(!log.includes(token), 'token in the log');
for (const line of log.split('\n')) {
  assert.ok(!line.includes(PHONE_DIGITS) && !/\*+7890/.test(line), `phone number in the log: ${line}`);
}
console.log(`browser: ok (case ${no}, ${seen.urls.length} requests, screenshots in ${SCREENSHOTS})`);
