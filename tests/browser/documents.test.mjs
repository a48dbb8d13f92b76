// Documents: a Chinese maker uploads a deck for members to one of her
// requests; a Russian clinic's signed-in member sees it and downloads it as
// a PDF, a visitor does not see it; a file that is not a document is refused
// with the reason, and nothing is kept.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertAccessible, launchBrowser, newPage, screenshot, signIn, startServer } from './harness.mjs';

const ZHANG = 'zhang.min@fourier.demo.biobridge.example'; // Fourier (Shanghai), reads Chinese
const ANNA = 'anna.ivanova@medsi.demo.biobridge.example'; // Medsi (Moscow)
const OPPORTUNITY = 'opp-fourier-ru-hospitals';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

let server;
let browser;
let fourier;
let medsi;

describe('documents', () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    fourier = await newPage(browser, { bypassCSP: true });
    medsi = await newPage(browser);
    await signIn(server, fourier, ZHANG, 'zh');
    await signIn(server, medsi, ANNA, 'ru');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a deck for members, uploaded, seen and downloaded by members only', async () => {
    await fourier.goto(`${server.url}/opportunities/${OPPORTUNITY}`);
    const section = fourier.locator('section.documents');
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
    await screenshot(fourier, 'documents-upload');
    await assertAccessible(fourier, 'an opportunity with documents');

    // The clinic's member sees it and gets a PDF; a visitor sees nothing.
    await medsi.goto(`${server.url}/opportunities/${OPPORTUNITY}`);
    const link = medsi.locator('section.documents .document-list a').first();
    await link.waitFor();
    const download = await medsi.request.get(`${server.url}${await link.getAttribute('href')}`);
    assert.equal(download.status(), 200);
    assert.equal(download.headers()['content-type'], 'application/pdf');
    assert.match(download.headers()['content-disposition'], /^attachment;/);
    assert.deepEqual(Buffer.from(await download.body()), PDF);
    const visitor = await browser.newContext();
    const anonymous = await visitor.request.get(`${server.url}/api/opportunities/${OPPORTUNITY}/documents`);
    assert.deepEqual((await anonymous.json()).items, []);
    await visitor.close();
    assert.deepEqual(fourier.problems.filter((p) => !/422/.test(p)), []);
    assert.deepEqual(medsi.problems, []);
  });
});
