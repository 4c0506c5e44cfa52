// The console pages of issue 11 in a real browser. A patronato operator (pat.neri, INCA) signs in with TOTP,
// looks for Giulia by her codice fiscale typed lower case with spaces (a POST: the code never reaches the
// address), reads her page (data, contribution record, applications) and files a NASpI on her behalf (a bad
// submission first: every problem next to its field); a search for Mario (his mandate is to ACLI) and for a
// code nobody holds answer with the same status and the same page; she records a mandate for Anna from a
// signed PDF (a wrong surname: the neutral mismatch; a text file renamed .pdf and a 3 MB file: refused), then
// revokes it. The contact centre (cc.rossi) files for a caller: one identity question is refused next to the
// questions, an unknown codice fiscale next to the code, two questions go through. Each role gets 403 in the
// other's section. At 1280 and 390 px with JavaScript (axe on every page), the main path again without; then
// the citizens' access lists (GET /api/v1/me/accesses) name the operators and the patronato.
// Usage: node patronato_console_test.mjs PATH/TO/sportello PATH/TO/sportelloctl OUTPUT_DIR
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { startServer as start, atEveryWidth, WIDTHS, PageChecks, DEMO_STAFF, withoutJavaScript, smallPdf, freshCode } from './support.mjs';

const [SERVER, CTL, OUT] = process.argv.slice(2).map((p) => resolve(p));
const checks = new PageChecks(OUT, 'patronato-');
const startServer = () => start(CTL, SERVER, { SPORTELLO_SERVER_THROTTLE_BURST: '100', SPORTELLO_SERVER_THROTTLE_PER_MINUTE: '600' });

const GIULIA = { codice_fiscale: 'BNCGLI72C45F205W', pin: 'DISP0SIT' };  // dispositivo; mandate to INCA, every service
const MARIO = { codice_fiscale: 'RSSMRA85T10H501O', pin: 'PIN2DEMO' };   // mandate to ACLI only
const ANNA = { codice_fiscale: 'SPSNNA90L61F839V', surname: 'Esposito', birth: '21/7/1990' };  // no mandate
const PROTOCOL = /^INPS\.\d{4}\.\d{4}\.\d{7}$/;
const NEUTRAL = 'Nessun soggetto con questo codice fiscale tra i deleganti del suo patronato.';
const MISMATCH = 'Codice fiscale, cognome e data di nascita non corrispondono a un cittadino: li controlli sul modulo firmato.';

const path = (page) => new URL(page.url()).pathname;
const text = async (page, selector) => (await page.textContent(selector)).replace(/\s+/g, ' ').trim();
const texts = async (locator) => (await locator.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
const spaced = (code) => `${code.slice(0, 6)} ${code.slice(6, 11)} ${code.slice(11)}`.toLowerCase();

// ---- Files: a small real PDF, a text file named .pdf, 3 MB of PDF. ----

const pdf = smallPdf;
const SIGNED = { name: 'delega-firmata.pdf', mimeType: 'application/pdf', buffer: pdf('Delega al patronato INCA - Anna Esposito') };
const NOT_PDF = { name: 'delega.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Questa non e una delega in PDF.\n') };
const HUGE = { name: 'scansione.pdf', mimeType: 'application/pdf',
               buffer: Buffer.concat([pdf('Scansione'), Buffer.alloc(3 * 1024 * 1024, 0x20)]) };

// ---- Dates (Europe/Rome) as people type them. ----

function romeDate(daysFromToday = 0) {
  const when = new Date(Date.now() + daysFromToday * 86400000);
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Rome', year: 'numeric',
    month: '2-digit', day: '2-digit' }).formatToParts(when).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}
// "5/3/2027": no leading zeros, as a hurried operator types.
const loose = (iso) => iso.split('-').reverse().map((p) => String(Number(p))).join('/');
const typed = (iso) => iso.split('-').reverse().join('/');

function codiceFiscale(server, surname, name, sex, birthDate) {
  return JSON.parse(server.ctl('--json', 'cf', 'compute', '--surname', surname, '--name', name, '--sex', sex,
    '--birth-date', birthDate, '--birth-place', 'H501')).codice_fiscale;
}

// ---- Signing in and looking. ----

async function staffLogin(page, server, account) {
  await page.goto(server.url + '/operatori/accedi');
  await page.fill('#username', account.username);
  await page.fill('#password', account.password);
  await page.fill('#totp', await freshCode(server, account));
  await page.click('main button[type=submit]');
  assert.equal(path(page), '/operatori', `${account.username} signed in`);
}

async function signOut(page) {
  await page.click('header button[type=submit]');
  assert.equal(path(page), '/operatori/accedi');
}

const look = (page, name, js, width) => checks.look(page, name, js, width);

// Clicks `selector` (a submit) and returns the status of the page it leads to.
async function submit(page, selector) {
  const [response] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
  return response.status();
}

async function tick(page, id) {
  if (!(await page.isChecked(`#${id}`))) await page.click(`label[for="${id}"]`);
  assert.ok(await page.isChecked(`#${id}`), id);
}

// Focus on the error summary: by script, or by the autofocus attribute once the page has loaded.
async function summaryFocused(page) {
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'error-summary', null, { timeout: 5000 });
}

// ---- The patronato. ----

// A search that finds nobody: the status, and the page's main part without the code as typed.
async function searchNobody(page, code) {
  await page.fill('#codice_fiscale', code);
  const status = await submit(page, '#search');
  assert.equal(path(page), '/operatori/patronato', 'the code is not in the address');
  assert.equal(new URL(page.url()).search, '');
  assert.equal(await text(page, '#codice_fiscale-error'), NEUTRAL);
  assert.equal(await page.getAttribute('#codice_fiscale', 'aria-invalid'), 'true');
  assert.equal(await page.inputValue('#codice_fiscale'), code, 'what was typed is kept');
  const main = (await page.innerHTML('main')).replaceAll(`value="${code}"`, 'value=""');
  return { status, main };
}

async function search(page, server, js, width, stranger) {
  await page.click('nav[aria-label="Sezioni della console"] a[href="/operatori/patronato"]');
  assert.equal(path(page), '/operatori/patronato');
  assert.equal(await text(page, 'h1'), 'Ricerca soggetto');
  const giuliaRow = page.locator(`#mandates tr[data-codice-fiscale="${GIULIA.codice_fiscale}"]`);
  assert.equal(await giuliaRow.count(), 1, "Giulia's mandate is in INCA's list");
  assert.match(await text(page, `#mandates tr[data-codice-fiscale="${GIULIA.codice_fiscale}"] .mandate-state`), /^Attiva$/);
  assert.equal(await page.locator(`#mandates tr[data-codice-fiscale="${MARIO.codice_fiscale}"]`).count(), 0, "ACLI's are not");
  await look(page, 'p02-search', js, width);
  // Giulia granted hers online: no revocation here, only she can revoke it.
  assert.equal(await giuliaRow.locator('a.revoke').count(), 0);
  await page.goto(`${server.url}/operatori/patronato/deleghe/${await giuliaRow.getAttribute('data-id')}/revoca`);
  assert.equal(path(page), '/operatori/patronato');
  assert.match(await text(page, '#flash'), /può revocarla solo il cittadino/);

  // Mario gave his mandate to ACLI; the stranger's code is nobody's: the same answer, to the byte.
  const mario = await searchNobody(page, spaced(MARIO.codice_fiscale));
  await look(page, 'p03-search-not-found', js, width);
  const nobody = await searchNobody(page, stranger);
  assert.equal(mario.status, 422);
  assert.equal(nobody.status, mario.status, 'the same status');
  assert.equal(nobody.main, mario.main, 'the same page');

  // Nothing typed, then a code with a wrong check character: each told as such.
  await page.fill('#codice_fiscale', '');
  assert.equal(await submit(page, '#search'), 422);
  assert.equal(await text(page, '#codice_fiscale-error'), 'Scriva il codice fiscale.');
  await page.fill('#codice_fiscale', 'BNCGLI72C45F205X');
  assert.equal(await submit(page, '#search'), 422);
  assert.match(await text(page, '#codice_fiscale-error'), /carattere di controllo/);
  if (js) await summaryFocused(page);

  // Giulia, typed as people type.
  await page.fill('#codice_fiscale', `  ${spaced(GIULIA.codice_fiscale)} `);
  assert.equal(await submit(page, '#search'), 200);
  assert.match(path(page), /^\/operatori\/patronato\/soggetti\/\d+$/);
  assert.ok(!page.url().toUpperCase().includes(GIULIA.codice_fiscale));
  return path(page);
}

async function subjectPage(page, js, width) {
  assert.equal(await text(page, 'h1'), 'Giulia Bianchi');
  assert.equal(await text(page, '#subject-cf'), GIULIA.codice_fiscale);
  assert.equal(await text(page, '#mandate-scope'), 'Tutti i servizi');
  assert.match(await text(page, '#personal-data'), /Bianchi Giulia.*1972/);
  assert.match(await text(page, '#personal-data'), /giulia\.bianchi@example\.it/);
  // Every service: the contribution record's summary.
  assert.equal(await page.locator('#record-not-covered').count(), 0);
  assert.ok(await page.locator('#record-summary, #record-empty').count() === 1, 'the record is shown');
  assert.deepEqual(await page.locator('#file-links a').evaluateAll((as) => as.map((a) => a.dataset.type)),
    ['ricongiunzione', 'naspi', 'assegno-nucleo-familiare', 'riscatto-laurea', 'bonus-baby-sitting']);
  await look(page, 'p04-subject', js, width);
}

async function fileNaspi(page, subject, js, width) {
  const before = await page.locator('#applications tbody tr').count();
  await page.click('#file-links a[data-type="naspi"]');
  assert.equal(path(page), `${subject}/domande/nuova/naspi`);
  assert.equal(await text(page, '#subject-name'), 'Giulia Bianchi');
  await look(page, 'p05-form', js, width);

  // Sent empty: every problem at once, each next to its field.
  assert.equal(await submit(page, '#submit-application'), 422);
  if (js) await summaryFocused(page);
  assert.match(await text(page, '#error-summary h2'), /dati da correggere/);
  const links = await page.locator('#error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const id of ['#data_cessazione', '#datore_lavoro', '#iban', '#allegati']) assert.ok(links.includes(id), id);
  assert.equal(await page.getAttribute('#iban', 'aria-invalid'), 'true');
  assert.ok(await page.isVisible('#data_cessazione-error'));
  await look(page, 'p06-form-errors', js, width);

  await page.fill('#data_cessazione', loose(romeDate(-15)));
  await page.fill('#datore_lavoro', 'Gamma Logistica S.r.l.');
  await page.fill('#iban', 'IT60 X054 2811 1010 0000 0123 456');
  await tick(page, 'motivo_cessazione-licenziamento');
  await page.setInputFiles('#allegati', [{ name: 'lettera licenziamento.pdf', mimeType: 'application/pdf',
                                           buffer: pdf('Lettera di licenziamento') }]);
  // A double click: the same form (the same one-time key) reaches the server twice; it files once.
  if (js) {
    const first = await page.evaluate(async () => {
      const form = document.querySelector('#application-form');
      return (await fetch(form.action, { method: 'POST', body: new FormData(form), redirect: 'manual' })).type;
    });
    assert.equal(first, 'opaqueredirect', 'the first click was answered with a redirect');
  }
  assert.equal(await submit(page, '#submit-application'), 200);
  assert.match(path(page), new RegExp(`^${subject}/domande/\\d+$`));
  assert.equal(new URL(page.url()).searchParams.get('esito'), 'presentata-per-conto');
  assert.match(await text(page, '#flash'), /per conto del cittadino/);
  const protocol = await text(page, '#protocol');
  assert.match(protocol, PROTOCOL);
  assert.equal(await text(page, '#state'), 'Inviata');
  assert.equal(await text(page, '#through'), 'Tramite Patronato INCA CGIL');
  assert.equal(await text(page, 'dd[data-field="datore_lavoro"]'), 'Gamma Logistica S.r.l.');
  await look(page, 'p07-filed', js, width);

  // Her page lists it, once.
  await page.goto(new URL(subject, page.url()).href);
  assert.equal((await texts(page.locator('#applications tbody th a'))).filter((p) => p === protocol).length, 1);
  assert.equal(await page.locator('#applications tbody tr').count(), before + 1, 'filed once');
  // In English through the switch, and back.
  await page.click('header >> text=English');
  assert.equal(await text(page, '#mandate-title'), 'Mandate');
  assert.equal(await text(page, '#mandate-scope'), 'Every service');
  await look(page, 'p07b-subject-en', js, width);
  await page.click('header >> text=Italiano');
  return protocol;
}

async function recordAndRevoke(page, js, width) {
  await page.goto(new URL('/operatori/patronato', page.url()).href);
  await page.click('#record-mandate');
  assert.equal(path(page), '/operatori/patronato/deleghe/nuova');
  await look(page, 'p08-record', js, width);

  // Empty: every field's problem.
  assert.equal(await submit(page, '#record-submit'), 422);
  for (const id of ['codice_fiscale', 'surname', 'birth_date', 'ends_on', 'signed_form']) assert.ok(await page.isVisible(`#${id}-error`), id);
  assert.equal(await text(page, '#codice_fiscale-error'), 'Scriva il codice fiscale.');
  assert.equal(await text(page, '#error-summary h2'), '6 dati da correggere');
  assert.ok(await page.isVisible('#scope-error'));
  await look(page, 'p09-record-empty', js, width);

  const fill = async (surname, file) => {
    await page.fill('#codice_fiscale', spaced(ANNA.codice_fiscale));
    await page.fill('#surname', surname);
    await page.fill('#birth_date', ANNA.birth);
    await tick(page, 'scope_kind-types');
    await tick(page, 'scope-naspi');
    await tick(page, 'scope-assegno-nucleo-familiare');
    await page.fill('#ends_on', loose(romeDate(180)));
    await page.setInputFiles('#signed_form', file);
  };
  // A surname that does not match: the one neutral sentence, next to the codice fiscale; what was typed is kept.
  await fill('Rossi', SIGNED);
  assert.equal(await submit(page, '#record-submit'), 422);
  assert.equal(await text(page, '#codice_fiscale-error'), MISMATCH);
  assert.equal(await page.inputValue('#surname'), 'Rossi');
  assert.equal(await page.inputValue('#birth_date'), ANNA.birth);
  assert.ok(await page.isChecked('#scope-naspi'));
  assert.ok(await page.isVisible('#signed_form-again'), 'the file must be chosen again');
  await look(page, 'p10-record-mismatch', js, width);

  // A text file renamed .pdf, then 3 MB: refused next to the file.
  await fill('Esposito', NOT_PDF);
  assert.equal(await submit(page, '#record-submit'), 422);
  assert.match(await text(page, '#signed_form-error'), /non è un PDF/);
  await look(page, 'p11-record-not-pdf', js, width);
  await fill('Esposito', HUGE);
  assert.equal(await submit(page, '#record-submit'), 422);
  assert.match(await text(page, '#signed_form-error'), /al massimo di 1 MB/);

  await fill('esposito', SIGNED);
  assert.equal(await submit(page, '#record-submit'), 200);
  assert.equal(path(page), '/operatori/patronato');
  assert.match(await text(page, '#flash'), /Delega registrata/);
  // Newest first: the one just recorded (an earlier pass may have left a revoked one below).
  const anna = page.locator(`#mandates tr[data-codice-fiscale="${ANNA.codice_fiscale}"]`);
  const row = `#mandates tr[data-id="${await anna.first().getAttribute('data-id')}"]`;
  assert.equal(await anna.filter({ hasText: 'Attiva' }).count(), 1, 'one active mandate for Anna');
  assert.match(await text(page, row), /NASpI.*Assegno per il nucleo familiare/);
  assert.match(await text(page, row), /Registrata dal patronato/);
  assert.equal(await text(page, `${row} .mandate-state`), 'Attiva');
  await look(page, 'p12-recorded', js, width);

  // The signed form is kept as sent.
  const document = await page.evaluate(async (href) => {
    const reply = await fetch(href);
    return { status: reply.status, type: reply.headers.get('content-type'), start: (await reply.text()).slice(0, 5) };
  }, await page.getAttribute(`${row} a[href$="modulo.pdf"]`, 'href')).catch(() => null);
  if (js) assert.deepEqual(document, { status: 200, type: 'application/pdf', start: '%PDF-' });

  // Her page opens while the mandate is active: the scope names two applications, no contribution record.
  const annaPage = await page.getAttribute(`${row} th a`, 'href');
  await page.goto(new URL(annaPage, page.url()).href);
  assert.equal(await text(page, 'h1'), 'Anna Esposito');
  assert.ok(await page.isVisible('#record-not-covered'));
  assert.deepEqual(await page.locator('#file-links a').evaluateAll((as) => as.map((a) => a.dataset.type)),
    ['naspi', 'assegno-nucleo-familiare']);
  const outside = await page.goto(new URL(`${annaPage}/domande/nuova/riscatto-laurea`, page.url()).href);
  assert.equal(outside.status(), 403, 'nothing outside the scope');
  assert.match(await text(page, '#problem'), /non comprende questa operazione/);
  await page.goto(new URL('/operatori/patronato', page.url()).href);

  await page.click(`${row} a.revoke`);
  assert.match(path(page), /^\/operatori\/patronato\/deleghe\/\d+\/revoca$/);
  assert.match(await text(page, '#revoke-mandate'), /Esposito/);
  await look(page, 'p13-revoke', js, width);
  assert.equal(await submit(page, '#confirm-revoke'), 200);
  assert.equal(path(page), '/operatori/patronato');
  assert.match(await text(page, '#flash'), /Delega revocata/);
  assert.equal(await text(page, `${row} .mandate-state`), 'Revocata');
  assert.equal(await page.locator(`${row} a.revoke`).count(), 0, 'nothing left to revoke');
  // Nothing after revocation.
  const gone = await page.goto(new URL(annaPage, page.url()).href);
  assert.equal(gone.status(), 404);
  assert.match(await text(page, '#problem'), /revocata o essere scaduta/);
  await look(page, 'p13b-revoked-subject', js, width);
}

async function patronato(page, server, js, width, stranger) {
  await staffLogin(page, server, DEMO_STAFF.patronato);
  const nav = await text(page, 'nav[aria-label="Sezioni della console"]');
  assert.match(nav, /Patronato/);
  assert.doesNotMatch(nav, /Domanda telefonica|Richieste da confermare/, 'only the patronato section');
  await look(page, 'p01-dashboard', js, width);
  const subject = await search(page, server, js, width, stranger);
  await subjectPage(page, js, width);
  const protocol = await fileNaspi(page, subject, js, width);
  await recordAndRevoke(page, js, width);

  // The contact centre's page is not hers; nor is a subject without a mandate.
  const forbidden = await page.goto(server.url + '/operatori/domanda-telefonica');
  assert.equal(forbidden.status(), 403);
  assert.equal(await text(page, 'h1'), 'Operazione non consentita');
  await look(page, 'p14-forbidden', js, width);
  const none = await page.goto(server.url + '/operatori/patronato/soggetti/999999');
  assert.equal(none.status(), 404);
  assert.match(await text(page, '#problem'), /non è tra i deleganti del suo patronato/);
  await signOut(page);
  return { subject, protocol };
}

// ---- The contact centre. ----

async function caller(page, server, js, width, stranger) {
  await staffLogin(page, server, DEMO_STAFF.contact_center);
  const forbidden = await page.goto(server.url + '/operatori/patronato');
  assert.equal(forbidden.status(), 403);
  await page.goto(server.url + '/operatori');
  await page.click('nav[aria-label="Sezioni della console"] a[href="/operatori/domanda-telefonica"]');
  assert.equal(path(page), '/operatori/domanda-telefonica');
  await look(page, 'c01-caller', js, width);

  // One question and a code nobody holds: both problems at once, what was typed kept.
  await page.fill('#codice_fiscale', stranger);
  await tick(page, 'verifica_birth-date-and-place');
  await tick(page, 'tipo-assegno-nucleo-familiare');
  assert.equal(await submit(page, '#caller-continue'), 422);
  if (js) await summaryFocused(page);
  assert.match(await text(page, '#identity_questions-error'), /almeno due domande/);
  assert.match(await text(page, '#codice_fiscale-error'), /Nessun cittadino ha questo codice fiscale/);
  assert.equal(await page.inputValue('#codice_fiscale'), stranger);
  assert.ok(await page.isChecked('#verifica_birth-date-and-place'));
  assert.ok(await page.isChecked('#tipo-assegno-nucleo-familiare'));
  await look(page, 'c02-caller-errors', js, width);

  // Mario on the phone, two questions: the form, the code carried in the body only.
  await page.fill('#codice_fiscale', spaced(MARIO.codice_fiscale));
  await tick(page, 'verifica_residence');
  assert.equal(await submit(page, '#caller-continue'), 200);
  assert.equal(path(page), '/operatori/domanda-telefonica');
  assert.equal(new URL(page.url()).search, '');
  assert.equal(await text(page, 'h1'), 'Assegno per il nucleo familiare');
  assert.deepEqual(await texts(page.locator('#caller-asked li')), ['Data e luogo di nascita', 'Indirizzo di residenza']);
  assert.equal(await text(page, '#caller-cf'), MARIO.codice_fiscale, 'the code as the registry writes it');
  await look(page, 'c03-caller-form', js, width);
  // "Modifica": back to the first step with everything settled, then on again.
  assert.equal(await submit(page, '#caller-change'), 200);
  assert.equal(await page.inputValue('#codice_fiscale'), MARIO.codice_fiscale);
  assert.ok(await page.isChecked('#verifica_residence'));
  assert.ok(await page.isChecked('#tipo-assegno-nucleo-familiare'));
  assert.equal(await submit(page, '#caller-continue'), 200);
  assert.equal(await text(page, 'h1'), 'Assegno per il nucleo familiare');

  // A bad form keeps the caller; then the right one.
  const child = codiceFiscale(server, 'Rossi', 'Luca', 'M', '2015-04-02');
  await page.fill('#componenti', child);
  assert.equal(await submit(page, '#submit-application'), 422);
  assert.ok(await page.isVisible('#reddito_familiare-error'));
  assert.deepEqual(await texts(page.locator('#caller-asked li')), ['Data e luogo di nascita', 'Indirizzo di residenza']);
  await look(page, 'c04-caller-form-errors', js, width);
  const year = romeDate().slice(0, 4);
  await page.fill('#reddito_familiare', '31.200,00');
  await page.fill('#periodo_dal', `1/1/${year}`);
  await page.fill('#periodo_al', `31/12/${year}`);
  assert.equal(await submit(page, '#submit-application'), 200);
  const protocol = await text(page, '#protocol');
  assert.match(protocol, PROTOCOL);
  assert.equal(await text(page, '#filed-type'), 'Assegno per il nucleo familiare');
  await look(page, 'c05-caller-filed', js, width);
  await signOut(page);
  return protocol;
}

// ---- What the citizens see: who touched their data. ----

async function accesses(server, who) {
  const login = await fetch(server.url + '/api/v1/sessions', { method: 'POST', headers: { 'Content-Type': 'application/json' },
                                                               body: JSON.stringify(who) });
  assert.equal(login.status, 201);
  const { token } = await login.json();
  const reply = await fetch(server.url + '/api/v1/me/accesses', { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(reply.status, 200);
  return (await reply.json()).accesses;
}

async function citizensSeeIt(server, filedForGiulia, filedForMario) {
  const giulia = await accesses(server, GIULIA);
  const byPatronato = giulia.filter((a) => a.by.role === 'patronato' && a.by.full_name === 'Paola Neri');
  assert.ok(byPatronato.length > 0, JSON.stringify(giulia.slice(0, 5)));
  for (const a of byPatronato) assert.match(a.by.organisation, /INCA/);
  assert.ok(byPatronato.some((a) => a.mandate_id), 'under which mandate');
  for (const protocol of filedForGiulia)
    assert.ok(byPatronato.some((a) => a.protocol === protocol), `filing ${protocol} named: ${JSON.stringify(byPatronato.filter((a) => a.protocol))}`);
  const mario = await accesses(server, MARIO);
  for (const protocol of filedForMario) {
    const row = mario.find((a) => a.protocol === protocol);
    assert.ok(row, `filing ${protocol} named: ${JSON.stringify(mario.slice(0, 5))}`);
    assert.equal(row.by.full_name, 'Chiara Rossi');
    assert.equal(row.during_call, true);
  }
}

async function run(js) {
  const server = await startServer();
  const stranger = codiceFiscale(server, 'Neri', 'Carlo', 'M', '1961-09-14');
  const forGiulia = [];
  const forMario = [];
  let checked = false;
  await atEveryWidth(server, js, async (page, width) => {
    const filed = await patronato(page, server, js, width, stranger);
    forGiulia.push(filed.protocol);
    forMario.push(await caller(page, server, js, width, stranger));
    if (width === WIDTHS.at(-1)) {  // after the last walk: every filing is in
      await citizensSeeIt(server, forGiulia, forMario);
      checked = true;
    }
  });
  assert.ok(checked);
}

test('patronato and contact centre pages with JavaScript', async () => {
  await run(true);
});

test('patronato and contact centre pages without JavaScript', withoutJavaScript, async () => {
  await run(false);
});

after(() => checks.save());
