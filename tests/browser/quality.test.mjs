// What every page must do besides its journey: pass axe-core's WCAG 2.1 A/AA
// checks (labels, contrast, roles) in each language; work by keyboard with a
// visible focus; fit a phone's width; paginate; show progress while waiting;
// show the API's errors where they happen, with a way to try again.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertAccessible, launchBrowser, newPage, screenshot, startServer } from './harness.mjs';

const ZHANG = 'zhang.min@fourier.demo.biobridge.example';

let server;
let browser;

async function signedInPage(options = {}) {
  const page = await newPage(browser, options);
  const response = await page.request.post(`${server.url}/api/auth/signin`, {
    data: { email: ZHANG, password: server.demoPassword },
  });
  assert.equal(response.status(), 200);
  return page;
}

async function settle(page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('.progress'));
}

describe('web UI quality', () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('every page passes axe-core WCAG 2.1 AA checks, in each language', async () => {
    // bypassCSP: axe is injected as a script of the test's own.
    const page = await signedInPage({ bypassCSP: true });
    const opportunities = await (await page.request.get(`${server.url}/api/opportunities?per_page=1`)).json();
    const opportunity = opportunities.items[0].id;
    const pages = [
      ['/', 'directory'],
      ['/?q=%E5%8D%95%E5%85%8B%E9%9A%86%E6%8A%97%E4%BD%93', 'search results'],
      ['/organizations/org-ru-biocad', 'organisation'],
      [`/opportunities/${opportunity}`, 'opportunity with matches'],
      ['/opportunities/new', 'opportunity form'],
      ['/my', 'my organisation'],
      ['/organizations/new', 'organisation form'],
      ['/organizations/org-cn-fourier/edit', 'organisation form, editing'],
      ['/account', 'account'],
      ['/no/such/page', 'not found'],
    ];
    for (const lang of ['en', 'zh', 'ru']) {
      await page.goto(server.url);
      await page.evaluate((l) => localStorage.setItem('biobridge.lang', l), lang);
      for (const [path, what] of pages) {
        await page.goto(server.url + path);
        await settle(page);
        await assertAccessible(page, `${what} (${lang})`);
      }
    }
    // Signed out: the sign-in page, with an error shown.
    await page.request.post(`${server.url}/api/auth/signout`);
    await page.goto(`${server.url}/signin`);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.locator('#signin-error').waitFor();
    await assertAccessible(page, 'sign-in page with an error');
    await page.goto(`${server.url}/register`);
    await settle(page);
    await assertAccessible(page, 'registration');
    await screenshot(page, 'accessibility-signin-error');
    assert.deepEqual(page.problems, []);
  });

  test('the keyboard reaches everything, with a visible focus', async () => {
    const page = await newPage(browser);
    await page.goto(server.url);
    await settle(page);
    // The first Tab lands on the skip link, which appears and jumps to the content.
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    assert.equal(await skip.evaluate((el) => el === document.activeElement), true);
    assert.ok((await skip.boundingBox()).x >= 0, 'the skip link is on screen when focused');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');

    // Tab on to the search box, search, and reach the first result by keyboard alone.
    for (let i = 0; i < 10 && !(await page.evaluate(() => document.activeElement?.id === 'search-q')); i++) {
      await page.keyboard.press('Tab');
    }
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-q');
    await page.keyboard.type('vaccines');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=vaccines/);
    await settle(page);
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.closest('.result-title') !== null);
    }
    assert.ok(reached, 'a result link is reachable with Tab');
    const focus = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    assert.notEqual(focus.style, 'none', 'the focused link shows an outline');
    assert.ok(focus.width >= 2, `the outline is at least 2px, got ${focus.width}`);
    await screenshot(page, 'keyboard-focus');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/(organizations|opportunities)\//);

    // Nothing takes itself out of the tab order or jumps ahead of it.
    const positive = await page.evaluate(() => document.querySelectorAll('[tabindex]:not([tabindex="0"]):not([tabindex="-1"])').length);
    assert.equal(positive, 0);
    assert.deepEqual(page.problems, []);
  });

  test('pages fit a phone screen', async () => {
    const page = await signedInPage({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });
    const opportunities = await (await page.request.get(`${server.url}/api/opportunities?per_page=1`)).json();
    const paths = ['/', '/?q=rehabilitation', '/organizations/org-cn-fourier', `/opportunities/${opportunities.items[0].id}`];
    paths.push('/opportunities/new', '/organizations/org-cn-fourier/edit', '/my', '/account');
    for (const path of paths) {
      await page.goto(server.url + path);
      await settle(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${path} is ${overflow}px wider than the screen`);
    }
    await page.goto(`${server.url}/?q=rehabilitation`);
    await settle(page);
    await screenshot(page, 'phone-search');
    assert.deepEqual(page.problems, []);
  });

  test('long lists paginate, and the address keeps the page', async () => {
    const page = await newPage(browser);
    await page.goto(server.url);
    await settle(page);
    const pager = page.getByRole('navigation', { name: 'Pagination' });
    assert.equal(await pager.getByRole('button', { name: 'Previous' }).isDisabled(), true);
    const first = await page.locator('.result-title').first().innerText();
    await pager.getByRole('button', { name: 'Next' }).click();
    await page.waitForURL(/page=2/);
    // The old page stays (marked busy) until the new one is in: wait for it.
    await pager.getByText(/Page 2 of \d+/).waitFor();
    assert.notEqual(await page.locator('.result-title').first().innerText(), first);
    await page.goBack();
    await pager.getByText(/Page 1 of \d+/).waitFor();
    assert.equal(await page.locator('.result-title').first().innerText(), first);
    await screenshot(page, 'pagination');
    assert.deepEqual(page.problems, []);
  });

  test('facets filter the results and show their counts', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/?q=antibodies`);
    await settle(page);
    const country = page.getByLabel('Country');
    const options = await country.locator('option').allInnerTexts();
    const russia = options.find((o) => o.startsWith('Russian Federation'));
    assert.ok(russia, `Russia among the country facets: ${options.join(', ')}`);
    const count = Number(russia.match(/\((\d+)\)/)[1]);
    await country.selectOption({ label: russia });
    await page.waitForURL(/country=RU/);
    await page.locator('.result-count').getByText(new RegExp(`^${count} results?`)).waitFor();
    await settle(page);
    assert.equal(await page.locator('.result').count(), count);
    for (const meta of await page.locator('.result .result-meta').allInnerTexts()) {
      assert.match(meta, /Russian Federation/);
    }
    assert.deepEqual(page.problems, []);
  });

  test('a misspelt search is put right, and one that finds nothing offers related topics', async () => {
    // bypassCSP: axe is injected as a script of the test's own.
    const page = await newPage(browser, { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true, bypassCSP: true });
    // onkology finds Russian records by sound only; the English spelling finds far more.
    await page.goto(`${server.url}/?q=onkology`);
    await settle(page);
    const misspelt = await page.locator('.result').count();
    const correction = page.locator('.did-you-mean a');
    assert.equal(await correction.innerText(), 'oncology');
    await correction.click();
    await page.waitForURL(/q=oncology/);
    // The old page stays until the new one is in: wait for its notice to go.
    await page.locator('.did-you-mean').waitFor({ state: 'detached' });
    await settle(page);
    assert.ok((await page.locator('.result').count()) > misspelt, 'the correction finds more');
    assert.equal(await page.locator('.did-you-mean').count(), 0, 'nothing to put right any more');
    // The beginning of a word finds nothing as typed: the topics it begins are offered.
    await page.goto(`${server.url}/?q=cardio`);
    await settle(page);
    await page.locator('.result-count').getByText(/^0 results/).waitFor();
    const topics = page.locator('.search-suggestions a.chip');
    assert.ok((await topics.allInnerTexts()).includes('Cardiovascular diseases'));
    // A suggested topic is a target a finger can hit.
    const box = await topics.first().boundingBox();
    assert.ok(box.height >= 24, `topic link is ${box.height}px high`);
    await assertAccessible(page, 'a search that found nothing');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
    await screenshot(page, 'phone-search-suggestions');
    assert.deepEqual(page.problems, []);
    // In Russian, the topics are named in Russian, and each finds something.
    const ru = await newPage(browser, { locale: 'ru-RU' });
    await ru.goto(`${server.url}/?q=${encodeURIComponent('кардио')}`);
    await settle(ru);
    await ru.locator('.search-suggestions a.chip', { hasText: 'Сердечно-сосудистые заболевания' }).click();
    await ru.waitForURL(/q=%D0%A1/);
    // The empty page stays until the new one is in: wait for a result.
    await ru.locator('.result').first().waitFor();
    await settle(ru);
    assert.ok((await ru.locator('.result').count()) > 0, 'the topic finds something');
    assert.deepEqual(ru.problems, []);
  });

  test('slow answers show progress', async () => {
    const page = await newPage(browser);
    await page.route((url) => url.pathname === '/api/search', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await page.goto(`${server.url}/?q=vaccines`);
    const status = page.getByRole('status').filter({ hasText: 'Searching…' });
    await status.waitFor();
    await screenshot(page, 'progress');
    await page.locator('.result').first().waitFor();
    assert.equal(await status.count(), 0, 'the progress goes once the results are in');
    assert.deepEqual(page.problems, []);
  });

  test('an API failure is shown where it happened, and the page can try again', async () => {
    const page = await newPage(browser);
    let fail = true;
    await page.route('**/api/organizations/org-ru-biocad', (route) =>
      fail
        ? route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: JSON.stringify({ error: { code: 'unavailable', message: 'the database is not answering', field: null } }),
          })
        : route.continue(),
    );
    await page.goto(`${server.url}/organizations/org-ru-biocad`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /cannot be reached just now.*The database is not answering\./s);
    await screenshot(page, 'api-error');
    fail = false;
    await alert.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { level: 1, name: 'BIOCAD' }).waitFor();
    assert.deepEqual(page.problems, []);
  });
});
