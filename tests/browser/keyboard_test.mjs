// Issue 11's pages by keyboard alone (Tab, Enter, Space, arrow keys), as someone who cannot use a mouse walks
// them. Mario signs in, reaches "Deleghe ai patronati" from the reserved area, sends the grant form empty and
// lands on the error summary, follows its first link to the field, chooses INCA and some applications, types
// the last day and gives the mandate, then revokes it after the confirmation; he opens "Chi ha consultato i suoi
// dati" and keeps only the operators. The INCA operator signs in to the console (password, then the code),
// searches Giulia by her codice fiscale, opens her page and from it the NASpI form. At every stop the focused element is on screen and
// shows where the focus is (an outline or a ring). With JavaScript and without, at 1280 and 390 px; a screenshot
// of the focus at each stop.
// Usage: node keyboard_test.mjs PATH/TO/sportello PATH/TO/sportelloctl OUTPUT_DIR
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { startServer as start, atEveryWidth, freshCode, DEMO_STAFF, withoutJavaScript } from './support.mjs';
import { focused, tabTo as tabToStop, byId, byHref, byText, enter } from './keyboard.mjs';

const [SERVER, CTL, OUT] = process.argv.slice(2).map((p) => resolve(p));
mkdirSync(OUT, { recursive: true });
const MARIO = { codice_fiscale: 'RSSMRA85T10H501O', pin: 'PIN2DEMO' };
const GIULIA = 'BNCGLI72C45F205W';
const INCA = DEMO_STAFF.patronato;
const startServer = () => start(CTL, SERVER, { SPORTELLO_SERVER_THROTTLE_BURST: '100', SPORTELLO_SERVER_THROTTLE_PER_MINUTE: '600' });
const path = (page) => new URL(page.url()).pathname;

// Tab to a stop, with its screenshot in OUT (keyboard.mjs).
const tabTo = (page, stop, wanted, limit) => tabToStop(page, OUT, stop, wanted, limit);

async function marioByKeyboard(page, url, stop) {
  await page.goto(url + '/accedi');
  await tabTo(page, `${stop}-01-login-cf`, byId('codice_fiscale'));
  await page.keyboard.type(MARIO.codice_fiscale);
  await tabTo(page, `${stop}-02-login-pin`, byId('pin'));
  await page.keyboard.type(MARIO.pin);
  await enter(page);
  assert.equal(path(page), '/area-riservata');

  await tabTo(page, `${stop}-03-area-mandates`, byHref('/area-riservata/deleghe'));
  await enter(page);
  assert.equal(path(page), '/area-riservata/deleghe');
  await tabTo(page, `${stop}-04-new-mandate`, byId('new-mandate'));
  await enter(page);
  assert.equal(path(page), '/area-riservata/deleghe/nuova');

  // Sent empty: the summary takes the focus, its first link leads to the patronato's field.
  await tabTo(page, `${stop}-05-grant-empty`, byId('grant'));
  await enter(page);
  const summary = await focused(page);
  assert.equal(summary?.id, 'error-summary', `${stop}: after sending, the focus is on the summary (${JSON.stringify(summary)})`);
  await tabTo(page, `${stop}-06-summary-link`, byHref('#patronato'), 3);
  await page.keyboard.press('Enter');
  assert.equal((await focused(page))?.id, 'patronato', `${stop}: the summary's link puts the focus on the field`);

  // The select by arrow keys, the scope by arrows and Space, the day typed.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const chosen = await page.$eval('#patronato', (s) => s.options[s.selectedIndex].text);
  assert.ok(chosen !== '' && !/scelga|choose/i.test(chosen), `${stop}: a patronato chosen by arrow keys (${chosen})`);
  await tabTo(page, `${stop}-07-scope`, (at) => at.type === 'radio', 3);
  await page.keyboard.press('ArrowDown');  // moves to "alcuni servizi" and checks it
  assert.ok(await page.isChecked('#ambito-alcuni'), `${stop}: arrows choose "some services"`);
  await tabTo(page, `${stop}-08-first-type`, (at) => at.type === 'checkbox', 3);
  await page.keyboard.press('Space');
  await tabTo(page, `${stop}-09-last-day`, byId('ultimo_giorno'), 12);
  const day = new Date(Date.now() + 30 * 86400000);
  await page.keyboard.type(`${day.getUTCDate()}/${day.getUTCMonth() + 1}/${day.getUTCFullYear()}`);
  await page.keyboard.press('Shift+Tab');  // back and forth: the typed day stays
  await page.keyboard.press('Tab');
  await enter(page);  // Enter in a text field sends the form
  assert.equal(path(page), '/area-riservata/deleghe', `${stop}: the mandate is given (${await page.textContent('main')})`);

  // Revoked after the confirmation page.
  await tabTo(page, `${stop}-10-revoke-link`, (at) => at.tag === 'a' && /\/revoca$/.test(at.href) && !at.href.includes('/deleghe/1/'));
  await enter(page);
  assert.match(path(page), /\/area-riservata\/deleghe\/\d+\/revoca$/);
  await tabTo(page, `${stop}-11-revoke-confirm`, byId('revoke-confirm'));
  await enter(page);
  assert.equal(new URL(page.url()).searchParams.get('esito'), 'revocata');

  // Who consulted his data, then operators only.
  await page.goto(url + '/area-riservata');
  await tabTo(page, `${stop}-12-accesses`, byId('all-accesses'));
  await enter(page);
  assert.equal(path(page), '/area-riservata/accessi');
  await tabTo(page, `${stop}-13-filter`, byId('filter-others'));
  await enter(page);
  assert.equal(new URL(page.url()).searchParams.get('chi'), 'altri');
}

async function incaByKeyboard(page, server, stop) {
  await page.goto(server.url + '/operatori/accedi');
  await tabTo(page, `${stop}-20-console-username`, byId('username'));
  await page.keyboard.type(INCA.username);
  await tabTo(page, `${stop}-21-console-password`, byId('password'), 3);
  await page.keyboard.type(INCA.password);
  await tabTo(page, `${stop}-22-console-code`, byId('totp'), 3);
  await page.keyboard.type(await freshCode(server, INCA));
  await enter(page);
  assert.match(path(page), /^\/operatori/);
  await page.goto(server.url + '/operatori/patronato');
  await tabTo(page, `${stop}-23-search-cf`, byId('codice_fiscale'));
  await page.keyboard.type(GIULIA);
  await enter(page);
  assert.match(path(page), /^\/operatori\/patronato\/soggetti\/\d+$/, `${stop}: Giulia's page`);
  // Past her data and applications to "file a NASpI for her", then its form.
  await tabTo(page, `${stop}-24-subject-file-naspi`, (at) => at.tag === 'a' && /\/soggetti\/\d+\/domande\/nuova\/naspi$/.test(at.href));
  await enter(page);
  assert.match(path(page), /\/soggetti\/\d+\/domande\/nuova\/naspi$/);
  await tabTo(page, `${stop}-25-filing-first-field`, (at) => ['input', 'select', 'textarea'].includes(at.tag));
}

async function walk(js) {
  const server = await startServer();
  await atEveryWidth(server, js, async (page, width) => {
    const stop = `${width}${js ? '' : '-nojs'}`;
    await marioByKeyboard(page, server.url, stop);
    await incaByKeyboard(page, server, stop);
  });
}

test("issue 11's pages by keyboard alone", () => walk(true));
test('the same with JavaScript disabled', withoutJavaScript, () => walk(false));
