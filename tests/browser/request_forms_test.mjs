// The request forms as people use them (issue 14, "The 48-hour call" and "Forms"): an elderly citizen on a
// phone asks for a PIN typing "15/5/1980", leaving the sex empty, mistyping the CAP and the birth place and
// giving no telephone; every problem shows at once in a summary on top (focused, each entry a link to its
// field) and next to its field (aria-invalid, aria-describedby), nothing typed is lost, "Indietro" goes back
// to step 1 and forward again keeping everything, and the confirmation gives the request number and the
// contact of the first half without any number in the URL, once. The console's desk forms (phone request,
// office issuance) and the holder's contact and PIN-change pages show their problems the same way; a
// verification code's label names the channel it went to. With JavaScript and without, at 1280 and 390 px:
// a screenshot and axe-core on every page, no page wider than the screen.
// Usage: node request_forms_test.mjs PATH/TO/sportello PATH/TO/sportelloctl OUTPUT_DIR
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { startServer as start, atEveryWidth, PageChecks, freshCode, DEMO_STAFF, withoutJavaScript, fillFields, LUCA_RESIDENCE } from './support.mjs';

const [SERVER, CTL, OUT] = process.argv.slice(2).map((p) => resolve(p));
const checks = new PageChecks(OUT, 'request-forms-');
const MARIO = { codice_fiscale: 'RSSMRA85T10H501O', pin: 'PIN2DEMO' };  // demo citizen, active
const startServer = () => start(CTL, SERVER, { SPORTELLO_SERVER_THROTTLE_BURST: '100', SPORTELLO_SERVER_THROTTLE_PER_MINUTE: '600' });

const path = (page) => new URL(page.url()).pathname;
const text = async (page, selector) => (await page.textContent(selector)).replace(/\s+/g, ' ').trim();

// Screenshot and axe (PageChecks), and nothing wider than the screen.
async function look(page, name, js, width) {
  await checks.check(page, `${name}-${width}`, js);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${name} at ${width} px: the page is ${overflow} px wider than the screen`);
}

// The error summary: its entries (text and link), each link reaching a field marked invalid and described
// by its error, which sits next to it; with JavaScript, focus is on the summary.
async function summary(page, js, name) {
  assert.equal(await page.locator('#error-summary').count(), 1, `${name}: an error summary on top`);
  if (js) assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'error-summary',
    `${name}: focus is moved to the summary`);
  const entries = await page.$$eval('#error-summary li', (items) => items.map((li) => ({
    text: li.textContent.replace(/\s+/g, ' ').trim(), href: li.querySelector('a') && li.querySelector('a').getAttribute('href') })));
  for (const entry of entries.filter((e) => e.href)) {
    const id = entry.href.slice(1);
    const field = page.locator(`[id="${id}"]`);
    assert.equal(await field.count(), 1, `${name}: ${entry.href} reaches a field`);
    assert.equal(await field.getAttribute('aria-invalid'), 'true', `${name}: ${id} is aria-invalid`);
    // A radio group is described through its fieldset, a field through itself.
    const described = (await field.getAttribute('aria-describedby')) ||
      (await page.locator(`fieldset.form-group:has([id="${id}"])`).getAttribute('aria-describedby')) || '';
    const errorId = described.split(' ').find((d) => d.endsWith('-error'));
    assert.ok(errorId, `${name}: ${id} is described by its error`);
    assert.equal(await page.locator(`[id="${errorId}"]`).count(), 1, `${name}: the error of ${id} is next to it`);
    const said = await page.$eval(`[id="${errorId}"]`, (e) => [...e.childNodes].filter((n) => n.nodeType === 3)
      .map((n) => n.textContent).join('').replace(/\s+/g, ' ').trim());  // the error, without an offered name
    assert.ok(entry.text.includes(said), `${name}: the summary says what the field says ("${entry.text}" / "${said}")`);
  }
  return entries;
}
const fieldsIn = (entries) => entries.filter((e) => e.href).map((e) => e.href.slice(1)).sort();

// Luca's codice fiscale: born in Rome on 15 May 1980.
function luca(server) {
  return JSON.parse(server.ctl('--json', 'cf', 'compute', '--surname', 'Verdi', '--name', 'Luca', '--sex', 'M',
    '--birth-date', '1980-05-15', '--birth-place', 'H501')).codice_fiscale;
}

async function citizenRequests(page, server, js, width) {
  const code = luca(server);
  await page.goto(server.url + '/richiedi-pin');
  assert.equal(await text(page, 'h1'), 'Richiedi il PIN');
  await look(page, 'r01-step1', js, width);

  // Step 1 sent empty: every problem at once, each linked.
  await page.click('main button[type=submit]');
  let entries = await summary(page, js, 'step 1 empty');
  assert.ok(fieldsIn(entries).length >= 4, `every missing field is listed (got ${fieldsIn(entries).join(', ')})`);
  await look(page, 'r02-step1-empty', js, width);

  // The codice fiscale typed in groups, a four-digit CAP: only the CAP is wrong, nothing typed is lost.
  await page.fill('#codice_fiscale', code.replace(/(.{6})(.{5})(.{5})/, '$1 $2 $3'));
  await fillFields(page, { ...LUCA_RESIDENCE, cap: '0018' });
  await page.click('main button[type=submit]');
  entries = await summary(page, js, 'step 1 CAP');
  assert.deepEqual(fieldsIn(entries), ['cap']);
  assert.match(entries[0].text, /^CAP: Il CAP ha 5 cifre/);
  assert.equal(await page.inputValue('#cap'), '0018', 'the wrong value stays, to be corrected');
  assert.equal(await page.inputValue('#street'), 'Via Appia Nuova');
  if (js) {
    await page.click('#error-summary a');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'cap', 'the summary link leads to the field');
  }
  await look(page, 'r03-step1-cap', js, width);
  await page.fill('#cap', '00183');
  await page.click('main button[type=submit]');

  // Step 2 shows the codice fiscale; the sex is a choice; the birth date is typed as Italians write it.
  assert.match(await text(page, '#request-codice-fiscale'), new RegExp(`Codice fiscale: ${code}`));
  assert.equal(await page.locator('fieldset:has(legend:text-is("Sesso")) input[type=radio]').count(), 2);
  assert.equal(await page.getAttribute('#birth_date', 'type'), 'text');
  assert.match(await text(page, '#birth_date-help'), /gg\/mm\/aaaa, per esempio 05\/03\/1972/);
  assert.match(await text(page, '#home_phone-help'), /48 ore/);
  await look(page, 'r04-step2', js, width);
  await fillFields(page, { surname: 'Verdi', name: 'Luca', birth_date: '15/5/1980', birth_place: 'Rooma', birth_province: 'RM' });
  await page.click('main button[type=submit]');
  entries = await summary(page, js, 'step 2');
  const wrong = fieldsIn(entries);
  for (const field of ['sex', 'birth_place', 'mobile'])
    assert.ok(wrong.includes(field), `step 2 lists ${field} among every problem at once (got ${wrong.join(', ')})`);
  assert.match(await text(page, '#mobile-error'), /telefono|cellulare/);
  assert.equal(await page.inputValue('#birth_date'), '15/5/1980', 'the date stays as typed');
  assert.equal(await page.inputValue('#birth_place'), 'Rooma');
  assert.match(await text(page, '#birth_place-suggestion'), /^Forse intendeva: .*ROMA \(RM\).*\?$/, 'a near miss offers the registry\'s name');
  await look(page, 'r05-step2-errors', js, width);

  // Indietro: step 1 with everything typed there, then forward again with everything typed on step 2.
  await page.click('button:text-is("Indietro")');
  assert.equal(await page.inputValue('#street'), 'Via Appia Nuova');
  assert.equal(await page.inputValue('#cap'), '00183');
  assert.equal(await page.locator('#error-summary').count(), 0, 'going back is not an error');
  await look(page, 'r06-back-to-step1', js, width);
  await page.click('main button[type=submit]');
  assert.equal(await page.inputValue('#surname'), 'Verdi');
  assert.equal(await page.inputValue('#birth_date'), '15/5/1980');
  assert.equal(await page.inputValue('#birth_place'), 'Rooma');

  // Corrected: the request is taken; the confirmation says where the first half went, with no number in the URL.
  await fillFields(page, { sex: 'M', birth_place: 'Roma', mobile: '333 123 4567', home_phone: '06 4567 8901' });
  await page.click('main button:text-is("Invia la richiesta")');
  assert.equal(path(page), '/richiesta-presa-in-carico');
  assert.equal(new URL(page.url()).search, '', 'nothing about the request in the URL');
  assert.match(await text(page, 'main'), /Entro 48 ore/);
  assert.match(await text(page, 'main'), /seconda metà del PIN le arriverà per lettera/);
  const reference = await page.locator('#request-reference').count();
  if (reference) assert.match(await text(page, '#request-reference'), /Numero della richiesta: \S+/);
  const firstHalf = await page.locator('#request-first-half').count();
  if (firstHalf) {
    assert.match(await text(page, '#request-first-half'), /per SMS al numero .*4567/);
    assert.doesNotMatch(await text(page, '#request-first-half'), /333 123 4567/, 'the number is masked');
  }
  await look(page, 'r07-taken', js, width);
  // Read once: a reload (or the next person at a shared computer) does not see it again.
  await page.reload();
  assert.equal(await page.locator('#request-first-half').count(), 0);
  assert.equal(await page.locator('#request-reference').count(), 0);
  return { reference, firstHalf };
}

async function staffLogin(page, server, account) {
  await page.goto(server.url + '/operatori/accedi?lang=it');
  await fillFields(page, { username: account.username, password: account.password, totp: await freshCode(server, account) });
  await page.click('main button[type=submit]');
  assert.equal(path(page), '/operatori');
}

async function deskForms(page, server, js, width) {
  await staffLogin(page, server, DEMO_STAFF.contact_center);
  await page.goto(server.url + '/operatori/richiesta-telefonica');
  assert.equal(await page.locator('input[type=radio][name=sex]').count(), 2);
  assert.match(await text(page, '#birth_date-help'), /gg\/mm\/aaaa/);
  assert.match(await text(page, '#tessera_expiry-help'), /gg\/mm\/aaaa/);
  assert.equal(await page.locator('#home_phone').count(), 1);
  await look(page, 'c01-phone', js, width);
  await fillFields(page, { surname: 'Neri', birth_date: '20/2/1975', tessera_number: '12345' });
  await page.click('main button[type=submit]');
  const entries = await summary(page, js, 'phone request');
  assert.ok(fieldsIn(entries).includes('codice_fiscale'));
  assert.equal(await page.inputValue('#surname'), 'Neri');
  assert.equal(await page.inputValue('#tessera_number'), '12345');
  await look(page, 'c02-phone-errors', js, width);
  await page.context().clearCookies();

  await staffLogin(page, server, DEMO_STAFF.office);
  await page.goto(server.url + '/operatori/rilascio-in-sede');
  await fillFields(page, { name: 'Paolo', sex: 'M', document_kind: "carta d'identità" });
  await page.click('main button[type=submit]');
  await summary(page, js, 'office issuance');
  assert.equal(await page.isChecked('input[name=sex][value=M]'), true, 'the chosen sex stays chosen');
  await look(page, 'c03-office-errors', js, width);
  await page.context().clearCookies();
}

async function holderPages(page, server, js, width) {
  await page.goto(server.url + '/accedi');
  await fillFields(page, { codice_fiscale: MARIO.codice_fiscale, pin: MARIO.pin });
  await page.click('main button[type=submit]');
  assert.equal(path(page), '/area-riservata');

  // A new mobile: the code's label names the SMS and the number, masked.
  await page.goto(server.url + '/area-riservata/contatti?tipo=mobile');
  await page.fill('#value', '347 765 4321');
  await page.click('main button[type=submit]');
  assert.equal(path(page), '/area-riservata/contatti/verifica');
  assert.match(await text(page, 'label[for=code]'), /^Codice ricevuto per SMS al numero …4321$/);
  await page.fill('#code', '000000');
  await page.click('main button[type=submit]');
  const entries = await summary(page, js, 'contact code');
  assert.deepEqual(fieldsIn(entries), ['code']);
  assert.match(await text(page, 'label[for=code]'), /per SMS al numero …4321/);
  assert.match(entries[0].text, /^Codice ricevuto per SMS al numero …4321: Il codice non è corretto/, 'the summary names the field as its label does');
  await look(page, 'h01-contact-code-wrong', js, width);
  // An e-mail's code is labelled as e-mail.
  await page.goto(server.url + '/area-riservata/contatti?tipo=email');
  await page.fill('#value', 'Mario.Nuovo@Example.it');
  await page.click('main button[type=submit]');
  assert.match(await text(page, 'label[for=code]'), /^Codice ricevuto per e-mail all'indirizzo M\*\*\*@Example\.it$/);

  // Changing the PIN: each problem in the summary and next to its field.
  await page.goto(server.url + '/cambia-pin');
  await fillFields(page, { current_pin: MARIO.pin, new_pin: 'W7XQ2ZKJ', confirm_pin: 'W7XQ2ZKK' });
  await page.click('main button[type=submit]');
  let wrong = await summary(page, js, 'PIN confirm');
  assert.deepEqual(fieldsIn(wrong), ['confirm_pin']);
  await look(page, 'h02-change-pin-confirm', js, width);
  await fillFields(page, { current_pin: MARIO.pin, new_pin: 'MARIO234', confirm_pin: 'MARIO234' });
  await page.click('main button[type=submit]');
  wrong = await summary(page, js, 'PIN with the name');
  assert.deepEqual(fieldsIn(wrong), ['new_pin']);
  assert.match(await text(page, '#new-error'), /nome o cognome/);
  await look(page, 'h03-change-pin-name', js, width);
  await page.context().clearCookies();
}

async function walk(js) {
  const server = await startServer();
  await atEveryWidth(server, js, async (page, width) => {
    await citizenRequests(page, server, js, width);
    await deskForms(page, server, js, width);
    await holderPages(page, server, js, width);
  });
}

test('request, desk, contact and PIN forms show every problem at once and keep what was typed, at 1280 and 390 px', async () => {
  await walk(true);
});

test('the same with JavaScript disabled', withoutJavaScript, async () => {
  await walk(false);
});

after(() => checks.save());
