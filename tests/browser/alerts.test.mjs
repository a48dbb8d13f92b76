// Saved searches and alerts: a Chinese robot maker searches the directory in
// Chinese, asks to be alerted about new results and about new partners for
// one of her requests, and manages both on the alerts page. When a Russian
// clinic network posts a matching request in Russian, the bell rises (the
// server runs its jobs every second here) and the inbox names the new post,
// in Russian as written, with why it matched in Chinese.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertAccessible, bellCount, screenshot, signedInPeople } from './harness.mjs';

const ZHANG = 'zhang.min@fourier.demo.biobridge.example'; // Fourier (Shanghai), reads Chinese
const ANNA = 'anna.ivanova@medsi.demo.biobridge.example'; // Medsi (Moscow)

const people = signedInPeople({
  fourier: { email: ZHANG, lang: 'zh', options: { bypassCSP: true } },
  medsi: { email: ANNA, lang: 'ru' },
});

describe('saved searches and alerts', () => {
  test('a search saved in Chinese alerts about a Russian post, with reasons', async () => {
    await people.fourier.goto(`${people.server.url}/?q=${encodeURIComponent('康复机器人')}&type=opportunity`);
    await people.fourier.locator('.result-count').waitFor();
    await people.fourier.locator('.save-search button').click();
    await people.fourier.locator('.saved-note[role="status"]').waitFor();
    const saved = await (await people.fourier.request.get(`${people.server.url}/api/me/saved-searches`)).json();
    assert.equal(saved.items.length, 1);
    assert.equal(saved.items[0].q, '康复机器人');
    assert.deepEqual(saved.items[0].filters, { type: 'opportunity' });
    assert.equal(saved.items[0].lang, 'zh');

    // New partners for one of her requests, from the opportunity page.
    await people.fourier.goto(`${people.server.url}/opportunities/opp-fourier-ru-hospitals`);
    // Rival rehabilitation-robot makers asking for the same are listed apart, not as partners.
    const others = people.fourier.locator('section.others-looking');
    await others.locator('a[href="/opportunities/opp-hocoma-asia"]').waitFor();
    assert.equal(await people.fourier.locator('.match-list a[href="/opportunities/opp-hocoma-asia"]').count(), 0);
    assert.equal(await people.fourier.locator('.match-list a[href="/opportunities/opp-rewalk-china"]').count(), 0);
    await people.fourier.locator('.save-search button').click();
    await people.fourier.locator('.saved-note[role="status"]').waitFor();

    // The alerts page lists both; the search goes out at once from now on.
    await people.fourier.locator('nav.site-nav a[href="/alerts"]').click();
    await people.fourier.waitForURL((url) => url.pathname === '/alerts');
    const cards = people.fourier.locator('li.saved-search');
    await cards.nth(1).waitFor();
    assert.equal(await cards.count(), 2);
    assert.match(await cards.nth(1).textContent(), /新的合作伙伴/);
    await cards.first().locator('select').selectOption('immediately');
    await people.fourier.waitForFunction(async () => {
      const r = await fetch('/api/me/saved-searches');
      return (await r.json()).items[0].rhythm === 'immediately';
    });
    await screenshot(people.fourier, 'alerts');
    await assertAccessible(people.fourier, 'the alerts page');

    // The clinic posts a request in Russian; the job finds it within seconds.
    const start = await bellCount(people.fourier);
    const posted = await people.medsi.request.post(`${people.server.url}/api/opportunities`, {
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
    while ((await bellCount(people.fourier)) <= start) {
      if (Date.now() > deadline) throw new Error('no alert reached the bell');
      await people.fourier.waitForTimeout(250);
    }
    await people.fourier.locator('a.bell').click();
    await people.fourier.waitForURL((url) => url.pathname === '/notifications');
    // (Her request's own matches may alert too, now that rival makers no longer fill them.)
    const alert = people.fourier.locator('ul.notifications li', { hasText: '“康复机器人”有新的匹配结果' }).first();
    await alert.waitFor();
    const text = await alert.textContent();
    assert.match(text, /“康复机器人”有新的匹配结果/);
    assert.match(text, /Закупка реабилитационных роботов для клиник Москвы/);
    await screenshot(people.fourier, 'alerts-inbox');

    // Deleting a saved search on the alerts page.
    await people.fourier.goto(`${people.server.url}/alerts`);
    await cards.nth(1).waitFor();
    await cards.first().locator('button').click();
    await people.fourier.waitForFunction(() => document.querySelectorAll('li.saved-search').length === 1);
    assert.deepEqual(people.fourier.problems, []);
  });
});
