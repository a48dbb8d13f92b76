// Which language a visitor gets, and how BioBridge reads in it: a browser in
// Kazakh or Armenian gets Russian rather than English, one in Taiwan or Hong
// Kong gets Chinese in traditional characters, a link with ?lang=zh opens in
// Chinese whatever the browser says and the switcher keeps such a link true;
// a traditional reader sees every text converted, what they edit left as stored; an offer reads as an
// offer in Russian without the same word twice, and the posting menu item
// in Russian and Chinese is for offers and requests alike.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newPage, signedInPeople } from './harness.mjs';

// Admin of Hangzhou Cobetter (org-cn-cobetter), whose Chinese is stored in simplified characters.
const CHEN = 'chen.jie@cobetter.demo.biobridge.example';
const session = signedInPeople({ chen: { email: CHEN, lang: 'zh' } });  // a server and a browser for this file

async function shownLanguage(page) {
  await page.waitForFunction(() => document.documentElement.lang !== '' && document.querySelector('nav a'));
  return page.evaluate(() => document.documentElement.lang);
}

describe('languages', () => {
  test('browsers of Russian-reading countries get Russian, Chinese of any region gets Chinese', async () => {
    const cases = [
      [['kk-KZ', 'kk'], 'ru'],
      [['hy-AM', 'en-US'], 'ru'],
      [['uz'], 'ru'],
      [['ky-KG'], 'ru'],
      [['be-BY'], 'ru'],
      [['zh-TW'], 'zh-Hant'],
      [['zh-HK', 'en'], 'zh-Hant'],
      [['zh-CN'], 'zh-Hans'],
      [['de-DE', 'ru'], 'ru'],
      [['fr-FR'], 'en'],
    ];
    for (const [languages, expected] of cases) {
      const page = await newPage(session.browser, { locale: languages[0] });
      // Chromium's navigator.languages follows Accept-Language.
      await page.setExtraHTTPHeaders({ 'Accept-Language': languages.join(',') });
      await page.addInitScript((list) => Object.defineProperty(navigator, 'languages', { get: () => list }), languages);
      await page.goto(session.server.url);
      assert.equal(await shownLanguage(page), expected, `${languages.join(',')}`);
      if (expected === 'ru') await page.getByRole('link', { name: 'Каталог' }).waitFor();
      assert.deepEqual(page.problems, []);
      await page.context().close();
    }
  });

  test('a link names its language, and the switcher keeps it true', async () => {
    const page = await newPage(session.browser, { locale: 'en-GB' });
    await page.goto(session.server.url);
    await page.evaluate(() => localStorage.setItem('biobridge.lang', 'ru'));  // chosen before, in this browser
    await page.goto(`${session.server.url}/opportunities/opp-zgc-softlanding?lang=zh`);
    assert.equal(await shownLanguage(page), 'zh-Hans');
    await page.locator('h1', { hasText: '外国医疗器械企业落地北京服务' }).waitFor();
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.match(page.url(), /[?&]lang=en\b/, 'the address names the language now shown');
    await page.goto(`${session.server.url}/opportunities/opp-zgc-softlanding`);
    assert.equal(await shownLanguage(page), 'en', 'the choice is remembered');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('a traditional-Chinese reader sees the page and the records in traditional characters, and editing leaves the stored text alone', async () => {
    const page = await newPage(session.browser, { locale: 'en-GB' });
    await page.goto(`${session.server.url}/opportunities/opp-zgc-softlanding?lang=zh-Hant`);
    assert.equal(await shownLanguage(page), 'zh-Hant');
    // The record's Chinese (stored simplified) and the UI's words, converted.
    await page.locator('h1', { hasText: '外國醫療器械企業落地北京服務' }).waitFor();
    await page.getByRole('link', { name: '名錄', exact: true }).first().waitFor();
    assert.equal(await page.locator('h1 [lang="zh"], h1[lang="zh"]').count(), 0, 'no element still claims simplified Chinese');
    // The switcher names each script in itself.
    const switcher = page.getByRole('combobox', { name: '語言' });
    assert.deepEqual(await switcher.locator('option').allTextContents(), ['English', '中文（简体）', '中文（繁體）', 'Русский']);
    // Editing in traditional characters never rewrites what is stored: the form holds the
    // stored (simplified) text, and saving it unchanged changes nothing.
    const chen = session.chen;
    const organization = `${session.server.url}/api/organizations/org-cn-cobetter`;
    const stored = await (await chen.request.get(organization)).json();
    await chen.goto(`${session.server.url}/organizations/org-cn-cobetter/edit?lang=zh-Hant`);
    assert.equal(await shownLanguage(chen), 'zh-Hant');
    await chen.getByRole('button', { name: '保存' }).waitFor();
    const fields = await chen.locator('input, textarea').evaluateAll((all) => all.map((field) => field.value));
    assert.ok(fields.includes(stored.name.zh), `the name as stored, ${stored.name.zh}, is in the form`);
    assert.ok(fields.includes(stored.description.zh), 'the description as stored is in the form');
    assert.ok(!fields.some((value) => value.includes('過濾')), 'no field holds the converted text');
    await chen.getByRole('button', { name: '保存' }).click();
    await chen.waitForURL('**/organizations/org-cn-cobetter');
    await chen.locator('h1', { hasText: '杭州科百特過濾器材有限公司' }).waitFor();  // shown converted
    const after = await (await chen.request.get(organization)).json();
    assert.equal(after.version, stored.version, 'nothing was written');
    assert.equal(after.name.zh, stored.name.zh);
    assert.deepEqual(chen.problems, []);
    // Back to simplified: the text is as stored again.
    await page.goto(`${session.server.url}/opportunities/opp-zgc-softlanding?lang=zh-Hant`);
    await page.locator('h1', { hasText: '外國醫療器械企業落地北京服務' }).waitFor();
    await page.getByRole('combobox', { name: '語言' }).selectOption('zh');
    await page.locator('h1', { hasText: '外国医疗器械企业落地北京服务' }).waitFor();
    assert.match(page.url(), /[?&]lang=zh\b/);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('a Chinese reader sees a Russian organisation\'s own name and how to write it in Latin letters', async () => {
    const page = await newPage(session.browser, { locale: 'en-GB' });
    await page.goto(`${session.server.url}/organizations/org-ru-biocad?lang=zh`);
    await page.locator('h1', { hasText: 'BIOCAD生物技术公司' }).waitFor();
    const original = page.locator('.original-name');
    await original.locator('[lang="ru"]', { hasText: 'БИОКАД' }).waitFor();
    assert.equal(await original.locator('[lang="ru-Latn"]').textContent(), 'BIOKAD');
    // A Russian reader needs neither.
    await page.goto(`${session.server.url}/organizations/org-ru-biocad?lang=ru`);
    await page.locator('h1', { hasText: 'БИОКАД' }).waitFor();
    assert.equal(await page.locator('.original-name').count(), 0);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('a public page reads without JavaScript, in the language its address names, and the live page replaces it', async () => {
    const page = await newPage(session.browser, { javaScriptEnabled: false });
    await page.goto(`${session.server.url}/organizations/org-ru-biocad?lang=ru`);
    assert.equal(await page.locator('h1').textContent(), 'БИОКАД');
    assert.equal(await page.title(), 'БИОКАД · BioBridge');
    assert.equal(await page.locator('link[rel="alternate"][hreflang="zh-Hans"]').getAttribute('href'),
                 `${session.server.url}/organizations/org-ru-biocad?lang=zh`);
    await page.context().close();
    const live = await newPage(session.browser);
    await live.goto(`${session.server.url}/organizations/org-ru-biocad?lang=ru`);
    await live.locator('nav a').first().waitFor();
    await live.locator('h1', { hasText: 'БИОКАД' }).waitFor();
    assert.equal(await live.locator('h1').count(), 1, 'the HTML\'s own content is gone once the page runs');
    assert.deepEqual(live.problems, []);
    await live.context().close();
  });

  test('a missing record is said so in the reader\'s language alone, with a way back and no pointless retry', async () => {
    for (const [lang, words] of [
      ['zh', /此处没有内容/],
      ['ru', /Здесь ничего нет/],
    ]) {
      const page = await newPage(session.browser, { locale: lang });
      await page.goto(`${session.server.url}/organizations/nope?lang=${lang}`);
      const alert = page.locator('.error[role=alert]');
      await alert.waitFor();
      const text = await alert.innerText();
      assert.match(text, words);
      assert.doesNotMatch(text, /[A-Za-z]{3,}/, `no English words: ${text}`);
      assert.equal(await alert.getByRole('button').count(), 0, 'retrying cannot make it exist');
      await alert.getByRole('link').click();
      await page.waitForURL(`${session.server.url}/`);
      await page.context().close();
    }
  });

  test('what the server refuses is said in the reader\'s language, even when the browser speaks another', async () => {
    // An English browser whose reader chose Chinese: the server is asked in the UI's language.
    const page = await newPage(session.browser, { locale: 'en-US' });
    await page.goto(`${session.server.url}/signin?lang=zh`);
    await page.locator('#signin-email').fill('dmitry.sokolov@biocad.demo.biobridge.example');
    await page.locator('#signin-password').fill('not the password at all');
    await page.locator('form button[type="submit"]').click();
    const alert = page.locator('#signin-error');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, /邮箱或密码不正确/);
    assert.doesNotMatch(text, /[A-Za-z]{3,}/, `no English words: ${text}`);
    await page.context().close();
  });

  test('event times are written as the rest of the site writes dates, in every language', async () => {
    const expected = {
      'en-US': /^[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2}, \d{2}:\d{2}–\d{2}:\d{2}$/, // "Tue 16 Jun, 09:00–10:30"
      'ru-RU': /^[а-я]{2}, \d{1,2} [а-я]{3,4}\.?,? \d{2}:\d{2}–\d{2}:\d{2}$/,
      'zh-CN': /^\d{1,2}月\d{1,2}日.*\d{2}:\d{2}–\d{2}:\d{2}$/,
    };
    for (const [locale, pattern] of Object.entries(expected)) {
      const page = await newPage(session.browser, { locale });
      await page.goto(`${session.server.url}/events/demo-evt-ru-cn-forum`);
      const first = page.locator('table tbody tr td').first();
      await first.waitFor();
      const when = (await first.innerText()).trim();
      assert.match(when, pattern, `${locale}: ${when}`);
      assert.doesNotMatch(when, /AM|PM/);
      await page.context().close();
    }
  });

  test('an offer reads as one in Russian, and posting is for offers and requests alike', async () => {
    const ru = await newPage(session.browser, { locale: 'ru-RU' });
    await ru.goto(`${session.server.url}/opportunities/opp-zgc-softlanding`);
    const badges = ru.locator('article.record > .result-meta .badge');
    await badges.first().waitFor();
    const words = (await badges.allInnerTexts()).map((w) => w.trim());
    assert.deepEqual(words, ['Возможность сотрудничества', 'Предложение']);
    await ru.goto(`${session.server.url}/countries/TR`);
    await ru.locator('h1', { hasText: 'Турция' }).waitFor();
    assert.deepEqual(ru.problems, []);

    // Signed in, the menu offers to post either kind, in both languages.
    for (const [lang, label] of [
      ['ru', 'Разместить предложение или запрос'],
      ['zh', '发布合作机会'],
    ]) {
      const page = await newPage(session.browser, { locale: lang });
      await page.goto(`${session.server.url}/signin?lang=${lang}`);
      await page.locator('input[type=email]').fill('dmitry.sokolov@biocad.demo.biobridge.example');
      await page.locator('input[type=password]').fill(session.server.demoPassword);
      await page.locator('form button[type=submit]').click();
      await page.getByRole('link', { name: label }).first().waitFor();
      assert.deepEqual(page.problems, []);
      await page.context().close();
    }
  });
});
