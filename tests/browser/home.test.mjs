// Home for the signed-in: after signing in, a person lands on what waits for
// them (interests to answer, agreements to accept, next steps due, reviews
// to finish), not on the directory; "My reviews" is in the menu of experts only.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertAccessible, newPage, signedInPeople, signIn as signInAs } from './harness.mjs';

const ZHANG = 'zhang.min@fourier.demo.biobridge.example';  // Fourier Intelligence (Shanghai)
const ANNA = 'anna.ivanova@medsi.demo.biobridge.example';  // Medsi (Moscow)
const EXPERT = 'elena.kuznetsova@experts.demo.biobridge.example';
const REQUEST = 'opp-medsi-rehab-equipment';

const session = signedInPeople({});  // a server and a browser for this file
const signIn = (page, email, lang) => signInAs(session.server, page, email, lang);

describe('home', () => {
  test('what waits for a person is where they land after signing in', async () => {
    // Fourier shows interest in Medsi's request; Medsi has not answered yet.
    const zhang = await newPage(session.browser);
    await signIn(zhang, ZHANG);
    const sent = await zhang.request.post(`${session.server.url}/api/interests`, {
      data: { from_organization: 'org-cn-fourier', opportunity: REQUEST, message: 'Our robots fit your centres.' },
    });
    assert.equal(sent.status(), 201, await sent.text());
    // And in Medsi itself, which Medsi accepts below: a deal.
    const other = await zhang.request.post(`${session.server.url}/api/interests`, {
      data: { from_organization: 'org-cn-fourier', organization: 'org-ru-medsi', message: 'A partnership in rehabilitation.' },
    });
    assert.equal(other.status(), 201, await other.text());
    const toAccept = await other.json();
    await zhang.context().close();

    const anna = await newPage(session.browser, { bypassCSP: true });
    await signIn(anna, ANNA);  // lands on /home (the harness waits for it)
    // A deal of Medsi's with its next step due tomorrow.
    const accepted = await anna.request.post(`${session.server.url}/api/interests/${toAccept.id}/accept`, { data: { version: toAccept.version } });
    assert.equal(accepted.status(), 201, await accepted.text());
    const open = await accepted.json();
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);
    const patched = await anna.request.patch(`${session.server.url}/api/deals/${open.id}`, {
      data: { next_step: 'Send the pilot plan', due: tomorrow, version: open.version },
    });
    assert.equal(patched.status(), 200, await patched.text());
    await anna.reload();
    await anna.getByRole('heading', { name: /Добро|Welcome|Здравствуйте/ }).waitFor();
    const interests = anna.locator('section[aria-labelledby="home-interests"]');
    await interests.getByText(/Fourier/).waitFor();
    // The deal just opened waits for Medsi's acceptance of the agreement.
    await anna.locator('section[aria-labelledby="home-agreements"]').getByText(/Fourier/).waitFor();
    const steps = anna.locator('section[aria-labelledby="home-steps"]');
    await steps.getByText(/Send the pilot plan/).waitFor();
    await steps.getByRole('link').first().click();
    await anna.waitForURL(`${session.server.url}/deals/${open.id}`);
    // Not an expert: no "My reviews" in the menu.
    assert.equal(await anna.locator('nav a[href="/reviews"]').count(), 0);
    await anna.goto(`${session.server.url}/home`);
    await anna.locator('section[aria-labelledby="home-steps"]').waitFor();
    await assertAccessible(anna, 'the home page');
    assert.deepEqual(anna.problems, []);
    await anna.context().close();
  });

  test('a new organisation is told what its profile lacks, and where to add it', async () => {
    const zhang = await newPage(session.browser, { bypassCSP: true });
    await signIn(zhang, ZHANG);
    const created = await zhang.request.post(`${session.server.url}/api/organizations`, {
      data: { name: { en: 'Fourier Rehab Lab' }, kind: 'company', country: 'CN', website: 'https://lab.example.cn' },
    });
    assert.equal(created.status(), 201, await created.text());
    const id = (await created.json()).id;
    await zhang.goto(`${session.server.url}/my`);
    const card = zhang.locator('article.card', { has: zhang.getByRole('heading', { name: 'Fourier Rehab Lab' }) });
    const hint = card.locator('.completeness');
    await hint.getByText(/Your profile is \d+% complete\./).waitFor();
    const lacks = await hint.locator('li').allInnerTexts();
    assert.ok(lacks.includes('a description of what you do'), lacks.join('; '));
    assert.ok(lacks.includes('your name in all three languages'), lacks.join('; '));
    assert.ok(!lacks.includes('your website'), 'the website was given');
    await hint.getByRole('link', { name: 'Complete the profile' }).click();
    await zhang.waitForURL(`${session.server.url}/organizations/${id}/edit`);
    await zhang.goto(`${session.server.url}/my`);
    await card.locator('.completeness').waitFor();
    await assertAccessible(zhang, 'my organisation with the profile hint');
    await zhang.context().close();
  });

  test('an expert has "My reviews" in the menu', async () => {
    const expert = await newPage(session.browser);
    await signIn(expert, EXPERT, 'en');
    await expert.locator('nav a[href="/reviews"]').waitFor();
    await expert.context().close();
  });
});
