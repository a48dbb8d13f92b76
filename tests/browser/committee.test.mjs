// The expert committee end to end on the demo data, in several browsers at
// once: the chair of the open-innovation call finds the published
// assignment, its conflicts and scores; a Chinese supplier submits a new
// project; the chair assigns it; its two reviewers review it double-blind
// (one of them in Russian), after the chair has swapped one by hand and
// found a draft unreadable and a decision before the reviews refused
// without a reason; the chair decides; the applicant reads the
// prospect-analysis report with anonymous reviewers. An expert with a
// conflict never reaches the project they conflict with.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertAccessible, launchBrowser, newPage, screenshot, startServer, signIn as signInAs } from './harness.mjs';

const PROGRAMME = 'demo-prog-novo-call';
const CHAIR = 'maria.larsen@novo.demo.biobridge.example';
const APPLICANT = 'chen.jie@cobetter.demo.biobridge.example';  // Cobetter (Hangzhou)
const APPLICANT_NAME = 'Cobetter';
// Expert ids of the demo committee and their accounts.
const EXPERT_ACCOUNTS = {
  'exp-kuznetsova': 'elena.kuznetsova@experts.demo.biobridge.example',
  'exp-cohen': 'james.cohen@experts.demo.biobridge.example',
  'exp-li': 'li.na@experts.demo.biobridge.example',
  'exp-smirnova': 'olga.smirnova@experts.demo.biobridge.example',
  'exp-chen': 'chen.wei@experts.demo.biobridge.example',
};
const PROJECT_TITLE = 'Single-use filtration for GLP-1 peptide manufacturing';
const STRENGTH = 'Filtration data across three peptide batches';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

let server;
let browser;
let chair;
let applicant;
let projectId;
let reviewers;  // expert ids assigned to the new project

const signIn = (page, email, lang) => signInAs(server, page, email, lang);

describe('the expert committee', () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    chair = await newPage(browser, { bypassCSP: true });  // axe is injected as a script of the test's own
    applicant = await newPage(browser, { bypassCSP: true });
    await signIn(chair, CHAIR);
    await signIn(applicant, APPLICANT);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the chair sees the published assignment, its conflicts and the scores', async () => {
    await chair.goto(`${server.url}/programmes/${PROGRAMME}`);
    await chair.getByRole('link', { name: 'Open the expert committee' }).click();
    await chair.waitForURL(`**/programmes/${PROGRAMME}/committee`);
    await chair.getByRole('heading', { name: /Reviewer assignment/ }).waitFor();
    await chair.getByText('published', { exact: true }).waitFor();
    // The assignment in words; the solver's figures one click away.
    await chair.getByText(/Each expert reviews \d+ to \d+ projects\./).waitFor();
    await chair.getByText(/projects? (has|have) all (its|their) reviewers/).waitFor();
    await chair.getByText('The figures').click();
    await chair.getByText('Total affinity').waitFor();
    // Ms Li consults for SPH; Ms Smirnova left Biocad in 2025: both conflicts are listed with their reason.
    const conflicts = chair.locator('section[aria-labelledby="conflicts-heading"]');
    await conflicts.getByRole('cell', { name: 'Consulting', exact: true }).waitFor();
    await conflicts.getByText(/affiliated with the applicant until 2025-06-30/).waitFor();
    const scores = chair.locator('section[aria-labelledby="scores-heading"]');
    await scores.getByRole('row', { name: /Once-weekly semaglutide biosimilar/ }).getByText('Revise and resubmit').waitFor();
    await assertAccessible(chair, 'the committee page');
    await screenshot(chair, 'committee-chair');
    assert.deepEqual(chair.problems, []);
  });

  test('another operator sets up a committee and weighs the rubric', async () => {
    const operator = await newPage(browser);
    await signIn(operator, 'liu.yang@cccmhpie.demo.biobridge.example');
    await operator.goto(`${server.url}/programmes/demo-prog-ru-cn-centre/committee`);
    await operator.getByRole('heading', { name: 'Set up the committee' }).waitFor();
    await operator.getByRole('button', { name: 'Save' }).click();  // nobody chosen: said next to the list
    await operator.locator('#error-members').waitFor();
    await operator.getByLabel('James Cohen').check();
    await operator.getByLabel('陈伟 Chen Wei').check();
    await operator.getByLabel('Reviewers per project').fill('2');
    await operator.getByRole('button', { name: 'Save' }).click();
    await operator.getByText('The committee is saved.').waitFor();
    await operator.getByLabel('Innovation').fill('2');
    await operator.getByLabel('Reviews due').fill('2027-03-01T09:30');  // in the browser's own zone
    await operator.getByRole('button', { name: 'Save' }).click();
    await operator.getByText('The committee is saved.').waitFor();
    const committee = await (await operator.request.get(`${server.url}/api/programmes/demo-prog-ru-cn-centre/committee`)).json();
    assert.deepEqual(committee.members, ['exp-cohen', 'exp-chen']);
    assert.equal(committee.settings.rubric.find((c) => c.id === 'innovation').weight, 2);
    const due = await operator.evaluate(() => new Date('2027-03-01T09:30').toISOString().replace(/\.\d{3}Z$/, 'Z'));
    assert.equal(committee.settings.review_deadline, due);
    // The shipped rubric for market-development plans replaces the criteria.
    await operator.getByLabel('Rubric').selectOption('prospects');
    assert.equal(await operator.getByLabel('Innovation').count(), 0);
    await operator.getByRole('button', { name: 'Save' }).click();
    await operator.getByLabel('Partners').waitFor();
    const prospects = await (await operator.request.get(`${server.url}/api/programmes/demo-prog-ru-cn-centre/committee`)).json();
    assert.deepEqual(prospects.settings.rubric.map((c) => c.id), ['market', 'regulatory', 'supply_chain', 'partners', 'team']);
    // No project has been submitted to this programme: the draft says so.
    await operator.getByRole('button', { name: 'Draft the assignment' }).click();
    await operator.getByText(/no project awaits review in this programme/i).waitFor();
    assert.deepEqual(operator.problems, []);
    await operator.context().close();
  });

  test('an applicant submits a project; it is refused until it has a title', async () => {
    await applicant.goto(`${server.url}/programmes/${PROGRAMME}`);
    await applicant.getByRole('link', { name: 'Submit a project for review' }).click();
    await applicant.getByLabel('Language of the project').selectOption('en');
    await applicant.getByRole('button', { name: 'Save' }).click();
    await applicant.locator('#error-title').waitFor();
    await applicant.getByLabel('Title in English').fill(PROJECT_TITLE);
    await applicant.getByLabel('Title in Chinese').fill('GLP-1多肽生产用一次性过滤系统');
    await applicant
      .getByLabel('Description in English')
      .fill('Single-use sterile filtration and depth filters for GLP-1 receptor agonist peptide manufacturing, with batch stability data.');
    await applicant.getByLabel('Team').fill('Chen Jie\nLiu Wen');
    await applicant.getByRole('button', { name: 'Save' }).click();
    await applicant.waitForURL(/\/review-projects\/[^/]+$/);
    projectId = decodeURIComponent(new URL(applicant.url()).pathname.split('/').pop());
    await applicant.getByText('Awaiting review').waitFor();
    await applicant.getByText('Your project', { exact: true }).waitFor();
    // A dossier for the committee: no tier to choose, the project decides who reads it.
    const files = applicant.locator('section[aria-labelledby="documents-heading-project"]');
    assert.equal(await files.locator('select').count(), 0);
    await files.locator('input[type="file"]').setInputFiles({ name: 'Cobetter GLP-1 dossier.pdf', mimeType: 'application/pdf', buffer: PDF });
    await files.getByRole('button', { name: 'Upload' }).click();
    await files.getByRole('link', { name: 'Cobetter GLP-1 dossier.pdf' }).waitFor();
    assert.deepEqual(applicant.problems, []);
  });

  test('the chair assigns the new project, keeping every published pair', async () => {
    const before = await (await chair.request.get(`${server.url}/api/programmes/${PROGRAMME}/committee`)).json();
    await chair.goto(`${server.url}/programmes/${PROGRAMME}/committee`);
    await chair.getByRole('button', { name: 'Assign new projects' }).click();
    const row = chair.locator('section[aria-labelledby="assignment-heading"]').getByRole('row', { name: new RegExp(PROJECT_TITLE) });
    await row.waitFor();
    const committee = await (await chair.request.get(`${server.url}/api/programmes/${PROGRAMME}/committee`)).json();
    reviewers = committee.assignment.filter((a) => a.project === projectId && a.status === 'assigned').map((a) => a.expert);
    assert.equal(reviewers.length, 2);
    for (const pair of before.assignment.filter((a) => a.status === 'assigned')) {
      assert.ok(
        committee.assignment.some((a) => a.project === pair.project && a.expert === pair.expert && a.status === 'assigned'),
        `kept ${pair.project} / ${pair.expert}`,
      );
    }
  });

  test('the chair swaps a reviewer by hand, choosing among members free to take the project', async () => {
    await chair.goto(`${server.url}/review-projects/${projectId}`);
    const cards = chair.locator('.card.review');
    await cards.first().waitFor();
    assert.equal(await cards.count(), 2);
    assert.equal(await chair.locator('.card.review[data-status="not_started"]').count(), 2);
    const out = reviewers[0];
    const outName = (await (await chair.request.get(`${server.url}/api/experts/${out}`)).json()).name;
    const card = cards.filter({ hasText: outName });
    await card.getByRole('button', { name: 'Replace this reviewer' }).click();
    const choices = card.getByRole('radio');
    await choices.first().waitFor();
    // Members who may not take it are listed with why, one click away.
    const candidates = await (await chair.request.get(`${server.url}/api/review-projects/${projectId}/reviewer-candidates`)).json();
    const unavailable = candidates.items.filter((c) => !c.assigned && !c.available);
    assert.equal(await choices.count(), candidates.items.filter((c) => !c.assigned && c.available).length);
    if (unavailable.length > 0) {
      await card.getByText(`Members who may not take it (${unavailable.length})`).click();
      for (const c of unavailable) await card.getByText(`${c.expert_name}: ${c.unavailable}`).waitFor();
    }
    await card.getByRole('button', { name: 'Replace', exact: true }).click();  // nobody chosen: said beside the choice
    await card.getByText('Choose the member who reviews instead.').waitFor();
    await choices.first().check();
    const chosen = await choices.first().getAttribute('value');
    await card.getByRole('button', { name: 'Replace', exact: true }).click();
    await chair.locator('.card.review', { hasText: outName }).waitFor({ state: 'detached' });
    const committee = await (await chair.request.get(`${server.url}/api/programmes/${PROGRAMME}/committee`)).json();
    reviewers = committee.assignment.filter((a) => a.project === projectId && a.status === 'assigned').map((a) => a.expert);
    assert.deepEqual(new Set(reviewers), new Set([reviewers.find((e) => e !== chosen), chosen]));
    assert.ok(reviewers.includes(chosen) && !reviewers.includes(out), `${out} replaced by ${chosen}`);
    assert.equal(committee.figures.swapped_by_hand, 1);
    // The replaced expert is told, and the project is gone from their list.
    const page = await newPage(browser);
    await signIn(page, EXPERT_ACCOUNTS[out]);
    const inbox = await (await page.request.get(`${server.url}/api/me/notifications`)).json();
    assert.equal(inbox.items[0].kind, 'review_withdrawn');
    await page.goto(`${server.url}/reviews`);
    await page.locator('h1').waitFor();
    assert.equal(await page.locator(`a[href="/review-projects/${projectId}"]`).count(), 0);
    await page.context().close();
    await assertAccessible(chair, 'the chair replacing a reviewer');
  });

  test('a draft stays unread by the chair, and deciding before the reviews are in takes a reason', async () => {
    const page = await newPage(browser);
    await signIn(page, EXPERT_ACCOUNTS[reviewers[0]]);
    const draft = await page.request.put(`${server.url}/api/review-projects/${projectId}/review`, {
      data: { scores: { innovation: 1 }, strengths: 'Half-formed first impression', status: 'draft' },
    });
    assert.equal(draft.status(), 200);
    await page.context().close();
    await chair.goto(`${server.url}/review-projects/${projectId}`);
    await chair.locator('.card.review[data-status="draft"]').getByText(/Draft last saved/).waitFor();
    assert.equal((await chair.content()).includes('Half-formed first impression'), false, 'the draft is not shown');
    await chair.getByText('2 of the 2 assigned reviews are not submitted yet').waitFor();
    await chair.getByRole('button', { name: 'Decide without waiting' }).click();
    await chair.getByText('Say why the committee decides before the reviews are in.').waitFor();
    const project = await (await chair.request.get(`${server.url}/api/review-projects/${projectId}`)).json();
    assert.equal(project.status, 'submitted', 'nothing was decided');
    // The API holds the same line for any client.
    const direct = await chair.request.post(`${server.url}/api/review-projects/${projectId}/decision`, {
      data: { outcome: 'accept', version: project.version },
    });
    assert.equal(direct.status(), 409);
    assert.match((await direct.json()).error.message, /override_reason/);
  });

  test('each reviewer reviews double-blind, one of them in Russian', async () => {
    for (const [i, expert] of reviewers.entries()) {
      const lang = i === 0 ? 'ru' : 'en';
      const page = await newPage(browser, { bypassCSP: true });
      await signIn(page, EXPERT_ACCOUNTS[expert], lang);
      await page.locator('a[href="/reviews"]').click();
      await page.locator(`a[href="/review-projects/${projectId}"]`).click();
      await page.locator('h1').waitFor();
      assert.equal((await page.content()).includes(APPLICANT_NAME), false, 'the applicant is hidden');
      assert.equal((await page.content()).includes('Liu Wen'), false, 'so is the team');
      // The dossier reads as a numbered document, without the applicant's name.
      const dossier = page.locator('section[aria-labelledby="documents-heading-project"] a', { hasText: 'Document 1.pdf' });
      await dossier.waitFor();
      const file = await page.request.get(`${server.url}${await dossier.getAttribute('href')}`);
      assert.equal(file.status(), 200);
      assert.match(file.headers()['content-disposition'], /filename="Document 1\.pdf"/);
      assert.equal((await page.content()).includes(APPLICANT_NAME), false, 'nor the file names it');
      const submit = lang === 'ru' ? 'Отправить рецензию' : 'Submit the review';
      await page.getByRole('button', { name: submit }).click();  // nothing scored yet: said next to each criterion
      await page.locator('#error-scores\\.market').waitFor();
      if (i === 0) {
        // Coming back to a draft finds it as it was left, and saves over it.
        assert.equal(await page.locator('#field-strengths').inputValue(), 'Half-formed first impression');
      }
      for (const id of ['innovation', 'market', 'regulatory', 'manufacturing', 'supply_chain', 'team']) {
        await page.locator(`#field-scores\\.${id}`).selectOption(String(i === 0 ? 4 : 3));
      }
      await page.locator('#field-strengths').fill(i === 0 ? STRENGTH : 'Established GMP supplier');
      await page.locator('#field-risks').fill('Validation for each new peptide');
      await page.locator('#field-confidential_comment').fill(`Confidential remark ${i}`);
      await page.locator('#field-recommendation').selectOption('accept');
      await page.getByRole('button', { name: submit }).click();
      await page.getByText(lang === 'ru' ? /Рецензия отправлена/ : /Your review is submitted/).waitFor();
      if (i === 0) {
        await assertAccessible(page, 'the review form in Russian');
        await screenshot(page, 'committee-review-ru');
      }
      assert.deepEqual(page.problems, []);
      await page.context().close();
    }
  });

  test('an expert with a conflict cannot reach the project', async () => {
    // Ms Li consults for SPH: its project does not exist for her, in the UI as in the API.
    const projects = await (await chair.request.get(`${server.url}/api/programmes/${PROGRAMME}/review-projects`)).json();
    const sph = projects.items.find((p) => p.organization === 'org-cn-sph');
    const page = await newPage(browser);
    await signIn(page, EXPERT_ACCOUNTS['exp-li'], 'zh');
    await page.goto(`${server.url}/review-projects/${sph.id}`);
    await page.getByRole('alert').waitFor();
    assert.equal((await page.content()).includes('口服GLP-1受体激动剂片剂'), false);
    await page.goto(`${server.url}/reviews`);
    await page.locator('h1').waitFor();
    assert.equal(await page.locator(`a[href="/review-projects/${sph.id}"]`).count(), 0);
    await page.context().close();
  });

  test('the chair decides and the applicant reads an anonymous report', async () => {
    await chair.goto(`${server.url}/review-projects/${projectId}`);
    await chair.getByText(STRENGTH).waitFor();  // the chair sees every review, with its reviewer
    await chair.getByLabel('Outcome').selectOption('accept');
    await chair.getByLabel('Note to the applicant').fill('Welcome to the supplier programme.');
    await chair.getByRole('button', { name: 'Record the decision' }).click();
    await chair.getByText(/Decision: Accept/).waitFor();
    await applicant.goto(`${server.url}/review-projects/${projectId}`);
    await applicant.getByRole('heading', { name: 'Prospect analysis' }).waitFor();
    await applicant.getByText(STRENGTH).waitFor();
    await applicant.getByText('Reviewer A', { exact: true }).first().waitFor();
    const html = await applicant.content();
    assert.equal(html.includes('Confidential remark'), false, 'confidential comments stay with the committee');
    for (const expert of reviewers) assert.equal(html.includes(expert), false);
    for (const name of ['Кузнецова', 'James Cohen', 'Li Na', 'Смирнова', 'Chen Wei']) {
      assert.equal(html.includes(name), false, `no reviewer named (${name})`);
    }
    await assertAccessible(applicant, 'the applicant report');
    await screenshot(applicant, 'committee-report');
    const printable = await applicant.request.get(`${server.url}/api/review-projects/${projectId}/report.html?lang=zh`);
    assert.equal(printable.status(), 200);
    assert.match(await printable.text(), /发展前景分析/);
    assert.deepEqual(applicant.problems, []);
    assert.deepEqual(chair.problems, []);
  });
});
