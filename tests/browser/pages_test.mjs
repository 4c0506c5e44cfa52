// The pages of issue 14 ("Pages") in a real browser, at 1280 and 390 px, with JavaScript and without: each page
// its own <title>; an unknown address or a wrong method answers an Italian (or English) page in the layout
// with the status and a way home, while /api/ and clients asking for JSON keep problem+json; /accedi links to
// the lost-PIN and request pages, explains the first access, and a page that needs login comes back to itself
// after it (never to another site); logging out says so; the footer's privacy, legal notes and accessibility
// pages and its tel: links; the greeting fits the holder; no page walked says "tu". axe-core on every page.
// Usage: node pages_test.mjs PATH/TO/sportello PATH/TO/sportelloctl OUTPUT_DIR
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { startServer, browse, WIDTHS, PageChecks, withoutJavaScript } from './support.mjs';

const [SERVER, CTL, OUT] = process.argv.slice(2).map((p) => resolve(p));
const checks = new PageChecks(OUT, 'pages-');
const MARIO = { codice_fiscale: 'RSSMRA85T10H501O', pin: 'PIN2DEMO', greeting: 'Benvenuto, Mario Rossi' };
const GIULIA = { codice_fiscale: 'BNCGLI72C45F205W', pin: 'DISP0SIT', greeting: 'Benvenuta, Giulia Bianchi' };
const SITE = 'Sportello PIN';
// The second person singular, as the catalogues once had it ("Hai smarrito", "inserisci"): page names such
// as "Accedi" or "Richiedi il PIN" are labels, not an address to the reader, and are left out.
const TU = /\b(hai|puoi|vuoi|devi|tuo|tua|tuoi|tue|inserisci|scegli|ricevi|riceverai|controlla|clicca)\b/i;

const server = await startServer(CTL, SERVER, { SPORTELLO_SERVER_THROTTLE_PER_MINUTE: '1000', SPORTELLO_SERVER_THROTTLE_BURST: '1000' });
after(() => { checks.save(); server.stop(); });

const path = (page) => new URL(page.url()).pathname;
const text = async (page, selector) => (await page.textContent(selector)).replace(/\s+/g, ' ').trim();

// Screenshot, axe, nothing wider than the screen, and no "tu" in what the page says.
async function look(page, name, js, width) {
  await checks.check(page, `${name}-${width}`, js);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${name} at ${width} px is ${overflow} px wider than the screen`);
  if ((await page.getAttribute('html', 'lang')) === 'it') {
    const said = (await page.textContent('body')).replace(/\s+/g, ' ');
    assert.doesNotMatch(said, TU, `${name}: the page addresses the reader with Lei`);
  }
}

async function login(page, who) {
  await page.fill('#codice_fiscale', who.codice_fiscale);
  await page.fill('#pin', who.pin);
  await page.click('main form button[type=submit]');
}

async function logout(page) {
  await page.click('header form button[type=submit]');
}

for (const js of [true, false]) {
  for (const width of WIDTHS) {
    test(`pages, ${js ? 'with' : 'without'} JavaScript at ${width} px`, js ? {} : withoutJavaScript, async () => {
      const { browser, page } = await browse(js);
      await page.setViewportSize({ width, height: 900 });
      try {
        // The home page: its title, the footer's pages and numbers.
        await page.goto(server.url + '/');
        assert.equal(await page.title(), `Il suo PIN per i servizi online – ${SITE}`);
        assert.deepEqual(await page.$$eval('footer a[href^="tel:"]', (as) => as.map((a) => a.getAttribute('href'))),
                         ['tel:803164', 'tel:+3906164164']);
        assert.deepEqual(await page.$$eval('footer nav a', (as) => as.map((a) => a.getAttribute('href'))),
                         ['/privacy', '/note-legali', '/accessibilita']);
        // The bullets of the home list sit on the first line of a link that wraps.
        const bullets = await page.$$eval('.sportello-links > li', (items) => items.map((li) => getComputedStyle(li).display));
        assert.ok(bullets.length > 0 && bullets.every((d) => d === 'list-item'));
        const links = await page.$$eval('.sportello-links > li > a', (as) => as.map((a) => getComputedStyle(a).display));
        assert.ok(links.every((d) => d === 'inline'));
        // The slim header: the institute's name and the language button do not touch.
        const gap = await page.evaluate(() => {
          const name = document.querySelector('.it-header-slim-wrapper-content .navbar-brand').getBoundingClientRect();
          const button = document.querySelector('.it-header-slim-right-zone a').getBoundingClientRect();
          return button.left - name.right;
        });
        assert.ok(gap >= 8, `the institute's name is ${gap} px from the language button`);
        await look(page, 'home', js, width);

        // The footer's pages.
        for (const [href, title, name] of [['/privacy', 'Informativa sul trattamento dei dati personali', 'privacy'],
                                           ['/note-legali', 'Note legali', 'legal-notes'],
                                           ['/accessibilita', 'Dichiarazione di accessibilità', 'accessibility']]) {
          await page.click(`footer a[href="${href}"]`);
          assert.equal(path(page), href);
          assert.equal(await text(page, 'h1'), title);
          assert.equal(await page.title(), `${title} – ${SITE}`);
          await look(page, name, js, width);
        }
        for (const id of ['titolare', 'rpd', 'finalita', 'base-giuridica', 'conservazione', 'diritti']) {
          await page.goto(server.url + '/privacy');
          assert.ok(await page.$(`#${id}`), `the privacy notice has its ${id} section`);
        }
        await page.goto(server.url + '/accessibilita');
        for (const id of ['conformita', 'non-accessibili', 'segnalazioni', 'attuazione'])
          assert.ok(await page.$(`#${id}`), `the accessibility statement has its ${id} section`);
        assert.ok(await page.$('a[href="https://form.agid.gov.it"]'), "AgID's form is linked");
        await page.goto(server.url + '/accessibilita?lang=en');
        assert.equal(await page.title(), `Accessibility statement – PIN Counter`);
        await page.goto(server.url + '/?lang=it');

        // An unknown address: a page with the status and a way home, in the reader's language.
        const missing = await page.goto(server.url + '/pagina-che-non-esiste');
        assert.equal(missing.status(), 404);
        assert.match(missing.headers()['content-type'], /^text\/html/);
        assert.equal(await text(page, 'h1'), 'Pagina non trovata');
        assert.equal(await page.title(), `Pagina non trovata (404) – ${SITE}`);
        assert.match(await text(page, 'main'), /404/);
        assert.ok(await page.$('main a[href="/"]'));
        await look(page, 'not-found', js, width);
        await page.goto(server.url + '/pagina-che-non-esiste?lang=en');
        assert.equal(await text(page, 'h1'), 'Page not found');
        await page.goto(server.url + '/?lang=it');
        // A path that takes another method: 405, with its Allow header.
        const wrong = await page.goto(server.url + '/esci');
        assert.equal(wrong.status(), 405);
        assert.equal(wrong.headers().allow, 'POST');
        assert.equal(await text(page, 'h1'), 'Operazione non consentita');
        await look(page, 'method-not-allowed', js, width);

        // The login page: its help, and the way back to a page that needed it.
        await page.goto(server.url + '/area-riservata/cu');
        assert.equal(path(page), '/accedi');
        assert.equal(new URL(page.url()).searchParams.get('torna'), '/area-riservata/cu');
        assert.equal(await page.title(), `Accedi – ${SITE}`);
        assert.ok(await page.$('main a[href="/pin-smarrito"]'));
        assert.ok(await page.$('main a[href="/richiedi-pin"]'));
        assert.equal(await text(page, 'main a[href="/pin-smarrito"]'), 'Ha smarrito il PIN?');
        assert.match(await text(page, 'main'), /16 caratteri/);
        assert.match(await text(page, 'main'), /prima metà seguita dalla seconda/);
        await look(page, 'login', js, width);
        await login(page, MARIO);
        assert.equal(path(page), '/area-riservata/cu', 'the login comes back to the page that needed it');
        assert.equal(await page.title(), `Certificazione Unica (CU) – ${SITE}`);
        await page.goto(server.url + '/area-riservata');
        assert.equal(await page.title(), `Area riservata – ${SITE}`);
        assert.equal(await text(page, '#greeting'), MARIO.greeting);
        await look(page, 'reserved-area-mario', js, width);
        // Logging out says so.
        await logout(page);
        assert.equal(path(page), '/');
        assert.match(await text(page, '#logged-out'), /uscito dall'area riservata/);
        await look(page, 'logged-out', js, width);

        // An address of another site is never where the login goes.
        for (const evil of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)', '/accedi']) {
          await page.goto(server.url + '/accedi?torna=' + encodeURIComponent(evil));
          assert.equal(await page.$('input[name=torna]'), null, `${evil} is not carried`);
        }
        await page.goto(server.url + '/accedi?torna=' + encodeURIComponent('//evil.example/x'));
        await login(page, GIULIA);
        assert.equal(new URL(page.url()).origin, server.url);
        assert.equal(path(page), '/area-riservata');
        assert.equal(await text(page, '#greeting'), GIULIA.greeting);
        await look(page, 'reserved-area-giulia', js, width);
        await logout(page);
      } finally {
        await browser.close();
      }
    });
  }
}

test('JSON stays for /api/ and for clients that ask for it', async () => {
  for (const [target, accept] of [['/api/v1/no-such-resource', '*/*'], ['/pagina-che-non-esiste', 'application/json'],
                                  ['/api/v1/no-such-resource', 'text/html']]) {
    const answer = await fetch(server.url + target, { headers: { accept } });
    assert.equal(answer.status, 404, target);
    assert.equal(answer.headers.get('content-type'), 'application/problem+json', `${target} with Accept ${accept}`);
  }
  const page = await fetch(server.url + '/pagina-che-non-esiste', { headers: { accept: 'text/html,*/*' } });
  assert.match(page.headers.get('content-type'), /^text\/html/);
  assert.equal(page.headers.get('content-language'), 'it');
  const english = await fetch(server.url + '/pagina-che-non-esiste', { headers: { 'accept-language': 'en-GB,en' } });
  assert.match(await english.text(), /Page not found/);
});

test('a login that must change the PIN first carries the page on to /cambia-pin', async () => {
  const { browser, page } = await browse(true);
  try {
    await page.goto(server.url + '/area-riservata/cedolini');
    await login(page, { codice_fiscale: 'SPSNNA90L61F839V', pin: 'ABCDEFGH23456789' });
    assert.equal(path(page), '/cambia-pin');
    assert.equal(new URL(page.url()).searchParams.get('torna'), '/area-riservata/cedolini');
    // A mistake on the way keeps the page to go back to.
    await page.fill('#current_pin', 'ABCDEFGH23456789');
    await page.fill('#new_pin', 'K7XQ2ZWJ');
    await page.fill('#confirm_pin', 'K7XQ2ZWX');
    await page.click('main button[type=submit]');
    assert.equal(path(page), '/cambia-pin');
    assert.ok(await page.$('#error-summary'));
    await page.fill('#current_pin', 'ABCDEFGH23456789');
    await page.fill('#new_pin', 'K7XQ2ZWJ');
    await page.fill('#confirm_pin', 'K7XQ 2ZWJ');
    await page.click('main button[type=submit]');
    assert.equal(path(page), '/area-riservata/cedolini', 'the first access ends on the page the login was for');
  } finally {
    await browser.close();
  }
});
