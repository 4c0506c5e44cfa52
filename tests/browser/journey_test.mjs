// The whole journey of issue 5 in a real browser, through the real server with its courier delivering to a
// real SMTP sink and its letters printed as PDFs: online request → first half read from the mail → an
// operator confirms in the console → second half read from the letter → first access → personal PIN → log
// out → wrong PINs show the block with the minutes → recovery through the e-mail link → log in → a new
// e-mail verified by code → dispositivo upload (an oversize file refused) → the back office approves → the
// citizen sees level dispositivo. Every page: screenshot and axe (JavaScript on), then all again with
// JavaScript off. Usage: node journey_test.mjs PATH/TO/sportello PATH/TO/sportelloctl OUTPUT_DIR
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer, startSmtpSink, freePort, browse, PageChecks, totp, DEMO_STAFF, waitFor, mails, pdfTexts, withoutJavaScript, fillFields, LUCA_RESIDENCE, LUCA_PERSON } from './support.mjs';

const [SERVER, CTL, OUT] = process.argv.slice(2).map((p) => resolve(p));
const checks = new PageChecks(OUT, 'journey-');
const HALF = '[A-HJKMNP-Z2-9]{8}';
const LOCKOUT_STEP_SECONDS = 3;

const path = (page) => new URL(page.url()).pathname;

// The newest mail to `to` whose subject matches, once it has arrived.
function mailTo(smtp, to, subject, after = 0) {
  return waitFor(() => mails(smtp.folder).filter((m) => m.seq > after && m.to.includes(to) && subject.test(m.subject)).pop(),
                 `a mail to ${to} about ${subject}`);
}

function lastSeq(smtp) {
  return mails(smtp.folder).reduce((max, m) => Math.max(max, m.seq), 0);
}

async function staffLogin(page, url, who, check, name) {
  await page.goto(url + '/operatori/accedi');
  await page.fill('#username', who.username);
  await page.fill('#password', who.password);
  await page.fill('#totp', totp(who.totp));
  await page.press('#totp', 'Enter');
  assert.equal(path(page), '/operatori', `${who.username} is signed in to the console`);
  await check(page, name);
}

async function journey(js) {
  const smtp = await startSmtpSink();
  const spool = mkdtempSync(join(tmpdir(), 'sportello-spool-'));
  const port = await freePort();
  const server = await startServer(CTL, SERVER, {
    SPORTELLO_COURIER_RUN_IN_SERVER: '1', SPORTELLO_COURIER_POLL_INTERVAL: '1s',
    SPORTELLO_EMAIL_URL: `smtp://127.0.0.1:${smtp.port}`, SPORTELLO_EMAIL_TLS: 'none',
    SPORTELLO_COURIER_SITE: `http://127.0.0.1:${port}`, SPORTELLO_LETTERS_SPOOL_DIR: spool,
    SPORTELLO_LOCKOUT_STEP: `${LOCKOUT_STEP_SECONDS}s`,
  }, port);
  const citizen = await browse(js);
  const staff = await browse(js);
  const page = citizen.page;
  const check = (p, name) => checks.check(p, name, js);
  try {
    // 1. Luca asks for a PIN online, giving an e-mail and a PEC (no mobile: the first half goes by e-mail).
    const luca = JSON.parse(server.ctl('--json', 'cf', 'compute', '--surname', 'Verdi', '--name', 'Luca', '--sex', 'M',
      '--birth-date', '1980-05-15', '--birth-place', 'H501')).codice_fiscale;
    await page.goto(server.url + '/');
    await check(page, 'j01-home');
    await page.click('text=Richiedere il PIN');
    await page.fill('#codice_fiscale', luca);
    await fillFields(page, LUCA_RESIDENCE);
    await check(page, 'j02-request-step1');
    await page.press('#province', 'Enter');
    await fillFields(page, { ...LUCA_PERSON, email: 'luca.verdi@example.it', pec: 'luca.verdi@pec.example.it' });
    await check(page, 'j03-request-step2');
    await page.press('#pec', 'Enter');
    assert.equal(path(page), '/richiesta-presa-in-carico');
    await check(page, 'j04-request-taken');

    // 2. The first half arrives by e-mail.
    const firstMail = await mailTo(smtp, 'luca.verdi@example.it', /prima metà/);
    const firstHalf = firstMail.text.match(new RegExp(`PIN è: (${HALF})\\b`))[1];

    // 3. The contact center confirms the data in the console: the request waits in the queue with its age.
    await staffLogin(staff.page, server.url, DEMO_STAFF.contact_center, (p, n) => checks.check(p, n, js), 'j05-console-home');
    await staff.page.goto(server.url + '/operatori/richieste');
    const row = staff.page.locator(`tr[data-cf="${luca}"]`);
    assert.match(await row.textContent(), /Verdi/);
    await checks.check(staff.page, 'j06-console-queue', js);
    await row.locator('.request-link').click();
    await staff.page.click('#confirm-form button');
    assert.equal(await staff.page.locator(`tr[data-cf="${luca}"]`).count(), 0, 'confirmed: out of the queue');
    await checks.check(staff.page, 'j07-console-confirmed', js);

    // 4. The second half goes by post: the print batch's PDF has it in its box.
    server.ctl('letters', 'close-batch');
    const letter = Object.values(pdfTexts(spool)).find((text) => text.includes('Luca') && text.includes('Seconda metà del PIN'));
    assert.ok(letter, 'the letter with the second half was printed');
    const secondHalf = letter.split('Seconda metà del PIN')[1].match(new RegExp(`\\b(${HALF})\\b`))[1];

    // 5. First access with the 16 characters, then a personal PIN.
    await page.click('header >> text=Accedi');
    await page.fill('#codice_fiscale', luca);
    await page.fill('#pin', firstHalf + secondHalf);
    await page.click('main button[type=submit]');
    assert.equal(path(page), '/cambia-pin');
    await check(page, 'j08-first-access');
    await page.fill('#current_pin', firstHalf + secondHalf);
    await page.fill('#new_pin', 'K7XQ2ZWJ');
    await page.fill('#confirm_pin', 'K7XQ2ZWJ');
    await page.click('main button[type=submit]');
    assert.equal(path(page), '/area-riservata');
    assert.equal(await page.textContent('#level'), 'ordinario');
    await check(page, 'j09-reserved-area');
    await page.click('text=Esci');
    assert.equal(path(page), '/');

    // 6. Wrong PINs: the block, with the minutes left.
    await page.click('header >> text=Accedi');
    for (let attempt = 0; attempt < 5; ++attempt) {
      await page.fill('#codice_fiscale', luca);
      await page.fill('#pin', 'WRONG123');
      await page.click('main button[type=submit]');
      if (/bloccato/.test(await page.textContent('#login-error'))) break;
    }
    assert.match(await page.textContent('#login-error'), /bloccato .* tra \d+ minut/);
    await check(page, 'j10-login-blocked');

    // 7. Recovery: codice fiscale and two contacts, the e-mail's link, its code, a new PIN in two e-mails.
    await page.goto(server.url + '/');
    await page.click('text=Ripristinare un PIN smarrito');
    await page.fill('#codice_fiscale', luca);
    await page.fill('#email', 'luca.verdi@example.it');
    await page.fill('#pec', 'luca.verdi@pec.example.it');
    await check(page, 'j11-recovery-start');
    const beforeRecovery = lastSeq(smtp);
    await page.click('main button[type=submit]');
    assert.equal(path(page), '/pin-smarrito/inviato');
    await check(page, 'j12-recovery-sent');
    const linkMail = await mailTo(smtp, 'luca.verdi@example.it', /Ripristino/, beforeRecovery);
    const link = linkMail.text.match(/(http:\/\/\S+\/ripristino\?token=\S+)/)[1];
    const code = linkMail.text.match(/codice: (\d+)/)[1];
    await page.goto(link);
    await page.fill('#code', code === '00000000' ? '11111111' : '00000000');
    await page.click('main button[type=submit]');
    assert.match(await page.textContent('#code-error'), /non è corretto/);
    await check(page, 'j13-recovery-wrong-code');
    await page.fill('#code', code);
    await page.click('main button[type=submit]');
    assert.equal(path(page), '/ripristino/completato');
    await check(page, 'j14-recovery-done');
    const newFirst = (await mailTo(smtp, 'luca.verdi@example.it', /prima metà/, beforeRecovery)).text.match(new RegExp(`PIN è: (${HALF})\\b`))[1];
    const newSecond = (await mailTo(smtp, 'luca.verdi@example.it', /seconda metà/, beforeRecovery)).text.match(new RegExp(`PIN è: (${HALF})\\b`))[1];

    // 8. Log in with the new PIN once the block has run out, and choose a personal PIN again.
    await new Promise((r) => setTimeout(r, LOCKOUT_STEP_SECONDS * 1000));
    await page.goto(server.url + '/accedi');
    await page.fill('#codice_fiscale', luca);
    await page.fill('#pin', newFirst + newSecond);
    await page.click('main button[type=submit]');
    assert.equal(path(page), '/cambia-pin');
    await page.fill('#current_pin', newFirst + newSecond);
    await page.fill('#new_pin', 'R3STQ8PW');
    await page.fill('#confirm_pin', 'R3STQ8PW');
    await page.click('main button[type=submit]');
    assert.equal(path(page), '/area-riservata');

    // 9. A new e-mail address counts once the code sent to it comes back.
    await page.click('text=Modifica i contatti');
    await check(page, 'j15-contacts');
    await page.click('tr[data-kind="email"] >> text=Modifica');
    await page.fill('#value', 'luca.nuovo@example.it');
    await check(page, 'j16-contact-change');
    await page.click('main button[type=submit]');
    assert.equal(path(page), '/area-riservata/contatti/verifica');
    const contactCode = (await mailTo(smtp, 'luca.nuovo@example.it', /nuovo contatto/)).text.match(/codice: (\d{6})/)[1];
    await check(page, 'j17-contact-code');
    await page.fill('#code', contactCode);
    await page.click('main button[type=submit]');
    assert.match(await page.textContent('#contacts-updated'), /aggiornato/);
    assert.match(await page.textContent('tr[data-kind="email"]'), /luca\.nuovo@example\.it/);

    // 10. Dispositivo: the pre-filled form, an oversize file refused, then the signed form accepted.
    await page.goto(server.url + '/area-riservata');
    await page.click('text=Converti in PIN dispositivo');
    await check(page, 'j18-dispositivo');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#form-download')]);
    const form = await download.path();
    assert.ok(statSync(form).size > 1000, 'the pre-filled form was downloaded');
    const oversize = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1024 * 1024 + 100 * 1024, 0x20)]);
    await page.setInputFiles('#document', { name: 'scansione.pdf', mimeType: 'application/pdf', buffer: oversize });
    await page.click('main button[type=submit]');
    assert.match(await page.textContent('#document-error'), /supera 1 MB/);
    await check(page, 'j19-dispositivo-too-large');
    await page.setInputFiles('#document', form);
    await page.click('main button[type=submit]');
    assert.match(await page.textContent('#dispositivo-sent'), /Richiesta inviata/);
    await check(page, 'j20-dispositivo-sent');

    // 11. The back office sees the document and approves.
    const reviewer = await browse(js);
    try {
      await staffLogin(reviewer.page, server.url, DEMO_STAFF.back_office, (p, n) => checks.check(p, n, js), 'j21-console-back-office');
      await reviewer.page.goto(server.url + '/operatori/dispositivo');
      await checks.check(reviewer.page, 'j22-console-dispositivo-queue', js);
      await reviewer.page.locator('tr[data-id] >> text=Esamina').first().click();
      await checks.check(reviewer.page, 'j23-console-dispositivo-detail', js);
      await reviewer.page.click('button:has-text("Approva")');
      await checks.check(reviewer.page, 'j24-console-dispositivo-approved', js);
    } finally {
      await reviewer.browser.close();
    }

    // 12. The citizen now has level dispositivo.
    await page.goto(server.url + '/area-riservata');
    assert.equal(await page.textContent('#level'), 'dispositivo');
    await check(page, 'j25-reserved-area-dispositivo');
  } finally {
    await citizen.browser.close();
    await staff.browser.close();
    server.stop();
    smtp.stop();
    rmSync(spool, { recursive: true, force: true });
  }
}

test('the whole journey, with JavaScript and axe on every page', async () => { await journey(true); });
test('the whole journey with JavaScript disabled', withoutJavaScript, async () => { await journey(false); });
after(() => checks.save());
