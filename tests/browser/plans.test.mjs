// Market-development plans: a Chinese filter maker drafts a plan for
// Kazakhstan and Uzbekistan in Chinese; Kazakhstan's section has the EAEU
// route with its duration and source on a timeline, a matched distributor
// and the missing ISO 13485; Uzbekistan's says what is unknown. She saves
// notes, shares the plan with the Kazakh distributor, whose member reads it
// in Russian, and exports it as HTML; a visitor cannot see it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertAccessible, screenshot, signedInPeople } from './harness.mjs';

const CHEN = 'chen.jie@cobetter.demo.biobridge.example'; // Cobetter (Hangzhou), reads Chinese
const AIGERIM = 'aigerim.nurlanova@nu.demo.biobridge.example'; // Nazarbayev University (KZ), reads Russian
const CHAIR = 'maria.larsen@novo.demo.biobridge.example'; // chairs the demo call's Expert Committee
const PROGRAMME = 'demo-prog-novo-call';

const people = signedInPeople({
  cobetter: { email: CHEN, lang: 'zh', options: { bypassCSP: true } },
  nu: { email: AIGERIM, lang: 'ru' },
  chair: { email: CHAIR, lang: 'en' },
});

describe('plans', () => {
  test('drafted for Kazakhstan and Uzbekistan, shared and exported', async () => {
    const { cobetter, nu, server, browser } = people;
    await cobetter.goto(`${server.url}/organizations/org-cn-cobetter`);
    await cobetter.locator('a[href="/plans/new?organization=org-cn-cobetter"]').click();
    await cobetter.locator('#field-product').fill('除菌级滤膜与深层过滤器');
    await cobetter.locator('#field-product_kind').selectOption('device');
    // Nothing chosen: the form says what to fix.
    await cobetter.locator('form button[type="submit"]').click();
    await cobetter.locator('#field-countries .field-error').waitFor();
    await cobetter.locator('#field-countries label', { hasText: '哈萨克斯坦' }).click();
    await cobetter.locator('#field-countries label', { hasText: '乌兹别克斯坦' }).click();
    await cobetter.locator('form button[type="submit"]').click();
    await cobetter.waitForURL(/\/plans\/pln_/);
    const planUrl = cobetter.url();

    const kz = cobetter.locator('section.plan-country', { has: cobetter.locator('#plan-KZ') });
    await kz.waitFor();
    assert.match(await kz.locator('.plan-steps').textContent(), /欧亚经济联盟医疗器械注册/);
    await kz.locator('.timeline svg').waitFor();
    assert.match(await kz.textContent(), /缺少ISO 13485证书/);
    assert.match(await kz.locator('dl.facts').textContent(), /SK-Pharmacia/);  // the distributor, matched in Kazakhstan
    const uz = cobetter.locator('section.plan-country', { has: cobetter.locator('#plan-UZ') });
    assert.match(await uz.locator('p.unknown').textContent(), /注册途径/);

    await kz.locator('textarea').fill('先在阿拉木图与经销商洽谈');
    await kz.locator('.plan-notes button').click();
    await cobetter.locator('section[aria-labelledby="plan-sharing"] input').fill('org-kz-nu');
    await cobetter.locator('section[aria-labelledby="plan-sharing"] form button[type="submit"]').click();
    await cobetter.locator('section[aria-labelledby="plan-sharing"]', { hasText: 'org-kz-nu' }).waitFor();
    await screenshot(cobetter, 'plan-kz-uz');
    await assertAccessible(cobetter, 'a market-development plan');

    // Submitted for the Expert Committee's prospect analysis.
    const review = cobetter.locator('section[aria-labelledby="plan-review"]');
    await review.locator(`select option[value="${PROGRAMME}"]`).waitFor({ state: 'attached' });
    await review.locator('select').selectOption(PROGRAMME);
    await review.locator('button[type="submit"]').click();
    const projectLink = review.locator('[role="status"] a[href^="/review-projects/"]');
    await projectLink.waitFor();
    // The committee decides; its recommendations become part of the plan, read in Chinese.
    const projectId = (await projectLink.getAttribute('href')).split('/').pop();
    const project = await (await people.chair.request.get(`${server.url}/api/review-projects/${projectId}`)).json();
    const decided = await people.chair.request.post(`${server.url}/api/review-projects/${projectId}/decision`, {
      data: {
        outcome: 'revise',
        note: 'Obtain ISO 13485 first; start in Kazakhstan with SK-Pharmacia.',
        override_reason: 'The plan is decided on its prospects before reviewers are assigned',
        version: project.version,
      },
    });
    assert.equal(decided.status(), 200, await decided.text());
    await cobetter.reload();
    const decision = cobetter.locator('section[aria-labelledby="plan-review"] .committee-review');
    await decision.waitFor();
    assert.match(await decision.textContent(), /需修改|修改/);
    assert.match(await decision.locator('.recommendations').textContent(), /Obtain ISO 13485 first/);

    const exported = await cobetter.request.get(
      `${server.url}${await cobetter.locator('a[href*="/export?lang="]').getAttribute('href')}`,
    );
    assert.equal(exported.status(), 200);
    assert.match(exported.headers()['content-disposition'], /^attachment;/);
    assert.match(await exported.text(), /先在阿拉木图与经销商洽谈/);

    // The partner reads it in Russian, without the controls; a visitor does not find it.
    await nu.goto(planUrl);
    await nu.locator('#plan-KZ').waitFor();
    assert.match(await nu.locator('section.plan-country').first().textContent(), /Дистрибьютор/);
    assert.equal(await nu.locator('.plan-notes').count(), 0);
    assert.equal(await nu.locator('section[aria-labelledby="plan-sharing"]').count(), 0);
    const visitor = await browser.newContext();
    const hidden = await visitor.request.get(`${server.url}/api/plans/${planUrl.split('/').pop()}`);
    assert.equal(hidden.status(), 404);
    await visitor.close();
    assert.deepEqual(cobetter.problems, []);
    assert.deepEqual(nu.problems, []);
    assert.deepEqual(people.chair.problems, []);
  });
});
