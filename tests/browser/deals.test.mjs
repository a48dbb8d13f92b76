// From a first contact to a signed agreement, in two browsers at once: a
// Chinese robot maker expresses interest in a Russian clinic network's
// request; the clinic accepts; both accept the confidentiality agreement;
// the deal moves to agreement, and the funnel shows it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN, assertAccessible, launchBrowser, newPage, screenshot, startServer, signIn as signInAs } from './harness.mjs';

const ZHANG = 'zhang.min@fourier.demo.biobridge.example';  // Fourier Intelligence (Shanghai)
const ANNA = 'anna.ivanova@medsi.demo.biobridge.example';  // Medsi (Moscow)
const REQUEST = 'opp-medsi-rehab-equipment';
const SECRET = 'Budget for 12 centres: confidential figure 4471';
let programmeId;  // created in the UI below

let server;
let browser;
let fourier;  // Zhang Min's page
let medsi;    // Anna Ivanova's page
let dealUrl;

const signIn = (page, email, lang, password) => signInAs(server, page, email, lang, password);

describe('the deal pipeline', () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    fourier = await newPage(browser);
    medsi = await newPage(browser);
    await signIn(fourier, ZHANG);
    await signIn(medsi, ANNA);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('express interest in an opportunity whose confidential details are hidden', async () => {
    // The clinic keeps its budget above the teaser, for agreement partners only.
    const current = await (await medsi.request.get(`${server.url}/api/opportunities/${REQUEST}`)).json();
    const patched = await medsi.request.patch(`${server.url}/api/opportunities/${REQUEST}`, {
      data: { cda_details: { en: SECRET }, version: current.version },
    });
    assert.equal(patched.status(), 200, await patched.text());
    // A platform admin sets up a programme that Medsi runs, in the UI: the deal will belong to it.
    const admin = await newPage(browser);
    await signIn(admin, ADMIN.email, 'en', ADMIN.password);
    await admin.goto(`${server.url}/programmes`);
    await admin.getByRole('link', { name: 'Create a programme' }).click();
    await admin.getByRole('button', { name: 'Save' }).click();
    await admin.locator('#error-name').waitFor();  // a name is needed
    await admin.getByLabel('Name in English').fill('Medsi rehabilitation call');
    await admin.getByLabel('Name in Russian').fill('Конкурс Медси по реабилитации');
    await admin.getByLabel('Kind of programme').selectOption('open_innovation_call');
    await admin.getByRole('button', { name: 'Save' }).click();
    await admin.locator('#error-operator').waitFor();  // no operator chosen: said next to the field
    // The operator is found by its name, never typed as an id.
    await admin.getByLabel('Find the operating organisation by its name').fill('Medsi');
    await admin.locator('.search-picker').getByRole('button', { name: 'Search' }).click();
    await admin.getByRole('radio', { name: /Medsi/ }).first().check();
    await admin.getByRole('button', { name: 'Save' }).click();
    await admin.waitForURL(/\/programmes\/(?!new)[^/]+$/);
    programmeId = decodeURIComponent(new URL(admin.url()).pathname.split('/').pop());
    assert.deepEqual(admin.problems, []);
    await admin.close();
    // Nobody else may set one up.
    await medsi.goto(`${server.url}/programmes`);
    await medsi.getByText('Programmes are set up by the exchange’s administrators').waitFor();
    assert.equal(await medsi.getByRole('link', { name: 'Create a programme' }).count(), 0);
    // Medsi runs it and owns the request: adding it takes no one else's consent.
    await medsi.goto(`${server.url}/programmes/${programmeId}`);
    await medsi.getByRole('button', { name: 'Add', exact: true }).click();
    await medsi.locator('#error-opportunity').waitFor();  // nothing chosen: said next to the choice
    // Found by what it is about, in another language than its owner wrote first; no id typed.
    await medsi.getByLabel('Find the opportunity by what it is about (any language)').fill('康复机器人');
    await medsi.getByRole('button', { name: 'Search', exact: true }).click();
    await medsi.getByRole('radio', { name: /Robotic rehabilitation equipment|康复|Роботизированное/ }).first().check();
    assert.equal(await medsi.getByRole('radio', { checked: true }).getAttribute('value'), REQUEST);
    await medsi.getByRole('button', { name: 'Add', exact: true }).click();
    await medsi.getByText('Added to the programme.').waitFor();
    const programme = await (await medsi.request.get(`${server.url}/api/programmes/${programmeId}/opportunities`)).json();
    assert.deepEqual(programme.items, [REQUEST]);
    await fourier.goto(`${server.url}/opportunities/${REQUEST}`);
    await fourier.getByRole('heading', { level: 1 }).waitFor();
    assert.equal(await fourier.getByText(SECRET).count(), 0, 'no agreement yet: the details are not shown');
    assert.equal((await fourier.content()).includes('4471'), false);
    await fourier.getByRole('button', { name: 'Express interest' }).click();
    await fourier.getByRole('button', { name: 'Send' }).click();  // empty: said what to write
    await fourier.locator('#error-message').waitFor();
    await fourier.getByLabel('Your message').fill('Our upper-limb robots suit your new rehabilitation centres.');
    // The request is in one programme: it is proposed, in plain sight.
    assert.equal(await fourier.getByLabel('Through the programme').inputValue(), programmeId);
    await fourier.getByRole('button', { name: 'Send' }).click();
    await fourier.getByText('Your interest was sent.').waitFor();
    await screenshot(fourier, 'interest-sent');
    // The clinic's own page offers no interest in itself.
    await medsi.goto(`${server.url}/opportunities/${REQUEST}`);
    await medsi.getByRole('heading', { level: 1 }).waitFor();
    assert.equal(await medsi.getByRole('button', { name: 'Express interest' }).count(), 0);
    assert.deepEqual(fourier.problems, []);
  });

  test('the recipient accepts, which opens a deal', async () => {
    await medsi.goto(`${server.url}/my`);
    // Before: no deal in the funnel.
    await medsi.getByRole('heading', { name: 'Funnel' }).waitFor();
    await medsi.getByText('No deals yet.').waitFor();
    const interest = medsi.locator('.interest').filter({ hasText: 'From Fourier Intelligence' });
    await interest.waitFor();
    assert.match(await interest.innerText(), /Our upper-limb robots suit your new rehabilitation centres\./);
    assert.match(await interest.innerText(), /Waiting for an answer/);
    await interest.getByRole('button', { name: 'Accept' }).click();
    await medsi.locator('.interest').filter({ hasText: 'Accepted' }).waitFor();
    await screenshot(medsi, 'interest-accepted');
    await medsi.getByRole('link', { name: 'Open the deal' }).first().click();
    await medsi.waitForURL(/\/deals\//);
    dealUrl = medsi.url();
    await medsi.getByText('Current stage: Contact').waitFor();
    // Before the agreement, the deal can only close.
    assert.equal(await medsi.getByRole('button', { name: /^Move to / }).count(), 0);
    assert.deepEqual(medsi.problems, []);
  });

  test('both sides accept the confidentiality agreement', async () => {
    await medsi.getByRole('button', { name: 'Accept for Medsi' }).click();
    await medsi.getByText(/Accepted for Medsi on/).waitFor();
    await medsi.getByText('Not yet accepted by Fourier Intelligence').waitFor();

    await fourier.goto(dealUrl);
    await fourier.locator('summary', { hasText: 'Read the agreement' }).click();
    assert.match(await fourier.locator('.agreement-text').innerText(), /mutual confidentiality agreement/);
    await fourier.getByRole('button', { name: 'Accept for Fourier Intelligence' }).click();
    await fourier.getByText('Both organisations accepted the agreement.').waitFor();
    await screenshot(fourier, 'agreement-accepted');
    const deal = await (await fourier.request.get(`${server.url}/api/deals/${dealUrl.split('/').pop()}`)).json();
    assert.equal(deal.cda, true);
    assert.equal(deal.agreements.length, 2);
    assert.equal(deal.agreements[0].agreement_sha256.length, 64);

    // The confidential details now appear to the partner.
    await fourier.goto(`${server.url}/opportunities/${REQUEST}`);
    await fourier.getByText(SECRET).waitFor();
    await fourier.getByText('Confidential: you see this under an agreement').waitFor();
    await screenshot(fourier, 'confidential-details-shown');
    await fourier.goto(dealUrl);
    await fourier.getByText('Current stage: Contact').waitFor();
    assert.deepEqual(fourier.problems, []);
  });

  test('the parties say what the deal is, what it may be worth, and who takes the next step by when', async () => {
    await medsi.goto(dealUrl);
    // Named after the request it grew from, so that it stands out from the parties' other deals.
    const opportunity = await (await medsi.request.get(`${server.url}/api/opportunities/${REQUEST}`)).json();
    const opened = await (await medsi.request.get(`${server.url}/api/deals/${dealUrl.split('/').pop()}`)).json();
    assert.equal(opened.title, opportunity.title.en ?? Object.values(opportunity.title)[0]);
    const details = medsi.locator('.deal-details');
    await details.getByRole('button', { name: 'Edit' }).click();
    await medsi.getByLabel('Title', { exact: true }).fill('Upper-limb robots for 12 rehabilitation centres');
    await medsi.getByLabel('Estimated value', { exact: true }).fill('12 centres');  // not a number: said beside the field
    await medsi.getByRole('button', { name: 'Save' }).click();
    await medsi.locator('#error-value\\.amount').waitFor();
    await medsi.getByLabel('Estimated value', { exact: true }).fill('1800000');
    await medsi.getByLabel('Currency').selectOption('EUR');
    await medsi.getByLabel('Next step', { exact: true }).fill('Pilot plan for two clinics');
    await medsi.getByLabel('Next step due on').fill('2027-03-31');
    await medsi.getByLabel('Who takes the next step').selectOption({ label: 'Анна Иванова' });
    await medsi.getByRole('button', { name: 'Save' }).click();
    await medsi.getByRole('heading', { name: 'Upper-limb robots for 12 rehabilitation centres' }).waitFor();
    await details.getByText('€1,800,000').waitFor();
    await details.getByText('Pilot plan for two clinics').waitFor();
    await details.getByText('due 31 March 2027').waitFor();
    await details.getByText('Анна Иванова').waitFor();
    // The other side reads it; the deal list names it.
    await fourier.goto(`${server.url}/my`);
    const item = fourier.locator('.deal-item', { hasText: 'Upper-limb robots for 12 rehabilitation centres' });
    await item.waitFor();
    assert.match(await item.innerText(), /Next step: Pilot plan for two clinics/);
    await fourier.goto(dealUrl);
    await fourier.getByText('Current stage: Contact').waitFor();
    assert.deepEqual(medsi.problems, []);
  });

  test('the deal moves to agreement, with every move recorded', async () => {
    const steps = [
      ['Confidentiality agreement', 'CDA signed in BioBridge'],
      ['Evaluation', 'Pilot in two clinics'],
      ['Intention (LOI/MoU)', 'MoU drafted'],
      ['Agreement', 'Supply agreement signed'],
    ];
    for (const [stage, note] of steps) {
      await fourier.getByLabel('Note for the record (optional)').fill(note);
      await fourier.getByRole('button', { name: `Move to ${stage}` }).click();
      await fourier.getByText(`Current stage: ${stage}`).waitFor();
    }
    const history = await fourier.locator('.history').innerText();
    for (const [, note] of steps) assert.match(history, new RegExp(note));
    await screenshot(fourier, 'deal-at-agreement');

    // An illegal move is not offered; closing needs a reason.
    assert.equal(await fourier.getByRole('button', { name: 'Move to Contact' }).count(), 0);
    await fourier.getByRole('button', { name: 'Close the deal' }).click();
    await fourier.locator('#error-reason').waitFor();
    assert.match(await fourier.getByText('Current stage: Agreement').innerText(), /Agreement/);
    assert.deepEqual(fourier.problems, []);
  });

  test('the funnel shows the deal at agreement', async () => {
    await medsi.goto(`${server.url}/my`);
    const agreementRow = medsi.locator('table.funnel tr[data-stage="agreement"]');
    await agreementRow.waitFor();
    const cells = await agreementRow.locator('td').allInnerTexts();
    assert.deepEqual(cells.slice(0, 2), ['1', '1'], 'reached 1, now 1');
    const contact = await medsi.locator('table.funnel tr[data-stage="contact"] td').allInnerTexts();
    assert.equal(contact[0], '1');
    assert.equal(contact[2], '100%', 'every deal that reached contact went on');
    // Closed deals count under reached and now, not under the median days.
    const closed = await medsi.locator('table.funnel tr[data-stage="closed"] td').allInnerTexts();
    assert.deepEqual(closed, ['0', '0', '—', '—']);
    await screenshot(medsi, 'funnel');
    assert.deepEqual(medsi.problems, []);
  });

  test('the operator of the programme sees its analytics, charted and as CSV', async () => {
    await medsi.getByRole('link', { name: 'Programmes' }).click();
    await medsi.getByRole('link', { name: 'Medsi rehabilitation call' }).click();
    await medsi.getByRole('heading', { name: 'Analytics' }).waitFor();
    for (const chart of ['#chart-funnel', '#chart-flows', '#chart-areas']) {
      await medsi.locator(`${chart} canvas`).waitFor();
    }
    assert.match(await medsi.locator('#chart-flows').getAttribute('aria-label'), /China → Russian Federation: 1/);
    const row = await medsi.locator('table.funnel tr[data-stage="agreement"] td').allInnerTexts();
    assert.deepEqual(row.slice(0, 2), ['1', '1']);
    const csv = await medsi.request.get(`${server.url}${await medsi.getByRole('link', { name: 'Download as CSV' }).getAttribute('href')}`);
    assert.equal(csv.status(), 200);
    assert.match(await csv.text(), /^stage,reached,current,conversion,median_days\nagreement|contact,1,/m);
    assert.match(await csv.text(), /CN,RU,1,1/);
    // A period before the deal opened counts nothing.
    await medsi.getByLabel('until (not included)').fill('2020-01-01');
    await medsi.getByRole('button', { name: 'Show', exact: true }).click();
    await medsi.getByText('No deals yet.').waitFor();
    await medsi.getByLabel('until (not included)').fill('');
    await medsi.getByRole('button', { name: 'Show', exact: true }).click();
    await medsi.locator('table.funnel').waitFor();
    // The deals behind the charts, by name.
    await medsi.locator('.deal-item', { hasText: 'Upper-limb robots for 12 rehabilitation centres' }).waitFor();
    await screenshot(medsi, 'programme-analytics');
    // Someone else sees the programme, not its analytics.
    await fourier.goto(`${server.url}/programmes/${programmeId}`);
    await fourier.getByRole('heading', { name: 'Opportunities in this programme' }).waitFor();
    assert.equal(await fourier.getByRole('heading', { name: 'Analytics' }).count(), 0);
    assert.deepEqual(medsi.problems, []);
  });

  test('the deal and contact pages pass axe-core WCAG 2.1 AA checks in each language', async () => {
    for (const lang of ['en', 'zh', 'ru']) {
      const page = await newPage(browser, { bypassCSP: true });
      await signIn(page, ANNA, lang);
      for (const path of [new URL(dealUrl).pathname, '/my', `/programmes/${programmeId}`, '/programmes', '/programmes/new']) {
        await page.goto(server.url + path);
        await page.waitForLoadState('networkidle');
        await page.waitForFunction(() => !document.querySelector('.progress'));
        await assertAccessible(page, `${path} (${lang})`);
      }
      assert.deepEqual(page.problems, []);
      await page.context().close();
    }
  });
});
