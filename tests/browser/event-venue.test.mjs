// A partnering event for everyone who meets it: a visitor reads the public
// page and the participants who chose to be listed; a delegate browses
// participants, suggestions first, and asks to meet one from the list; two
// delegates move a meeting to another time between them, and one leaves the
// event; the organiser checks a delegate in from a photo of the QR code on
// her agenda (and refuses a forged code), opens the figure behind the
// attendance, and prints table signs and agendas.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertAccessible, launchBrowser, newPage, screenshot, signIn as signInAs, startServer } from './harness.mjs';

const EVENT = 'demo-evt-ru-cn-forum';
const EVENT_NAME = 'Russia–China Medical Innovation Partnering Forum';
const ORGANISER = 'liu.yang@cccmhpie.demo.biobridge.example';
const ANNA = 'anna.ivanova@medsi.demo.biobridge.example';
const DMITRY = 'dmitry.sokolov@biocad.demo.biobridge.example';
const ZHANG = 'zhang.min@fourier.demo.biobridge.example';

let server;
let browser;

const signIn = (page, email) => signInAs(server, page, email);

// YYYY-MM-DD, `days` from now.
function dayFromNow(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function ok(response, status = 200) {
  assert.equal(response.status(), status, await response.text());
  return response.json();
}

describe('a partnering event, public and at the venue', () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a visitor reads the public page and the listed participants, and is asked to sign in to register', async () => {
    const visitor = await newPage(browser, { bypassCSP: true });
    await visitor.goto(server.url);
    await visitor.getByRole('link', { name: 'Events', exact: true }).click();
    await visitor.getByRole('link', { name: EVENT_NAME }).click();
    await visitor.waitForURL(`**/events/${EVENT}`);
    const about = visitor.locator('section[aria-labelledby="about-heading"]');
    await about.getByText('Technopark Skolkovo, Bolshoy Boulevard 42, Moscow').waitFor();
    await about.getByRole('link', { name: 'Russia-China Investment Fund' }).waitFor();
    await about.getByText('Opening and plenary: registering medical devices in China and the EAEU').waitFor();
    const participants = visitor.locator('section[aria-labelledby="meet-heading"]');
    await participants.getByText('3 participants chose to be listed').waitFor();
    for (const name of ['Дмитрий Соколов', '张敏 Zhang Min', 'Сергей Петров']) await participants.getByRole('link', { name }).waitFor();
    assert.equal(await participants.getByText('Анна Иванова').count(), 0, 'Anna did not choose to be listed');
    assert.equal(await participants.getByRole('button', { name: 'Ask to meet' }).count(), 0);
    await visitor.getByRole('link', { name: 'Sign in to register' }).waitFor();
    await assertAccessible(visitor, 'the public event page');
    await screenshot(visitor, 'event-public');
    // A listed participant's profile; an unlisted one is not there for a visitor.
    await participants.getByRole('link', { name: 'Дмитрий Соколов' }).click();
    await visitor.getByRole('heading', { name: 'Дмитрий Соколов' }).waitFor();
    await visitor.getByRole('link', { name: 'BIOCAD' }).waitFor();
    const hidden = await visitor.request.get(`${server.url}/api/events/${EVENT}`);
    assert.equal((await hidden.json()).video_link, undefined, 'the video-call pattern is the organisers’');
    // She signs in from the event's page, comes back to it and registers, listed publicly.
    await visitor.goBack();
    await visitor.getByRole('link', { name: 'Sign in to register' }).click();
    await visitor.locator('#signin-email').fill('aigerim.nurlanova@nu.demo.biobridge.example');
    await visitor.locator('#signin-password').fill(server.demoPassword);
    await visitor.locator('form button[type="submit"]').click();
    await visitor.waitForURL(`**/events/${EVENT}`);
    // Signed in, the page speaks her language; she reads it in English here.
    await visitor.getByRole('heading', { name: /Российско-китайский форум/ }).waitFor();
    await visitor.getByLabel('Язык').selectOption('en');
    const form = visitor.locator('section[aria-labelledby="register-heading"]');
    await form.getByLabel('Your time zone').selectOption('Asia/Almaty');
    await form.getByLabel("List me on the event's public participant list").check();
    await form.getByRole('button', { name: 'Register' }).click();
    await visitor.locator('section[aria-labelledby="agenda-heading"]').waitFor();
    const listed = await (await browser.newContext()).request.get(`${server.url}/api/events/${EVENT}/participants`);
    assert.ok((await listed.json()).items.some((p) => p.name === 'Айгерим Нурланова' || p.organization === 'org-kz-nu'));
    assert.deepEqual(visitor.problems, []);
    await visitor.close();
  });

  test('a delegate browses participants, suggestions first, and asks one to meet from the list', async () => {
    const anna = await newPage(browser, { bypassCSP: true });
    await signIn(anna, ANNA);
    await anna.goto(`${server.url}/events/${EVENT}`);
    const list = anna.locator('section[aria-labelledby="meet-heading"]');
    await list.getByText('6 participants').waitFor();  // with the one who registered above
    assert.ok((await list.getByText('Suggested for you').count()) >= 1);
    // Search across languages: an English word finds a Chinese company whose posts she reads in Russian too.
    await list.getByLabel('Search participants').fill('robot');
    await list.getByRole('button', { name: 'Search' }).click();
    await list.getByText('1 participant', { exact: true }).waitFor();
    await list.getByRole('link', { name: '张敏 Zhang Min' }).waitFor();
    await list.getByLabel('Search participants').fill('');
    await list.getByRole('button', { name: 'Search' }).click();
    await list.getByLabel('Country').selectOption('RU');
    const row = list.locator('li', { hasText: 'Дмитрий Соколов' });
    await row.getByRole('button', { name: 'Ask to meet Дмитрий Соколов' }).click();
    await row.getByLabel('Priority').selectOption('must');
    await row.getByLabel('Message (optional)').fill('Biosimilars for our clinics.');
    await row.getByRole('button', { name: 'Send the request to Дмитрий Соколов' }).click();
    await list.getByText('Request sent to Дмитрий Соколов.').waitFor();
    await list.locator('li', { hasText: 'Дмитрий Соколов' }).getByText('Pending').waitFor();
    await assertAccessible(anna, 'the participants of an event');
    assert.deepEqual(anna.problems, []);
    await anna.close();
  });

  test('two delegates move their meeting to another time, then one leaves the event', async () => {
    const organiser = await newPage(browser, { bypassCSP: true });
    await signIn(organiser, ORGANISER);
    const api = (page, path) => `${server.url}${path}`;
    const created = await ok(
      await organiser.request.post(api(organiser, '/api/events'), {
        data: {
          id: 'evt-next-month',
          name: { en: 'Autumn partnering day' },
          time_zone: 'Europe/Moscow',
          tables: 2,
          plan: { days: [dayFromNow(30)], sessions: [{ start: '10:00', end: '12:00' }], slot_minutes: 30 },
        },
      }),
      201,
    );
    const zhang = await newPage(browser, { bypassCSP: true });
    await signIn(zhang, ZHANG);
    const dmitry = await newPage(browser, { bypassCSP: true });
    await signIn(dmitry, DMITRY);
    const z = await ok(await zhang.request.post(api(zhang, `/api/events/${created.id}/delegates`), { data: { organization: 'org-cn-fourier' } }), 201);
    const d = await ok(await dmitry.request.post(api(dmitry, `/api/events/${created.id}/delegates`), { data: { organization: 'org-ru-biocad' } }), 201);
    const asked = await ok(await zhang.request.post(api(zhang, `/api/events/${created.id}/requests`), { data: { to: d.id } }), 201);
    await ok(await dmitry.request.post(api(dmitry, `/api/meeting-requests/${asked.id}/answer`), { data: { decision: 'accept', version: asked.version } }));
    const draft = await ok(await organiser.request.post(api(organiser, `/api/events/${created.id}/schedule`), { data: {} }));
    await ok(await organiser.request.post(api(organiser, `/api/events/${created.id}/schedule/publish`), { data: { version: draft.version } }));
    const before = await ok(await zhang.request.get(api(zhang, `/api/events/${created.id}/agenda`)));
    assert.equal(before.items.length, 1);

    // Zhang proposes the last slot of the morning.
    await zhang.goto(`${server.url}/events/${created.id}`);
    const agenda = zhang.locator('section[aria-labelledby="agenda-heading"]');
    await agenda.getByRole('button', { name: 'Propose another time' }).click();
    const last = created.slots[created.slots.length - 1];
    const target = last.id === before.items[0].slot ? created.slots[0] : last;
    await agenda.getByLabel('New time').selectOption(target.id);
    await agenda.getByRole('button', { name: 'Send the proposal' }).click();
    await agenda.getByText('Another time is proposed; see the requests below.').waitFor();
    await zhang.locator('section[aria-labelledby="requests-heading"]').getByText(/You proposed another time/).waitFor();

    // Dmitry accepts it: both agendas show the new time.
    await dmitry.goto(`${server.url}/events/${created.id}`);
    const requests = dmitry.locator('section[aria-labelledby="requests-heading"]');
    await requests.getByText(/Another time is proposed/).waitFor();
    await assertAccessible(dmitry, 'a proposed time to answer');
    await requests.getByRole('button', { name: 'Accept the new time' }).click();
    await requests.getByText(/Another time is proposed/).waitFor({ state: 'detached' });
    const moved = await ok(await zhang.request.get(api(zhang, `/api/events/${created.id}/agenda`)));
    assert.equal(moved.items[0].slot, target.id);
    assert.equal(moved.items[0].sequence, before.items[0].sequence + 1);
    const bell = await ok(await zhang.request.get(api(zhang, '/api/me/notifications')));
    assert.ok(bell.items.some((n) => n.kind === 'meeting_moved'));

    // Zhang leaves: the meeting is cancelled on Dmitry's agenda, and she may register again.
    zhang.once('dialog', (dialog) => dialog.accept());
    await zhang.reload();
    await zhang.getByText('My registration').click();
    await zhang.getByRole('button', { name: 'Unregister from the event' }).click();
    await zhang.locator('section[aria-labelledby="register-heading"]').waitFor();
    const left = await ok(await dmitry.request.get(api(dmitry, `/api/events/${created.id}/agenda`)));
    assert.equal(left.items[0].status, 'cancelled');
    const told = await ok(await dmitry.request.get(api(dmitry, '/api/me/notifications')));
    assert.ok(told.items.some((n) => n.kind === 'meeting_cancelled'));
    assert.equal((await dmitry.request.post(api(dmitry, `/api/delegates/${z.id}/unregister`), { data: { version: 1 } })).status(), 404);
    for (const page of [organiser, zhang, dmitry]) assert.deepEqual(page.problems, []);
    await Promise.all([organiser.close(), zhang.close(), dmitry.close()]);
  });

  test('the organiser checks a delegate in from a photo of her QR code, sees attendance and prints signs and agendas', async () => {
    const anna = await newPage(browser, { bypassCSP: true });
    await signIn(anna, ANNA);
    await anna.goto(`${server.url}/events/${EVENT}`);
    const qr = anna.getByRole('img', { name: 'Your check-in QR code' });
    await qr.waitFor();
    const photo = await qr.screenshot();
    await anna.close();

    const organiser = await newPage(browser, { bypassCSP: true });
    await signIn(organiser, ORGANISER);
    await organiser.goto(`${server.url}/events/${EVENT}/check-in`);
    // A forged code is refused and checks nobody in.
    await organiser.getByLabel('Check-in code').fill(`BBCHECKIN:${EVENT}:dlg_forged:AAAAAAAAAAAAAAAA`);
    await organiser.getByRole('button', { name: 'Check in', exact: true }).click();
    await organiser.getByText(/not valid for this event/).waitFor();
    await organiser.getByLabel('Photo of the QR code').setInputFiles({ name: 'badge.png', mimeType: 'image/png', buffer: photo });
    await organiser.getByText(/Анна Иванова \(.*\) is checked in\./).waitFor();
    await assertAccessible(organiser, 'the check-in page');
    await screenshot(organiser, 'event-check-in');

    await organiser.goto(`${server.url}/events/${EVENT}/organise`);
    const attendance = organiser.locator('section[aria-labelledby="attendance-heading"]');
    const checkedIn = attendance.locator('dl.figures > div', { hasText: /^Checked in/ });
    await checkedIn.getByRole('button', { name: '1' }).click();
    await attendance.locator('table').getByText('Анна Иванова').waitFor();
    await attendance.locator('dl.figures > div', { hasText: 'Not checked in' }).getByRole('button').click();
    await attendance.locator('table').getByText('Дмитрий Соколов').waitFor();
    assert.equal(await attendance.locator('table').getByText('Анна Иванова').count(), 0);

    await organiser.goto(`${server.url}/events/${EVENT}/print/signs`);
    await organiser.getByRole('heading', { name: 'Table 1', exact: true }).waitFor();
    await organiser.goto(`${server.url}/events/${EVENT}/print/agendas`);
    const annas = organiser.locator('section.delegate-agenda', { hasText: 'Анна Иванова' });
    await annas.getByRole('img', { name: 'Check-in QR code of Анна Иванова' }).waitFor();
    await organiser.emulateMedia({ media: 'print' });
    assert.equal(await organiser.getByRole('button', { name: 'Print' }).isVisible(), false, 'the button stays off the paper');
    assert.deepEqual(organiser.problems, []);
    await organiser.close();
  });

  test('the organiser edits the public page: venue, programme, and a session that ends before it starts is refused', async () => {
    const organiser = await newPage(browser, { bypassCSP: true });
    await signIn(organiser, ORGANISER);
    await organiser.goto(`${server.url}/events/${EVENT}/organise`);
    const form = organiser.locator('section[aria-labelledby="public-page-heading"]');
    await form.getByLabel('Venue').fill('Gostiny Dvor, Ilyinka 4, Moscow');
    await form.getByRole('button', { name: 'Add a programme session' }).click();
    const row = form.locator('.programme-row').last();
    await row.getByLabel('Day').selectOption({ index: 1 });
    await row.getByLabel('Starts').fill('16:30');
    await row.getByLabel('Ends').fill('16:00');
    await row.getByLabel('Session').fill('Closing and awards');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.locator('#error-sessions').getByText(/Programme session 3 ends .* before it starts/).waitFor();
    await row.getByLabel('Ends').fill('17:00');
    await form.getByRole('button', { name: 'Save' }).click();
    await organiser.getByText('The public page is saved.').waitFor();
    await assertAccessible(organiser, 'the organiser page with the public-page editor');

    const visitor = await newPage(browser);
    await visitor.goto(`${server.url}/events/${EVENT}`);
    const about = visitor.locator('section[aria-labelledby="about-heading"]');
    await about.getByText('Gostiny Dvor, Ilyinka 4, Moscow').waitFor();
    await about.getByText('Closing and awards').waitFor();
    // The Chinese and Russian titles of the sessions that were there are kept.
    const event = await ok(await visitor.request.get(`${server.url}/api/events/${EVENT}`));
    assert.equal(event.sessions.length, 3);
    assert.match(event.sessions[0].title.zh, /开幕/);
    for (const page of [organiser, visitor]) assert.deepEqual(page.problems, []);
    await Promise.all([organiser.close(), visitor.close()]);
  });
});
