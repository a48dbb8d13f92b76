// BioBridge on a 390 px phone, in English and Russian (the longer words):
// no page scrolls sideways, the header folds its menu behind one button,
// and the delegate's agenda, the deal funnel, the members and a country's
// registration routes read as cards. On a 1366 px laptop the Russian
// menu fits in the header without wrapping into a wall.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertAccessible, newPage, signedInPeople, signIn as signInAs } from './harness.mjs';

const DMITRY = 'dmitry.sokolov@biocad.demo.biobridge.example';  // Biocad, a delegate of the demo event
const EVENT = 'demo-evt-ru-cn-forum';
const PHONE = { width: 390, height: 844 };
const PAGES = [
  '/', '/home', '/my', '/programmes', '/events', `/events/${EVENT}`, '/countries', '/countries/KZ',
  '/opportunities/opp-zgc-softlanding', '/organizations/org-ru-biocad', '/opportunities/new', '/notifications',
  '/messages', '/account', '/alerts', '/programmes/demo-prog-novo-call',
];

const session = signedInPeople({});  // a server and a browser for this file

describe('on a phone', () => {
  for (const lang of ['en', 'ru']) {
    test(`no page scrolls sideways at 390 px, in ${lang}`, async () => {
      const page = await newPage(session.browser, { viewport: PHONE });
      await signInAs(session.server, page, DMITRY, lang);
      for (const path of PAGES) {
        await page.goto(`${session.server.url}${path}`);
        await page.locator('main h1, main [role=alert]').first().waitFor();
        await page.waitForLoadState('networkidle');
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= PHONE.width, `${path} is ${width} px wide`);
        const header = await page.locator('header.site-header').boundingBox();
        assert.ok(header.height <= 100, `${path}: the header takes ${header.height} px`);
      }
      assert.deepEqual(page.problems, []);
      await page.context().close();
    });
  }

  test('the funnel, the members and the registration routes read as cards, nothing inside them scrolls', async () => {
    const page = await newPage(session.browser, { viewport: PHONE });
    await signInAs(session.server, page, DMITRY, 'ru');
    const cards = async (selector) => {
      const table = page.locator(selector);
      await table.waitFor();
      return table.evaluate((t) => ({
        row: getComputedStyle(t.querySelector('tbody tr')).display,
        heading: t.querySelector('thead').getBoundingClientRect().height,
        inside: t.scrollWidth - t.clientWidth,
        labelled: [...t.querySelectorAll('tbody td')].filter((td) => td.dataset.label).length,
      }));
    };
    await page.goto(`${session.server.url}/my`);
    for (const selector of ['table.funnel', 'table.members']) {
      const shape = await cards(selector);
      assert.equal(shape.row, 'block', `${selector}: a row is a card`);
      assert.ok(shape.heading <= 1, `${selector}: the column headings are for screen readers only`);
      assert.ok(shape.inside <= 0, `${selector} scrolls sideways by ${shape.inside} px`);
      assert.ok(shape.labelled > 0, `${selector}: each value says what it is`);
    }
    await page.goto(`${session.server.url}/countries/KZ`);
    const routes = await cards('table.routes');
    assert.equal(routes.row, 'block');
    assert.ok(routes.inside <= 0, `the routes scroll sideways by ${routes.inside} px`);
    // On a laptop the same tables are tables.
    await page.setViewportSize({ width: 1366, height: 900 });
    assert.equal(await page.locator('table.routes tbody tr').first().evaluate((r) => getComputedStyle(r).display), 'table-row');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('the menu opens from one button, and a page chosen from it closes it', async () => {
    const page = await newPage(session.browser, { viewport: PHONE, bypassCSP: true });
    await signInAs(session.server, page, DMITRY, 'en');
    const menu = page.getByRole('button', { name: 'Menu' });
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.locator('nav a[href="/events"]').isVisible(), false);
    await menu.click();
    assert.equal(await menu.getAttribute('aria-expanded'), 'true');
    await page.locator('nav a[href="/events"]').click();
    await page.waitForURL(`${session.server.url}/events`);
    await page.locator('main h1').waitFor();
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.locator('nav a[href="/events"]').isVisible(), false);
    await menu.click();
    await assertAccessible(page, 'the open menu on a phone');
    await page.context().close();
  });

  test('the agenda reads as cards, each time with its place and partner', async () => {
    const page = await newPage(session.browser, { viewport: PHONE });
    await signInAs(session.server, page, DMITRY, 'en');
    await page.goto(`${session.server.url}/events/${EVENT}`);
    const row = page.locator('table.agenda tbody tr').first();
    await row.waitFor();
    assert.equal(await row.evaluate((tr) => getComputedStyle(tr).display), 'block');
    const when = row.locator('td[data-label="When"]');
    assert.equal(await when.evaluate((td) => getComputedStyle(td, '::before').content), '"When"');
    const box = await row.boundingBox();
    assert.ok(box.width <= PHONE.width, `a card is ${box.width} px wide`);
    await page.context().close();
  });

  test('on a laptop the Russian header stays short', async () => {
    const page = await newPage(session.browser, { viewport: { width: 1366, height: 768 } });
    await signInAs(session.server, page, DMITRY, 'ru');
    const header = await page.locator('header.site-header').boundingBox();
    assert.ok(header.height <= 140, `the header takes ${header.height} px`);
    assert.equal(await page.getByRole('button', { name: 'Меню' }).isVisible(), false, 'no menu button on a laptop');
    await page.context().close();
  });
});
