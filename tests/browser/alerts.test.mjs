// Saved searches and alerts: a Chinese robot maker searches the directory in
// Chinese, asks to be alerted about new results and about new partners for
// one of her requests, and manages both on the alerts page. When a Russian
// clinic network posts a matching request in Russian, the bell rises (the
// server runs its jobs every second here) and the inbox names the new post,
// in Russian as written, with why it matched in Chinese.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertAccessible, bellCount, launchBrowser, newPage, screenshot, signIn, startServer } from './harness.mjs';

const ZHANG = 'zhang.min@fourier.demo.biobridge.example'; // Fourier (Shanghai), reads Chinese
const ANNA = 'anna.ivanova@medsi.demo.biobridge.example'; // Medsi (Moscow)

let server;
let browser;
let fourier;
let medsi;

describe('saved searches and alerts', () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    fourier = await newPage(browser, { bypassCSP: true });
    medsi = await newPage(browser);
    await signIn(server, fourier, ZHANG, 'zh');
    await signIn(server, medsi, ANNA, 'ru');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a search saved in Chinese alerts about a Russian post, with reasons', async () => {
    await fourier.goto(`${server.url}/?q=${encodeURIComponent('康复机器人')}&type=opportunity`);
    await fourier.locator('.result-count').waitFor();
    await fourier.locator('.save-search button').click();
    await fourier.locator('.saved-note[role="status"]').waitFor();
    const saved = await (await fourier.request.get(`${server.url}/api/me/saved-searches`)).json();
    assert.equal(saved.items.length, 1);
    assert.equal(saved.items[0].q, '康复机器人');
    assert.deepEqual(saved.items[0].filters, { type: 'opportunity' });
    assert.equal(saved.items[0].lang, 'zh');

    // New partners for one of her requests, from the opportunity page.
    await fourier.goto(`${server.url}/opportunities/opp-fourier-ru-hospitals`);
    await fourier.locator('.save-search button').click();
    await fourier.locator('.saved-note[role="status"]').waitFor();

    // The alerts page lists both; the search goes out at once from now on.
    await fourier.locator('nav.site-nav a[href="/alerts"]').click();
    await fourier.waitForURL((url) => url.pathname === '/alerts');
    const cards = fourier.locator('li.saved-search');
    await cards.nth(1).waitFor();
    assert.equal(await cards.count(), 2);
    assert.match(await cards.nth(1).textContent(), /新的合作伙伴/);
    await cards.first().locator('select').selectOption('immediately');
    await fourier.waitForFunction(async () => {
      const r = await fetch('/api/me/saved-searches');
      return (await r.json()).items[0].rhythm === 'immediately';
    });
    await screenshot(fourier, 'alerts');
    await assertAccessible(fourier, 'the alerts page');

    // The clinic posts a request in Russian; the job finds it within seconds.
    const start = await bellCount(fourier);
    const posted = await medsi.request.post(`${server.url}/api/opportunities`, {
      data: {
        organization: 'org-ru-medsi',
        direction: 'request',
        cooperation: ['supply'],
        title: { ru: 'Закупка реабилитационных роботов для клиник Москвы' },
        description: { ru: 'Ищем поставщика реабилитационных роботов для восстановления после инсульта.' },
      },
    });
    assert.equal(posted.status(), 201, await posted.text());
    const deadline = Date.now() + 30_000;
    while ((await bellCount(fourier)) <= start) {
      if (Date.now() > deadline) throw new Error('no alert reached the bell');
      await fourier.waitForTimeout(250);
    }
    await fourier.locator('a.bell').click();
    await fourier.waitForURL((url) => url.pathname === '/notifications');
    const alert = fourier.locator('ul.notifications li', { hasText: '康复机器人' }).first();
    await alert.waitFor();
    const text = await alert.textContent();
    assert.match(text, /“康复机器人”有新的匹配结果/);
    assert.match(text, /Закупка реабилитационных роботов для клиник Москвы/);
    await screenshot(fourier, 'alerts-inbox');

    // Deleting a saved search on the alerts page.
    await fourier.goto(`${server.url}/alerts`);
    await cards.nth(1).waitFor();
    await cards.first().locator('button').click();
    await fourier.waitForFunction(() => document.querySelectorAll('li.saved-search').length === 1);
    assert.deepEqual(fourier.problems, []);
  });
});
