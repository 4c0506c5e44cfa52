// The administrators' patronati in a real browser (issue 11): /operatori/organizzazioni with the demo data. An
// office operator and a patronato operator get the 403 page. The administrator signs in (password and TOTP),
// sees INCA and ACLI, adds a patronato: first an empty form, then one where every field is wrong (a malformed
// code, no name, an office too long), then a code already taken, each answered 422 with the problems next to
// their fields and in the summary, nothing stored (sportelloctl org list says so); then the right one. An
// operator of it is made with `sportelloctl staff add --role patronato --org CODE` and signs in; the
// administrator edits the patronato (an empty name refused first), disables it through the page that says the
// sessions end at once: the operator's next page is the login, and the login is refused; enabled again, the
// operator signs in. At 1280 and 390 px, with and without JavaScript, axe and a screenshot on every page.
// Usage: node organisations_console_test.mjs PATH/TO/sportello PATH/TO/sportelloctl OUTPUT_DIR
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { startServer as start, atEveryWidth, browse, PageChecks, DEMO_STAFF, withoutJavaScript, freshCode, stepUnused } from './support.mjs';

const [SERVER, CTL, OUT] = process.argv.slice(2).map((p) => resolve(p));
const checks = new PageChecks(OUT, 'organisations-');
// The walk signs in many times from one address: room for it in the per-address throttle.
const startServer = () => start(CTL, SERVER, { SPORTELLO_SERVER_THROTTLE_BURST: '100', SPORTELLO_SERVER_THROTTLE_PER_MINUTE: '600' });

const LIST = '/operatori/organizzazioni';
const path = (page) => new URL(page.url()).pathname;
const query = (page, name) => new URL(page.url()).searchParams.get(name);
const text = async (page, selector) => (await page.textContent(selector)).trim();

const look = (page, name, js, width) => checks.look(page, name, js, width);

async function signIn(page, server, account) {
  await page.goto(server.url + '/operatori/accedi');
  await page.fill('#username', account.username);
  await page.fill('#password', account.password);
  await page.fill('#totp', await freshCode(server, account));
  await page.click('main button[type=submit]');
}

async function signOut(page) {
  await page.click('header >> text=Esci');
  assert.equal(path(page), '/operatori/accedi');
}

// Clicks `selector` (a form's button) and returns the status of the form's answer (303 for a redirect).
async function submit(page, selector) {
  const [reply] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
    page.click(selector),
  ]);
  await page.waitForLoadState();
  return reply.status();
}

const organisations = (server) => JSON.parse(server.ctl('--json', 'org', 'list')).organisations;

async function othersAreRefused(page, server, js, width) {
  await signIn(page, server, DEMO_STAFF.office);
  assert.equal(path(page), '/operatori');
  assert.doesNotMatch(await text(page, 'nav[aria-label="Sezioni della console"]'), /Patronati/, 'the nav shows only what the role may do');
  const refused = await page.goto(server.url + LIST);
  assert.equal(refused.status(), 403);
  assert.equal(await text(page, 'h1'), 'Operazione non consentita');
  await look(page, 'o01-office-forbidden', js, width);
  for (const p of [LIST + '/INCA', LIST + '/INCA/disattivazione']) {
    assert.equal((await page.goto(server.url + p)).status(), 403, `${p} refused to the office`);
  }
  await signOut(page);
}

async function adds(page, server, js, width, code) {
  await signIn(page, server, DEMO_STAFF.admin);
  assert.equal(path(page), '/operatori');
  await page.click('nav[aria-label="Sezioni della console"] >> text=Patronati');
  assert.equal(path(page), LIST);
  assert.equal(await text(page, 'h1'), 'Patronati');
  assert.match(await text(page, '#organisations tr[data-code="INCA"]'), /Patronato INCA CGIL/);
  assert.match(await text(page, '#organisations tr[data-code="ACLI"]'), /ACLI/);
  await look(page, 'o02-list', js, width);
  const before = organisations(server).length;

  // An empty form: the code and the name are missing.
  assert.equal(await submit(page, '#add-submit'), 422);
  assert.match(await text(page, '#code-error'), /da 2 a 16/);
  assert.match(await text(page, '#name-error'), /nome del patronato/);
  assert.equal(await page.getAttribute('#code', 'aria-invalid'), 'true');
  assert.equal(await page.locator('#error-summary li').count(), 2);
  await look(page, 'o03-add-empty', js, width);

  // Everything wrong at once: every problem next to its field, what was typed kept.
  await page.fill('#code', '1 patronato');
  await page.fill('#name', '   ');
  await page.fill('#offices', `Roma, via Po 1\n${'Via lunghissima '.repeat(9)}\n\nMilano`);
  assert.equal(await submit(page, '#add-submit'), 422);
  assert.match(await text(page, '#code-error'), /inizi con una lettera/);
  assert.match(await text(page, '#name-error'), /nome del patronato/);
  assert.match(await text(page, '#offices-error'), /120 caratteri\. Controlli la riga 2\./);
  assert.equal(await page.locator('#error-summary li').count(), 3);
  assert.match(await text(page, '#error-summary'), /3 dati da correggere/);
  assert.equal(await page.inputValue('#code'), '1 patronato');
  assert.match(await page.inputValue('#offices'), /^Roma, via Po 1\n/);
  await look(page, 'o04-add-every-error', js, width);

  // A code already taken, typed in lower case.
  await page.fill('#code', 'inca');
  await page.fill('#name', 'Un altro INCA');
  await page.fill('#offices', '');
  assert.equal(await submit(page, '#add-submit'), 422);
  assert.match(await text(page, '#code-error'), /già questo codice/);
  assert.equal(await page.locator('#name-error').count(), 0);
  await look(page, 'o05-add-code-taken', js, width);
  assert.equal(organisations(server).length, before, 'nothing is kept from a refused form');

  await page.fill('#code', code.toLowerCase());
  await page.fill('#name', '  Patronato   di prova  ');
  await page.fill('#offices', 'Roma, via Nazionale 10\n\nNapoli, via Toledo 5');
  assert.equal(await submit(page, '#add-submit'), 303);
  assert.equal(path(page), LIST);
  assert.equal(query(page, 'esito'), 'patronato-aggiunto');
  assert.equal(await text(page, '#flash'), 'Patronato aggiunto.');
  const row = `#organisations tr[data-code="${code}"]`;
  if (width >= 768) {
    assert.match(await text(page, row), /Patronato di prova/);
    assert.match(await text(page, `${row} .operators`), /^0 operatori$/);
  } else {
    assert.match(await text(page, `#organisations-list li[data-code="${code}"]`), /Patronato di prova.*Napoli, via Toledo 5/s);
  }
  await look(page, 'o06-added', js, width);
  const stored = organisations(server).find((o) => o.code === code);
  assert.equal(stored.name, 'Patronato di prova');
  assert.deepEqual(stored.offices, ['Roma, via Nazionale 10', 'Napoli, via Toledo 5']);
}

// An operator of the new patronato: made with sportelloctl, signed in, its one-time password replaced.
async function operatorSignsIn(server, js, code, width) {
  const username = `pat.prova${width}`;
  const created = JSON.parse(server.ctl('--json', 'staff', 'add', '--username', username, '--role', 'patronato', '--org', code));
  const account = { username, password: created.password, totp: created.totp_secret };
  const { browser, page } = await browse(js);
  await page.setViewportSize({ width, height: 900 });
  await signIn(page, server, account);
  assert.equal(path(page), '/operatori/password');
  account.password = `una-password-nuova-${width}`;
  await page.fill('#current_password', created.password);
  await page.fill('#new_password', account.password);
  await page.fill('#confirm_password', account.password);
  await page.click('main button[type=submit]');
  assert.equal(path(page), '/operatori');
  assert.equal(await text(page, '#console-username'), username);
  assert.equal((await page.goto(server.url + LIST)).status(), 403, 'a patronato operator does not manage patronati');
  return { browser, page, account };
}

async function edits(page, server, js, width, code) {
  await page.goto(server.url + LIST);
  if (width >= 768) {
    assert.match(await text(page, `#organisations tr[data-code="${code}"] .operators`), /^1 operatore$/);
    await page.click(`#organisations tr[data-code="${code}"] a`);
  } else {
    await page.click(`#organisations-list li[data-code="${code}"] a`);
  }
  assert.equal(path(page), `${LIST}/${code}`);
  assert.equal(await text(page, '#organisation-code'), code);
  assert.equal(await page.inputValue('#name'), 'Patronato di prova');
  assert.equal(await page.inputValue('#offices'), 'Roma, via Nazionale 10\nNapoli, via Toledo 5');
  await look(page, 'o07-edit', js, width);

  await page.fill('#name', '');
  assert.equal(await submit(page, '#edit-submit'), 422);
  assert.match(await text(page, '#name-error'), /nome del patronato/);
  assert.equal(await page.inputValue('#offices'), 'Roma, via Nazionale 10\nNapoli, via Toledo 5');
  await look(page, 'o08-edit-error', js, width);
  assert.equal(organisations(server).find((o) => o.code === code).name, 'Patronato di prova');

  await page.fill('#name', 'Patronato di prova ACAI');
  await page.fill('#offices', 'Torino, corso Francia 3');
  assert.equal(await submit(page, '#edit-submit'), 303);
  assert.equal(query(page, 'esito'), 'patronato-modificato');
  assert.equal(await text(page, '#flash'), 'Modifiche salvate.');
  const stored = organisations(server).find((o) => o.code === code);
  assert.equal(stored.name, 'Patronato di prova ACAI');
  assert.deepEqual(stored.offices, ['Torino, corso Francia 3']);
}

async function disables(page, server, js, width, code, operator) {
  await page.goto(`${server.url}${LIST}/${code}`);
  await page.click('#switch');
  assert.equal(path(page), `${LIST}/${code}/disattivazione`);
  assert.equal(await text(page, 'h1'), 'Disattivare Patronato di prova ACAI?');
  assert.match(await text(page, '#switch-effect'), /si chiudono subito tutte le sessioni aperte dei suoi operatori/);
  assert.equal(await text(page, '#organisation-operators'), '1 operatore');
  await look(page, 'o09-disable-confirm', js, width);
  // "Annulla" goes back and changes nothing.
  await page.click('#cancel');
  assert.equal(path(page), `${LIST}/${code}`);
  assert.equal(organisations(server).find((o) => o.code === code).disabled, false);
  await page.click('#switch');
  assert.equal(await submit(page, '#confirm'), 303);
  assert.equal(query(page, 'esito'), 'patronato-disattivato');
  assert.match(await text(page, '#flash'), /sessioni dei suoi operatori sono state chiuse/);
  if (width >= 768) assert.equal(await text(page, `#organisations tr[data-code="${code}"] .state`), 'Disattivato');
  await look(page, 'o10-disabled', js, width);
  assert.equal(organisations(server).find((o) => o.code === code).disabled, true);

  // The operator was signed out at once, and cannot sign in again.
  await operator.page.goto(server.url + '/operatori');
  assert.equal(path(operator.page), '/operatori/accedi', 'the operator\'s session ended with the disabling');
  await signIn(operator.page, server, operator.account);
  assert.equal(path(operator.page), '/operatori/accedi', 'a disabled patronato\'s operator cannot sign in');
  assert.equal(await text(operator.page, '#login-error'), 'Il suo patronato è disattivato: non può accedere alla console. Si rivolga all\'amministratore.');
  stepUnused(server, operator.account);
  await checks.check(operator.page, `o11-operator-refused-${width}`, js);

  // Enabled again, through its page.
  await page.goto(`${server.url}${LIST}/${code}`);
  assert.equal(await text(page, '#switch'), 'Riattiva…');
  await page.click('#switch');
  assert.equal(path(page), `${LIST}/${code}/riattivazione`);
  assert.equal(await text(page, 'h1'), 'Riattivare Patronato di prova ACAI?');
  await look(page, 'o12-enable-confirm', js, width);
  assert.equal(await submit(page, '#confirm'), 303);
  assert.equal(query(page, 'esito'), 'patronato-riattivato');
  assert.equal(organisations(server).find((o) => o.code === code).disabled, false);
  // The disabling page of an enabled patronato is not a dead end: asked twice, it goes to the patronato's page.
  await page.goto(`${server.url}${LIST}/${code}/riattivazione`);
  assert.equal(path(page), `${LIST}/${code}`);
  await signIn(operator.page, server, operator.account);
  assert.equal(path(operator.page), '/operatori', `enabled again, the operator signs in (${path(operator.page) === '/operatori' ? '' : await text(operator.page, '#login-error')})`);
  await signOut(page);
}

async function walk(js) {
  const server = await startServer();
  await atEveryWidth(server, js, async (page, width) => {
    const code = `PROVA-${width}`;
    const signedOut = await page.goto(server.url + LIST);
    assert.equal(path(page), '/operatori/accedi', 'signed out, the page asks to sign in');
    assert.equal(signedOut.status(), 200);
    await othersAreRefused(page, server, js, width);
    await adds(page, server, js, width, code);
    const operator = await operatorSignsIn(server, js, code, width);
    try {
      await edits(page, server, js, width, code);
      await disables(page, server, js, width, code, operator);
    } finally {
      await operator.browser.close();
    }
  });
}

test('the administrator adds, edits, disables and enables a patronato; others are refused; axe at 1280 and 390 px', async () => {
  await walk(true);
});

test('the same with JavaScript disabled', withoutJavaScript, async () => {
  await walk(false);
});

after(() => checks.save());
