// The reserved area's consultation pages in a real browser (issue 10): the estratto conto with its chart and
// tables, its PDF and CSV; the Certificazioni Uniche and their PDFs; the pension slips with the chart of the
// last 12 months. Walked as a citizen would, with JavaScript and without, at 1280 and 390 px: a screenshot of
// every page, axe-core on every page, no page wider than the screen. Another holder's CU year and a bad month
// answer 404; a signed-out visit goes to /accedi; a holder without records is told so kindly.
// Usage: node records_test.mjs PATH/TO/sportello PATH/TO/sportelloctl OUTPUT_DIR
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServer, atEveryWidth, WIDTHS, PageChecks, withoutJavaScript } from './support.mjs';

const [SERVER, CTL, OUT] = process.argv.slice(2).map((p) => resolve(p));
const checks = new PageChecks(OUT, 'records-');
const MARIO = { codice_fiscale: 'RSSMRA85T10H501O', pin: 'PIN2DEMO' };
const GIULIA = { codice_fiscale: 'BNCGLI72C45F205W', pin: 'DISP0SIT' };
const ANNA = { codice_fiscale: 'SPSNNA90L61F839V', pin: 'ABCDEFGH23456789', new_pin: 'W7XQ2ZKJ' };
// The demo seed gives Mario and Giulia the CUs of the last three years; Giulia gets one more, older, here.
const GIULIA_ONLY_CU_YEAR = new Date().getFullYear() - 5;
const EURO_IT = /^-?\d{1,3}(\.\d{3})*,\d{2}\s€$/;  // \s: the no-break space before €

const path = (page) => new URL(page.url()).pathname;
const text = async (page, selector) => (await page.textContent(selector)).replace(/\s+/g, ' ').trim();
// The texts of a row's cells (th and td), spaces (no-break ones too) made plain.
const cells = async (row, which = 'th, td') => (await row.locator(which).allTextContents()).map((c) => c.replace(/\s+/g, ' ').trim());

function importGiuliaCu(server) {
  const year = GIULIA_ONLY_CU_YEAR;
  const document = {
    anno: year, data_rilascio: `${year + 1}-03-16`, codice_fiscale: GIULIA.codice_fiscale,
    sostituto: { codice_fiscale: '80078750587', denominazione: 'Istituto Nazionale della Previdenza Sociale', comune: 'Roma',
                 provincia: 'RM', indirizzo: 'Via Ciro il Grande 21', cap: '00144', codice_attivita: '843000' },
    percipiente: { codice_fiscale: GIULIA.codice_fiscale, cognome: 'Bianchi', nome: 'Giulia', comune_residenza: 'Roma', provincia_residenza: 'RM' },
    redditi: [{ tipo: 'lavoro_dipendente', importo_centesimi: 3120000, giorni: 365 }],
    ritenute: { irpef_centesimi: 655200, addizionale_regionale_centesimi: 53900, addizionale_comunale_saldo_centesimi: 24900,
                addizionale_comunale_acconto_centesimi: 7500 },
    detrazioni: { lavoro_pensione_centesimi: 41000, familiari_centesimi: 0, altre_centesimi: 0 },
    inps: { matricola: '0100146', imponibile_previdenziale_centesimi: 3120000, contributi_lavoratore_centesimi: 286700 },
  };
  const file = join(server.folder, 'cu-giulia.jsonl');
  writeFileSync(file, JSON.stringify(document) + '\n');
  server.ctl('import', 'cu', file);
}

async function login(page, url, who, pin = who.pin) {
  await page.goto(url + '/accedi');
  await page.fill('#codice_fiscale', who.codice_fiscale);
  await page.fill('#pin', pin);
  await page.click('main button[type=submit]');
}

async function logout(page) {
  await page.click('header button[type=submit]');
  assert.equal(path(page), '/');
}

const look = (page, name, js, width) => checks.look(page, name, js, width);

// GET `url` with the browser's cookies (playwright's own request context leaves out the Secure session
// cookie on plain http), without following redirects.
async function fetchAsHolder(page, url) {
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  return fetch(url, { headers: { cookie }, redirect: 'manual' });
}

// Follows a download link; returns the file's name and bytes.
async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

async function statement(page, js, width) {
  await page.click('#services >> text=Estratto conto contributivo');
  assert.equal(path(page), '/area-riservata/estratto-conto');
  assert.equal(await text(page, 'h1'), 'Estratto conto contributivo');
  // Giulia: two redeemed years of her degree, then every year from 1995 to last year (1997 counts 52 however
  // much maternity overlaps it).
  const years = new Date().getFullYear() - 1 - 1993 + 1;
  assert.equal(await text(page, '#total-weeks'), String(52 * years));
  assert.match(await text(page, '#total-weeks + p'), new RegExp(`^pari a ${years} anni$`));

  const chart = page.locator('svg.chart');
  assert.equal(await chart.getAttribute('role'), 'img');
  assert.equal(await page.textContent('#weeks-chart-title'), 'Settimane utili al diritto per anno');
  assert.match(await page.textContent('#weeks-chart-desc'), new RegExp(`dal 1993 al ${new Date().getFullYear() - 1}\\.`));
  assert.equal(await page.locator('svg.chart rect.chart-bar').count(), years);
  const box = await chart.boundingBox();
  assert.ok(box.width <= width && box.width > 300, `the chart fits the screen (${box.width} px at ${width})`);
  assert.ok(box.height > 100, 'the chart keeps its aspect ratio');
  // Its text alternative: the table of weeks per year, right after it (a native <details>, no script needed).
  assert.equal(await page.isVisible('#weeks-per-year'), false);
  await page.click('.records-chart-data summary');
  assert.equal(await page.isVisible('#weeks-per-year'), true);
  assert.equal(await page.locator('#weeks-per-year tbody tr').count(), years);
  assert.deepEqual(await cells(page.locator('#weeks-per-year tbody tr:first-child')), ['1993', '52']);
  await page.click('.records-chart-data summary');  // closed again for the screenshot

  // Per gestione, a table per year: dal, al, tipo, units, pay in euro, employer, matricola, and the year's total.
  assert.deepEqual(await page.locator('#gestioni tbody th').allTextContents(),
    ['Fondo pensioni lavoratori dipendenti (FPLD)', 'Gestione dipendenti pubblici (ex INPDAP)']);
  const maternity = page.locator('#gestione-fpld tr', { hasText: 'Maternità obbligatoria' });
  assert.deepEqual((await cells(maternity, 'td')).slice(0, 5),
    ['01/03/1997', '31/07/1997', 'Figurativa', '22 settimane', '22 settimane']);
  const milano = page.locator('#gestione-ex_inpdap tr', { hasText: 'Comune di Milano' }).first();
  const milanoCells = await cells(milano, 'td');
  assert.match(milanoCells[5], EURO_IT);
  assert.equal(milanoCells[7], '0100146');
  const year1997 = page.locator('#gestione-fpld table').filter({ has: page.locator('caption', { hasText: '1997' }) });
  const total1997 = await cells(year1997.locator('tfoot'));
  assert.deepEqual(total1997.slice(0, 2), ['Totale 1997', '52 settimane']);
  assert.match(total1997[3], EURO_IT);
  await look(page, 'r02-statement', js, width);

  // The files: the PDF by a click (as the citizen gets it), the CSV with its content type.
  const pdf = await download(page, '#download-pdf');
  assert.equal(pdf.name, 'estratto-conto-contributivo.pdf');
  assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');
  const csv = await fetchAsHolder(page, page.url() + '.csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  assert.match(csv.headers.get('content-disposition'), /attachment; filename="estratto-conto-contributivo.csv"/);
  const lines = (await csv.text()).trim().split('\n');
  assert.match(lines[0], /^gestione,dal,al,tipo,/);
  assert.ok(lines.some((l) => l.includes('Comune di Milano')));

  // English through the switch, and back.
  await page.click('header >> text=English');
  assert.equal(await text(page, 'h1'), 'Contribution record');
  assert.match(await text(page, '#gestioni caption'), /^The funds you have contributions in/);
  await look(page, 'r03-statement-en', js, width);
  await page.click('header >> text=Italiano');
}

async function certificazioni(page, js, width) {
  await page.click('#services >> text=Certificazione Unica');
  assert.equal(path(page), '/area-riservata/cu');
  assert.equal(await text(page, 'h1'), 'Certificazione Unica (CU)');
  const last = new Date().getFullYear() - 1;
  assert.deepEqual(await page.locator('#cu-list tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.year)),
    [last, last - 1, last - 2, GIULIA_ONLY_CU_YEAR].map(String), 'newest first');
  assert.equal(await text(page, `#cu-list tr[data-year="${last}"] th`), `CU ${last + 1}`);
  assert.match(await text(page, `#cu-list tr[data-year="${last}"] td:nth-of-type(4)`), EURO_IT);
  await look(page, 'r04-cu', js, width);
  const pdf = await download(page, `#cu-list tr[data-year="${last}"] a`);
  assert.equal(pdf.name, `CU-${last + 1}-redditi-${last}.pdf`);
  assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');
  const reply = await fetchAsHolder(page, `${new URL(page.url()).origin}/area-riservata/cu/${last}/pdf`);
  assert.equal(reply.headers.get('content-type'), 'application/pdf');
  assert.equal(Buffer.from(await reply.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
}

async function slips(page, js, width) {
  await page.click('#services >> text=Cedolino della pensione');
  assert.equal(path(page), '/area-riservata/cedolini');
  assert.equal(await text(page, 'h1'), 'Cedolino della pensione');
  const months = await page.locator('#slips-list tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.month));
  assert.equal(months.length, 12);
  assert.deepEqual(months, [...months].sort().reverse(), 'newest month first');
  assert.equal(await page.locator('svg.chart rect.chart-bar').count(), 12);
  assert.match(await page.textContent('#net-chart-desc'), /^Importo netto degli ultimi 12 mesi, dal \w+ \d{4} al \w+ \d{4}\./);
  for (const net of await page.locator('#slips-list tbody td:nth-of-type(1)').allTextContents()) assert.match(net, EURO_IT);
  await look(page, 'r05-slips', js, width);
  const pdf = await download(page, `#slips-list tr[data-month="${months[0]}"] a`);
  assert.equal(pdf.name, `cedolino-${months[0]}.pdf`);
  assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');
}

// Mario: another holder's CU year and malformed or empty months are "not found"; he has no pension slips.
async function notHis(page, url, js, width) {
  await login(page, url, MARIO);
  for (const route of [`/area-riservata/cu/${GIULIA_ONLY_CU_YEAR}/pdf`, '/area-riservata/cu/20x4/pdf',
                       '/area-riservata/cedolini/2025-13/pdf', '/area-riservata/cedolini/2025-1/pdf']) {
    const reply = await page.goto(url + route);
    assert.equal(reply.status(), 404, route);
    assert.equal(await text(page, 'h1'), 'Pagina non trovata', route);
  }
  await look(page, 'r06-not-found', js, width);
  await page.click('main >> text=Torna all\'elenco');
  assert.equal(path(page), '/area-riservata/cedolini');
  assert.match(await text(page, '#slips-empty'), /Non risultano cedolini a suo nome/);
  await look(page, 'r07-slips-empty', js, width);

  // His own record: a first partial year, a NASpI year credited, two years counted in months.
  await page.goto(url + '/area-riservata/estratto-conto');
  assert.deepEqual(await cells(page.locator('#weeks-per-year tbody tr').first()), ['2004', '18']);
  assert.deepEqual(await cells(page.locator('#weeks-per-year tbody tr', { hasText: '2015' })), ['2015', '52']);
  const collaboration = page.locator('#gestione-gestione_separata tbody tr').first();
  assert.deepEqual((await cells(collaboration, 'td')).slice(2, 5), ['Obbligatoria', '12 mesi', '12 mesi']);
  const naspi = await cells(page.locator('#gestione-fpld tbody tr', { hasText: 'NASpI' }), 'td');
  assert.deepEqual(naspi.slice(0, 4), ['01/04/2015', '31/12/2015', 'Figurativa', '39 settimane']);
  await look(page, 'r07b-statement-mario', js, width);
  await logout(page);
}

// Anna, just through her first access, has no records: each page says what that means and whom to ask.
async function empty(page, url, js, width, firstAccess) {
  if (firstAccess) {
    await login(page, url, ANNA);
    assert.equal(path(page), '/cambia-pin');
    await page.fill('#current_pin', ANNA.pin);
    await page.fill('#new_pin', ANNA.new_pin);
    await page.fill('#confirm_pin', ANNA.new_pin);
    await page.click('main button[type=submit]');
  } else {
    await login(page, url, ANNA, ANNA.new_pin);
  }
  assert.equal(path(page), '/area-riservata');
  await page.click('#services >> text=Estratto conto contributivo');
  assert.match(await text(page, '#statement-empty'), /Non risultano ancora contributi a suo nome.*contact center/);
  assert.equal(await page.locator('svg.chart').count(), 0);
  await look(page, 'r08-statement-empty', js, width);
  await page.goto(url + '/area-riservata/cu');
  assert.match(await text(page, '#cu-empty'), /Non risultano Certificazioni Uniche/);
  await look(page, 'r09-cu-empty', js, width);
  await logout(page);
}

async function walk(js) {
  const server = await startServer(CTL, SERVER);
  importGiuliaCu(server);
  await atEveryWidth(server, js, async (page, width) => {
    for (const route of ['/area-riservata/estratto-conto', '/area-riservata/cu', '/area-riservata/cedolini/2025-01/pdf']) {
      await page.goto(server.url + route);
      assert.equal(path(page), '/accedi', `signed out, ${route} asks to sign in`);
    }
    await login(page, server.url, GIULIA);
    assert.equal(path(page), '/area-riservata');
    assert.deepEqual(await page.locator('#services a').evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
      ['/area-riservata/estratto-conto', '/area-riservata/cu', '/area-riservata/cedolini', '/area-riservata/domande']);
    await look(page, 'r01-reserved-area', js, width);
    await statement(page, js, width);
    await page.goto(server.url + '/area-riservata');
    await certificazioni(page, js, width);
    await page.goto(server.url + '/area-riservata');
    await slips(page, js, width);
    await logout(page);
    await notHis(page, server.url, js, width);
    await empty(page, server.url, js, width, width === WIDTHS[0]);
  });
}

test('the consultation pages read, download and pass axe, at 1280 and 390 px', async () => {
  await walk(true);
});

test('the same pages work with JavaScript disabled', withoutJavaScript, async () => {
  await walk(false);
});

after(() => checks.save());
