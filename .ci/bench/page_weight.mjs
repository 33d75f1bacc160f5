// What a first visit costs, in Chromium: bytes on the wire (HTML and every script, wasm and
// stylesheet the page loads, as the browser sends Accept-Encoding itself), the largest single
// script or wasm file, and under a throttled phone profile (1.6 Mbps down, 750 kbps up,
// 150 ms round trip, CPU 4x slower) the time to text (first contentful paint) and to
// interactive (painted, and the loader's `data-hydrated` mark set: every island of the page runs).
// The reference in the same run is the same page's HTML without any script, served by a plain
// static file server: its time to text is what a document costs on that profile.
//
// Usage: node .ci/bench/page_weight.mjs BASE_URL OUT_FILE
// The portal at BASE_URL must have the demo data; the script signs in (creating what it needs
// through the portal itself) for the signed-in pages.
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(root, 'end2end/package.json'));
const { chromium } = require('@playwright/test');

const [base, outFile] = process.argv.slice(2);
const PROFILE = { latency: 150, downloadThroughput: (1.6e6 / 8) | 0, uploadThroughput: (750e3 / 8) | 0 };
const CPU = 4;
const password = 'lingon-cykel-fjäll-7';
const stamp = Date.now();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

/** One first visit in a fresh context (empty cache). */
async function visit(url, { throttle, storageState, waitHydrated = true } = {}) {
  const context = await browser.newContext({ storageState });
  const page = await context.newPage();
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.documentElement?.getAttribute('data-hydrated') === 'true') {
        window.__interactiveAt = performance.now();
        obs.disconnect();
      }
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-hydrated'] });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttle) {
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...PROFILE });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
  }
  const requests = new Map();
  cdp.on('Network.responseReceived', (e) => requests.set(e.requestId, { url: e.response.url, type: e.type, bytes: 0 }));
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.bytes = e.encodedDataLength;
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url, { waitUntil: 'load' });
  if (waitHydrated) {
    await page.waitForFunction(() => window.__interactiveAt !== undefined, null, { timeout: 60_000 });
  }
  // Let late requests (preloads, lazily loaded island chunks) finish.
  await page.waitForLoadState('networkidle');
  // First contentful paint (waited for: under CPU throttling it may be reported late).
  const text = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const now = performance.getEntriesByName('first-contentful-paint')[0];
        if (now) return resolve(now.startTime);
        new PerformanceObserver((list) => resolve(list.getEntries()[0].startTime)).observe({ type: 'paint', buffered: true });
        setTimeout(() => resolve(null), 10_000);
      }),
  );
  const hydrated = await page.evaluate(() => window.__interactiveAt ?? null);
  // Interactive: painted, and every script of the page done.
  const timing = { text, interactive: hydrated == null || text == null ? hydrated : Math.max(text, hydrated) };
  const list = [...requests.values()].filter((r) => r.url.startsWith(base) || r.url.startsWith('http://127.0.0.1'));
  const total = list.reduce((s, r) => s + r.bytes, 0);
  const code = list.filter((r) => /\.(js|wasm)$/.test(new URL(r.url).pathname));
  const largest = code.reduce((m, r) => (r.bytes > m.bytes ? r : m), { bytes: 0, url: '' });
  await context.close();
  return { total, largest, files: list.length, ...timing, errors };
}

/** The page's HTML without its scripts, from a static server: the reference. */
async function reference(url, storageState) {
  const context = await browser.newContext({ storageState });
  const res = await context.request.get(url);
  const html = (await res.text()).replace(/<script[\s\S]*?<\/script>/g, '').replace(/<link rel="(modulepreload|preload)"[^>]*>/g, '');
  const css = await (await context.request.get(new URL(html.match(/href="([^"]+\.css)"/)[1], base).href)).body();
  await context.close();
  const server = createServer((req, resp) => {
    if (req.url.endsWith('.css')) {
      resp.writeHead(200, { 'content-type': 'text/css' });
      resp.end(css);
    } else {
      resp.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      resp.end(html);
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const port = server.address().port;
  const r = await visit(`http://127.0.0.1:${port}${new URL(url).pathname}`, { throttle: true, waitHydrated: false });
  server.close();
  return r.text;
}

async function call(context, endpoint, form) {
  const res = await context.request.post(`${base}/api/${endpoint}`, { form });
  if (!res.ok()) throw new Error(`${endpoint}: ${res.status()} ${await res.text()}`);
  return res;
}

/** A signed-in applicant with an entry in an open year, and the organiser; their sessions. */
async function signedIn() {
  const bin = process.env.ECPA_BIN;
  const admin = `bench-admin.${stamp}@bra.se`;
  execFileSync(bin, ['create-admin', '--email', admin, '--name', 'Bench Admin'], {
    env: { ...process.env, ECPA_ADMIN_PASSWORD: password },
  });
  const org = await browser.newContext();
  await call(org, 'login', { email: admin, password, lang: 'sv' });
  const year = String(2040 + (stamp % 50));
  // The organiser's own form, with its defaults (rubric, limits), as a browser fills it.
  const stockholm = (d) => {
    const parts = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit',
      day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).formatToParts(d);
    const get = (t) => parts.find((p) => p.type === t).value;
    return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
  };
  const form = await org.newPage();
  await form.goto(`${base}/admin/competitions/new`);
  await form.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
  await form.getByLabel('År *', { exact: true }).fill(year);
  await form.getByLabel('Tema på svenska *').fill('Mätår');
  await form.getByLabel('Beskrivning på svenska *').first().fill('Ett år för mätningar.');
  await form.getByLabel('Öppnar för bidrag').fill(stockholm(new Date(Date.now() - 86_400_000)));
  await form.getByLabel('Sista tidpunkt för bidrag').fill(stockholm(new Date(Date.now() + 30 * 86_400_000)));
  await form.getByRole('button', { name: 'Spara tävlingsåret' }).click();
  await form.waitForURL(/\?saved=1$/);
  await form.close();
  const applicant = `bench.${stamp}@example.se`;
  const ctx = await browser.newContext();
  await call(ctx, 'register', { name: 'Bench Sökande', email: applicant, password, organisation: `Mätkommun ${stamp}`,
    kind: 'municipality', city: '', org_number: '', lang: 'sv' });
  const mailDir = process.env.ECPA_MAIL_DIR;
  let token;
  for (let i = 0; i < 100 && !token; i++) {
    const files = execFileSync('ls', [mailDir]).toString().split('\n').filter(Boolean);
    for (const f of files) {
      const text = readFileSync(join(mailDir, f), 'utf8').replace(/=\r?\n/g, '');
      if (text.includes(applicant)) token = text.match(/verify-email\?token=3D([0-9a-f]{64})|verify-email\?token=([0-9a-f]{64})/)?.slice(1).find(Boolean);
      if (token) break;
    }
    if (!token) await new Promise((r) => setTimeout(r, 200));
  }
  await call(ctx, 'verify_email', { token });
  await call(ctx, 'login', { email: applicant, password, lang: 'sv' });
  const mine = await (await ctx.request.get(`${base}/api/my_entries`)).json();
  const id = String(await (await call(ctx, 'start_entry', { year, organisation_id: String(mine.organisations[0][0]), lang: 'sv' })).json());
  const state = await ctx.storageState();
  const orgState = await org.storageState();
  await ctx.close();
  await org.close();
  return { state, orgState, id, year };
}

const PUBLIC = ['/', '/competitions/2022', '/archive', '/news', '/news/rri-vinner-ecpa-2022', '/events',
  '/events/webbinarium-vald-i-nara-relationer', '/accessibility', '/en', '/en/competitions/2022'];

const rows = [];
async function measure(path, who, storageState) {
  const url = `${base}${path}`;
  const plain = await visit(url, { storageState });
  const slow = await visit(url, { throttle: true, storageState });
  const ref = await reference(url, storageState);
  rows.push({ path, who, ...plain, throttledText: slow.text, throttledInteractive: slow.interactive, reference: ref,
    errors: [...plain.errors, ...slow.errors] });
}

for (const path of PUBLIC) await measure(path, 'public');
const s = await signedIn();
// With a year open for entries: the home page and the year's page show its countdown.
await measure('/?open', 'public');
await measure(`/competitions/${s.year}`, 'public');
await measure(`/entries/${s.id}`, 'applicant', s.state);
await measure('/entries', 'applicant', s.state);
await measure('/account', 'applicant', s.state);
await measure(`/admin/competitions/${s.year}`, 'organiser', s.orgState);
await measure('/admin/news/new', 'organiser', s.orgState);
await browser.close();

const kb = (b) => (b / 1024).toFixed(1);
const sec = (ms) => (ms == null ? '–' : (ms / 1000).toFixed(2));
const lines = [
  `# page weight and throttled timings, ${new Date().toISOString().slice(0, 16)}Z, Chromium ${browser.version?.() ?? ''}`,
  `# throttled: ${PROFILE.downloadThroughput * 8 / 1e6} Mbps down, ${PROFILE.uploadThroughput * 8 / 1e3} kbps up, ${PROFILE.latency} ms RTT, CPU ${CPU}x`,
  `# reference: the same HTML without scripts from a static server, time to text, same profile`,
  '',
  `${'page'.padEnd(44)} ${'who'.padEnd(10)} ${'KB wire'.padStart(8)} ${'files'.padStart(5)} ${'largest js/wasm KB'.padStart(18)} ${'text s'.padStart(7)} ${'inter. s'.padStart(8)} ${'ref s'.padStart(6)} ${'inter./ref'.padStart(10)}`,
];
for (const r of rows) {
  lines.push(`${r.path.padEnd(44)} ${r.who.padEnd(10)} ${kb(r.total).padStart(8)} ${String(r.files).padStart(5)} ${kb(r.largest.bytes).padStart(18)} ${sec(r.throttledText).padStart(7)} ${sec(r.throttledInteractive).padStart(8)} ${sec(r.reference).padStart(6)} ${(r.throttledInteractive / r.reference).toFixed(2).padStart(10)}`);
}
const errors = rows.flatMap((r) => r.errors.map((e) => `${r.path}: ${e}`));
lines.push('', errors.length ? `errors in the browser:\n  ${errors.join('\n  ')}` : 'no errors in the browser');
writeFileSync(outFile, lines.join('\n') + '\n');
console.log(lines.join('\n'));
if (errors.length) process.exit(1);
