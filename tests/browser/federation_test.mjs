// SPID and CNS in the browser (issue 12), at 1280 and 390 px, with JavaScript and without: the login page offers
// "Entra con SPID" (the accepted identity providers, named from their metadata), then CNS and the PIN among "Altre
// utenze"; Mario chooses the test IdP (tests/support/test_idp.py), signs in there and lands in the reserved area,
// whose access list says "Accesso con SPID"; he signs out, here and at the IdP (single logout); then he cancels at
// the IdP and reads why he is not in (403, in Italian), with the way back. With his CNS in the reader (the browser
// context's client certificate, from tests/support/cns_cards.py) "Entra con CNS" takes him to his reserved area; a
// revoked card and no card get their pages. By keyboard alone the login page's ways in are each reached by Tab, on
// screen and showing the focus, and Enter on an identity provider's button goes there. With the PIN retired
// ([credentials] citizen_pin), the login page has no PIN form and says why, the PIN's pages answer 410 pointing to
// SPID, CIE and CNS, and the card still opens the reserved area. axe-core on sportello's pages.
// Usage: node federation_test.mjs PATH/TO/sportello PATH/TO/sportelloctl OUTPUT_DIR
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { startServer, atEveryWidth, PageChecks, withoutJavaScript, freePort, ROOT, smallPdf } from './support.mjs';
import { tabTo, enter, byId, byHref, byText } from './keyboard.mjs';

const [SERVER, CTL, OUT] = process.argv.slice(2).map((p) => resolve(p));
const checks = new PageChecks(OUT, 'federation-');
after(() => checks.save());
const text = async (page, selector) => (await page.textContent(selector)).replace(/\s+/g, ' ').trim();

// The test IdP, then sportello on TLS (SPID wants https) trusting it, with its CNS listener trusting the test cards'
// CA; Mario is the demo seed's PIN holder.
async function startFederation(settings = {}) {
  const folder = mkdtempSync(join(tmpdir(), 'sportello-spid-'));
  const [port, cnsPort] = [await freePort(), await freePort()];
  const base = `https://127.0.0.1:${port}`;
  const cnsBase = `https://127.0.0.1:${cnsPort}`;
  const cns = JSON.parse(execFileSync('/usr/bin/python3', [join(ROOT, 'tests', 'support', 'cns_cards.py'), join(folder, 'cns')]));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(folder, 'tls.key'), '-out', join(folder, 'tls.crt')],
  { stdio: 'ignore' });
  execFileSync(join(ROOT, 'scripts', 'make-sp-certificate'), ['--entity-id', 'https://sportello.example/spid',
    '--ipa-code', 'c_h501', '--organization', 'Istituto di prova', '--locality', 'Roma', '--key-size', '2048',
    '--out', join(folder, 'sp')], { stdio: 'ignore' });
  const idp = spawn('/usr/bin/python3', [join(ROOT, 'tests', 'support', 'test_idp.py'), '--port', '0',
    '--work', join(folder, 'idp'), '--sp-metadata', `${base}/saml/metadata`], { stdio: ['ignore', 'pipe', 'inherit'] });
  const idpUrl = await new Promise((done, fail) => {
    createInterface({ input: idp.stdout }).on('line', (line) => { if (line.startsWith('READY ')) done(line.slice(6)); });
    idp.on('exit', (code) => fail(new Error(`the test IdP exited with ${code}`)));
  });
  mkdirSync(join(folder, 'idps'));
  copyFileSync(join(folder, 'idp', 'idp-metadata.xml'), join(folder, 'idps', 'test-idp.xml'));
  const server = await startServer(CTL, SERVER, {
    SPORTELLO_SERVER_TLS_CERTIFICATE: join(folder, 'tls.crt'), SPORTELLO_SERVER_TLS_KEY: join(folder, 'tls.key'),
    SPORTELLO_FEDERATION_ENTITY_ID: 'https://sportello.example/spid', SPORTELLO_FEDERATION_PUBLIC_URL: base,
    SPORTELLO_FEDERATION_KEY_FILE: join(folder, 'sp', 'sp.key'),
    SPORTELLO_FEDERATION_CERTIFICATE_FILE: join(folder, 'sp', 'sp.crt'),
    SPORTELLO_FEDERATION_IDP_METADATA_DIR: join(folder, 'idps'),
    SPORTELLO_FEDERATION_ORGANIZATION_NAME: 'Istituto di prova', SPORTELLO_FEDERATION_ORGANIZATION_DISPLAY_NAME: 'Sportello',
    SPORTELLO_FEDERATION_ORGANIZATION_URL: 'https://sportello.example/', SPORTELLO_FEDERATION_IPA_CODE: 'c_h501',
    SPORTELLO_FEDERATION_CONTACT_EMAIL: 'spid@sportello.example',
    SPORTELLO_CNS_LISTEN: `127.0.0.1:${cnsPort}`, SPORTELLO_CNS_PUBLIC_URL: cnsBase,
    SPORTELLO_CNS_CA_FILE: cns.ca, SPORTELLO_CNS_CRL_FILE: cns.crl, ...settings,
  }, port);
  const stop = server.stop;
  server.stop = async () => {
    await stop();
    idp.kill('SIGTERM');
    rmSync(folder, { recursive: true, force: true });
  };
  server.idp = idpUrl;
  server.cns = { base: cnsBase, cards: cns.cards };
  return server;
}

// From sportello's login page to the IdP's, by the IdP's button; returns once the IdP's page is there.
async function toTheIdp(page, server, path = '/accedi') {
  await page.goto(server.url + path);
  await Promise.all([page.waitForURL(`${server.idp}/**`), page.click('text=Entra con Identità di prova')]);
  assert.match(await page.title(), /Test IdP/);
}

// The IdP's own answer page posts itself with JavaScript; without it, the person presses Continua.
async function backFromTheIdp(page, server, js, press) {
  await press();
  if (!js) await page.click('text=Continua');
  await page.waitForURL(`${server.url}/**`);
}

for (const js of [true, false]) {
  test(`SPID login, ${js ? 'with' : 'without'} JavaScript`, js ? {} : withoutJavaScript, async () => {
    const server = await startFederation();
    await atEveryWidth(server, js, async (page, width) => {
      await page.goto(server.url + '/accedi');
      assert.equal(await text(page, 'h1'), 'Accedi');
      assert.deepEqual(await page.$$eval('main h2', (hs) => hs.map((h) => h.textContent.trim())).then((h) => h.slice(0, 2)),
        ['Entra con SPID', 'Altre utenze']);
      assert.deepEqual(await page.$$eval('main h3', (hs) => hs.map((h) => h.textContent.trim())),
        ['Entra con CNS', "PIN dell'Istituto"]);
      await checks.look(page, 'login', js, width);

      // Mario, who wants his access list, signs in at the IdP and lands there.
      await toTheIdp(page, server, '/accedi?torna=/area-riservata/accessi');
      await page.fill('#password', 'password');
      await backFromTheIdp(page, server, js, () => page.click('button[value=login]'));
      assert.equal(new URL(page.url()).pathname, '/area-riservata/accessi');
      assert.match(await text(page, 'main'), /Accesso con SPID/);
      await checks.look(page, 'accesses-after-spid', js, width);
      await page.goto(server.url + '/area-riservata');
      assert.match(await text(page, 'main'), /Mario/);
      // Esci signs him out here and at the IdP (single logout), which sends him back to say so.
      await Promise.all([page.waitForURL(`${server.url}/saml/slo**`), page.click('text=Esci')]);
      assert.equal(await text(page, 'h1'), 'Uscita completata');
      assert.match(await text(page, 'main'), /presso il suo gestore/);
      await checks.look(page, 'signed-out', js, width);
      await page.goto(server.url + '/area-riservata');
      assert.equal(new URL(page.url()).pathname, '/accedi', 'signed out: the reserved area asks to sign in');

      // He changes his mind at the IdP: Annulla. The page says so, in Italian, with the way back.
      await toTheIdp(page, server);
      const answer = page.waitForResponse((r) => r.url().endsWith('/saml/acs'));
      await backFromTheIdp(page, server, js, () => page.click('button[value=cancel]'));
      assert.equal((await answer).status(), 403);
      assert.equal(await text(page, 'h1'), 'Accesso non riuscito');
      assert.match(await text(page, 'main'), /Ha annullato l'accesso/);
      await checks.look(page, 'cancelled', js, width);
      await Promise.all([page.waitForNavigation(), page.click('text=Torna alla pagina di accesso')]);
      assert.equal(new URL(page.url()).pathname, '/accedi');
    });
  });
}

// The card a reader would hand the browser for the CNS listener's origin.
const withCard = (server, name) => ({
  clientCertificates: [{ origin: server.cns.base, certPath: server.cns.cards[name][0], keyPath: server.cns.cards[name][1] }],
});

for (const js of [true, false]) {
  test(`CNS login, ${js ? 'with' : 'without'} JavaScript`, js ? {} : withoutJavaScript, async () => {
    const server = await startFederation();
    await atEveryWidth(server, js, async (page, width) => {
      await page.goto(server.url + '/accedi?torna=/area-riservata/accessi');
      await Promise.all([page.waitForURL(`${server.cns.base}/area-riservata/accessi`), page.click('a:has-text("Entra con CNS")')]);
      assert.match(await text(page, 'main'), /Accesso con CNS/);
      await checks.look(page, 'accesses-after-cns', js, width);
      await page.goto(server.cns.base + '/area-riservata');
      assert.match(await text(page, 'main'), /Mario/);
    }, undefined, withCard(server, 'mario'));
  });

  test(`CNS refusals, ${js ? 'with' : 'without'} JavaScript`, js ? {} : withoutJavaScript, async () => {
    const server = await startFederation();
    const cns = server.cns.base;
    // A revoked card: the page says the card is not accepted, and what to do; the way back is the login page.
    await atEveryWidth({ stop: async () => {} }, js, async (page, width) => {
      const answer = page.waitForResponse((r) => r.url().startsWith(`${cns}/accedi/cns`));
      await page.goto(server.url + '/accedi');
      await page.click('a:has-text("Entra con CNS")');
      assert.equal((await answer).status(), 403);
      assert.equal(await text(page, 'h1'), 'Carta non accettata');
      assert.match(await text(page, 'main'), /revocato/);
      await checks.look(page, 'cns-revoked', js, width);
    }, undefined, withCard(server, 'revoked'));
    // No card in the reader.
    await atEveryWidth(server, js, async (page, width) => {
      await page.goto(cns + '/accedi/cns');
      assert.equal(await text(page, 'h1'), 'Nessuna carta letta');
      await checks.look(page, 'cns-no-card', js, width);
      await Promise.all([page.waitForNavigation(), page.click('text=Torna alla pagina di accesso')]);
      assert.equal(new URL(page.url()).pathname, '/accedi');
    });
  });
}

// Giulia has never had a PIN: SPID enrols her (decision 0020). On a phone or a desk, with or without JavaScript, her
// reserved area says she needs no PIN and offers no PIN link; the dispositivo conversion, opened by its address,
// says the same with no form; by keyboard its way back is reached and followed; a file sent to it anyway, with the
// page's own CSRF token, changes nothing and gets the same words; its form's PDF sends her back to the page.
for (const js of [true, false]) {
  test(`A citizen without a PIN, ${js ? 'with' : 'without'} JavaScript`, js ? {} : withoutJavaScript, async () => {
    const server = await startFederation();
    const noPin = "Non ha un PIN dell'Istituto, e non le serve";
    await atEveryWidth(server, js, async (page, width) => {
      await toTheIdp(page, server, '/accedi?torna=/area-riservata');
      await page.check('input[name=user][value="1"]');
      await page.fill('#password', 'password');
      await backFromTheIdp(page, server, js, () => page.click('button[value=login]'));
      assert.equal(new URL(page.url()).pathname, '/area-riservata');
      assert.match(await text(page, 'main'), /Giulia/);
      assert.match(await text(page, 'main'), new RegExp(noPin));
      assert.equal(await page.locator('main a[href^="/area-riservata/dispositivo"]').count(), 0, 'no PIN link');
      await checks.look(page, 'reserved-no-pin', js, width);

      await page.goto(server.url + '/area-riservata/dispositivo');
      assert.match(await text(page, '#dispositivo-already'), new RegExp(noPin));
      assert.equal(await page.locator('main form').count(), 0, 'no upload form');
      assert.equal(await page.locator('#form-download').count(), 0, 'no form to download');
      await checks.look(page, 'dispositivo-no-pin', js, width);
      await tabTo(page, OUT, `no-pin-back-${width}${js ? '' : '-nojs'}`, byText(/^Torna all'area riservata$/));
      await enter(page);
      assert.equal(new URL(page.url()).pathname, '/area-riservata');

      // A file sent anyway, as a stale tab or a hand-made request would: refused with the page's words.
      const csrf = await page.getAttribute('header input[name=csrf]', 'value');
      const sent = await page.request.post(server.url + '/area-riservata/dispositivo', {
        headers: { origin: server.url }, maxRedirects: 0,
        multipart: { csrf, document: { name: 'modulo.pdf', mimeType: 'application/pdf', buffer: smallPdf('firmato') } },
      });
      assert.equal(sent.status(), 422);
      const refused = await sent.text();
      assert.match(refused, /id="dispositivo-already">Non ha un PIN dell(&apos;|')Istituto/);
      assert.doesNotMatch(refused, /type="file"/);
      const form = await page.request.get(server.url + '/area-riservata/dispositivo/modulo.pdf', { maxRedirects: 0 });
      assert.equal(form.status(), 303, 'no form to sign for a PIN she does not have');
      assert.equal(new URL(form.headers().location, server.url).pathname, '/area-riservata/dispositivo');
      await page.click('header button[type=submit]');  // Esci
    });
  });
}

for (const js of [true, false]) {
  test(`The login page by keyboard, ${js ? 'with' : 'without'} JavaScript`, js ? {} : withoutJavaScript, async () => {
    const server = await startFederation();
    await atEveryWidth(server, js, async (page, width) => {
      const stop = (name) => `keyboard-${name}-${width}${js ? '' : '-nojs'}`;
      await page.goto(server.url + '/accedi');
      await tabTo(page, OUT, stop('01-spid'), byText(/^Entra con Identità di prova$/));
      await tabTo(page, OUT, stop('02-cns'), byHref(`${server.cns.base}/accedi/cns`));
      await tabTo(page, OUT, stop('03-pin-cf'), byId('codice_fiscale'));
      await tabTo(page, OUT, stop('04-pin'), byId('pin'));
      await page.goto(server.url + '/accedi');
      await tabTo(page, OUT, stop('05-spid-again'), byText(/^Entra con Identità di prova$/));
      await Promise.all([page.waitForURL(`${server.idp}/**`), page.keyboard.press('Enter')]);
      assert.match(await page.title(), /Test IdP/);
    });
  });
}

for (const js of [true, false]) {
  test(`With the PIN retired, ${js ? 'with' : 'without'} JavaScript`, js ? {} : withoutJavaScript, async () => {
    const server = await startFederation({ SPORTELLO_CREDENTIALS_CITIZEN_PIN: 'retired' });
    await atEveryWidth(server, js, async (page, width) => {
      await page.goto(server.url + '/accedi');
      assert.equal(await page.$('#pin'), null, 'no PIN field');
      assert.doesNotMatch(await text(page, 'main'), /resta valido/, 'nothing says the PIN still works');
      assert.match(await text(page, '#pin-retired'), /non è più in uso: entri con SPID, con la CIE o con la CNS/);
      assert.deepEqual(await page.$$eval('main h3', (hs) => hs.map((h) => h.textContent.trim())), ['Entra con CNS']);
      await checks.look(page, 'login-pin-retired', js, width);
      for (const path of ['/richiedi-pin', '/pin-smarrito', '/rinnova-pin', '/attiva-pin']) {
        const answer = await page.goto(server.url + path);
        assert.equal(answer.status(), 410, path);
        assert.equal(await text(page, 'h1'), "Il PIN dell'Istituto non è più in uso", path);
      }
      await checks.look(page, 'pin-retired-page', js, width);
      // The card is not a PIN: it still opens the reserved area.
      await Promise.all([page.waitForURL(`${server.url}/accedi`), page.click('text=Entra con SPID, CIE o CNS')]);
      await Promise.all([page.waitForURL(`${server.cns.base}/area-riservata`), page.click('a:has-text("Entra con CNS")')]);
      assert.match(await text(page, 'main'), /Mario/);
    }, undefined, withCard(server, 'mario'));
  });
}
