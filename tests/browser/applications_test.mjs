// The applications' pages in a real browser (issue 10, with issue 14's form patterns): Giulia (dispositivo)
// files each of the five types with realistic data and attachments, sees every problem of a bad submission
// at once with what she typed kept, files once when the same form arrives twice, reads the detail and the
// receipt, withdraws one; Mario (ordinario) is told that he needs the PIN dispositivo and never reaches
// Giulia's applications or files (404); the back office takes applications in charge, rejects one (first
// without a reason: the error is next to the field) and accepts another; Giulia then sees the states and the
// reason. With JavaScript and without, at 1280 and 390 px: a screenshot and axe-core on every page, no page
// wider than the screen.
// Usage: node applications_test.mjs PATH/TO/sportello PATH/TO/sportelloctl OUTPUT_DIR
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer as start, atEveryWidth, PageChecks, freshCode, DEMO_STAFF, withoutJavaScript, smallPdf } from './support.mjs';

const [SERVER, CTL, OUT] = process.argv.slice(2).map((p) => resolve(p));
const checks = new PageChecks(OUT, 'applications-');
const GIULIA = { codice_fiscale: 'BNCGLI72C45F205W', pin: 'DISP0SIT' };
const MARIO = { codice_fiscale: 'RSSMRA85T10H501O', pin: 'PIN2DEMO' };
const PROTOCOL = /^INPS\.7001\.\d{4}\.\d{7}$/;
// Giulia signs in many times from one address: room for it in the per-address throttle.
const startServer = () => start(CTL, SERVER, { SPORTELLO_SERVER_THROTTLE_BURST: '100', SPORTELLO_SERVER_THROTTLE_PER_MINUTE: '600' });

const path = (page) => new URL(page.url()).pathname;
const text = async (page, selector) => (await page.textContent(selector)).replace(/\s+/g, ' ').trim();
const texts = async (locator) => (await locator.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());

// ---- Files a citizen attaches: a small valid PDF (with its text) and a 1x1 PNG. ----

const pdf = smallPdf;
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const file = (name, buffer, mimeType) => ({ name, buffer, mimeType });

// ---- Dates as Giulia types them (Europe/Rome). ----

function romeDate(daysFromToday = 0) {
  const when = new Date(Date.now() + daysFromToday * 86400000);
  // Assembled from parts: a Node without full ICU formats 'en-CA' as 12/5/2020, not YYYY-MM-DD.
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Rome', year: 'numeric',
    month: '2-digit', day: '2-digit' }).formatToParts(when).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;  // YYYY-MM-DD
}
const typed = (iso) => iso.split('-').reverse().join('/');  // dd/mm/yyyy

// A codice fiscale that agrees with the data (sportelloctl cf compute), born in Milan.
function codiceFiscale(server, surname, name, sex, birthDate) {
  return JSON.parse(server.ctl('--json', 'cf', 'compute', '--surname', surname, '--name', name, '--sex', sex,
    '--birth-date', birthDate, '--birth-place', 'F205')).codice_fiscale;
}

// ---- Signing in and looking. ----

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

async function staffLogin(page, server) {
  const account = DEMO_STAFF.back_office;
  await page.goto(server.url + '/operatori/accedi');
  await page.fill('#username', account.username);
  await page.fill('#password', account.password);
  await page.fill('#totp', await freshCode(server, account));
  await page.click('main button[type=submit]');
  assert.equal(path(page), '/operatori');
}

const look = (page, name, js, width) => checks.look(page, name, js, width);

async function cookies(page) {
  return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
}

// A request with the browser's cookies, as from the site's own pages, without following redirects.
async function send(page, url, options = {}) {
  const headers = { cookie: await cookies(page), origin: new URL(url).origin, ...(options.headers || {}) };
  return fetch(url, { ...options, headers, redirect: 'manual' });
}

async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const folder = mkdtempSync(join(tmpdir(), 'sportello-download-'));
  const saved = join(folder, file.suggestedFilename());
  await file.saveAs(saved);
  return { name: file.suggestedFilename(), saved, folder };
}

// ---- Giulia files. ----

// The five types as Giulia fills them: field values by id, radios and checkboxes by id, files.
function applications(server) {
  const child = codiceFiscale(server, 'Verdi', 'Luca', 'M', romeDate(-6 * 365));
  const husband = codiceFiscale(server, 'Verdi', 'Paolo', 'M', '1970-08-21');
  return {
    naspi: {
      fill: { data_cessazione: typed(romeDate(-20)), datore_lavoro: 'Beta Informatica S.p.A.', iban: 'IT60 X054 2811 1010 0000 0123 456' },
      check: ['motivo_cessazione-licenziamento'],
      files: [file('lettera di licenziamento.pdf', pdf('Lettera di licenziamento'), 'application/pdf'),
              file('busta-paga.png', PNG_1X1, 'image/png')],
      shown: { iban: 'IT60 X054 2811 1010 0000 0123 456', motivo_cessazione: 'Licenziamento', data_cessazione: typed(romeDate(-20)) },
    },
    'assegno-nucleo-familiare': {
      fill: { componenti: `${husband}\n${child.toLowerCase()}\n`, reddito_familiare: '28.500,00',
              periodo_dal: typed(`${romeDate().slice(0, 4)}-01-01`), periodo_al: typed(`${romeDate().slice(0, 4)}-12-31`) },
      check: [], files: [],
      shown: { reddito_familiare: '28.500,00 €', componenti: `${husband} ${child}` },
    },
    'riscatto-laurea': {
      fill: { universita: 'Università degli Studi di Milano', corso: 'Giurisprudenza', data_laurea: '12/07/1996',
              durata_legale_anni: '4', anni_da_riscattare: '2' },
      check: [], files: [file('certificato-laurea.pdf', pdf('Certificato di laurea con esami'), 'application/pdf')],
      shown: { data_laurea: '12/07/1996', anni_da_riscattare: '2' },
    },
    'bonus-baby-sitting': {
      fill: { figli: child, periodo_dal: typed(romeDate(10)), periodo_al: typed(romeDate(70)), importo: '800' },
      check: [], files: [file('contratto-baby-sitter.pdf', pdf('Contratto baby-sitter'), 'application/pdf')],
      shown: { importo: '800,00 €', figli: child },
    },
    ricongiunzione: {
      fill: { motivo: 'Unire i periodi da dipendente pubblica a quelli nel privato.' },
      check: ['gestioni-fpld', 'gestioni-ex_inpdap', 'gestione_destinazione-ex_inpdap'], files: [],
      shown: { gestione_destinazione: 'Gestione dipendenti pubblici (ex INPDAP)' },
    },
  };
}

async function fillForm(page, application) {
  for (const [id, value] of Object.entries(application.fill)) await page.fill(`#${id}`, value);
  // Bootstrap Italia draws radios and checkboxes on their labels: a click on the label, as people do.
  for (const id of application.check) {
    if (!(await page.isChecked(`#${id}`))) await page.click(`label[for="${id}"]`);
    assert.ok(await page.isChecked(`#${id}`), id);
  }
  if (application.files.length) await page.setInputFiles('#allegati', application.files);
}

// A bad NASpI: an impossible date, a wrong IBAN check, a text file named .pdf, no reason; every problem at
// once, each linked from the summary, each next to its field, every typed value kept.
async function badSubmission(page, js, width) {
  await page.fill('#data_cessazione', '31/02/2026');
  await page.fill('#datore_lavoro', 'Beta Informatica S.p.A.');
  await page.fill('#iban', 'IT60 X054 2811 1010 0000 0123 457');
  await page.setInputFiles('#allegati', [file('lettera.pdf', Buffer.from('non sono un PDF'), 'application/pdf')]);
  await page.click('#application-form button[type=submit]');
  assert.equal(path(page), '/area-riservata/domande/nuova/naspi');
  await summaryFocused(page);
  assert.equal(await text(page, '#error-summary h2'), '4 dati da correggere');
  const links = page.locator('#error-summary a');
  assert.deepEqual(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
    ['#data_cessazione', '#motivo_cessazione-licenziamento', '#iban', '#allegati']);
  assert.match((await texts(links))[0], /^Data di fine del rapporto di lavoro: Scriva la data come gg\/mm\/aaaa/);
  assert.match((await texts(links))[3], /^lettera\.pdf non è un file PDF, JPEG o PNG/);
  for (const id of ['data_cessazione', 'iban']) {
    assert.equal(await page.getAttribute(`#${id}`, 'aria-invalid'), 'true', id);
    assert.deepEqual((await page.getAttribute(`#${id}`, 'aria-describedby')).split(' '), [`${id}-hint`, `${id}-error`], id);
  }
  assert.match(await text(page, '#iban-error'), /Non è un IBAN italiano valido/);
  assert.match(await text(page, '#motivo_cessazione-error'), /obbligatorio/);
  assert.match(await text(page, '#allegati-again'), /lettera\.pdf$/);
  assert.equal(await page.inputValue('#data_cessazione'), '31/02/2026', 'what was typed is kept');
  assert.equal(await page.inputValue('#datore_lavoro'), 'Beta Informatica S.p.A.');
  assert.equal(await page.inputValue('#iban'), 'IT60 X054 2811 1010 0000 0123 457');
  await look(page, 'a05-naspi-errors', js, width);
  await page.click('#error-summary a[href="#iban"]');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'iban', 'a summary link leads to its field');
}

// Focus moves to the error summary: by script, or by the autofocus attribute once the page has loaded (the
// browser applies autofocus after load, so the check waits for it rather than racing it).
async function summaryFocused(page) {
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'error-summary', null,
    { timeout: 5000 });
}

// Household members one per line: her own codice fiscale and a mistyped one; the lines come back as typed,
// the problem names the code at fault.
async function badHousehold(page, js, width) {
  await page.fill('#componenti', `${GIULIA.codice_fiscale}\nRSSMRA85T10H501X`);
  await page.fill('#periodo_dal', '01/06/2026');
  await page.click('#application-form button[type=submit]');
  await summaryFocused(page);
  assert.deepEqual(await page.locator('#error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
    ['#componenti', '#reddito_familiare', '#periodo_al']);
  assert.match(await text(page, '#componenti-error'), /^RSSMRA85T10H501X: L'ultimo carattere/);
  assert.equal(await page.inputValue('#componenti'), `${GIULIA.codice_fiscale}\nRSSMRA85T10H501X`, 'the lines are kept');
  assert.equal(await page.inputValue('#periodo_dal'), '01/06/2026');
  await look(page, 'a05b-assegno-errors', js, width);
}

// Files `type` from the types page (`double`: sending it twice, as a double click does); returns { id, protocol }.
async function fileOne(page, type, application, js, width, double = false) {
  await page.click(`#type-${type}`);
  assert.equal(path(page), `/area-riservata/domande/nuova/${type}`);
  assert.equal(await text(page, '#holder-cf'), GIULIA.codice_fiscale, "the holder's own data on top");
  assert.equal(await text(page, '#holder-name'), 'Giulia Bianchi');
  if (type === 'naspi') {
    await look(page, 'a04b-form-naspi', js, width);
    await badSubmission(page, js, width);
  }
  if (type === 'assegno-nucleo-familiare') await badHousehold(page, js, width);
  await fillForm(page, application);
  await look(page, `a06-form-${type}-filled`, js, width);
  // A double click: the same form (the same one-time key) reaches the server twice; it files once.
  if (double) {
    const status = await page.evaluate(async () => {
      const form = document.querySelector('#application-form');
      return (await fetch(form.action, { method: 'POST', body: new FormData(form), redirect: 'manual' })).type;
    });
    assert.equal(status, 'opaqueredirect', 'the first click was answered with a redirect');
  }
  await page.click('#application-form button[type=submit]');
  assert.match(path(page), /^\/area-riservata\/domande\/\d+$/, `${type}: ${await page.textContent('main')}`);
  assert.equal(new URL(page.url()).searchParams.get('esito'), 'presentata');
  const protocol = await text(page, '#protocol');
  assert.match(protocol, PROTOCOL);
  assert.match(await text(page, '#filed-banner'), new RegExp(`^Domanda presentata Numero di protocollo: ${protocol.replace(/\./g, '\\.')}\\.`));
  assert.equal(await text(page, '#state'), 'Inviata');
  for (const [name, shown] of Object.entries(application.shown))
    assert.equal(await text(page, `dd[data-field="${name}"]`), shown, `${type}: ${name} as filed`);
  assert.equal(await page.locator('#attachments li').count(), application.files.length);
  return { id: path(page).split('/').pop(), protocol };
}

// The detail of the NASpI: timeline, attachments with their SHA-256, the receipt as PDF with the protocol.
async function naspiDetail(page, filed, js, width) {
  assert.deepEqual(await texts(page.locator('#timeline li .fw-semibold')), ['Domanda presentata']);
  assert.match(await text(page, '#timeline li'), /ore \d{2}:\d{2}$/);
  const hashes = await texts(page.locator('#attachments code'));
  assert.equal(hashes.length, 2);
  for (const hash of hashes) assert.match(hash, /^[0-9a-f]{64}$/);
  await look(page, 'a07-filed-naspi', js, width);

  const receipt = await download(page, '#receipt-link');
  try {
    assert.equal(receipt.name, `ricevuta-${filed.protocol}.pdf`);
    const pdfText = execFileSync('pdftotext', ['-layout', receipt.saved, '-'], { encoding: 'utf8' });
    assert.match(pdfText, new RegExp(filed.protocol.replace(/\./g, '\\.')));
    assert.match(pdfText, /Bianchi/i);
  } finally {
    rmSync(receipt.folder, { recursive: true, force: true });
  }
  const attachment = await send(page, new URL(await page.getAttribute('#attachments li:first-child a', 'href'), page.url()).href);
  assert.equal(attachment.status, 200);
  assert.equal(attachment.headers.get('content-type'), 'application/pdf');
  assert.match(attachment.headers.get('content-disposition'), /^attachment; filename="lettera di licenziamento\.pdf"/);
  assert.equal(Buffer.from(await attachment.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
}

async function withdraw(page, id, js, width) {
  await page.click('#withdraw-link');
  assert.equal(path(page), `/area-riservata/domande/${id}/ritira`);
  await look(page, 'a09-withdraw-confirm', js, width);
  await page.click('#withdraw-confirm');
  assert.equal(path(page), `/area-riservata/domande/${id}`);
  assert.match(await text(page, '#withdrawn-banner'), /ritirata/);
  assert.equal(await text(page, '#state'), 'Ritirata');
  assert.equal(await page.locator('#withdraw-link').count(), 0, 'nothing left to withdraw');
  assert.deepEqual(await texts(page.locator('#timeline li .fw-semibold')), ['Domanda presentata', 'Domanda ritirata da lei']);
  await look(page, 'a10-withdrawn', js, width);
}

async function list(page, js, width) {
  await page.click('#services >> text=Le sue domande');
  assert.equal(path(page), '/area-riservata/domande');
  assert.equal(await text(page, 'h1'), 'Le sue domande');
  const states = await texts(page.locator('#applications tbody .badge'));
  for (const state of ['Inviata', 'In istruttoria', 'Accolta', 'Respinta', 'Ritirata']) assert.ok(states.includes(state), state);
  // A table on a wide screen, a list on a phone (the state next to the protocol, nothing to scroll sideways).
  assert.equal(await page.isVisible('#applications'), width >= 768);
  assert.equal(await page.isVisible('#applications-list'), width < 768);
  assert.equal(await page.locator('#applications-list li').count(), await page.locator('#applications tbody tr').count());
  await look(page, 'a02-list', js, width);
  // The filters: a GET form, read without any script.
  await page.selectOption('#stato', 'accolta');
  await page.click('#filters button[type=submit]');
  assert.equal(new URL(page.url()).searchParams.get('stato'), 'accolta');
  assert.deepEqual([...new Set(await texts(page.locator('#applications tbody .badge')))], ['Accolta']);
  assert.equal(await page.inputValue('#stato'), 'accolta', 'the chosen filter stays chosen');
  await look(page, 'a03-list-filtered', js, width);
  await page.selectOption('#tipo', 'bonus-baby-sitting');
  await page.click('#filters button[type=submit]');
  assert.match(await text(page, '#applications-none-found'), /Nessuna domanda corrisponde/);
  await page.click('#filters-clear');
  assert.equal(new URL(page.url()).search, '');
  await page.click('#new-application');
  assert.equal(path(page), '/area-riservata/domande/nuova');
  assert.equal(await page.locator('#application-types li').count(), 5);
  await look(page, 'a04-types', js, width);
}

async function giuliaFiles(page, server, js, width) {
  await login(page, server.url, GIULIA);
  assert.ok((await page.locator('#services a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).includes('/area-riservata/domande'));
  await look(page, 'a01-reserved-area', js, width);
  await list(page, js, width);
  const before = await page.goto(server.url + '/area-riservata/domande').then(() => page.locator('#applications tbody tr').count());
  await page.goto(server.url + '/area-riservata/domande/nuova');
  const forms = applications(server);
  const filed = {};
  for (const [type, application] of Object.entries(forms)) {
    if (type !== 'naspi') await page.goto(server.url + '/area-riservata/domande/nuova');
    filed[type] = await fileOne(page, type, application, js, width, type === 'naspi');
    if (type === 'naspi') await naspiDetail(page, filed.naspi, js, width);
    if (type === 'assegno-nucleo-familiare') await look(page, 'a08-filed-assegno', js, width);
  }
  await page.goto(server.url + '/area-riservata/domande');
  assert.equal(await page.locator('#applications tbody tr').count(), before + 5, 'five types filed, the double click once');
  await page.goto(`${server.url}/area-riservata/domande/${filed['bonus-baby-sitting'].id}`);
  await withdraw(page, filed['bonus-baby-sitting'].id, js, width);
  // English through the switch, and back.
  await page.click('header >> text=English');
  assert.equal(await text(page, 'h1'), 'Baby-sitting bonus');
  assert.equal(await text(page, '#state'), 'Withdrawn');
  await look(page, 'a11-detail-en', js, width);
  await page.click('header >> text=Italiano');
  await logout(page);
  return filed;
}

// ---- Mario: ordinario, and not Giulia. ----

async function marioIsRefused(page, server, filed, js, width) {
  await login(page, server.url, MARIO);
  await page.goto(server.url + '/area-riservata/domande');
  assert.match(await text(page, '#dispositivo-needed'), /serve il PIN dispositivo/);
  assert.equal(await page.locator('#new-application').count(), 0);
  await look(page, 'a12-list-ordinario', js, width);
  await page.goto(server.url + '/area-riservata/domande/nuova/naspi');
  assert.equal(await page.locator('#application-form').count(), 0, 'no form for an ordinario PIN');
  await look(page, 'a13-form-ordinario', js, width);
  await page.click('#dispositivo-link');
  assert.equal(path(page), '/area-riservata/dispositivo');

  // Sending the form anyway is refused with the same explanation (403).
  const csrf = await page.getAttribute('header input[name=csrf]', 'value');
  const form = new FormData();
  form.append('csrf', csrf);
  form.append('chiave', 'mario-tries-to-file-0001');
  form.append('datore_lavoro', 'Beta');
  const refused = await send(page, `${server.url}/area-riservata/domande/nuova/naspi`, { method: 'POST', body: form });
  assert.equal(refused.status, 403);
  assert.match(await refused.text(), /serve il PIN dispositivo/);

  // Giulia's application, its files and its withdrawal do not exist for him.
  const id = filed.naspi.id;
  for (const route of [`/area-riservata/domande/${id}`, `/area-riservata/domande/${id}/ricevuta.pdf`,
                       `/area-riservata/domande/${id}/allegati/1`, `/area-riservata/domande/${id}/ritira`,
                       '/area-riservata/domande/abc', '/area-riservata/domande/nuova/pensione']) {
    const reply = await page.goto(server.url + route);
    assert.equal(reply.status(), 404, route);
    assert.equal(await text(page, 'h1'), 'Domanda non trovata', route);
  }
  await look(page, 'a14-not-found', js, width);
  const withdrawal = await send(page, `${server.url}/area-riservata/domande/${id}/ritira`, {
    method: 'POST', body: new URLSearchParams({ csrf }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(withdrawal.status, 404);
  await logout(page);
}

// ---- The back office. ----

async function backOffice(page, server, filed, js, width) {
  await staffLogin(page, server);
  await page.goto(server.url + '/operatori');
  await page.click('nav[aria-label="Sezioni della console"] >> text=Domande');  // the back office's own tab
  assert.equal(path(page), '/operatori/domande');
  assert.equal(await text(page, 'h1'), 'Domande dei cittadini');
  const protocols = await texts(page.locator('#applications-queue tbody th'));
  for (const type of ['naspi', 'riscatto-laurea', 'ricongiunzione']) assert.ok(protocols.includes(filed[type].protocol), type);
  assert.ok(!protocols.includes(filed['bonus-baby-sitting'].protocol), 'a withdrawn application is not waiting');
  const filedAt = await page.locator('#applications-queue tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.filed));
  assert.ok(filedAt.length >= 4);
  assert.deepEqual(filedAt, [...filedAt].sort(), 'oldest first');
  await look(page, 'c01-queue', js, width);
  await page.click('#type-tabs a:has-text("NASpI")');
  assert.deepEqual([...new Set(await texts(page.locator('#applications-queue tbody td:nth-of-type(2)')))],
                   ['NASpI - indennità di disoccupazione']);
  await look(page, 'c02-queue-naspi', js, width);

  // The NASpI: its holder, data, attachments in the page; take in charge, reject without and with reason.
  await page.click(`main a:text-is("${filed.naspi.protocol}") >> visible=true`);
  assert.equal(path(page), `/operatori/domande/${filed.naspi.id}`);
  assert.equal(await text(page, '#codice-fiscale'), GIULIA.codice_fiscale);
  assert.equal(await text(page, 'dd[data-field="iban"]'), 'IT60 X054 2811 1010 0000 0123 456');
  assert.equal(await page.locator('iframe.attachment').count(), 1);
  assert.equal(await page.locator('img.attachment').count(), 1);
  const frame = await send(page, new URL(await page.getAttribute('iframe.attachment', 'src'), page.url()).href);
  assert.equal(frame.headers.get('content-type'), 'application/pdf');
  assert.match(frame.headers.get('content-disposition'), /^inline;/);
  await look(page, 'c03-detail', js, width);
  await page.click('#take-in-charge');
  assert.match(await text(page, '#flash'), /presa in carico/);
  assert.equal(await text(page, '#state'), 'In istruttoria');
  assert.equal(await text(page, '#handler'), 'Laura Verdi');
  await page.click('#reject');
  assert.equal(path(page), `/operatori/domande/${filed.naspi.id}`);
  assert.match(await text(page, '#reason-error'), /obbligatoria per respingere/);
  assert.equal(await page.getAttribute('#reason', 'aria-invalid'), 'true');
  assert.equal(await text(page, '#state'), 'In istruttoria', 'nothing changed');
  await look(page, 'c04-reason-required', js, width);
  await page.fill('#reason', 'La lettera allegata non riporta la data di fine del rapporto.');
  await page.click('#reject');
  assert.equal(path(page), '/operatori/domande');
  assert.match(await text(page, '#flash'), /respinta/);
  await look(page, 'c05-rejected', js, width);

  // The degree redemption: taken in charge and accepted; the joining only taken in charge.
  await page.goto(`${server.url}/operatori/domande/${filed['riscatto-laurea'].id}`);
  await page.click('#take-in-charge');
  await page.fill('#reason', 'Riscatto di 2 anni accolto: riceverà il conteggio dell\'onere per posta.');
  await page.click('#accept');
  assert.match(await text(page, '#flash'), /accolta/);
  await page.goto(`${server.url}/operatori/domande/${filed.ricongiunzione.id}`);
  await page.click('#take-in-charge');
  await page.click('header >> text=Esci');
}

async function giuliaReads(page, server, filed, js, width) {
  await login(page, server.url, GIULIA);
  await page.goto(server.url + '/area-riservata/domande');
  const state = async (id) => text(page, `#applications tr[data-id="${id}"] .badge`);
  assert.equal(await state(filed.naspi.id), 'Respinta');
  assert.equal(await state(filed['riscatto-laurea'].id), 'Accolta');
  assert.equal(await state(filed.ricongiunzione.id), 'In istruttoria');
  assert.equal(await state(filed['assegno-nucleo-familiare'].id), 'Inviata');
  assert.equal(await state(filed['bonus-baby-sitting'].id), 'Ritirata');
  await look(page, 'a15-list-after-review', js, width);
  await page.click(`main a:text-is("${filed.naspi.protocol}") >> visible=true`);
  assert.match(await text(page, '#decision-reason'), /non riporta la data di fine del rapporto/);
  assert.deepEqual(await texts(page.locator('#timeline li .fw-semibold')),
                   ['Domanda presentata', 'Presa in carico dagli uffici', 'Domanda respinta']);
  assert.match(await text(page, '#timeline li:last-child'), /Motivazione: La lettera allegata/);
  assert.equal(await page.locator('#withdraw-link').count(), 0);
  await look(page, 'a16-rejected', js, width);
  // Taken in charge: too late to withdraw, even by sending the form.
  await page.goto(`${server.url}/area-riservata/domande/${filed.ricongiunzione.id}/ritira`);
  assert.match(await text(page, '#not-withdrawable'), /non si può più ritirare/);
  await logout(page);
}

async function walk(js) {
  const server = await startServer();
  await atEveryWidth(server, js, async (page, width) => {
    for (const route of ['/area-riservata/domande', '/area-riservata/domande/nuova/naspi', '/area-riservata/domande/1']) {
      await page.goto(server.url + route);
      assert.equal(path(page), '/accedi', `signed out, ${route} asks to sign in`);
    }
    const filed = await giuliaFiles(page, server, js, width);
    await marioIsRefused(page, server, filed, js, width);
    await backOffice(page, server, filed, js, width);
    await giuliaReads(page, server, filed, js, width);
  });
}

test('Giulia files, the back office decides, Mario is refused: every page passes axe at 1280 and 390 px', async () => {
  await walk(true);
});

test('the same with JavaScript disabled', withoutJavaScript, async () => {
  await walk(false);
});

after(() => checks.save());
