// The web portal in a real browser (issue 5): Debian's chromium driven by playwright-core against the real
// sportello server on a free loopback port, with demo data. Every page of the journey is checked with
// axe-core (no serious or critical violation) and saved as a screenshot; the journey runs again with
// JavaScript disabled. Usage: node portal_test.mjs PATH/TO/sportello PATH/TO/sportelloctl OUTPUT_DIR
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { startServer as start, browse, PageChecks, withoutJavaScript, fillFields, LUCA_RESIDENCE, LUCA_PERSON } from './support.mjs';

const [SERVER, CTL, OUT] = process.argv.slice(2).map((p) => resolve(p));
const checks = new PageChecks(OUT);
const check = (page, name, js) => checks.check(page, name, js);
const startServer = () => start(CTL, SERVER);

// The Rome clock times ("HH:MM") the server may announce for a block of `seconds` begun between the instants
// `before` and `after` (ms): the block's end rounded up to the next whole minute (docs/decisions/0008).
function toldTimes(before, after, seconds) {
  const format = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const times = new Set();
  for (let s = Math.floor(before / 1000); s <= Math.floor(after / 1000); ++s) {
    times.add(format.format(new Date(Math.ceil((s + seconds) / 60) * 60000)));
  }
  return times;
}

// The refusal on /accedi names the time of the next try and links to "Ha smarrito il PIN?".
async function assertRefusal(page, pattern, before, after, seconds) {
  const text = await page.textContent('#login-error');
  assert.match(text, pattern);
  const at = text.match(/alle (\d\d:\d\d)/);
  assert.ok(at, `no time in "${text}"`);
  assert.ok(toldTimes(before, after, seconds).has(at[1]), `${at[1]} is not the end of the block, rounded up`);
  assert.equal(await page.getAttribute('#login-error a', 'href'), '/pin-smarrito');
  assert.equal(await page.textContent('#login-error a'), 'Ha smarrito il PIN?');
}

async function journey(javaScriptEnabled) {
  const server = await startServer();
  const { browser, page } = await browse(javaScriptEnabled);
  // The error summary takes focus; Bootstrap Italia scrolls to it smoothly unless motion is reduced, and
  // without JavaScript playwright then waits forever for the page to settle before a click.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  try {
    await page.goto(server.url + '/');
    assert.equal(await page.textContent('h1'), 'Il suo PIN per i servizi online');
    assert.equal(await page.getAttribute('html', 'lang'), 'it');
    await check(page, '01-home', javaScriptEnabled);
    // Bootstrap Italia loads its fonts by script; sportello declares them in CSS so they load without one.
    const titillium = await page.evaluate(async () => {
      await document.fonts.load('600 16px "Titillium Web"');
      return document.fonts.check('600 16px "Titillium Web"');
    });
    assert.ok(titillium, 'Titillium Web is loaded');

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

    // Giulia: a wrong PIN blocks for 3 minutes at once, and says so with the time; then the block.
    await page.fill('#codice_fiscale', 'BNCGLI72C45F205W');
    await page.fill('#pin', 'WRONG123');
    const before = Date.now();
    await page.click('button[type=submit]');
    await assertRefusal(page, /non corretti\. Per sicurezza potrà riprovare tra 3 minuti, alle \d\d:\d\d\./, before, Date.now(), 180);
    await check(page, '05-login-wrong-pin', javaScriptEnabled);
    await page.fill('#pin', 'WRONG123');
    await page.click('button[type=submit]');
    await assertRefusal(page, /bloccato .* tra \d+ minut.*, alle \d\d:\d\d\./, before, Date.now(), 180);
    await check(page, '05-login-blocked', javaScriptEnabled);
    await page.click('#login-error a');
    assert.equal(new URL(page.url()).pathname, '/pin-smarrito');
    assert.equal(await page.textContent('h1'), 'Ha smarrito il PIN?');
    await page.goto(server.url + '/accedi');

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

    // Anna: first access with the 16 characters typed as the letter shows them, first half, a space, the
    // second; the codice fiscale in the groups of the card. Typed key by key: no field may cut them short.
    await page.type('#codice_fiscale', 'SPS NNA 90L61 F839V');
    await page.type('#pin', 'ABCDEFGH 23456789');
    assert.equal(await page.inputValue('#codice_fiscale'), 'SPS NNA 90L61 F839V');
    assert.equal(await page.inputValue('#pin'), 'ABCDEFGH 23456789');
    await page.click('button[type=submit]');
    assert.equal(new URL(page.url()).pathname, '/cambia-pin');
    assert.equal(await page.textContent('h1'), 'Primo accesso: scelga il suo PIN');
    await check(page, '07-first-access', javaScriptEnabled);
    await page.fill('#current_pin', 'ABCDEFGH23456789');
    await page.fill('#new_pin', 'AAA12345');
    if (javaScriptEnabled) assert.match(await page.textContent('#pin-strength'), /facile da indovinare/);
    else assert.equal(await page.isVisible('#pin-strength'), false, 'without JavaScript the rules are shown instead');
    await page.fill('#new_pin', 'W7XQ2ZKJ');
    if (javaScriptEnabled) assert.match(await page.textContent('#pin-strength'), /difficile da indovinare/);
    await page.fill('#confirm_pin', 'W7XQ2ZKK');
    await page.click('main button[type=submit]');
    assert.match(await page.textContent('#confirm-error'), /non coincidono/);
    await check(page, '08-first-access-mismatch', javaScriptEnabled);
    // A mistyped current PIN is named next to its field, with the way to recover a lost one.
    await page.fill('#current_pin', 'ABCDEFGH23456788');
    await page.fill('#new_pin', 'W7XQ2ZKJ');
    await page.fill('#confirm_pin', 'W7XQ2ZKJ');
    await page.click('main button[type=submit]');
    assert.match(await page.textContent('#current-error'), /non è corretto/);
    assert.equal(await page.getAttribute('#current-error a', 'href'), '/pin-smarrito');
    await check(page, '08-first-access-wrong-pin', javaScriptEnabled);
    // The halves joined by a dash, the new PIN in two groups of four and repeated without them.
    await page.type('#current_pin', 'ABCDEFGH-23456789');
    await page.type('#new_pin', 'W7XQ 2ZKJ');
    await page.fill('#confirm_pin', 'W7XQ2ZKJ');
    assert.equal(await page.inputValue('#current_pin'), 'ABCDEFGH-23456789');
    assert.equal(await page.inputValue('#new_pin'), 'W7XQ 2ZKJ');
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
    await fillFields(page, LUCA_RESIDENCE);
    await page.press('#province', 'Enter');  // implicit submission, as a keyboard user would
    assert.match(await page.textContent('#codice_fiscale-error'), /ultimo carattere/);
    await check(page, '10-request-step1-error', javaScriptEnabled);
    await page.fill('#codice_fiscale', luca);
    await page.press('#codice_fiscale', 'Enter');
    assert.match(await page.textContent('main'), /Passo 2 di 2/);
    await fillFields(page, LUCA_PERSON);
    await page.press('#birth_province', 'Enter');
    // A landline but neither a mobile nor an e-mail: the first half has nowhere to go (issue 14).
    assert.match(await page.textContent('#email-error'), /cellulare|e-mail/);
    await check(page, '11-request-step2-error', javaScriptEnabled);
    await page.fill('#email', 'luca.verdi@example.it');
    await page.press('#email', 'Enter');
    assert.equal(new URL(page.url()).pathname, '/richiesta-presa-in-carico');
    assert.match(await page.textContent('main'), /prima metà del PIN (arriva subito|è stata inviata)/);
    await check(page, '12-request-taken', javaScriptEnabled);
  } finally {
    await browser.close();
    server.stop();
  }
}

test('the journey through the portal works, reads Italian and English, and passes axe', async () => {
  await journey(true);
});

test('the same journey works with JavaScript disabled', withoutJavaScript, async () => {
  await journey(false);
});

after(() => checks.save());
