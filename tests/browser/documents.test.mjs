// Documents: a Chinese maker uploads a deck for members to one of her
// requests; a Russian clinic's signed-in member sees it and downloads it as
// a PDF, a visitor does not see it; a file that is not a document is refused
// with the reason, and nothing is kept.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertAccessible, screenshot, signedInPeople } from './harness.mjs';

const ZHANG = 'zhang.min@fourier.demo.biobridge.example'; // Fourier (Shanghai), reads Chinese
const ANNA = 'anna.ivanova@medsi.demo.biobridge.example'; // Medsi (Moscow)
const OPPORTUNITY = 'opp-fourier-ru-hospitals';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const people = signedInPeople({
  fourier: { email: ZHANG, lang: 'zh', options: { bypassCSP: true } },
  medsi: { email: ANNA, lang: 'ru' },
});

describe('documents', () => {
  test('a deck for members, uploaded, seen and downloaded by members only', async () => {
    await people.fourier.goto(`${people.server.url}/opportunities/${OPPORTUNITY}`);
    const section = people.fourier.locator('section.documents');
    await section.waitFor();
    // Not a document: refused, with the reason, nothing listed.
    await section.locator('input[type="file"]').setInputFiles({
      name: 'deck.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'),
    });
    await section.locator('button[type="submit"]').click();
    await section.locator('.error').waitFor();
    assert.match(await section.locator('.error').textContent(), /text\/html/);
    assert.equal(await section.locator('.document-list li').count(), 0);

    await section.locator('input[type="file"]').setInputFiles({ name: '康复机器人介绍.pdf', mimeType: 'application/pdf', buffer: PDF });
    await section.locator('select').selectOption('members');
    await section.locator('button[type="submit"]').click();
    await section.locator('.document-list li').first().waitFor();
    assert.match(await section.locator('.document-list').textContent(), /康复机器人介绍\.pdf/);
    await screenshot(people.fourier, 'documents-upload');
    await assertAccessible(people.fourier, 'an opportunity with documents');

    // The clinic's member sees it and gets a PDF; a visitor sees nothing.
    await people.medsi.goto(`${people.server.url}/opportunities/${OPPORTUNITY}`);
    const link = people.medsi.locator('section.documents .document-list a').first();
    await link.waitFor();
    const download = await people.medsi.request.get(`${people.server.url}${await link.getAttribute('href')}`);
    assert.equal(download.status(), 200);
    assert.equal(download.headers()['content-type'], 'application/pdf');
    assert.match(download.headers()['content-disposition'], /^attachment;/);
    assert.deepEqual(Buffer.from(await download.body()), PDF);
    const visitor = await people.browser.newContext();
    const anonymous = await visitor.request.get(`${people.server.url}/api/opportunities/${OPPORTUNITY}/documents`);
    assert.deepEqual((await anonymous.json()).items, []);
    await visitor.close();
    assert.deepEqual(people.fourier.problems.filter((p) => !/422/.test(p)), []);
    assert.deepEqual(people.medsi.problems, []);
  });
});
