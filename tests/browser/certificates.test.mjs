// Certificates: a Chinese filter maker records its NMPA GMP (expiring in 60
// days) and its ISO 13485 in Chinese, is told what to fix, attaches the
// scan, sees the expiry warning and gets the reminder; a Russian clinic
// finds it by "GMP valid in China" and not by "valid in Kazakhstan"; an
// association the platform admin accredited verifies the GMP.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADMIN, assertAccessible, screenshot, signedInPeople } from './harness.mjs';

const CHEN = 'chen.jie@cobetter.demo.biobridge.example'; // Cobetter (Hangzhou), supplier, reads Chinese
const ANNA = 'anna.ivanova@medsi.demo.biobridge.example'; // Medsi (Moscow)
const LIU = 'liu.yang@cccmhpie.demo.biobridge.example'; // the chamber of commerce (an association)
const ORG = 'org-cn-cobetter';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const people = signedInPeople({
  cobetter: { email: CHEN, lang: 'zh', options: { bypassCSP: true } },
  medsi: { email: ANNA, lang: 'ru' },
  chamber: { email: LIU, lang: 'zh' },
  admin: { email: ADMIN.email, lang: 'en', password: ADMIN.password },
});

async function record(section, { kind, issuer, number, issued, expires, products = '', country = '' }) {
  const add = section.locator('details.add-certificate');
  if ((await add.getAttribute('open')) === null) await add.locator('summary').click();
  await section.locator('#field-kind').selectOption(kind);
  await section.locator('#field-issuer').fill(issuer);
  await section.locator('#field-number').fill(number);
  if (country) await section.locator('#field-country').selectOption(country);
  await section.locator('#field-products').fill(products);
  await section.locator('#field-issued_on').fill(issued);
  await section.locator('#field-expires_on').fill(expires);
  await section.locator('.certificate-form button[type="submit"]').click();
}

describe('certificates', () => {
  test('recorded with a scan, warned before expiry, found by a buyer and verified', async () => {
    const { cobetter, medsi, chamber, admin, server } = people;
    await cobetter.goto(`${server.url}/organizations/${ORG}`);
    const section = cobetter.locator('section.certificates');
    await section.waitFor();

    // Bad input is named where it is: an expiry before the issue date (in the
    // page), a PIC/S GMP without its authority's country (by the server).
    await record(section, { kind: 'gmp_nmpa', issuer: '浙江省药品监督管理局', number: 'ZJ20240123', issued: day(-700), expires: day(-800) });
    await section.locator('#error-expires_on').waitFor();
    assert.match(await section.locator('#error-expires_on').textContent(), /有效期早于发证日期/);
    await record(section, { kind: 'gmp_pics', issuer: 'Swissmedic', number: 'CH-1', issued: day(-700), expires: day(400) });
    await section.locator('#error-country').waitFor();
    assert.equal(await section.locator('.certificate-list li').count(), 0);

    await record(section, {
      kind: 'gmp_nmpa', issuer: '浙江省药品监督管理局', number: 'ZJ20240123', issued: day(-700), expires: day(60),
      products: '除菌级滤膜\n深层过滤器',
    });
    const gmp = section.locator('li.certificate', { hasText: 'ZJ20240123' });
    await gmp.waitFor();
    assert.match(await gmp.locator('.badge.warning').textContent(), /60天后到期/);
    await record(section, { kind: 'iso_13485', issuer: 'TÜV SÜD', number: 'Q5 123456', issued: day(-300), expires: day(800) });
    const iso = section.locator('li.certificate', { hasText: 'Q5 123456' });
    await iso.waitFor();
    assert.match(await iso.textContent(), /全球通用/);

    // The scan, attached to the GMP.
    await gmp.locator('input[type="file"]').setInputFiles({ name: 'GMP证书.pdf', mimeType: 'application/pdf', buffer: PDF });
    await gmp.locator('form.document-upload button[type="submit"]').click();
    await gmp.locator('.document-list a', { hasText: 'GMP证书.pdf' }).waitFor();
    await screenshot(cobetter, 'certificates-recorded');
    await assertAccessible(cobetter, 'an organisation page with certificates');

    // The reminder (the server's jobs run every second) reaches the maker's inbox.
    let reminder;
    for (let tries = 0; tries < 40 && !reminder; tries++) {
      const inbox = await (await cobetter.request.get(`${server.url}/api/me/notifications?lang=zh`)).json();
      reminder = inbox.items.find((n) => n.kind === 'certificate_expiring');
      if (!reminder) await cobetter.waitForTimeout(250);
    }
    assert.ok(reminder, 'a certificate_expiring notification');
    assert.match(reminder.title, /ZJ20240123 将于.*到期/);

    // The ISO 13485 renewed: a new expiry date, recorded in place.
    await iso.locator('form.renew input[type="date"]').fill(day(1500));
    await iso.locator('form.renew button[type="submit"]').click();
    await section.locator('li.certificate', { hasText: 'Q5 123456' }).locator(`.badge.ok`, { hasText: day(1500).slice(0, 4) }).waitFor();

    // A Russian buyer asks for GMP valid in China and finds the maker; not in Kazakhstan.
    await medsi.goto(`${server.url}/?q=${encodeURIComponent('мембранные фильтры GMP')}&certificate=gmp&certified_in=CN`);
    await medsi.locator('.results').waitFor();
    await medsi.locator(`.results a[href="/organizations/${ORG}"]`).first().waitFor();
    assert.equal(await medsi.locator('#filter-certificate').inputValue(), 'gmp');
    await medsi.goto(`${server.url}/?q=${encodeURIComponent('мембранные фильтры GMP')}&certificate=gmp&certified_in=KZ`);
    await medsi.locator('.results').waitFor();
    assert.equal(await medsi.locator(`.results a[href="/organizations/${ORG}"]`).count(), 0);
    await medsi.goto(`${server.url}/organizations/${ORG}`);
    const seen = medsi.locator('section.certificates li.certificate', { hasText: 'ZJ20240123' });
    await seen.waitFor();
    assert.match(await seen.textContent(), /Истекает через 60 дн\./);
    assert.equal(await medsi.locator('section.certificates .certificate-form').count(), 0);

    // The platform admin accredits the chamber; its member verifies the GMP.
    const accredited = await admin.request.put(`${server.url}/api/organizations/org-cn-cccmhpie/accreditation`, {
      headers: { Origin: server.url },
    });
    assert.equal(accredited.status(), 200);
    await chamber.goto(`${server.url}/organizations/${ORG}`);
    const toVerify = chamber.locator('li.certificate', { hasText: 'ZJ20240123' });
    await toVerify.locator('form.inline-form select').selectOption('registry');
    await toVerify.locator('form.inline-form button[type="submit"]').click();
    await toVerify.locator('.badge.ok', { hasText: '经认可的协会' }).waitFor();
    await medsi.reload();
    await medsi.locator('li.certificate .badge.ok', { hasText: 'аккредитованной ассоциацией' }).waitFor();

    assert.deepEqual(cobetter.problems.filter((p) => !/422/.test(p)), []);
    assert.deepEqual(medsi.problems, []);
    assert.deepEqual(chamber.problems, []);
  });
});
