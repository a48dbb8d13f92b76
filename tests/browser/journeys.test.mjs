// The web UI's journeys in a real browser (Debian Chromium, driven by
// playwright-core) against a real `biobridge serve --demo`. Each journey ends
// with a screenshot under BIOBRIDGE_SCREENSHOTS. The tests run in order and
// share one server: later journeys use what earlier ones created.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, newPage, screenshot, startServer } from './harness.mjs';

// A demo account: admin of Fourier Intelligence (Shanghai), prefers Chinese.
const ZHANG = 'zhang.min@fourier.demo.biobridge.example';
const ZHANG_ORG = 'org-cn-fourier';
// Written in Russian only: a Chinese query can find it only across languages.
const RUSSIAN_ONLY = {
  id: 'ru-volga-rehab-test',
  name: { ru: 'Центр реабилитации «Волжский берег»' },
  kind: 'hospital',
  country: 'RU',
  description: {
    ru: 'Центр роботизированной реабилитации пациентов после инсульта. Участвуем в клинических исследованиях медицинских изделий.',
  },
  therapeutic_areas: ['rehabilitation', 'neurology'],
};

let server;
let browser;
let page;  // one tab for the whole journey, as a user would
let opportunityUrl;

async function signInOverApi(request, email) {
  const response = await request.post(`${server.url}/api/auth/signin`, {
    data: { email, password: server.demoPassword },
  });
  assert.equal(response.status(), 200, await response.text());
}

function assertNoProblems(p = page) {
  assert.deepEqual(p.problems, [], 'no script errors in the page');
}

describe('web UI journeys', () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await newPage(browser);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the main page shows the directory and the language switcher', async () => {
    await page.goto(server.url);
    await page.getByRole('searchbox', { name: 'Search organisations and opportunities' }).waitFor();
    await page.locator('.result').first().waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.ok((await page.locator('.result').count()) > 0, 'the directory lists organisations');
    assert.equal(await page.getByRole('combobox', { name: 'Language' }).inputValue(), 'en');
    await screenshot(page, 'main-page', { fullPage: false });  // the README's picture
    assertNoProblems();
  });

  test('sign in: a wrong password is refused in the form, the right one signs in', async () => {
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Email').fill(ZHANG);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const error = page.locator('#signin-error');
    await error.waitFor();
    assert.match(await error.innerText(), /Please sign in\./);
    assert.equal(await page.getByLabel('Password').getAttribute('aria-invalid'), 'true');

    await page.getByLabel('Password').fill(server.demoPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Zhang Min prefers Chinese: the UI follows until the viewer picks a language.
    await page.getByText('已登录：张敏 Zhang Min').waitFor();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-Hans');
    assert.equal(new URL(page.url()).pathname, '/');
    await page.getByRole('link', { name: '我的机构' }).waitFor();
    await screenshot(page, 'signed-in');
    assertNoProblems();
  });

  test('search in Chinese finds an organisation written only in Russian, and its page opens', async () => {
    await signInOverApi(page.request, ZHANG);
    const created = await page.request.post(`${server.url}/api/organizations`, { data: RUSSIAN_ONLY });
    assert.equal(created.status(), 201, await created.text());

    const search = page.getByRole('searchbox', { name: '搜索机构和合作机会' });
    await search.fill('脑卒中 机器人康复');
    await search.press('Enter');
    await page.waitForURL(/q=/);
    const link = page.getByRole('link', { name: RUSSIAN_ONLY.name.ru });
    await link.waitFor();
    // The query was understood as concepts, named in Chinese.
    const understood = await page.locator('.query-concepts').innerText();
    assert.match(understood, /脑卒中/);
    await screenshot(page, 'search-chinese-finds-russian');

    await link.click();
    await page.waitForURL(`**/organizations/${RUSSIAN_ONLY.id}`);
    const heading = page.getByRole('heading', { level: 1 });
    assert.equal(await heading.innerText(), RUSSIAN_ONLY.name.ru);
    assert.equal(await heading.getAttribute('lang'), 'ru');
    // There is no Chinese text: the page says which language it shows.
    await page.getByText('当前为俄语版').first().waitFor();
    assert.match(await page.locator('.record-facts').innerText(), /康复/);  // the area's label, in Chinese
    await screenshot(page, 'russian-organisation-page');
    assertNoProblems();
  });

  test('create an opportunity with text in two languages', async () => {
    await page.getByRole('link', { name: '发布合作机会' }).click();
    await page.getByRole('heading', { name: '发布合作机会' }).waitFor();
    assert.equal(await page.getByLabel('发布机构').inputValue(), ZHANG_ORG);
    await page.getByLabel('我们提供').check();
    await page.getByRole('group', { name: '合作方式' }).getByLabel('分销代理').check();
    await page.getByRole('group', { name: '合作方式' }).getByLabel('市场准入').check();
    await page.getByLabel('标题（中文）').fill('上肢康复机器人寻求俄罗斯医院和经销商');
    await page.getByLabel('标题（英语）').fill('Upper-limb rehabilitation robots seek Russian hospitals and distributors');
    await page.getByLabel('描述（中文）').fill('我们的上肢康复机器人用于脑卒中患者的康复训练，寻求俄罗斯康复医院开展临床试验并寻找经销商。');
    await page
      .getByLabel('描述（英语）')
      .fill('Our upper-limb rehabilitation robots train stroke patients. We seek Russian rehabilitation hospitals for clinical trials, and distributors.');
    await page.getByRole('group', { name: '治疗领域' }).getByLabel('康复医学', { exact: true }).check();
    // Countries by their names, never codes.
    await page.getByLabel('目标国家').selectOption({ label: '俄罗斯' });
    await page.getByLabel('目标国家').selectOption({ label: '哈萨克斯坦' });
    const chosen = (await page.locator('.codes-picker .chips li').allInnerTexts()).map((x) => x.replace(/\s*×$/, ''));
    assert.deepEqual(chosen, ['俄罗斯', '哈萨克斯坦']);
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/opportunities\/(?!new)[^/]+$/);
    opportunityUrl = page.url();

    const heading = page.getByRole('heading', { level: 1 });
    assert.equal(await heading.innerText(), '上肢康复机器人寻求俄罗斯医院和经销商');
    // The other language is one click away.
    await page.getByRole('button', { name: '显示英语版' }).first().click();
    assert.equal(await heading.innerText(), 'Upper-limb rehabilitation robots seek Russian hospitals and distributors');

    const saved = await page.request.get(`${server.url}/api/opportunities/${opportunityUrl.split('/').pop()}`);
    const body = await saved.json();
    assert.deepEqual(Object.keys(body.title).sort(), ['en', 'zh']);
    assert.deepEqual(body.target_countries, ['RU', 'KZ']);
    assert.deepEqual(body.cooperation.sort(), ['distribution', 'market_entry']);
    assert.equal(body.organization, ZHANG_ORG);
    await screenshot(page, 'opportunity-created');
    assertNoProblems();
  });

  test('its matches are listed with their reasons', async () => {
    const matches = page.locator('.match');
    await matches.first().waitFor();
    const count = await matches.count();
    assert.ok(count >= 3, `at least three partners proposed, got ${count}`);
    for (let i = 0; i < count; i++) {
      const reasons = matches.nth(i).locator('.reasons li');
      assert.ok((await reasons.count()) >= 1, `match ${i} gives its reasons`);
      assert.match(await matches.nth(i).locator('.score').innerText(), /匹配度 \d+%/);
    }
    // Reasons are written in the viewer's language, and a Russian partner is proposed.
    const text = await page.locator('.match-list').innerText();
    assert.match(text, /俄罗斯/);
    assert.match(await page.locator('.reasons').first().innerText(), /[\u4e00-\u9fff]/);
    // Posts offering the same from the same side are competitors: listed apart, never also as partners.
    const others = page.locator('section.others-looking');
    if ((await others.count()) > 0) {
      assert.match(await others.locator('h3').innerText(), /同样在寻找的其他方/);
      for (const href of await others.locator('li a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))) {
        assert.equal(await page.locator(`.match-list a[href="${href}"]`).count(), 0, `${href} is no partner`);
      }
    }
    await screenshot(page, 'opportunity-matches');
    assertNoProblems();
  });

  test('switching the UI language changes every string and is remembered', async () => {
    await page.getByRole('combobox', { name: '语言' }).selectOption('ru');
    await page.getByRole('link', { name: 'Каталог' }).waitFor();
    // The document's language follows in an effect after the strings: wait for it, not a race.
    await page.waitForFunction(() => document.documentElement.lang === 'ru');
    await page.getByRole('heading', { name: 'Подходящие партнёры' }).waitFor();
    // The reasons are fetched again, now in Russian.
    await page.waitForFunction(() => /[а-яё]/i.test(document.querySelector('.reasons')?.textContent ?? ''));
    await page.reload();
    await page.getByRole('link', { name: 'Каталог' }).waitFor();
    assert.equal(await page.getByRole('combobox', { name: 'Язык' }).inputValue(), 'ru');
    // Dates follow the language.
    const posted = await page.locator('.record-facts time').first().innerText();
    assert.match(posted, /\d{4}/);
    assert.match(posted, /[а-я]/i, `a Russian date, got ${posted}`);
    await screenshot(page, 'language-russian');
    assertNoProblems();
  });

  test('a validation error is shown next to the field that caused it, and nothing is saved', async () => {
    const before = await (await page.request.get(`${server.url}/api/opportunities?organization=${ZHANG_ORG}`)).json();
    await page.goto(`${server.url}/opportunities/new`);
    await page.getByRole('heading', { name: 'Разместить предложение или запрос' }).waitFor();

    // Nothing that can be sent: the form says what is missing without asking the server.
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.locator('#error-title').waitFor();
    assert.match(await page.locator('#error-title').innerText(), /Укажите заголовок/);
    assert.match(await page.locator('#error-cooperation').innerText(), /хотя бы один/);

    // Something the server refuses: its message appears next to the field it names.
    await page.getByLabel('Заголовок (русский)').fill('Ищем дистрибьютора в Казахстане');
    await page.getByRole('group', { name: 'Сотрудничество' }).getByRole('checkbox').first().check();
    await page.getByLabel('Описание (русский)').fill('Дистрибуция. '.repeat(1600));  // 20,800 characters; the limit is 20,000
    await page.getByRole('button', { name: 'Сохранить' }).click();
    const descriptionError = page.locator('[id="error-description.ru"]');
    await descriptionError.waitFor();
    assert.match(await descriptionError.innerText(), /20\s?000/);
    assert.equal(await page.getByLabel('Описание (русский)').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#error-title').count(), 0, 'the fixed field is no longer marked');
    assert.equal(new URL(page.url()).pathname, '/opportunities/new', 'the form stays, with what was typed');
    assert.equal(await page.getByLabel('Заголовок (русский)').inputValue(), 'Ищем дистрибьютора в Казахстане');
    const after = await (await page.request.get(`${server.url}/api/opportunities?organization=${ZHANG_ORG}`)).json();
    assert.equal(after.total, before.total, 'nothing was saved');
    await screenshot(page, 'validation-error');
    assertNoProblems();
  });
});
