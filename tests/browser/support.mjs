// What the browser tests share: a real sportello server of their own (fresh database, demo data, free
// loopback port, optionally with the courier pointed at real sinks), Debian's chromium through playwright-core
// with the required flags, the check run on every page (screenshot, labels, axe-core) and RFC 6238 codes for
// the demo staff.
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { createServer } from 'node:net';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(HERE, '..', '..');
const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
                        '--disable-component-update', '--disable-sync'];

// The environment of a server (and of sportelloctl on the same database) in `folder`, plus `extra`.
export function serverEnv(folder, extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SPORTELLO_')));
  Object.assign(env, {
    SPORTELLO_DATABASE_URL: 'sqlite:' + join(folder, 'web.db'),
    SPORTELLO_OUTBOX_KEY_FILE: join(folder, 'outbox.key'),
    SPORTELLO_AUDIT_KEY_FILE: join(folder, 'audit.key'),
    SPORTELLO_AUDIT_SIGNING_KEY_FILE: join(folder, 'audit-signing.key'),
    SPORTELLO_AUDIT_CHECKPOINT_FILE: join(folder, 'audit-checkpoints.log'),
    SPORTELLO_COURIER_RUN_IN_SERVER: '0',
    SPORTELLO_ARGON2_MEMORY_KIB: '8192', SPORTELLO_ARGON2_ITERATIONS: '1',
    // The pages are walked many times over from one address with the same people: the allowances of issue 15
    // (tested on their own in tests/e2e/test_limits.py) are opened wide here.
    SPORTELLO_LIMITS_ADDRESS_PER_HOUR: '100000', SPORTELLO_LIMITS_ADDRESS_BURST: '1000',
    SPORTELLO_LIMITS_REQUESTS_PER_CODE: '1000', SPORTELLO_LIMITS_RECOVERIES_PER_CODE: '1000',
    SPORTELLO_LIMITS_RENEWALS_PER_CODE: '1000', SPORTELLO_LIMITS_LETTERS_PER_HOLDER: '1000',
  }, extra);
  if (process.env.SPORTELLO_DATA_DIR) env.SPORTELLO_REFERENCE_DATA_DIR = process.env.SPORTELLO_DATA_DIR;
  return env;
}

// Prints `pattern`'s first match on a line of `proc`'s standard output, or fails after 30 s.
function firstLine(proc, pattern, what) {
  const lines = createInterface({ input: proc.stdout });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start`)), 30000);
    lines.on('line', (line) => {
      const m = line.match(pattern);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`${what} exited with ${code}`)); });
  });
}

// The pass without JavaScript sends the server the same requests as the pass with it; the sanitizer build
// (make test-sanitize), which is there for the server's memory, skips it with SPORTELLO_BROWSER_JS_ONLY=1.
export const withoutJavaScript = process.env.SPORTELLO_BROWSER_JS_ONLY
  ? { skip: 'the pass without JavaScript runs in the plain build' } : {};

// A free loopback port (the kernel's choice, released at once), for a server that must know its own address.
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// With SPORTELLO_TEST_POSTGRES (a URL with {db} where the name goes; tests/CMakeLists.txt sets it for the
// web_*_postgresql variants) the server gets a fresh PostgreSQL database there, dropped when it stops; else SQLite.
const POSTGRES = process.env.SPORTELLO_TEST_POSTGRES;
function psql(url, statement) {
  execFileSync('psql', ['--no-psqlrc', '--quiet', '--set=ON_ERROR_STOP=1', `--dbname=${url}`, `--command=${statement}`],
               { stdio: ['ignore', 'ignore', 'inherit'] });
}

// A server of its own: fresh database and key, demo data, a free port (or `port`). `extra` adds environment.
export async function startServer(ctl, server, extra = {}, port = 0) {
  const folder = mkdtempSync(join(tmpdir(), 'sportello-web-'));
  const env = serverEnv(folder, extra);
  let dropDatabase = () => {};
  if (POSTGRES) {
    const name = 'sportello_web_' + randomBytes(8).toString('hex');
    const admin = POSTGRES.replace('{db}', 'postgres');
    psql(admin, `CREATE DATABASE ${name}`);
    env.SPORTELLO_DATABASE_URL = POSTGRES.replace('{db}', name);
    dropDatabase = () => psql(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  execFileSync(ctl, ['demo', 'seed'], { env, cwd: folder, stdio: 'ignore' });
  const proc = spawn(server, ['serve', '--listen', `127.0.0.1:${port}`], { env, cwd: folder, stdio: ['ignore', 'pipe', 'ignore'] });
  // SPORTELLO_TEST_SERVER_LOG=1 shows the server's log lines (JSON, on its standard output) while debugging.
  if (process.env.SPORTELLO_TEST_SERVER_LOG) proc.stdout.on('data', (chunk) => process.stderr.write(chunk));
  const url = await firstLine(proc, /^sportello listening on (https?:\/\/[\d.:]+)$/, 'sportello');
  return {
    url, folder, env,
    ctl: (...args) => execFileSync(ctl, args, { env, cwd: folder, encoding: 'utf8' }),
    // The folder goes once the server has exited: on SIGTERM it still writes (the audit checkpoint).
    stop: () => new Promise((done) => {
      const remove = () => { rmSync(folder, { recursive: true, force: true }); dropDatabase(); done(); };
      if (proc.exitCode !== null || proc.signalCode !== null) return remove();
      proc.once('exit', remove);
      proc.kill('SIGTERM');
    }),
  };
}

// The SMTP sink of tests/support (Debian's python3 with aiosmtpd), keeping mails in a folder of its own.
export async function startSmtpSink() {
  const folder = mkdtempSync(join(tmpdir(), 'sportello-smtp-'));
  const proc = spawn('/usr/bin/python3', [join(ROOT, 'tests', 'support', 'smtp_sink.py'), '--dir', folder], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await firstLine(proc, /^listening (\d+)$/, 'the SMTP sink');
  return { port, folder, stop: () => { proc.kill('SIGTERM'); rmSync(folder, { recursive: true, force: true }); } };
}

// The HTTP sink of tests/support that stands for the SMS gateway.
export async function startHttpSink() {
  const folder = mkdtempSync(join(tmpdir(), 'sportello-sms-'));
  const proc = spawn('/usr/bin/python3', [join(ROOT, 'tests', 'support', 'http_sink.py'), '--dir', folder], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await firstLine(proc, /^listening (\d+)$/, 'the HTTP sink');
  return { port, folder, stop: () => { proc.kill('SIGTERM'); rmSync(folder, { recursive: true, force: true }); } };
}

// `options` add to the context's (the CNS walk's clientCertificates: the card a reader would give the browser).
export async function browse(javaScriptEnabled, options = {}) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  // axe is injected as a script: the pages' CSP would refuse it, so the axe pass bypasses CSP.
  // ignoreHTTPSErrors: the SPID walk's server speaks TLS with a certificate the test made.
  const context = await browser.newContext({ javaScriptEnabled, bypassCSP: javaScriptEnabled, locale: 'it-IT', acceptDownloads: true,
                                            ignoreHTTPSErrors: true, ...options });
  return { browser, context, page: await context.newPage() };
}

// The widths every page is walked at: a desktop and a phone. The sanitizer build walks the desktop only: the
// phone's walk sends the server the same requests (as the pass without JavaScript does, above).
export const WIDTHS = process.env.SPORTELLO_BROWSER_JS_ONLY ? [1280] : [1280, 390];

// Runs `steps(page, width)` in a fresh browser (its context with `options`) at each of `widths` (WIDTHS unless
// told), then stops `server`, whatever fails.
// Motion is reduced: Bootstrap Italia scrolls smoothly otherwise, and without JavaScript playwright waits
// forever for a smooth scroll into view to settle before a click on a long form.
export async function atEveryWidth(server, js, steps, widths = WIDTHS, options = {}) {
  try {
    for (const width of widths) {
      const { browser, page } = await browse(js, options);
      try {
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ reducedMotion: 'reduce' });
        await steps(page, width);
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.stop();
  }
}

// Screenshots and axe results of one test file; `save()` writes `<prefix>axe-summary.json`.
export class PageChecks {
  constructor(outputDir, prefix = '') {
    this.out = outputDir;
    this.prefix = prefix;
    this.summary = {};
    mkdirSync(outputDir, { recursive: true });
  }

  // Screenshot, every field labelled, then (with JavaScript) axe-core: no serious or critical violation.
  async check(page, name, javaScriptEnabled) {
    const suffix = javaScriptEnabled ? '' : '-nojs';
    await page.screenshot({ path: join(this.out, `${name}${suffix}.png`), fullPage: true });
    const unlabelled = await page.$$eval('input:not([type=hidden]), select, textarea',
      (fields) => fields.filter((f) => !(f.id && document.querySelector(`label[for="${f.id}"]`)) && !f.getAttribute('aria-label')).map((f) => f.name));
    assert.deepEqual(unlabelled, [], `${name}: every form field has a label`);
    if (!javaScriptEnabled) return;
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate(async () => await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
    const grave = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    this.summary[name] = { violations: result.violations.map((v) => `${v.id} (${v.impact})`), passes: result.passes.length };
    assert.deepEqual(grave.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target).join(', ')}`), [], `${name}: axe`);
  }

  // check() at `width` (the name gets "-<width>"), and nothing wider than the screen: wide tables scroll in
  // their box.
  async look(page, name, javaScriptEnabled, width) {
    await this.check(page, `${name}-${width}`, javaScriptEnabled);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    const wide = await page.evaluate(() => [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-responsive'))
      .map((e) => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className).slice(0, 5));
    assert.ok(overflow <= 0, `${name} at ${width} px: the page is ${overflow} px wider than the screen (${wide.join(', ')})`);
  }

  save() {
    writeFileSync(join(this.out, `${this.prefix}axe-summary.json`), JSON.stringify(this.summary, null, 2));
  }
}

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

// A TOTP code is refused once used: a second sign-in of an account within 30 s takes the next step's code, which
// the server accepts one step ahead of now at most (further ahead, this waits for it). Steps are counted per
// server (each has its own accounts). A code taken at the current step stays valid when a step boundary passes
// before the server checks it (one step either side).
const lastTotpStep = new Map();
const totpStepNow = () => Math.floor(Date.now() / 30000);
export async function freshCode(server, account) {
  const key = `${server.url} ${account.username}`;
  const step = Math.max(totpStepNow(), (lastTotpStep.get(key) ?? -1) + 1);
  while (step > totpStepNow() + 1) await new Promise((done) => setTimeout(done, 500));
  lastTotpStep.set(key, step);
  return totp(account.totp, step * 30);
}
// A sign-in refused after every factor was right did not use its code's step: the next may take it again.
export function stepUnused(server, account) {
  const key = `${server.url} ${account.username}`;
  lastTotpStep.set(key, lastTotpStep.get(key) - 1);
}

// A small valid one-page PDF whose text is `line`, as a citizen attaches or a scanner makes of a signed form.
export function smallPdf(line) {
  const stream = `BT /F1 14 Tf 40 100 Td (${line}) Tj ET`;
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((object, i) => {
    const at = body.length;
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return at;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` + offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

// The RFC 6238 code (SHA-1, 6 digits, 30 s) of a base32 secret at `seconds` (now by default).
export function totp(secretBase32, seconds = Date.now() / 1000) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(seconds / 30)));
  const mac = createHmac('sha1', base32Decode(secretBase32)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, '0');
}

// Fills each field by id: fillFields(page, { surname: 'Verdi', ... }); a radio group (sex) by its value.
export async function fillFields(page, values) {
  for (const [id, value] of Object.entries(values)) {
    const option = page.locator(`input[type=radio][name="${id}"][value="${value}"]`);
    // Bootstrap Italia draws the radio on its label, which is what a person clicks.
    if (await option.count()) await page.click(`label[for="${await option.getAttribute('id')}"]`);
    else await page.fill(`#${id}`, value);
  }
}

// Luca Verdi, the applicant of the request tests: his residence (step 1) and personal data (step 2).
export const LUCA_RESIDENCE = { street: 'Via Appia Nuova', number: '12', cap: '00183', comune: 'Roma', province: 'RM' };
export const LUCA_PERSON = { surname: 'Verdi', name: 'Luca', sex: 'M', birth_date: '1980-05-15', birth_place: 'Roma', birth_province: 'RM',
                              home_phone: '06 4567 8901' };

// The demo staff of `sportelloctl demo seed` (src/app/demo_seed.cpp).
export const DEMO_STAFF = {
  contact_center: { username: 'cc.rossi', password: 'demo-contact-center', totp: 'KRUGS4ZANFZSAYJAORSXG5BAONSWG4TF' },
  office: { username: 'sede.bianchi', password: 'demo-office-password', totp: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U' },
  back_office: { username: 'bo.verdi', password: 'demo-back-office-pw', totp: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' },
  patronato: { username: 'pat.neri', password: 'demo-patronato-pw', totp: 'ONSWG4TFOQQGC3TEEBZWK2LBNRUXUZLE' },
  admin: { username: 'admin', password: 'demo-admin-password', totp: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' },
};

// Polls `probe` until it returns something truthy, or fails after `seconds`.
export async function waitFor(probe, what, seconds = 20) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// The mails an SMTP sink kept: [{seq, to, subject, message_id, text}] (tests/support/mailbox.py decodes MIME).
export function mails(folder) {
  return JSON.parse(execFileSync('/usr/bin/python3', [join(ROOT, 'tests', 'support', 'mailbox.py'), folder], { encoding: 'utf8' }));
}

// The text of every PDF below `folder` (pdftotext -layout), by path.
export function pdfTexts(folder) {
  const found = execFileSync('find', [folder, '-name', '*.pdf', '-type', 'f'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  return Object.fromEntries(found.map((path) => [path, execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' })]));
}
