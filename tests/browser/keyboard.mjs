// Walking a page by keyboard alone, as someone who cannot use a mouse does: Tab to the next stop, checking that it
// is on screen and shows where the focus is, with a screenshot of each stop; Enter to follow a link or press a
// button. Used by keyboard_test.mjs (issue 11's pages) and federation_test.mjs (the login page with SPID and CNS).
import assert from 'node:assert/strict';
import { join } from 'node:path';

// The focused element as a keyboard user meets it. A radio or checkbox is drawn on its label (Bootstrap Italia
// hides the input itself), so its label is what must be on screen and show the focus.
export async function focused(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const drawn = (e.type === 'radio' || e.type === 'checkbox') && e.labels?.length ? e.labels[0] : e;
    const box = drawn.getBoundingClientRect();
    const ringOf = (el, pseudo) => {
      const s = getComputedStyle(el, pseudo);
      return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none');
    };
    const clean = (t) => (t ?? '').replace(/\s+/g, ' ').trim();
    return {
      tag: e.tagName.toLowerCase(), id: e.id, type: e.type ?? '', href: e.getAttribute('href') ?? '',
      text: clean(e.innerText || e.value).slice(0, 80), label: clean(e.labels?.[0]?.innerText),
      onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight && box.left >= 0 && box.right <= innerWidth + 1,
      ring: ringOf(e) || ringOf(drawn, '::before') || ringOf(drawn),
    };
  });
}

// Presses Tab until the focus is on what `wanted` accepts; fails when `limit` presses do not reach it. Checks
// that it is on screen and shows the focus, and keeps a screenshot `<out>/<stop>.png`.
export async function tabTo(page, out, stop, wanted, limit = 60) {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press('Tab');
    const at = await focused(page);
    if (at && wanted(at)) {
      await page.screenshot({ path: join(out, `${stop}.png`) });
      assert.ok(at.onScreen, `${stop}: the focused ${at.tag}#${at.id} "${at.text}" is not on screen`);
      assert.ok(at.ring, `${stop}: the focused ${at.tag}#${at.id} "${at.text}" shows no focus`);
      return presses;
    }
  }
  assert.fail(`${stop}: not reached in ${limit} presses of Tab`);
}

export const byId = (id) => (at) => at.id === id;
export const byHref = (href) => (at) => at.tag === 'a' && at.href === href;
export const byText = (pattern) => (at) => pattern.test(at.text);

// Enter on a link or a button, then the page it leads to.
export async function enter(page) {
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}
