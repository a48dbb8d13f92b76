// Country pages: a Russian-speaking visitor reads Kazakhstan's regulatory
// profile (the EAEU route with its duration and source, what is unknown
// said so), a Chinese reader sees that Brazil has no profile rather than a
// guess, a member state leads to the EU's profile, and the list of
// countries leads to each.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertAccessible, newPage, screenshot, signedInPeople } from './harness.mjs';

const session = signedInPeople({});  // a server and a browser for this file

async function pageIn(lang) {
  const page = await newPage(session.browser, { bypassCSP: true });
  await page.goto(session.server.url);
  await page.evaluate((l) => localStorage.setItem('biobridge.lang', l), lang);
  return page;
}

describe('countries', () => {
  test('a profile with its sources, unknowns said so, and no profile invented', async () => {
    const ru = await pageIn('ru');
    await ru.goto(`${session.server.url}/countries/KZ`);
    await ru.locator('h1', { hasText: 'Казахстан' }).waitFor();
    const routes = ru.locator('table.routes');
    await routes.waitFor();
    assert.match(await routes.textContent(), /Регистрация по правилам ЕАЭС/);
    assert.match(await routes.textContent(), /7 мес\./);
    assert.match(await routes.textContent(), /Decision No\. 78/);
    const facts = ru.locator('dl.facts').first();
    assert.match(await facts.textContent(), /ICH\s*Неизвестно/);
    assert.match(await facts.textContent(), /Местный представитель \(изделия\)\s*требуется/);
    await screenshot(ru, 'country-kz-ru');
    await assertAccessible(ru, 'a country page');

    const zh = await pageIn('zh');
    await zh.goto(`${session.server.url}/countries/BR`);
    await zh.locator('.notice.warning', { hasText: 'BioBridge 尚无该国的监管概况' }).waitFor();
    await zh.goto(`${session.server.url}/countries/DE`);
    await zh.locator('a[href="/countries/EU"]').click();
    await zh.locator('h1', { hasText: '欧盟' }).waitFor();
    assert.equal(await zh.locator('section[aria-labelledby="members-heading"] li').count(), 27);
    assert.match(await zh.locator('table.routes').textContent(), /集中审批程序/);

    await zh.goto(`${session.server.url}/countries`);
    await zh.locator('.country-list a[href="/countries/UZ"]').click();
    await zh.locator('h1', { hasText: '乌兹别克斯坦' }).waitFor();
    assert.match(await zh.locator('section[aria-labelledby="profile-heading"]').textContent(), /未知/);
    // Indicators side by side: China's 2023 figures with their sources, Russia's unknown, CSV beside.
    await ru.goto(`${session.server.url}/indicators`);
    const table = ru.locator('table.comparison');
    await table.waitFor();
    const papers = table.locator('tr', { hasText: 'Публикации в науках о жизни' });
    assert.match(await papers.locator('td').first().textContent(), /222\s?964.*2023.*China Life Science/);
    assert.match(await papers.locator('td').nth(1).textContent(), /Неизвестно/);
    await ru.locator('figure.bars svg').first().waitFor();
    // The demo's deals between China and Russia, never an exact count under 3.
    const flows = ru.locator('table.flows');
    assert.match(await flows.locator('tbody tr').first().textContent(), /^Китай—/);
    assert.doesNotMatch(await flows.textContent(), /\b[12]\b/);
    // And the partnering meetings: the demo forum's five, each between China and Russia.
    assert.match(await table.locator('tr', { hasText: 'Деловые встречи' }).textContent(), /5.*5/);
    assert.match(await flows.locator('tbody tr').first().textContent(), /5 · 5/);
    const csv = await ru.request.get(`${session.server.url}${await ru.locator('a[href^="/api/indicators/csv"]').getAttribute('href')}`);
    assert.match(await csv.text(), /CN,life_science_papers,2023,222964,/);
    assert.match(await csv.text(), /CN,biobridge_meetings_with_RU,,5,BioBridge/);
    await assertAccessible(ru, 'the indicators comparison');
    // The search box's own example finds what stenting is about, and says so.
    await ru.goto(`${session.server.url}/?q=${encodeURIComponent('стентирование')}`);
    const broadened = ru.locator('.results p.broadened');
    await broadened.waitFor();
    assert.match(await broadened.textContent(), /стентирование.*Стенты/);
    await ru.locator('.results a[href^="/opportunities/"]').first().waitFor();
    assert.deepEqual(ru.problems, []);
    assert.deepEqual(zh.problems, []);
  });
});
