// The allowances of issue 15 as people meet them, at 1280 and 390 px, with JavaScript and without: someone
// who asks for a PIN recovery again and again for one codice fiscale is told, next to the field and in the
// summary, that it was asked several times and how long to wait (429). The answer of a codice fiscale without a
// PIN reads the same; the second try is typed by keyboard only, the code in lower case and in groups, and the
// summary's link leads back to the field. axe-core on every page.
// Usage: node limits_test.mjs PATH/TO/sportello PATH/TO/sportelloctl OUTPUT_DIR
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { startServer, atEveryWidth, WIDTHS, PageChecks, withoutJavaScript, fillFields } from './support.mjs';

const [SERVER, CTL, OUT] = process.argv.slice(2).map((p) => resolve(p));
const checks = new PageChecks(OUT, 'limits-');
after(() => checks.save());

// Mario holds a PIN (the demo seed); Luca Verdi does not: their pages must read the same.
const MARIO = { codice_fiscale: 'RSSMRA85T10H501O', mobile: '333 1234567', email: 'mario.rossi@example.it' };
const luca = (server) => ({
  codice_fiscale: JSON.parse(server.ctl('--json', 'cf', 'compute', '--surname', 'Verdi', '--name', 'Luca', '--sex', 'M',
    '--birth-date', '1980-05-15', '--birth-place', 'H501')).codice_fiscale,
  mobile: '333 7654321', email: 'luca.verdi@example.it',
});
const text = async (page, selector) => (await page.textContent(selector)).replace(/\s+/g, ' ').trim();

async function look(page, name, js, width) {
  await checks.check(page, `${name}-${width}`, js);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${name} at ${width} px is ${overflow} px wider than the screen`);
}

async function recover(page, server, who) {
  await page.goto(server.url + '/pin-smarrito');
  await fillFields(page, who);
  const [answer] = await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  return answer;
}

// The same person again, in a hurry and by keyboard only: the code in lower case and in groups, Enter to send.
async function recoverByKeyboard(page, server, who) {
  await page.goto(server.url + '/pin-smarrito');
  const code = who.codice_fiscale.toLowerCase();
  await page.focus('#codice_fiscale');
  await page.keyboard.type(`${code.slice(0, 6)} ${code.slice(6, 11)} ${code.slice(11)}`);
  for (const id of ['mobile', 'email']) {
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), id, `Tab reaches #${id}`);
    await page.keyboard.type(who[id]);
  }
  const [answer] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  return answer;
}

for (const js of [true, false]) {
  test(`a recovery asked too often, ${js ? 'with' : 'without'} JavaScript`, js ? {} : withoutJavaScript, async () => {
    // One recovery a day per code here, so that the second try already meets the allowance.
    const server = await startServer(CTL, SERVER, { SPORTELLO_LIMITS_RECOVERIES_PER_CODE: '1' });
    const people = [MARIO, luca(server)];
    const said = [];
    let walk = 0;
    // One person per walk; where only one width is walked (the sanitizer build), both walk it.
    const widths = people.map((_, i) => WIDTHS[i % WIDTHS.length]);
    await atEveryWidth(server, js, async (page, width) => {
      const who = people[walk++];
      const first = await recover(page, server, who);
      assert.equal(first.status(), 200);
      assert.equal(new URL(page.url()).pathname, '/pin-smarrito/inviato');

      const second = await recoverByKeyboard(page, server, who);
      assert.equal(second.status(), 429, 'the allowance is spent: 429');
      const error = await text(page, '[id="codice_fiscale-error"]');
      assert.match(error, /già stato chiesto diverse volte/);
      assert.match(error, /tra 24 ore/, 'it says how long to wait');
      assert.ok((await text(page, '#error-summary')).includes(error), 'the summary says it too');
      assert.match(await text(page, '#error-summary'), /Per ora non è possibile procedere/, 'nothing to correct: a wait');
      assert.equal(await page.inputValue('#email'), who.email, 'what was typed stays');
      if (js) {  // the summary takes the focus, and its link leads to the field at fault
        assert.equal(await page.evaluate(() => document.activeElement.id), 'error-summary');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        assert.equal(await page.evaluate(() => document.activeElement.id), 'codice_fiscale');
      }
      said.push(error);
      await look(page, `recovery-limited-${walk}`, js, width);
    }, widths);
    assert.equal(said.length, 2);
    assert.equal(said[0], said[1], 'a holder and a code without a PIN read the same');
  });
}
