// The contact centre's 48-hour call (issue 14) in a real browser: the queue shows whom to call (the mobile
// and the landline as tel: links written as they are read out) with a link to each request's page; that page
// has everything the operator checks on the call (birth place by name, never a Belfiore code; residence;
// every contact) and the confirm and reject forms (a blank reason refused in a summary on top and next to the
// field). A search by codice fiscale, typed in groups, opens the request; a search that finds nothing says so
// next to the field and keeps what was typed. The console's layout: every tab reachable at 390 px, and no
// fieldset title over the first label of the phone form. A citizen's access list names the operator who acted
// by name and role ("Laura Verdi, back office"), never by username. At 1280 and 390 px, with and without JavaScript,
// axe-core on every page with JavaScript; screenshots in OUTPUT_DIR.
// Usage: node console_queue_test.mjs PATH/TO/sportello PATH/TO/sportelloctl OUTPUT_DIR
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { startServer as start, browse, WIDTHS, PageChecks, freshCode, DEMO_STAFF, withoutJavaScript } from './support.mjs';

const [SERVER, CTL, OUT] = process.argv.slice(2).map((p) => resolve(p));
const checks = new PageChecks(OUT, 'queue-');
const startServer = () => start(CTL, SERVER, { SPORTELLO_SERVER_THROTTLE_BURST: '100', SPORTELLO_SERVER_THROTTLE_PER_MINUTE: '600' });

const path = (page) => new URL(page.url()).pathname;
const query = (page, name) => new URL(page.url()).searchParams.get(name);
const text = async (page, selector) => (await page.textContent(selector)).replace(/\s+/g, ' ').trim();

// An online request through the JSON API; the codice fiscale computed from the data.
async function request(server, who) {
  const { codice_fiscale } = JSON.parse(server.ctl('--json', 'cf', 'compute', '--surname', who.surname, '--name', who.name,
    '--sex', who.sex, '--birth-date', who.birth_date, '--birth-place', who.place_code));
  const body = { codice_fiscale, street: 'Via Appia Nuova', number: '12', cap: '00183', comune: 'Roma', province: 'RM',
                 surname: who.surname, name: who.name, sex: who.sex, birth_date: who.birth_date, birth_place: who.birth_place,
                 birth_province: who.birth_province, mobile: who.mobile ?? '', home_phone: who.home_phone ?? '', email: who.email, pec: '' };
  const reply = await fetch(server.url + '/api/v1/pin-requests', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(reply.status, 202, await reply.clone().text());
  const { reference } = await reply.json();
  assert.match(reference, /^RP-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  return { ...who, codice_fiscale, reference };
}

const SARA = { surname: 'Gallo', name: 'Sara', sex: 'F', birth_date: '1988-09-14', place_code: 'H501', birth_place: 'Roma', birth_province: 'RM',
               mobile: '333 123 4567', home_phone: '06 1234 5678', email: 'sara.gallo@example.it' };
const LUCA = { surname: 'Conti', name: 'Luca', sex: 'M', birth_date: '1969-04-02', place_code: 'Z110', birth_place: 'Francia', birth_province: '',
               mobile: '347 765 4321', email: 'Luca.Conti@example.it' };

async function signIn(page, server, account) {
  await page.goto(server.url + '/operatori/accedi');
  await page.fill('#username', account.username);
  await page.fill('#password', account.password);
  await page.fill('#totp', await freshCode(server, account));
  await page.click('main button[type=submit]');
  assert.equal(path(page), '/operatori');
}

// Screenshot and axe, nothing wider than the screen, and every console tab inside it (none cut at 390 px).
async function look(page, name, js, width) {
  await checks.check(page, `${name}-${width}`, js);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${name} at ${width} px: the page is ${overflow} px wider than the screen`);
  const cut = await page.$$eval('nav[aria-label] .nav-tabs .nav-link', (tabs) => tabs
    .filter((a) => { const r = a.getBoundingClientRect(); return r.left < 0 || r.right > window.innerWidth + 0.5; })
    .map((a) => a.textContent.trim()));
  assert.deepEqual(cut, [], `${name} at ${width} px: console tabs cut`);
}

// The legends of a form against the label of the field after them: the label starts below the legend.
async function legendsClear(page) {
  return page.$$eval('main fieldset:not(.form-group) > legend', (legends) => legends.map((legend) => {
    const label = legend.parentElement.querySelector('.form-group label');
    if (!label) return null;
    const l = legend.getBoundingClientRect();
    const b = label.getBoundingClientRect();
    return b.top >= l.bottom - 0.5 ? null : `${legend.textContent.trim()} overlaps ${label.textContent.trim()} by ${l.bottom - b.top} px`;
  }).filter(Boolean));
}

async function queue(server, page, js, width, sara, luca) {
  await page.goto(server.url + '/operatori/richieste');
  const row = (who) => `tr[data-cf="${who.codice_fiscale}"]`;
  // Whom to call, first in each row: the mobile and the landline, readable and dialable.
  assert.equal(await text(page, `${row(sara)} a[href="tel:+393331234567"]`), '+39 333 123 4567');
  assert.equal(await text(page, `${row(sara)} a[href="tel:+390612345678"]`), '+39 0612345678');
  assert.equal(await text(page, `${row(luca)} a[href="tel:+393477654321"]`), '+39 347 765 4321');
  assert.equal(await text(page, `${row(sara)} .request-link`), 'Gallo Sara');
  assert.equal(await text(page, `${row(sara)} .age`), 'meno di 1 ora');
  await look(page, 'q01-queue', js, width);

  await page.goto(server.url + '/operatori/richieste?lang=en');
  assert.deepEqual(await page.$$eval('table#queue thead th', (cells) => cells.map((c) => c.textContent.trim())),
                   ['Applicant', 'To call', 'Requested on', 'Waiting']);
  await look(page, 'q02-queue-en', js, width);
  await page.goto(server.url + '/operatori/richieste?lang=it');

  // A search that finds nothing: said next to the field and on top, what was typed kept.
  await page.fill('#cerca', 'RSSMRA00A01H501X');
  await page.click('form[role=search] button');
  assert.equal(await text(page, '#cerca-error'), 'Nessuna richiesta in attesa di conferma per quanto scritto. Controlli il codice e riprovi.');
  assert.equal(await page.getAttribute('#cerca', 'aria-invalid'), 'true');
  assert.match(await page.getAttribute('#cerca', 'aria-describedby'), /cerca-error/);
  assert.equal(await page.inputValue('#cerca'), 'RSSMRA00A01H501X');
  assert.equal(await page.getAttribute('#error-summary a', 'href'), '#cerca');
  if (js) assert.equal(await page.evaluate(() => document.activeElement.id), 'error-summary');
  await look(page, 'q03-search-none', js, width);

  // The codice fiscale as people read it out, in groups: the request opens.
  const grouped = luca.codice_fiscale.replace(/^(.{6})(.{5})(.{5})$/, '$1 $2 $3').toLowerCase();
  await page.fill('#cerca', grouped);
  await page.click('form[role=search] button');
  assert.equal(path(page), `/operatori/richieste/${luca.codice_fiscale}`);
  assert.equal(await text(page, '#data-birth-place'), 'Francia', 'a foreign state by name, not Z110');

  // The request number as read out over the phone: lower case, spaces for dashes.
  await page.goto(server.url + '/operatori/richieste');
  assert.equal(await text(page, `${row(sara)} .reference`), `N. ${sara.reference}`);
  await page.fill('#cerca', sara.reference.toLowerCase().replaceAll('-', ' '));
  await page.click('form[role=search] button');
  assert.equal(path(page), `/operatori/richieste/${sara.codice_fiscale}`);
  assert.equal(await text(page, '#data-reference'), sara.reference);

  await page.goto(server.url + '/operatori/richieste');
  await page.click(`${row(sara)} .request-link`);
  assert.equal(path(page), `/operatori/richieste/${sara.codice_fiscale}`);
  assert.equal(await text(page, 'h1'), 'Richiesta di PIN: Gallo Sara');
  assert.equal(await text(page, '#calls a[href="tel:+393331234567"]'), '+39 333 123 4567');
  assert.equal(await text(page, '#calls a[href="tel:+390612345678"]'), '+39 0612345678');
  assert.equal(await text(page, '#data-surname'), 'Gallo');
  assert.equal(await text(page, '#data-name'), 'Sara');
  assert.equal(await text(page, '#data-sex'), 'Femmina');
  assert.equal(await text(page, '#data-birth-date'), `${Number(sara.birth_date.slice(8))} settembre 1988`);
  assert.equal(await text(page, '#data-birth-place'), 'ROMA (RM)');
  assert.equal(await text(page, '#data-residence'), 'Via Appia Nuova 12, 00183 Roma (RM)');
  assert.equal(await text(page, '#data-contacts a[href="mailto:sara.gallo@example.it"]'), 'sara.gallo@example.it');
  assert.doesNotMatch((await text(page, 'main')).replaceAll(sara.codice_fiscale, ''), /H501/, 'no Belfiore code but in the codice fiscale');
  await look(page, 'q04-detail', js, width);
  return row;
}

async function decide(server, page, js, width, sara, luca, row) {
  // A rejection without a reason: every error at once, on top and next to the field; nothing changes.
  await page.goto(server.url + `/operatori/richieste/${luca.codice_fiscale}`);
  await page.fill('#reason', '   ');
  await page.click('#reject-form button');
  assert.equal(await text(page, '#reason-error'), 'Indichi il motivo.');
  assert.equal(await page.getAttribute('#reason', 'aria-invalid'), 'true');
  assert.equal(await page.getAttribute('#error-summary a', 'href'), '#reason');
  if (js) assert.equal(await page.evaluate(() => document.activeElement.id), 'error-summary');
  await look(page, 'q05-reason-required', js, width);

  await page.fill('#reason', 'La data di nascita non è confermata');
  await page.click('#reject-form button');
  assert.equal(path(page), '/operatori/richieste');
  assert.equal(query(page, 'esito'), 'respinta');
  assert.equal(await page.locator(row(luca)).count(), 0);

  await page.goto(server.url + `/operatori/richieste/${sara.codice_fiscale}`);
  await page.click('#confirm-form button');
  assert.equal(query(page, 'esito'), 'confermata');
  assert.match(await text(page, '#flash'), /Dati confermati/);
  assert.equal(await page.locator(row(sara)).count(), 0);
  await look(page, 'q06-queue-after', js, width);

  // A decided request has no page any more.
  const gone = await page.goto(server.url + `/operatori/richieste/${sara.codice_fiscale}`);
  assert.equal(gone.status(), 404);
}

async function phoneFormLayout(server, page, js, width) {
  await page.goto(server.url + '/operatori/richiesta-telefonica');
  assert.deepEqual(await legendsClear(page), [], `fieldset titles at ${width} px`);
  await look(page, 'q07-phone-form', js, width);
}

// The back office rejects Mario's dispositivo request; Mario's "Accessi" table names Laura Verdi by name and
// role, and shows no username.
async function accessList(server, page, js, width) {
  const MARIO = { codice_fiscale: 'RSSMRA85T10H501O', pin: 'PIN2DEMO' };
  const session = await fetch(server.url + '/api/v1/sessions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(MARIO) });
  assert.equal(session.status, 201);
  const { token } = await session.json();
  const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  const upload = await fetch(server.url + '/api/v1/dispositivo-requests', { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'image/png' }, body: PNG_1X1 });
  assert.equal(upload.status, 201, await upload.clone().text());
  const { id } = await upload.json();
  await signIn(page, server, DEMO_STAFF.back_office);
  await page.goto(server.url + `/operatori/dispositivo/${id}`);
  await page.fill('#reason', 'Il modulo non è firmato');
  await Promise.all([page.waitForURL(/esito=/), page.click('main button:text-is("Rifiuta")')]);
  await page.click('header >> text=Esci');

  await page.goto(server.url + '/accedi');
  await page.fill('#codice_fiscale', MARIO.codice_fiscale);
  await page.fill('#pin', MARIO.pin);
  await page.click('main button[type=submit]');
  assert.equal(path(page), '/area-riservata');
  const who = await page.$$eval('main table tbody tr td:nth-child(2)', (cells) => cells.map((c) => c.textContent.trim()));
  assert.ok(who.includes('Laura Verdi, back office'), `the access list names the operator: ${who.join(' | ')}`);
  assert.ok(!who.some((w) => /staff:|bo\.verdi/.test(w)), `no username in the access list: ${who.join(' | ')}`);
  await look(page, 'q08-access-list', js, width);
  await page.goto(server.url + '/area-riservata?lang=en');
  const whoEn = await page.$$eval('main table tbody tr td:nth-child(2)', (cells) => cells.map((c) => c.textContent.trim()));
  assert.ok(whoEn.includes('Laura Verdi, back office'), whoEn.join(' | '));
  await page.goto(server.url + '/area-riservata?lang=it');
  await page.click('header button[type=submit]');
}

async function journey(js) {
  const server = await startServer();
  const { browser, page } = await browse(js);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  try {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      // Other people at each width: a decided request cannot be asked again by the same person at once.
      const day = width === WIDTHS[0] ? '14' : '15';
      const sara = await request(server, { ...SARA, birth_date: `1988-09-${day}` });
      const luca = await request(server, { ...LUCA, birth_date: `1969-04-${day}` });
      await signIn(page, server, DEMO_STAFF.contact_center);
      const row = await queue(server, page, js, width, sara, luca);
      await decide(server, page, js, width, sara, luca, row);
      await phoneFormLayout(server, page, js, width);
      await page.click('header >> text=Esci');
      await accessList(server, page, js, width);
    }
  } finally {
    await browser.close();
    server.stop();
  }
}

test('the 48-hour call queue and its requests, at 1280 and 390 px, pass axe', async () => {
  await journey(true);
});

test('the same with JavaScript disabled', withoutJavaScript, async () => {
  await journey(false);
});

after(() => checks.save());
