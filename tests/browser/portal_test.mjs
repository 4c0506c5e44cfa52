// The web portal in a real browser (issue 5): Debian's chromium driven by playwright-core against the real
// sportello server on a free loopback port, with demo data. Every page of the journey is checked with
// axe-core (no serious or critical violation) and saved as a screenshot; the journey runs again with
// JavaScript disabled. Usage: node portal_test.mjs PATH/TO/sportello PATH/TO/sportelloctl OUTPUT_DIR
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const [SERVER, CTL, OUT] = process.argv.slice(2).map((p) => resolve(p));
const HERE = dirname(fileURLToPath(import.meta.url));
const AXE = join(HERE, '..', '..', 'node_modules', 'axe-core', 'axe.min.js');
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
                        '--disable-component-update', '--disable-sync'];
mkdirSync(OUT, { recursive: true });
const axeSummary = {};

// A server of its own: fresh database and key, demo data, free port.
async function startServer() {
  const folder = mkdtempSync(join(tmpdir(), 'sportello-web-'));
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SPORTELLO_')));
  Object.assign(env, {
    SPORTELLO_DATABASE_URL: 'sqlite:' + join(folder, 'web.db'),
    SPORTELLO_OUTBOX_KEY_FILE: join(folder, 'outbox.key'),
    SPORTELLO_COURIER_RUN_IN_SERVER: '0',
    SPORTELLO_ARGON2_MEMORY_KIB: '8192', SPORTELLO_ARGON2_ITERATIONS: '1',
  });
  if (process.env.SPORTELLO_DATA_DIR) env.SPORTELLO_REFERENCE_DATA_DIR = process.env.SPORTELLO_DATA_DIR;
  execFileSync(CTL, ['demo', 'seed'], { env, cwd: folder, stdio: 'ignore' });
  const proc = spawn(SERVER, ['serve', '--listen', '127.0.0.1:0'], { env, cwd: folder, stdio: ['ignore', 'pipe', 'ignore'] });
  const lines = createInterface({ input: proc.stdout });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('sportello did not start')), 30000);
    lines.on('line', (line) => {
      const m = line.match(/^sportello listening on (http:\/\/[\d.:]+)$/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
  });
  return { url, stop: () => { proc.kill('SIGTERM'); rmSync(folder, { recursive: true, force: true }); } };
}

async function browse(javaScriptEnabled) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  // axe is injected as a script: the pages' CSP would refuse it, so the axe pass bypasses CSP.
  const context = await browser.newContext({ javaScriptEnabled, bypassCSP: javaScriptEnabled, locale: 'it-IT' });
  return { browser, page: await context.newPage() };
}

// Screenshot, then (with JavaScript) axe-core: no serious or critical violation, and every field labelled.
async function check(page, name, javaScriptEnabled) {
  const suffix = javaScriptEnabled ? '' : '-nojs';
  await page.screenshot({ path: join(OUT, `${name}${suffix}.png`), fullPage: true });
  const unlabelled = await page.$$eval('input:not([type=hidden]), select, textarea',
    (fields) => fields.filter((f) => !(f.id && document.querySelector(`label[for="${f.id}"]`)) && !f.getAttribute('aria-label')).length)
    .catch(() => 0);
  assert.equal(unlabelled, 0, `${name}: every form field has a label`);
  if (!javaScriptEnabled) return;
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
  const grave = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  axeSummary[name] = { violations: result.violations.map((v) => `${v.id} (${v.impact})`), passes: result.passes.length };
  assert.deepEqual(grave.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target).join(', ')}`), [], `${name}: axe`);
}

async function journey(javaScriptEnabled) {
  const server = await startServer();
  const { browser, page } = await browse(javaScriptEnabled);
  try {
    await page.goto(server.url + '/');
    assert.equal(await page.textContent('h1'), 'Il suo PIN per i servizi online');
    assert.equal(await page.getAttribute('html', 'lang'), 'it');
    await check(page, '01-home', javaScriptEnabled);

    await page.click('text=English');
    assert.equal(await page.textContent('h1'), 'Your PIN for online services');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await check(page, '02-home-en', javaScriptEnabled);
    await page.click('text=Italiano');
    assert.equal(await page.textContent('h1'), 'Il suo PIN per i servizi online');

    await page.click('header >> text=Accedi');
    assert.equal(await page.textContent('h1'), 'Accedi con il PIN');
    await check(page, '03-login', javaScriptEnabled);

    await page.fill('#codice_fiscale', 'RSSMRA85T10H501');
    await page.fill('#pin', 'PIN2DEMO');
    await page.click('button[type=submit]');
    assert.match(await page.textContent('#cf-error'), /codice fiscale non è valido/);
    await check(page, '04-login-bad-cf', javaScriptEnabled);

    // Giulia: a wrong PIN, then the block with the minutes left.
    await page.fill('#codice_fiscale', 'BNCGLI72C45F205W');
    await page.fill('#pin', 'WRONG123');
    await page.click('button[type=submit]');
    await page.fill('#pin', 'WRONG123');
    await page.click('button[type=submit]');
    assert.match(await page.textContent('#login-error'), /bloccato .* tra \d+ minut/);
    await check(page, '05-login-blocked', javaScriptEnabled);

    await page.fill('#codice_fiscale', 'RSSMRA85T10H501O');
    await page.fill('#pin', 'PIN2DEMO');
    await page.click('button[type=submit]');
    assert.equal(new URL(page.url()).pathname, '/area-riservata');
    assert.equal(await page.textContent('#level'), 'ordinario');
    assert.match(await page.textContent('main'), /mario\.rossi@example\.it/);
    await check(page, '06-reserved-area', javaScriptEnabled);

    await page.click('text=Esci');
    assert.equal(new URL(page.url()).pathname, '/');
    await page.goto(server.url + '/area-riservata');
    assert.equal(new URL(page.url()).pathname, '/accedi', 'logged out: the reserved area sends to the login');

    // Anna: first access with the 16 characters, then her personal PIN.
    await page.fill('#codice_fiscale', 'SPSNNA90L61F839V');
    await page.fill('#pin', 'ABCDEFGH23456789');
    await page.click('button[type=submit]');
    assert.equal(new URL(page.url()).pathname, '/cambia-pin');
    assert.equal(await page.textContent('h1'), 'Primo accesso: scelga il suo PIN');
    await check(page, '07-first-access', javaScriptEnabled);
    await page.fill('#current_pin', 'ABCDEFGH23456789');
    await page.fill('#new_pin', 'W7XQ2ZKJ');
    await page.fill('#confirm_pin', 'W7XQ2ZKK');
    await page.click('main button[type=submit]');
    assert.match(await page.textContent('#confirm-error'), /non coincidono/);
    await check(page, '08-first-access-mismatch', javaScriptEnabled);
    await page.fill('#current_pin', 'ABCDEFGH23456789');
    await page.fill('#new_pin', 'W7XQ2ZKJ');
    await page.fill('#confirm_pin', 'W7XQ2ZKJ');
    await page.click('main button[type=submit]');
    assert.equal(new URL(page.url()).pathname, '/area-riservata');
    assert.match(await page.textContent('main'), /Esposito/);

    // A new person requests a PIN in two steps; a wrong check character is named, a missing contact too.
    await page.click('text=Esci');
    await page.click('text=Richiedere il PIN');
    assert.equal(await page.textContent('h1'), 'Richiedi il PIN');
    await check(page, '09-request-step1', javaScriptEnabled);
    const luca = JSON.parse(execFileSync(CTL, ['--json', 'cf', 'compute', '--surname', 'Verdi', '--name', 'Luca', '--sex', 'M',
      '--birth-date', '1980-05-15', '--birth-place', 'H501'])).codice_fiscale;
    const wrongCheck = luca.slice(0, 15) + (luca[15] === 'A' ? 'B' : 'A');
    await page.fill('#codice_fiscale', wrongCheck);
    await page.fill('#street', 'Via Appia Nuova');
    await page.fill('#number', '12');
    await page.fill('#cap', '00183');
    await page.fill('#comune', 'Roma');
    await page.fill('#province', 'RM');
    await page.press('#province', 'Enter');  // implicit submission, as a keyboard user would
    assert.match(await page.textContent('#codice_fiscale-error'), /ultimo carattere/);
    await check(page, '10-request-step1-error', javaScriptEnabled);
    await page.fill('#codice_fiscale', luca);
    await page.press('#codice_fiscale', 'Enter');
    assert.match(await page.textContent('main'), /Passo 2 \/ 2/);
    await page.fill('#surname', 'Verdi');
    await page.fill('#name', 'Luca');
    await page.fill('#sex', 'M');
    await page.fill('#birth_date', '1980-05-15');
    await page.fill('#birth_place', 'Roma');
    await page.fill('#birth_province', 'RM');
    await page.press('#birth_province', 'Enter');
    assert.match(await page.textContent('#mobile-error'), /almeno un cellulare o un indirizzo e-mail/);
    await check(page, '11-request-step2-error', javaScriptEnabled);
    await page.fill('#email', 'luca.verdi@example.it');
    await page.press('#email', 'Enter');
    assert.equal(new URL(page.url()).pathname, '/richiesta-presa-in-carico');
    assert.match(await page.textContent('main'), /prima metà del PIN arriva subito/);
    await check(page, '12-request-taken', javaScriptEnabled);
  } finally {
    await browser.close();
    server.stop();
  }
}

test('the journey through the portal works, reads Italian and English, and passes axe', async () => {
  await journey(true);
});

test('the same journey works with JavaScript disabled', async () => {
  await journey(false);
});

after(() => {
  writeFileSync(join(OUT, 'axe-summary.json'), JSON.stringify(axeSummary, null, 2));
});
