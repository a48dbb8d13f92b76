// A newcomer's path: create an account, register an organisation (with an
// error to correct on the way), edit it, post and delete an opportunity; and
// the account page: the password and API tokens.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { screenshot, serverBrowserAndPage } from './harness.mjs';

const EMAIL = 'olga.newcomer@example.org';
const PASSWORD = 'a long enough password';
const NEW_PASSWORD = 'another long enough password';

let organizationId;

describe('accounts and organisations', () => {
  const session = serverBrowserAndPage({ lang: 'en' });
  let server;
  let page;
  before(() => ({ server, page } = session));

  test('create an account: a short password is refused in the form, then the account signs in', async () => {
    await page.goto(`${server.url}/signin`);
    await page.getByRole('link', { name: 'No account yet? Create one' }).click();
    await page.getByRole('heading', { name: 'Create an account' }).waitFor();
    await page.getByLabel('Your name').fill('Ольга Новикова');
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill('short');
    await page.getByLabel('Preferred language').selectOption('ru');
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.locator('#error-password').waitFor();
    assert.match(await page.locator('#error-password').innerText(), /at least 10 characters/);

    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.waitForURL('**/my');
    // The viewer chose English in this browser: the account's Russian does not override it.
    await page.getByText('Signed in as Ольга Новикова').waitFor();
    await page.getByText('You are not a member of any organisation yet').waitFor();
    assert.deepEqual(page.problems, []);
  });

  test('register an organisation, correcting what the server refuses', async () => {
    await page.getByRole('link', { name: 'Register an organisation' }).click();
    await page.getByRole('heading', { name: 'Register an organisation' }).waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    assert.match(await page.locator('#error-name').innerText(), /at least one language/);
    assert.match(await page.locator('#error-kind').innerText(), /Choose one/);

    await page.getByLabel('Name in Russian').fill('Клиника «Байкал-Мед»');
    await page.getByLabel('Name in English').fill('Baikal-Med Clinic');
    await page.getByLabel('Kind', { exact: true }).selectOption('hospital');
    await page.getByLabel('Country', { exact: true }).selectOption('RU');
    await page.getByLabel('City in English').fill('Irkutsk');
    await page.getByLabel('Description in Russian').fill('Многопрофильная клиника: кардиология, реабилитация после инсульта.');
    await page.getByRole('group', { name: 'Therapeutic areas' }).getByLabel('Cardiovascular diseases', { exact: true }).check();
    await page.getByLabel('Capabilities').fill('Cardiac rehabilitation\nClinical trials of devices');
    await page.getByRole('button', { name: 'Add a certification' }).click();
    await page.getByLabel('Certification (e.g. ISO 13485)').fill('ISO 9001');
    await page.getByLabel('Valid until').fill('2028-06-30');
    await page.getByLabel('Website').fill('baikal-med.example');
    await page.getByRole('button', { name: 'Save' }).click();
    const websiteError = page.locator('#error-website');
    await websiteError.waitFor();
    assert.match(await websiteError.innerText(), /https:\/\//);
    await screenshot(page, 'organisation-form-error');

    await page.getByLabel('Website').fill('https://baikal-med.example');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/organizations\/(?!new)[^/]+$/);
    organizationId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
    await page.getByRole('heading', { level: 1, name: 'Baikal-Med Clinic' }).waitFor();
    const facts = await page.locator('.record-facts').innerText();
    assert.match(facts, /ISO 9001/);
    assert.match(facts, /30 June 2028/);
    assert.match(facts, /Cardiac rehabilitation/);

    const saved = await (await page.request.get(`${server.url}/api/organizations/${organizationId}`)).json();
    assert.equal(saved.country, 'RU');
    assert.deepEqual(saved.certifications, [{ name: 'ISO 9001', expires: '2028-06-30' }]);
    assert.deepEqual(saved.capabilities, ['Cardiac rehabilitation', 'Clinical trials of devices']);
    // Its creator administers it now.
    await page.getByRole('link', { name: 'My organisation' }).click();
    await page.getByRole('article', { name: 'Baikal-Med Clinic' }).getByText('Role: Administrator').waitFor();
    await screenshot(page, 'organisation-registered');
    assert.deepEqual(page.problems, []);
  });

  test('edit the organisation', async () => {
    await page.getByRole('link', { name: 'Edit the organisation' }).click();
    await page.getByRole('heading', { name: 'Edit the organisation' }).waitFor();
    assert.equal(await page.getByLabel('Name in Russian').inputValue(), 'Клиника «Байкал-Мед»');
    await page.getByLabel('Name in Chinese').fill('贝加尔医疗诊所');
    await page.getByRole('button', { name: /^Remove the certification/ }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`**/organizations/${organizationId}`);
    const saved = await (await page.request.get(`${server.url}/api/organizations/${organizationId}`)).json();
    assert.deepEqual(saved.name, { ru: 'Клиника «Байкал-Мед»', en: 'Baikal-Med Clinic', zh: '贝加尔医疗诊所' });
    assert.equal(saved.certifications, undefined, 'the removed certification is gone');
    assert.equal(saved.website, 'https://baikal-med.example', 'the rest is kept');
    assert.equal(saved.version, 2);
    assert.deepEqual(page.problems, []);
  });

  test('post an opportunity and delete it', async () => {
    await page.goto(`${server.url}/opportunities/new`);
    await page.getByLabel('Title in English').fill('Cardiac rehabilitation devices wanted');
    await page.getByLabel('We are looking for').check();
    await page.getByRole('group', { name: 'Cooperation' }).getByLabel('Supply', { exact: true }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/opportunities\/(?!new)[^/]+$/);
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());

    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Delete the opportunity' }).click();
    await page.waitForURL('**/my');
    const gone = await page.request.get(`${server.url}/api/opportunities/${id}`);
    assert.equal(gone.status(), 404);
    assert.deepEqual(page.problems, []);
  });

  test('the account page changes the password and manages API tokens', async () => {
    await page.getByRole('link', { name: 'Signed in as Ольга Новикова' }).click();
    await page.getByRole('heading', { name: 'Account' }).waitFor();

    await page.getByLabel('Current password').fill('wrong password here');
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change the password' }).click();
    const refused = page.getByRole('form', { name: 'Change the password' }).getByRole('alert');
    await refused.waitFor();
    // Another browser signed in as her: listed, and signed out by the change.
    const elsewhere = await session.browser.newContext();
    const other = await elsewhere.request.post(`${server.url}/api/auth/signin`, {
      data: { email: EMAIL, password: PASSWORD },
      headers: { 'User-Agent': 'Laptop at the office' },
    });
    assert.equal(other.status(), 200);
    await page.reload();
    const sessions = page.getByRole('region', { name: 'Where you are signed in' });
    await sessions.getByText('Laptop at the office').waitFor();
    await sessions.getByText('this browser').waitFor();
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change the password' }).click();
    await page.getByText('The password is changed; every other session was signed out.').waitFor();
    assert.equal((await elsewhere.request.get(`${server.url}/api/me`)).status(), 401, 'the other session ended');
    assert.equal((await page.request.get(`${server.url}/api/me`)).status(), 200, 'this one goes on');

    // A session ended from the list.
    const again = await elsewhere.request.post(`${server.url}/api/auth/signin`, {
      data: { email: EMAIL, password: NEW_PASSWORD },
      headers: { 'User-Agent': 'Phone' },
    });
    assert.equal(again.status(), 200);
    await page.reload();
    await sessions.getByText('Phone').waitFor();
    await sessions.getByRole('button', { name: 'Sign out there' }).click();
    await sessions.getByText('Phone').waitFor({ state: 'detached' });
    assert.equal((await elsewhere.request.get(`${server.url}/api/me`)).status(), 401, 'signed out there');
    await elsewhere.close();

    await page.getByRole('button', { name: 'Create a token' }).click();
    await page.locator('#error-name').waitFor();
    await page.getByLabel('Name of a new token').fill('nightly export');
    await page.getByRole('button', { name: 'Create a token' }).click();
    const secret = await page.locator('.secret').innerText();
    assert.ok(secret.length >= 20, 'the secret is shown');
    const me = await page.request.get(`${server.url}/api/me`, { headers: { Authorization: `Bearer ${secret}` } });
    assert.equal(me.status(), 200, 'the token works');
    await page.getByRole('button', { name: 'Delete the token nightly export' }).waitFor();
    await screenshot(page, 'account');
    await page.getByRole('button', { name: 'Delete the token nightly export' }).click();
    await page.getByRole('button', { name: 'Delete the token nightly export' }).waitFor({ state: 'detached' });
    const after = await page.request.get(`${server.url}/api/me`, { headers: { Authorization: `Bearer ${secret}` } });
    assert.equal(after.status(), 401, 'a deleted token no longer works');

    const signin = await page.request.post(`${server.url}/api/auth/signin`, { data: { email: EMAIL, password: NEW_PASSWORD } });
    assert.equal(signin.status(), 200, 'the new password signs in');
    assert.deepEqual(page.problems, []);
  });
});
