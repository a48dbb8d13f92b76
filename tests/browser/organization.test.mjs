// "My organisation": its opportunities (edited from there) and its members,
// managed by an administrator; and signing out.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { newPage, screenshot, serverBrowserAndPage, signIn } from './harness.mjs';

// Admin of Hangzhou Cobetter (org-cn-cobetter); prefers Chinese, but this
// browser has chosen English.
const CHEN = 'chen.jie@cobetter.demo.biobridge.example';
const LIU = 'liu.yang@cccmhpie.demo.biobridge.example';

describe('my organisation', () => {
  const session = serverBrowserAndPage({ lang: 'en' });
  let server;
  let page;
  let browser;
  before(async () => {
    ({ server, page, browser } = session);
    await page.goto(`${server.url}/signin`);
    await page.getByLabel('Email').fill(CHEN);
    await page.getByLabel('Password').fill(server.demoPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'My organisation' }).waitFor();
  });

  test('lists the organisation with its opportunities and members', async () => {
    await page.getByRole('link', { name: 'My organisation' }).click();
    const card = page.getByRole('article', { name: 'Hangzhou Cobetter Filtration Equipment' });
    await card.waitFor();
    assert.match(await card.locator('.result-meta').innerText(), /Role: Administrator/);
    const members = card.getByRole('table');
    await members.getByRole('cell', { name: CHEN }).waitFor();
    const listed = await card.getByRole('list', { name: 'Opportunities' }).getByRole('listitem').count();
    const api = await (await page.request.get(`${server.url}/api/opportunities?organization=org-cn-cobetter`)).json();
    assert.equal(listed, api.total, 'every opportunity of the organisation is listed');
    await screenshot(page, 'my-organisation');
    assert.deepEqual(page.problems, []);
  });

  test('an administrator invites a member, who joins by accepting; then removes the member', async () => {
    const card = page.getByRole('article', { name: 'Hangzhou Cobetter Filtration Equipment' });
    const email = card.getByLabel('Their email address');

    // An email with no account gets the same answer as one with: an invitation, which can be withdrawn.
    await email.fill('nobody@example.org');
    await card.getByRole('button', { name: 'Invite', exact: true }).click();
    await card.getByRole('status').getByText('Invitation sent to nobody@example.org').waitFor();
    const pending = card.getByRole('region', { name: 'Invitations waiting for an answer' });
    await pending.getByText(/nobody@example.org, invited as Member/).waitFor();
    await pending.getByRole('button', { name: 'Withdraw' }).click();
    await pending.waitFor({ state: 'detached' });

    await email.fill(LIU);
    await card.getByRole('button', { name: 'Invite', exact: true }).click();
    await card.getByRole('status').getByText(`Invitation sent to ${LIU}`).waitFor();
    assert.equal(await card.getByRole('cell', { name: LIU }).count(), 0, 'not a member before accepting');

    // Liu Yang sees the invitation in the header, and accepts it.
    const liu = await newPage(browser);
    await signIn(server, liu, LIU);
    await liu.getByRole('link', { name: '1 invitation' }).click();
    await liu.waitForURL('**/invitations');
    const invitation = liu.getByRole('listitem').filter({ hasText: 'invites you to join Hangzhou Cobetter Filtration Equipment as Member' });
    await invitation.getByRole('button', { name: 'Accept' }).click();
    await invitation.getByText('Accepted.').waitFor();
    await screenshot(liu, 'invitation-accepted');
    assert.deepEqual(liu.problems, []);
    await liu.close();

    await page.reload();
    await card.getByRole('cell', { name: LIU }).waitFor();
    await screenshot(page, 'member-added');

    page.once('dialog', (dialog) => dialog.accept());
    await card.getByRole('button', { name: /^Remove 刘洋/ }).click();
    await card.getByRole('cell', { name: LIU }).waitFor({ state: 'detached' });
    const members = await (await page.request.get(`${server.url}/api/organizations/org-cn-cobetter/members`)).json();
    assert.ok(!members.items.some((m) => m.email === LIU), 'the member is gone on the server too');
    assert.deepEqual(page.problems, []);
  });

  test('an opportunity is edited from there, keeping what the form does not show', async () => {
    const card = page.getByRole('article', { name: 'Hangzhou Cobetter Filtration Equipment' });
    const edit = card.getByRole('link', { name: /^Edit: / }).first();
    const href = await edit.getAttribute('href');
    const id = decodeURIComponent(href.split('/')[2]);
    const original = await (await page.request.get(`${server.url}/api/opportunities/${id}`)).json();
    await edit.click();
    await page.getByRole('heading', { name: 'Edit the opportunity' }).waitFor();
    const title = page.getByLabel('Title in English');
    assert.equal(await title.inputValue(), original.title.en);
    await title.fill(`${original.title.en} (updated)`);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`**/opportunities/${id}`);
    await page.getByRole('heading', { level: 1, name: `${original.title.en} (updated)` }).waitFor();

    const afterEdit = await (await page.request.get(`${server.url}/api/opportunities/${id}`)).json();
    assert.equal(afterEdit.version, original.version + 1);
    assert.equal(afterEdit.title.zh, original.title.zh, 'the other languages are kept');
    assert.deepEqual(afterEdit.cooperation, original.cooperation);
    assert.deepEqual(afterEdit.target_countries, original.target_countries);
    await screenshot(page, 'opportunity-edited');
    assert.deepEqual(page.problems, []);
  });

  test('its markets are chosen by country name and kept as codes', async () => {
    const before = await (await page.request.get(`${server.url}/api/organizations/org-cn-cobetter`)).json();
    await page.goto(`${server.url}/organizations/org-cn-cobetter/edit`);
    const markets = page.getByLabel('Markets', { exact: true });
    await markets.selectOption({ label: 'Uzbekistan' });
    await page.locator('.codes-picker .chips li', { hasText: 'Uzbekistan' }).waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`**/organizations/org-cn-cobetter`);
    const after = await (await page.request.get(`${server.url}/api/organizations/org-cn-cobetter`)).json();
    assert.deepEqual(after.markets, [...(before.markets ?? []), 'UZ']);
    // And taken out again with its chip's button.
    await page.goto(`${server.url}/organizations/org-cn-cobetter/edit`);
    await page.getByRole('button', { name: 'Remove Uzbekistan' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`**/organizations/org-cn-cobetter`);
    const restored = await (await page.request.get(`${server.url}/api/organizations/org-cn-cobetter`)).json();
    assert.deepEqual(restored.markets ?? [], before.markets ?? []);
    assert.deepEqual(page.problems, []);
  });

  test('signing out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'My organisation' }).count(), 0);
    await page.goto(`${server.url}/my`);
    await page.getByRole('link', { name: 'Sign in to see your organisation.' }).waitFor();
    const me = await page.request.get(`${server.url}/api/me`);
    assert.equal(me.status(), 401, 'the session is over on the server');
    await screenshot(page, 'signed-out');
    assert.deepEqual(page.problems, []);
  });
});
