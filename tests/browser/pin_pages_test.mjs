// The PIN's other pages in a real browser (issue 5), with JavaScript (axe on every page) and without:
// Attiva il PIN after a phone request (first half read from the letter, second from the mail of the chosen
// channel), Rinnova il PIN scaduto (an unexpired PIN refused, an expired one renewed) and Revoca il PIN.
// Usage: node pin_pages_test.mjs PATH/TO/sportello PATH/TO/sportelloctl OUTPUT_DIR
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer, startSmtpSink, browse, PageChecks, totp, DEMO_STAFF, waitFor, mails, pdfTexts, withoutJavaScript } from './support.mjs';

const [SERVER, CTL, OUT] = process.argv.slice(2).map((p) => resolve(p));
const checks = new PageChecks(OUT, 'pins-');
const HALF = '[A-HJKMNP-Z2-9]{8}';
const TESSERA = '80380000001234567890';
const TESSERA_EXPIRY = '2031-01-31';
const MARIO = { codice_fiscale: 'RSSMRA85T10H501O', pin: 'PIN2DEMO' };
const ANNA = { codice_fiscale: 'SPSNNA90L61F839V', pin: 'ABCDEFGH23456789', email: 'anna.esposito@example.it' };

const path = (page) => new URL(page.url()).pathname;

async function courierServer(extra = {}) {
  const smtp = await startSmtpSink();
  const spool = mkdtempSync(join(tmpdir(), 'sportello-spool-'));
  const server = await startServer(CTL, SERVER, {
    SPORTELLO_COURIER_RUN_IN_SERVER: '1', SPORTELLO_COURIER_POLL_INTERVAL: '1s',
    SPORTELLO_EMAIL_URL: `smtp://127.0.0.1:${smtp.port}`, SPORTELLO_EMAIL_TLS: 'none',
    SPORTELLO_LETTERS_SPOOL_DIR: spool, ...extra,
  });
  return { server, smtp, spool, stop: () => { server.stop(); smtp.stop(); rmSync(spool, { recursive: true, force: true }); } };
}

async function api(server, method, route, body, token) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const reply = await fetch(server.url + '/api/v1' + route, { method, headers, body: JSON.stringify(body) });
  return { status: reply.status, json: await reply.json() };
}

async function login(page, url, who, pin) {
  await page.goto(url + '/accedi');
  await page.fill('#codice_fiscale', who.codice_fiscale);
  await page.fill('#pin', pin);
  await page.click('main button[type=submit]');
}

async function activation(js) {
  const { server, smtp, spool, stop } = await courierServer();
  const { browser, page } = await browse(js);
  const check = (name) => checks.check(page, name, js);
  try {
    // The contact center registers a request by phone: the first half goes by letter.
    const staff = DEMO_STAFF.contact_center;
    const session = await api(server, 'POST', '/staff/sessions', { username: staff.username, password: staff.password, totp: totp(staff.totp) });
    assert.equal(session.status, 201);
    const cf = JSON.parse(server.ctl('--json', 'cf', 'compute', '--surname', 'Neri', '--name', 'Paola', '--sex', 'F',
      '--birth-date', '1975-02-11', '--birth-place', 'H501')).codice_fiscale;
    const registered = await api(server, 'POST', '/operator/phone-requests', {
      codice_fiscale: cf, surname: 'Neri', name: 'Paola', sex: 'F', birth_date: '1975-02-11', birth_place: 'H501',
      street: 'Via Nazionale', number: '5', cap: '00184', comune: 'Roma', province: 'RM',
      tessera_number: TESSERA, tessera_expiry: TESSERA_EXPIRY }, session.json.token);
    assert.equal(registered.status, 201, JSON.stringify(registered.json));
    server.ctl('letters', 'close-batch');
    const letter = Object.values(pdfTexts(spool)).find((text) => text.includes('Paola'));
    const firstHalf = letter.split('Prima metà del PIN')[1].match(new RegExp(`\\b(${HALF})\\b`))[1];

    // Step 1: the health card proves possession; a wrong number gets the one answer for every mismatch.
    await page.goto(server.url + '/');
    await page.click('text=Attivare il PIN');
    assert.equal(path(page), '/attiva-pin');
    await check('p01-activate');
    await page.fill('#codice_fiscale', cf);
    await page.fill('#tessera_number', '80380000009999999999');
    await page.fill('#tessera_expiry', '31/01/2031');  // as printed on the card
    await page.click('main button[type=submit]');
    assert.match(await page.textContent('#form-error'), /non corrispondono a un PIN da attivare/);
    await check('p02-activate-mismatch');
    await page.fill('#tessera_number', TESSERA);
    await page.click('main button[type=submit]');

    // Step 2: the data to review, the contacts, the channel of the second half.
    assert.match(await page.textContent('main'), /Paola/);
    await page.fill('#mobile', '333 7654321');
    // Implicit submission from a field: with JavaScript off, Playwright finds the long form's button
    // "not stable" (as in portal_test's request steps).
    await page.press('#mobile', 'Enter');
    assert.match(await page.textContent('#email-error'), /secondo contatto/);
    assert.equal(await page.getAttribute('#error-summary a', 'href'), '#email');
    await check('p03-activate-contacts-error');
    await page.fill('#email', 'paola.neri@example.it');
    // A channel with no address given: the summary's link reaches the group of choices.
    await page.click('label[for="channel-pec"]', { force: true });
    await page.press('#email', 'Enter');
    assert.match(await page.textContent('#channel-error'), /PEC/);
    assert.equal(await page.getAttribute('#error-summary a', 'href'), '#send_second_half_to');
    assert.equal(await page.isChecked('#send_second_half_to'), false);
    assert.equal(await page.inputValue('#email'), 'paola.neri@example.it', 'what was typed stays');
    // force: with JavaScript off, Playwright's stability check (animation frames) may never settle on this page.
    await page.click('label[for="channel-email"]', { force: true });
    assert.equal(await page.isChecked('#channel-email'), true);
    await check('p04-activate-contacts');
    await page.press('#email', 'Enter');
    assert.equal(path(page), '/attiva-pin/completata');
    await check('p05-activate-done');
    const mail = await waitFor(() => mails(smtp.folder).find((m) => m.to.includes('paola.neri@example.it')), 'the second half');
    const secondHalf = mail.text.match(new RegExp(`PIN è: (${HALF})\\b`))[1];
    await login(page, server.url, { codice_fiscale: cf }, firstHalf + secondHalf);
    assert.equal(path(page), '/cambia-pin', 'the activated PIN opens the first access');
  } finally {
    await browser.close();
    stop();
  }
}

async function renewal(js) {
  // Issued PINs expire unused after 3 s here, so the demo's issued PIN (Anna's) is soon expired; a wrong PIN
  // blocks for 2 s.
  const { server, smtp, stop } = await courierServer({ SPORTELLO_PIN_ACTIVATION_WINDOW: '3s', SPORTELLO_LOCKOUT_STEP: '2s' });
  const { browser, page } = await browse(js);
  const check = (name) => checks.check(page, name, js);
  try {
    await page.goto(server.url + '/');
    await page.click('text=Rinnovare un PIN scaduto');
    await check('p06-renew');
    await page.fill('#codice_fiscale', MARIO.codice_fiscale);
    await page.fill('#expired_pin', MARIO.pin);
    await page.click('main button[type=submit]');
    assert.match(await page.textContent('#form-error'), /non è scaduto/);
    await check('p07-renew-not-expired');
    await new Promise((r) => setTimeout(r, 3500));
    await page.fill('#codice_fiscale', ANNA.codice_fiscale);
    await page.fill('#expired_pin', 'ABCDEFGH23456788');
    await page.click('main button[type=submit]');
    // As on Accedi: the wrong PIN says when the next try is possible, and links to "Hai smarrito il PIN?".
    assert.match(await page.textContent('#form-error'), /non corretti\. Per sicurezza potrà riprovare tra 1 minuto, alle \d\d:\d\d\./);
    assert.equal(await page.getAttribute('#form-error a', 'href'), '/pin-smarrito');
    await check('p08-renew-wrong-pin');
    await page.fill('#expired_pin', ANNA.pin);
    await page.click('main button[type=submit]');
    assert.match(await page.textContent('#form-error'), /bloccato .*, alle \d\d:\d\d\./, 'a wrong PIN blocks renewal as it blocks login');
    assert.equal(await page.getAttribute('#form-error a', 'href'), '/pin-smarrito');
    await new Promise((r) => setTimeout(r, 2500));
    // The codice fiscale in the card's groups, the expired PIN's halves joined by a space, typed key by key.
    await page.fill('#codice_fiscale', '');
    await page.type('#codice_fiscale', 'sps nna 90l61 f839v');
    await page.type('#expired_pin', 'ABCDEFGH 23456789');
    await page.click('main button[type=submit]');
    assert.equal(path(page), '/rinnova-pin/completato');
    await check('p09-renew-done');
    await waitFor(() => mails(smtp.folder).some((m) => m.to.includes(ANNA.email)), 'the renewed PIN by e-mail');
  } finally {
    await browser.close();
    stop();
  }
}

async function revocation(js) {
  const { server, stop } = await courierServer();
  const { browser, page } = await browse(js);
  const check = (name) => checks.check(page, name, js);
  try {
    await login(page, server.url, MARIO, MARIO.pin);
    assert.equal(path(page), '/area-riservata');
    await page.click('main >> text=Revoca il PIN');
    await check('p10-revoke');
    await page.fill('#pin', 'WRONG123');
    await page.click('main button[type=submit]');
    assert.match(await page.textContent('#form-error'), /non è corretto/);
    assert.equal(await page.getAttribute('#form-error a', 'href'), '/pin-smarrito');
    await check('p11-revoke-wrong-pin');
    await page.type('#pin', 'pin2-demo');  // the personal PIN in lower case, with a dash
    await page.click('main button[type=submit]');
    assert.equal(path(page), '/revoca-pin/completata');
    await check('p12-revoke-done');
    await page.goto(server.url + '/area-riservata');
    assert.equal(path(page), '/accedi', 'the session ended with the revocation');
    await login(page, server.url, MARIO, MARIO.pin);
    assert.match(await page.textContent('#login-error'), /non corretti/);
  } finally {
    await browser.close();
    stop();
  }
}

for (const js of [true, false]) {
  const how = js ? 'with JavaScript and axe' : 'with JavaScript disabled';
  const options = js ? {} : withoutJavaScript;
  test(`Attiva il PIN after a phone request, ${how}`, options, async () => { await activation(js); });
  test(`Rinnova il PIN scaduto, ${how}`, options, async () => { await renewal(js); });
  test(`Revoca il PIN, ${how}`, options, async () => { await revocation(js); });
}
after(() => checks.save());
