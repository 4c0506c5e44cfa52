// "Deleghe ai patronati" and "Chi ha consultato i suoi dati" in a real browser (issue 11). Mario (ordinario, with
// a demo mandate to ACLI for two kinds of application) finds his mandates from the reserved area, sends an empty
// grant form (every problem at once, each next to its field), then a messy one (a tick without the choice, a
// past day typed 5/3/2020, what he typed kept), a day too far, then gives INCA a mandate typed d/m/yyyy; giving
// INCA a second one is refused next to the patronato; he revokes it after the confirmation page. His access page
// names the ACLI operator who searched for him and filed for him (by name and patronato, never a username), the
// contact-centre operator who filed for him during a call, and the mandates he gave and revoked; "Solo operatori e
// patronati" leaves only the operators. Giulia downloads the signed form of a
// mandate ACLI recorded for her; Mario never reaches it nor her revocation page (404). Signed out, every page asks
// to sign in. At 1280 and 390 px, with JavaScript and without: a screenshot and axe-core on every page, no page
// wider than the screen.
// Usage: node mandates_test.mjs PATH/TO/sportello PATH/TO/sportelloctl OUTPUT_DIR
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startServer as start, atEveryWidth, PageChecks, totp, DEMO_STAFF, withoutJavaScript, smallPdf } from './support.mjs';

const [SERVER, CTL, OUT] = process.argv.slice(2).map((p) => resolve(p));
const checks = new PageChecks(OUT, 'mandates-');
const GIULIA = { codice_fiscale: 'BNCGLI72C45F205W', pin: 'DISP0SIT' };
const MARIO = { codice_fiscale: 'RSSMRA85T10H501O', pin: 'PIN2DEMO' };
const ACLI_OPERATOR = { username: 'pat.galli', password: 'demo-patronato-acli', totp: 'NBSWY3DPO5XXE3DEEBQW4ZBAMFXGIIDB' };
const startServer = () => start(CTL, SERVER, { SPORTELLO_SERVER_THROTTLE_BURST: '100', SPORTELLO_SERVER_THROTTLE_PER_MINUTE: '600' });

const path = (page) => new URL(page.url()).pathname;
const text = async (page, selector) => (await page.textContent(selector)).replace(/\s+/g, ' ').trim();
// What each row says as people read it: cells and lines apart.
const texts = async (locator) => (await locator.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());

const pdf = smallPdf;

// A day counted from today in Rome, as people type it: d/m/yyyy without leading zeros.
function romeDay(daysFromToday) {
  const when = new Date(Date.now() + daysFromToday * 86400000);
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Rome', year: 'numeric',
    month: 'numeric', day: 'numeric' }).formatToParts(when).map((p) => [p.type, p.value]));
  return { typed: `${parts.day}/${parts.month}/${parts.year}`, iso: `${parts.year}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}` };
}

async function api(server, method, route, body, token) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const reply = await fetch(server.url + '/api/v1' + route, { method, headers, body: JSON.stringify(body) });
  return { status: reply.status, json: await reply.json() };
}

async function staffToken(server, account) {
  const session = await api(server, 'POST', '/staff/sessions', { username: account.username, password: account.password,
    totp: totp(account.totp) });
  assert.equal(session.status, 201, JSON.stringify(session.json));
  return session.json.token;
}

// A NASpI application as multipart form data, with its letter: the fields a filing through the API takes.
function naspi(key, extra = []) {
  const form = new FormData();
  for (const [name, value] of [...extra, ['type', 'naspi'], ['idempotency_key', key],
    ['data_cessazione', romeDay(-20).typed], ['datore_lavoro', 'Comune di Roma'], ['motivo_cessazione', 'scadenza_contratto'],
    ['iban', 'IT60 X054 2811 1010 0000 0123 456']]) form.append(name, value);
  form.append('attachments', new Blob([pdf('Lettera di fine contratto')], { type: 'application/pdf' }), 'lettera.pdf');
  return form;
}

async function filed(server, route, form, token) {
  const reply = await fetch(server.url + '/api/v1' + route, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  const body = await reply.json();
  assert.equal(reply.status, 201, JSON.stringify(body));
  return body;
}

// Before the walk: the ACLI operator searches for Mario (under his demo mandate) and files a NASpI for him; the
// contact centre files another for him during a call; ACLI records a mandate from Giulia with the signed form.
// Returns the protocols, the recorded mandate's id and the form's bytes.
async function patronatoActs(server) {
  const token = await staffToken(server, ACLI_OPERATOR);
  const found = await api(server, 'POST', '/patronato/subject-search', { codice_fiscale: MARIO.codice_fiscale }, token);
  assert.equal(found.status, 200, JSON.stringify(found.json));
  const byPatronato = await filed(server, `/patronato/subjects/${found.json.citizen.id}/applications`, naspi('browser-acli-' + randomUUID()), token);
  const byCall = await filed(server, '/operator/caller-applications', naspi('browser-call-' + randomUUID(), [
    ['codice_fiscale', MARIO.codice_fiscale], ['identity_questions', 'birth-date-and-place'], ['identity_questions', 'residence']]),
  await staffToken(server, DEMO_STAFF.contact_center));
  const signed = pdf('Mandato di assistenza firmato da Giulia Bianchi');
  const form = new FormData();
  for (const [name, value] of [['codice_fiscale', GIULIA.codice_fiscale], ['surname', 'Bianchi'], ['birth_date', '05/03/1972'],
    ['scope', 'naspi'], ['ends_on', romeDay(90).typed]]) form.append(name, value);
  form.append('signed_form', new Blob([signed], { type: 'application/pdf' }), 'mandato-firmato.pdf');
  const recorded = await fetch(server.url + '/api/v1/patronato/mandates', { method: 'POST', body: form,
    headers: { authorization: `Bearer ${token}` } });
  const body = await recorded.json();
  assert.equal(recorded.status, 201, JSON.stringify(body));
  return { id: body.id, signed, protocols: { patronato: byPatronato.protocol, call: byCall.protocol } };
}

async function login(page, url, who) {
  await page.goto(url + '/accedi');
  await page.fill('#codice_fiscale', who.codice_fiscale);
  await page.fill('#pin', who.pin);
  await page.click('main button[type=submit]');
  assert.equal(path(page), '/area-riservata');
}

async function logout(page) {
  await page.click('header button[type=submit]');
}

const look = (page, name, js, width) => checks.look(page, name, js, width);

// Bootstrap Italia draws radios and checkboxes on their labels: a click on the label, as people do.
async function tick(page, id) {
  if (!(await page.isChecked(`#${id}`))) await page.click(`label[for="${id}"]`);
  assert.ok(await page.isChecked(`#${id}`), id);
}

async function submitGrant(page) {
  await page.click('#grant');
  await page.waitForLoadState();
}

async function marioGrantsAndRevokes(page, server, js, width) {
  await login(page, server.url, MARIO);
  await page.click('#mandates a');
  assert.equal(path(page), '/area-riservata/deleghe');
  const acli = page.locator('#active-mandates li', { hasText: 'Patronato ACLI' });
  assert.match(await acli.textContent(), /NASpI[^,]*, Assegno/);
  assert.match(await acli.textContent(), /Conferita da Lei online/);
  assert.equal(await acli.locator('text=Modulo firmato').count(), 0, 'a mandate given online has no signed form');
  await look(page, 'm01-list', js, width);

  // An empty form: three problems at once, each linked from the summary and next to its field.
  await page.click('#new-mandate');
  assert.equal(path(page), '/area-riservata/deleghe/nuova');
  assert.match(await text(page, '#ultimo_giorno-hint'), /al più tardi il \d\d\/\d\d\/\d{4}/);
  await look(page, 'm02-new', js, width);
  await submitGrant(page);
  assert.equal(await text(page, '#error-summary h2'), '3 dati da correggere');
  assert.deepEqual(await page.locator('#error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
    ['#patronato', '#ambito', '#ultimo_giorno']);
  assert.match(await text(page, '#patronato-error'), /Scelga il patronato/);
  assert.match(await text(page, '#ambito-error'), /tutti i servizi o solo alcune domande/);
  assert.equal(await page.getAttribute('#ultimo_giorno', 'aria-invalid'), 'true');
  await look(page, 'm03-empty', js, width);

  // Messy: a tick without choosing "only some", a day long past typed without zeros. The tick counts as the
  // choice; the day is refused; everything typed is kept.
  await page.selectOption('#patronato', { label: 'Patronato INCA CGIL' });
  await tick(page, 'tipo_naspi');
  await page.fill('#ultimo_giorno', '5/3/2020');
  await submitGrant(page);
  assert.equal(await text(page, '#error-summary h2'), "C'è un dato da correggere");
  assert.match(await text(page, '#ultimo_giorno-error'), /prima di oggi/);
  assert.equal(await page.inputValue('#ultimo_giorno'), '5/3/2020');
  assert.equal(await page.inputValue('#patronato'), 'INCA');
  assert.ok(await page.isChecked('#tipo_naspi'));
  assert.ok(await page.isChecked('#ambito-alcuni'), 'a tick alone means "only these"');
  await look(page, 'm04-past', js, width);

  // Thirteen months ahead: too far. Then every service, to the end of next month.
  await page.fill('#ultimo_giorno', romeDay(400).typed);
  await submitGrant(page);
  assert.match(await text(page, '#ultimo_giorno-error'), /al massimo 12 mesi/);
  await tick(page, 'ambito');
  const last = romeDay(45);
  await page.fill('#ultimo_giorno', last.typed);
  await submitGrant(page);
  assert.equal(path(page), '/area-riservata/deleghe');
  assert.match(await text(page, '#flash'), /Delega conferita/);
  const inca = page.locator('#active-mandates li', { hasText: 'Patronato INCA CGIL' });
  assert.match(await inca.textContent(), /Tutti i servizi/);
  const [y, m, d] = last.iso.split('-').map(Number);
  const months = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'];
  assert.match(await inca.textContent(), new RegExp(`al ${d} ${months[m - 1]} ${y}`));
  await look(page, 'm05-granted', js, width);

  // A second mandate to INCA: refused next to the patronato.
  await page.click('#new-mandate');
  await page.selectOption('#patronato', 'INCA');
  await tick(page, 'ambito');
  await page.fill('#ultimo_giorno', romeDay(10).typed);
  await submitGrant(page);
  assert.match(await text(page, '#patronato-error'), /già una delega attiva a questo patronato/);
  await look(page, 'm06-already', js, width);

  // Revoke it, after the page that says what revoking does.
  await page.goto(server.url + '/area-riservata/deleghe');
  await inca.locator('a', { hasText: 'Revochi la delega' }).click();
  assert.match(path(page), /^\/area-riservata\/deleghe\/\d+\/revoca$/);
  assert.equal(await text(page, '#patronato'), 'Patronato INCA CGIL');
  await look(page, 'm07-revoke', js, width);
  await page.click('#revoke-confirm');
  assert.equal(path(page), '/area-riservata/deleghe');
  assert.match(await text(page, '#flash'), /Delega revocata/);
  assert.equal(await page.locator('#active-mandates li', { hasText: 'Patronato INCA CGIL' }).count(), 0);
  const ended = page.locator('#ended-mandates li', { hasText: 'Patronato INCA CGIL' }).first();
  assert.match(await ended.textContent(), /Revocata/);
  await look(page, 'm08-revoked', js, width);
}

async function marioReadsHisAccesses(page, server, recorded, js, width) {
  await page.goto(server.url + '/area-riservata');
  await page.click('#all-accesses');
  assert.equal(path(page), '/area-riservata/accessi');
  const rows = width >= 768 ? page.locator('#accesses tbody tr') : page.locator('#accesses-list li');
  const all = await texts(rows);
  const search = all.find((row) => row.includes('Ricerca dei suoi dati da parte del patronato'));
  assert.ok(search, all.join('\n'));
  assert.match(search, /Sergio Galli, patronato \(Patronato ACLI\)/);
  assert.match(search, /delega n\. \d+/);
  assert.ok(!all.some((row) => row.includes('pat.galli') || row.includes('cc.rossi')), 'a citizen never reads a username');
  const byPatronato = all.find((row) => row.includes(recorded.protocols.patronato));
  assert.match(byPatronato || all.join('\n'), /Sergio Galli, patronato \(Patronato ACLI\).*delega n\. \d+/);
  const byCall = all.find((row) => row.includes(recorded.protocols.call));
  assert.match(byCall || all.join('\n'), /contact center.*telefonata al contact center/);
  assert.ok(all.some((row) => /Delega a un patronato conferita/.test(row) && /\bLei\b/.test(row)), all.join('\n'));
  assert.ok(all.some((row) => /Delega revocata/.test(row)), all.join('\n'));
  await look(page, 'm09-accesses', js, width);
  await page.click('#filter-others');
  const others = await texts(rows);
  assert.ok(others.length >= 3 && others.every((row) => /Sergio Galli|contact center/.test(row)), others.join('\n'));
  await look(page, 'm10-accesses-others', js, width);

  // Giulia's mandate is not Mario's: its pages are not found, its form is not his.
  for (const route of [`/area-riservata/deleghe/${recorded.id}/revoca`, `/area-riservata/deleghe/${recorded.id}/modulo.pdf`,
    '/area-riservata/deleghe/99999/revoca']) {
    const reply = await page.goto(server.url + route);
    assert.equal(reply.status(), 404, route);
  }
  await look(page, 'm11-not-found', js, width);
  await logout(page);
}

async function giuliaDownloadsTheSignedForm(page, server, recorded, js, width) {
  await login(page, server.url, GIULIA);
  await page.goto(server.url + '/area-riservata/deleghe');
  const acli = page.locator('#active-mandates li', { hasText: 'Patronato ACLI' });
  assert.match(await acli.textContent(), /Registrata dal patronato con il modulo firmato da Lei/);
  const [file] = await Promise.all([page.waitForEvent('download'), acli.locator('a', { hasText: 'Modulo firmato' }).click()]);
  const saved = await file.path();
  assert.ok(readFileSync(saved).equals(recorded.signed), 'the signed form comes back byte for byte');
  await look(page, 'm12-giulia', js, width);
  await logout(page);
}

async function walk(js) {
  const server = await startServer();
  let recorded;
  try {
    recorded = await patronatoActs(server);
  } catch (failed) {
    await server.stop();
    throw failed;
  }
  await atEveryWidth(server, js, async (page, width) => {
    for (const route of ['/area-riservata/deleghe', '/area-riservata/deleghe/nuova', '/area-riservata/accessi',
      `/area-riservata/deleghe/${recorded.id}/modulo.pdf`]) {
      await page.goto(server.url + route);
      assert.equal(path(page), '/accedi', `signed out, ${route} asks to sign in`);
    }
    await marioGrantsAndRevokes(page, server, js, width);
    await marioReadsHisAccesses(page, server, recorded, js, width);
    await giuliaDownloadsTheSignedForm(page, server, recorded, js, width);
  });
}

test('Mario gives and revokes a mandate, reads who consulted his data; Giulia gets her signed form', async () => {
  await walk(true);
});

test('the same with JavaScript disabled', withoutJavaScript, async () => {
  await walk(false);
});

after(() => checks.save());
