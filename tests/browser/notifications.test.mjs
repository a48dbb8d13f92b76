// Nobody misses a move: a Chinese robot maker watches the bell while a
// Russian clinic network acts in another browser. The bell's count rises
// when the clinic expresses interest and again when it writes in their
// deal; the inbox lists both in Chinese, opening one marks it read, the
// thread shows the Russian message with its language marked, and the reply
// reaches the clinic. The account page lets her choose what is mailed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertAccessible, bellCount, screenshot, signedInPeople } from './harness.mjs';

const ZHANG = 'zhang.min@fourier.demo.biobridge.example';  // Fourier (Shanghai), reads Chinese
const ANNA = 'anna.ivanova@medsi.demo.biobridge.example';  // Medsi (Moscow)

// Waits (the bell asks every 15 s) until the bell shows more than `than`.
async function bellRisesAbove(page, than) {
  const deadline = Date.now() + 25_000;
  for (;;) {
    const now = await bellCount(page);
    if (now > than) return now;
    if (Date.now() > deadline) throw new Error(`the bell stayed at ${now}`);
    await page.waitForTimeout(250);
  }
}

const people = signedInPeople({
  fourier: { email: ZHANG, lang: 'zh', options: { bypassCSP: true } },
  medsi: { email: ANNA, lang: 'ru' },
});

describe('notifications and messages', () => {
  test('the bell rises when the other side acts, and the inbox leads to the thread', async () => {
    const start = await bellCount(people.fourier);
    const interest = await people.medsi.request.post(`${people.server.url}/api/interests`, {
      data: { from_organization: 'org-ru-medsi', organization: 'org-cn-fourier', message: 'Нам нужны реабилитационные роботы.' },
    });
    assert.equal(interest.status(), 201, await interest.text());
    const afterInterest = await bellRisesAbove(people.fourier, start);
    assert.equal(afterInterest, start + 1);

    // Fourier accepts (through the API, as the deals test does in the UI); the clinic writes.
    const { id, version } = await interest.json();
    const accepted = await people.fourier.request.post(`${people.server.url}/api/interests/${id}/accept`, { data: { version } });
    assert.equal(accepted.status(), 201, await accepted.text());
    const deal = await accepted.json();
    const written = await people.medsi.request.post(`${people.server.url}/api/threads/deal:${deal.id}/messages`, {
      data: { body: 'Здравствуйте! Когда удобно созвониться?' },
    });
    assert.equal(written.status(), 201, await written.text());
    const afterMessage = await bellRisesAbove(people.fourier, afterInterest);
    assert.ok(afterMessage >= afterInterest + 1);

    // The inbox, in Chinese: the message on top, unread.
    await people.fourier.locator('a.bell').click();
    await people.fourier.waitForURL((url) => url.pathname === '/notifications');
    const first = people.fourier.locator('ul.notifications li').first();
    await first.waitFor();
    assert.match(await first.textContent(), /给您发来新消息/);
    assert.match(await first.getAttribute('class'), /unread/);
    assert.match(await people.fourier.locator('ul.notifications').textContent(), /表达了合作意向/);
    await screenshot(people.fourier, 'notifications-inbox');
    await assertAccessible(people.fourier, 'the inbox');

    // Opening it marks it read and shows the thread, the Russian message marked RU.
    await first.locator('a').click();
    await people.fourier.waitForURL((url) => url.pathname.startsWith('/threads/'));
    const message = people.fourier.locator('.thread li.message').first();
    await message.waitFor();
    assert.match(await message.textContent(), /Когда удобно созвониться/);
    assert.equal((await message.locator('.badge.language').textContent()).trim(), 'RU');
    assert.equal(await message.locator('.message-body').getAttribute('lang'), 'ru');
    assert.equal(await bellCount(people.fourier), afterMessage - 1);

    // Replying: an empty reply is refused next to the field; a real one reaches the clinic.
    await people.fourier.locator('.thread button[type="submit"]').click();
    await people.fourier.locator('#error-body').waitFor();
    await people.fourier.locator('#field-body').fill('您好！周四下午可以。');
    await people.fourier.locator('.thread button[type="submit"]').click();
    await people.fourier.locator('.thread li.message.mine').waitFor();
    await screenshot(people.fourier, 'notifications-thread');
    await assertAccessible(people.fourier, 'a thread');
    const thread = await (await people.medsi.request.get(`${people.server.url}/api/threads/deal:${deal.id}`)).json();
    assert.equal(thread.items.length, 2);
    assert.equal(thread.items[1].body, '您好！周四下午可以。');
    assert.equal(thread.items[1].language, 'zh');
    assert.equal(thread.items[1].mine, false);
    const told = await (await people.medsi.request.get(`${people.server.url}/api/me/notifications?lang=ru`)).json();
    assert.equal(told.items[0].kind, 'message_received');

    // The clinic's conversations list the thread, with the reply unread.
    await people.medsi.goto(`${people.server.url}/messages`);
    const conversation = people.medsi.locator('ul.conversations li').first();
    await conversation.waitFor();
    assert.match(await conversation.textContent(), /周四下午可以/);
    assert.match(await conversation.getAttribute('class'), /unread/);
    await conversation.locator('a').click();
    await people.medsi.waitForURL((url) => url.pathname.startsWith('/threads/'));

    // The deal page carries the same thread.
    await people.fourier.goto(`${people.server.url}/deals/${deal.id}`);
    await people.fourier.locator('.thread li.message.mine').waitFor();
    assert.deepEqual(people.fourier.problems, []);
  });

  test('mail preferences per kind on the account page', async () => {
    await people.fourier.goto(`${people.server.url}/account`);
    const select = people.fourier.locator('#rhythm-deal_moved');
    await select.waitFor();
    await select.selectOption('weekly');
    await people.fourier.locator('#preferences-heading ~ [role="status"]').waitFor();
    const preferences = await (await people.fourier.request.get(`${people.server.url}/api/me/notification-preferences`)).json();
    assert.equal(preferences.items.find((p) => p.kind === 'deal_moved').rhythm, 'weekly');
    assert.equal(await people.fourier.locator('#rhythm-security').isDisabled(), true);
    assert.deepEqual(people.fourier.problems, []);
  });
});
