// The operators' console in a real browser (issue 5): Debian's chromium driven by playwright-core against the
// real sportello server with demo data. Each role does its work through the pages: the contact center signs
// in (a wrong TOTP code refused first), registers a phone request, confirms one online request and rejects
// another (a blank reason refused next to the field), and cannot open the back office's queue (403); the
// office issues a PIN (the printable sheet, never cached) and revokes one; the back office reviews dispositivo
// requests uploaded through the JSON API (the document embedded and served), rejects one and approves the
// next; a new account must change its one-time password first. Every page is checked with axe-core and saved
// as a screenshot; the journey runs again with JavaScript disabled.
// Usage: node console_test.mjs PATH/TO/sportello PATH/TO/sportelloctl OUTPUT_DIR
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { startServer as start, browse, PageChecks, totp, DEMO_STAFF, withoutJavaScript } from './support.mjs';

const [SERVER, CTL, OUT] = process.argv.slice(2).map((p) => resolve(p));
const checks = new PageChecks(OUT, 'console-');
const check = (page, name, js) => checks.check(page, name, js);
// The journey signs in several times from one address: room for it in the per-address throttle.
const startServer = () => start(CTL, SERVER, { SPORTELLO_SERVER_THROTTLE_BURST: '100', SPORTELLO_SERVER_THROTTLE_PER_MINUTE: '600' });

const MARIO = { codice_fiscale: 'RSSMRA85T10H501O', pin: 'PIN2DEMO' };  // demo citizen, active, ordinario
const ANNA = 'SPSNNA90L61F839V';                                        // demo citizen, PIN issued
const PIN_FORMAT = /^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{16}$/;
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

// A person with a codice fiscale that agrees with the data, living in Rome.
function person(server, surname, name, sex, birthDate, email) {
  const { codice_fiscale } = JSON.parse(server.ctl('--json', 'cf', 'compute', '--surname', surname, '--name', name, '--sex', sex,
    '--birth-date', birthDate, '--birth-place', 'H501'));
  return { codice_fiscale, street: 'Via Appia Nuova', number: '12', cap: '00183', comune: 'Roma', province: 'RM',
           surname, name, sex, birth_date: birthDate, birth_place: 'Roma', birth_province: 'RM', mobile: '',
           home_phone: '06 1234 5678', email, pec: '' };
}

async function api(server, method, path, { json, raw, type, token } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (json) headers['Content-Type'] = 'application/json';
  if (raw) headers['Content-Type'] = type;
  return fetch(server.url + '/api/v1' + path, { method, headers, body: json ? JSON.stringify(json) : raw });
}

async function citizenToken(server) {
  const reply = await api(server, 'POST', '/sessions', { json: MARIO });
  assert.equal(reply.status, 201);
  return (await reply.json()).token;
}

async function uploadDispositivo(server, token, bytes, type) {
  const reply = await api(server, 'POST', '/dispositivo-requests', { raw: bytes, type, token });
  assert.equal(reply.status, 201, await reply.clone().text());
  return (await reply.json()).id;
}

// A TOTP code that no step of the accepted window produces.
function wrongCode(secret) {
  const now = Date.now() / 1000;
  const valid = new Set([-60, -30, 0, 30, 60].map((d) => totp(secret, now + d)));
  let code = 123456;
  while (valid.has(String(code).padStart(6, '0'))) code += 1;
  return String(code).padStart(6, '0');
}

async function fill(page, values) {
  for (const [id, value] of Object.entries(values)) {
    const option = page.locator(`input[type=radio][name="${id}"][value="${value}"]`);
    // Bootstrap Italia draws the radio on its label, which is what a person clicks.
    if (await option.count()) await page.click(`label[for="${await option.getAttribute('id')}"]`);
    else await page.fill(`#${id}`, value);
  }
}

async function signIn(page, server, account, code = totp(account.totp)) {
  await page.goto(server.url + '/operatori/accedi');
  await fill(page, { username: account.username, password: account.password, totp: code });
  await page.click('main button[type=submit]');
}

const path = (page) => new URL(page.url()).pathname;
const query = (page, name) => new URL(page.url()).searchParams.get(name);
const text = async (page, selector) => (await page.textContent(selector)).trim();

async function signOut(page) {
  await page.click('header >> text=Esci');
  assert.equal(path(page), '/operatori/accedi');
}

async function contactCenter(server, page, js) {
  const cc = DEMO_STAFF.contact_center;
  await page.goto(server.url + '/operatori');
  assert.equal(path(page), '/operatori/accedi', 'the console needs a staff session');
  assert.equal(await text(page, 'h1'), 'Accesso operatori');
  await check(page, 'c01-login', js);

  await signIn(page, server, cc, wrongCode(cc.totp));
  assert.equal(await text(page, '#login-error'), 'Nome utente, password o codice di verifica non corretti.');
  assert.equal(await page.inputValue('#username'), cc.username);
  await check(page, 'c02-login-wrong-totp', js);

  await fill(page, { password: cc.password, totp: totp(cc.totp) });
  await page.click('main button[type=submit]');
  assert.equal(path(page), '/operatori');
  assert.equal(await text(page, '#console-username'), 'cc.rossi');
  assert.equal(await text(page, '#console-role'), 'Contact center');
  const nav = await text(page, 'nav[aria-label="Sezioni della console"]');
  assert.match(nav, /Richieste da confermare/);
  assert.match(nav, /Richiesta telefonica/);
  assert.match(nav, /Revoca del PIN/);
  assert.doesNotMatch(nav, /PIN dispositivo|Rilascio in sede/, 'the nav shows only what the role may do');
  await check(page, 'c03-dashboard', js);

  await page.goto(server.url + '/operatori?lang=en');
  assert.equal(await text(page, 'h1'), "Operators' console");
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await check(page, 'c04-dashboard-en', js);
  await page.goto(server.url + '/operatori?lang=it');

  const forbidden = await page.goto(server.url + '/operatori/dispositivo');
  assert.equal(forbidden.status(), 403);
  assert.equal(await text(page, 'h1'), 'Operazione non consentita');
  assert.match(await text(page, '#problem'), /ruolo non consente/);
  await check(page, 'c05-forbidden', js);

  // A request by phone: a bad health card number is named next to its field, then it is registered.
  await page.click('nav >> text=Richiesta telefonica');
  assert.equal(await text(page, 'h1'), 'Richiesta di PIN telefonica');
  await check(page, 'c06-phone-form', js);
  const caller = person(server, 'Neri', 'Paolo', 'M', '1975-02-20', 'paolo.neri@example.it');
  await fill(page, { ...Object.fromEntries(Object.entries(caller).filter(([, v]) => v !== '')), tessera_number: '12345', tessera_expiry: '2031-12-31' });
  await page.click('main button[type=submit]');
  assert.match(await text(page, '#tessera_number-error'), /20 cifre/);
  assert.equal(await page.inputValue('#surname'), 'Neri', 'what was typed stays');
  await check(page, 'c07-phone-error', js);
  await page.fill('#tessera_number', '80380000001234567890');
  await page.click('main button[type=submit]');
  assert.equal(path(page), '/operatori/richiesta-telefonica');
  assert.equal(query(page, 'esito'), 'registrata');
  assert.match(await text(page, '#flash'), /Richiesta registrata/);
  await check(page, 'c08-phone-registered', js);

  // Two online requests wait for the call; the phone request is not one of them.
  const confirmed = person(server, 'Gallo', 'Sara', 'F', '1988-09-14', 'sara.gallo@example.it');
  const rejected = person(server, 'Conti', 'Luca', 'M', '1969-04-02', 'luca.conti@example.it');
  for (const who of [confirmed, rejected]) assert.equal((await api(server, 'POST', '/pin-requests', { json: who })).status, 202);
  await page.click('nav >> text=Richieste da confermare');
  const row = (who) => `tr[data-cf="${who.codice_fiscale}"]`;
  assert.equal(await text(page, `${row(confirmed)} .request-link`), 'Gallo Sara');
  assert.equal(await text(page, `${row(confirmed)} .age`), 'meno di 1 ora');
  assert.equal(await page.locator(`${row(confirmed)} .overdue`).count(), 0);
  assert.equal(await page.locator(row(caller)).count(), 0, 'a phone request needs no confirmation call');
  assert.equal(await page.locator('table#queue caption').count(), 1);
  await check(page, 'c09-queue', js);

  await page.goto(server.url + '/operatori/richieste?lang=en');
  assert.equal(await text(page, `${row(confirmed)} .age`), 'less than 1 hour');
  await page.click(`${row(confirmed)} .request-link`);
  assert.equal(await text(page, '#confirm-form button'), 'Confirm');
  assert.equal(await text(page, '#reject-form button'), 'Reject');
  await check(page, 'c10-queue-en', js);
  await page.goto(server.url + '/operatori/richieste?lang=it');

  await page.click(`${row(confirmed)} .request-link`);
  await page.click('#confirm-form button');
  assert.equal(query(page, 'esito'), 'confermata');
  assert.match(await text(page, '#flash'), /Dati confermati/);
  assert.equal(await page.locator(row(confirmed)).count(), 0);
  await check(page, 'c11-queue-confirmed', js);

  await page.click(`${row(rejected)} .request-link`);
  await page.click('#reject-form button');
  assert.equal(await text(page, '#reason-error'), 'Indichi il motivo.');
  await check(page, 'c12-queue-reason-required', js);
  await page.fill('#reason', 'Il richiedente non conferma i dati');
  await page.click('#reject-form button');
  assert.equal(query(page, 'esito'), 'respinta');
  assert.equal(await page.locator(row(rejected)).count(), 0);
  assert.equal(await page.locator('#queue-empty').count(), 1);
  await check(page, 'c13-queue-rejected', js);
  await signOut(page);
}

async function office(server, page, js) {
  await signIn(page, server, DEMO_STAFF.office);
  assert.equal(await text(page, '#console-role'), 'Operatore di sede');
  await page.click('nav >> text=Rilascio in sede');
  assert.equal(await text(page, 'h1'), 'Rilascio del PIN in sede');
  await check(page, 'c14-office-form', js);

  const holder = person(server, 'Russo', 'Elena', 'F', '1979-11-30', 'elena.russo@example.it');
  await fill(page, { ...Object.fromEntries(Object.entries(holder).filter(([, v]) => v !== '')), document_kind: "carta d'identità" });
  await page.click('main button[type=submit]');
  assert.match(await text(page, '#document_number-error'), /numero del documento/);
  await check(page, 'c15-office-error', js);

  await page.fill('#document_number', 'CA12345AB');
  const [sheet] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/operatori/rilascio-in-sede'),
    page.click('main button[type=submit]'),
  ]);
  assert.equal(sheet.status(), 200);
  assert.equal(sheet.headers()['cache-control'], 'no-store');
  const pin = await text(page, '#pin');
  assert.match(pin, PIN_FORMAT);
  assert.ok(!page.url().includes(pin), 'the PIN is never in a URL');
  assert.equal(await text(page, '#sheet-codice-fiscale'), holder.codice_fiscale);
  assert.equal(await text(page, '#sheet-holder'), 'Elena Russo');
  assert.match(await text(page, '#first-access-before'), /^\d{1,2} [a-z]+ \d{4}$/);
  assert.match(await text(page, '#print-hint'), /Stampa/);
  await check(page, 'c16-pin-sheet', js);

  // Revocation needs the identity check to be recorded.
  await page.click('nav >> text=Revoca del PIN');
  await check(page, 'c17-revoke-form', js);
  await page.fill('#codice_fiscale', ANNA);
  await page.click('main button[type=submit]');
  assert.match(await text(page, '#identity_checked-error'), /Verifichi l'identità/);
  assert.equal(await page.getAttribute('#error-summary a', 'href'), '#identity_checked');
  assert.match(await text(page, '#error-summary'), /Identità del titolare verificata: Verifichi l'identità/);
  assert.equal(await text(page, 'label[for=reason]'), 'Motivo della revoca');
  await check(page, 'c18-revoke-identity-unchecked', js);
  await page.click('label[for=identity_checked]');
  await page.fill('#reason', 'Richiesta del titolare allo sportello');
  await page.click('main button[type=submit]');
  assert.equal(query(page, 'esito'), 'revocata');
  assert.match(await text(page, '#flash'), /PIN revocato/);
  await check(page, 'c19-revoked', js);
  await signOut(page);
}

// Opens request `id` from the queue; the browser fetches the embedded document and gets it, never cached.
async function openDispositivo(server, page, id, mediaType, element) {
  await page.click('nav >> text=PIN dispositivo');
  const source = `/operatori/dispositivo/${id}/documento`;
  const [document] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === source),
    page.click(`tr[data-id="${id}"] a`),
  ]);
  assert.equal(path(page), `/operatori/dispositivo/${id}`);
  assert.equal(await page.getAttribute(`${element}#document`, 'src'), source);
  assert.equal(document.status(), 200);
  assert.equal(document.headers()['content-type'], mediaType);
  assert.equal(document.headers()['cache-control'], 'no-store');
  assert.match(document.headers()['content-disposition'], /^inline/);
  const security = await document.allHeaders();  // headers() leaves out security-related headers
  assert.equal(security['x-frame-options'], 'SAMEORIGIN', 'framable by this site only');
  assert.match(security['content-security-policy'], /frame-ancestors 'self'.*sandbox/);
}

async function backOffice(server, page, js) {
  const token = await citizenToken(server);
  const form = await (await api(server, 'GET', '/dispositivo/form.pdf', { token })).arrayBuffer();
  const first = await uploadDispositivo(server, token, Buffer.from(form), 'application/pdf');

  await signIn(page, server, DEMO_STAFF.back_office);
  const nav = await text(page, 'nav[aria-label="Sezioni della console"]');
  assert.match(nav, /PIN dispositivo/);
  assert.doesNotMatch(nav, /Richieste da confermare|Rilascio in sede/);
  // A citizen session in the same browser leaves the staff session alone.
  await page.goto(server.url + '/accedi');
  await fill(page, MARIO);
  await page.click('main button[type=submit]');
  assert.equal(path(page), '/area-riservata');
  await page.goto(server.url + '/operatori');
  assert.equal(await text(page, '#console-username'), 'bo.verdi');

  await page.click('nav >> text=PIN dispositivo');
  assert.equal(await text(page, `tr[data-id="${first}"] td:nth-of-type(2)`), 'PDF');
  await check(page, 'c20-dispositivo-queue', js);
  await openDispositivo(server, page, first, 'application/pdf', 'iframe');
  assert.equal(await text(page, '#codice-fiscale'), MARIO.codice_fiscale, 'the reviewer sees whose document it is');
  assert.equal(await text(page, '#citizen'), 'Rossi Mario');
  await check(page, 'c21-dispositivo-detail-pdf', js);
  await page.click('main button:text-is("Rifiuta")');
  assert.equal(await text(page, '#reason-error'), 'Indichi il motivo.');
  await check(page, 'c22-dispositivo-reason-required', js);
  await page.fill('#reason', 'Il modulo non è firmato');
  await Promise.all([page.waitForURL(/esito=/), page.click('main button:text-is("Rifiuta")')]);
  assert.equal(query(page, 'esito'), 'respinta');
  assert.equal(await page.locator(`tr[data-id="${first}"]`).count(), 0);
  await check(page, 'c23-dispositivo-rejected', js);

  const second = await uploadDispositivo(server, token, PNG_1X1, 'image/png');
  await openDispositivo(server, page, second, 'image/png', 'img');
  assert.match(await page.getAttribute('#document', 'alt'), /richiesta n\. \d+/);
  await check(page, 'c24-dispositivo-detail-image', js);
  await page.click('main button:text-is("Approva")');
  assert.equal(query(page, 'esito'), 'approvata');
  assert.match(await text(page, '#flash'), /dispositivo/);
  await check(page, 'c25-dispositivo-approved', js);
  const me = await (await api(server, 'GET', '/me', { token })).json();
  assert.equal(me.level, 'dispositivo');
  await signOut(page);
}

// A new account signs in with its one-time password and must choose its own before anything else.
async function newAccount(server, page, js) {
  const created = JSON.parse(server.ctl('--json', 'staff', 'add', '--username', 'cc.nuovo', '--role', 'contact_center'));
  const account = { username: 'cc.nuovo', password: created.password, totp: created.totp_secret };
  await signIn(page, server, account);
  assert.equal(path(page), '/operatori/password');
  assert.equal(await page.locator('nav[aria-label="Sezioni della console"]').count(), 0);
  await page.goto(server.url + '/operatori/richieste');
  assert.equal(path(page), '/operatori/password', 'nothing else until the password is changed');
  await fill(page, { current_password: account.password, new_password: 'una-password-nuova', confirm_password: 'una-password-diversa' });
  await page.click('main button[type=submit]');
  assert.equal(await text(page, '#confirm_password-error'), 'Le due password non coincidono.');
  await check(page, 'c26-password-forced', js);
  await fill(page, { current_password: account.password, new_password: 'una-password-nuova', confirm_password: 'una-password-nuova' });
  await page.click('main button[type=submit]');
  assert.equal(path(page), '/operatori');
  assert.match(await text(page, '#flash'), /Password cambiata/);
  await check(page, 'c27-password-changed', js);
  await signOut(page);
}

async function journey(js) {
  const server = await startServer();
  const { browser, page } = await browse(js);
  // Long forms scroll to their button: without smooth scrolling the button is still when it is clicked.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  try {
    await contactCenter(server, page, js);
    await office(server, page, js);
    await backOffice(server, page, js);
    await newAccount(server, page, js);
  } finally {
    await browser.close();
    server.stop();
  }
}

test('the operators work through the console in Italian and English, and every page passes axe', async () => {
  await journey(true);
});

test('the same work is done with JavaScript disabled', withoutJavaScript, async () => {
  await journey(false);
});

after(() => checks.save());
