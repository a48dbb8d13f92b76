// A partnering event end to end on the demo data. The demo forum's first day
// was yesterday (in Moscow) and its second is today, with a published
// schedule. A Russian hospital's delegate finds her meeting on her agenda,
// downloads her calendar (read back by ical.js), accepts a new request and,
// after yesterday's meeting, asks to follow it up; when the other side asks
// too, a deal opens. The organiser
// re-drafts the schedule, sees it against its bound and publishes it; the new
// meeting reaches her agenda without moving the published one. A delegate
// from Kazakhstan registers for the second day only and asks for a meeting.
// A Chinese delegate reads her agenda in Shanghai time, in Chinese.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import ICAL from 'ical.js';
import { assertAccessible, launchBrowser, newPage, screenshot, startServer, signIn as signInAs } from './harness.mjs';

const EVENT = 'demo-evt-ru-cn-forum';
const EVENT_NAME = 'Russia–China Medical Innovation Partnering Forum';
const DELEGATE = 'anna.ivanova@medsi.demo.biobridge.example';
const ORGANISER = 'liu.yang@cccmhpie.demo.biobridge.example';

let server;
let browser;
let anna;

const signIn = (page, email, lang) => signInAs(server, page, email, lang);

describe('a partnering event', () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    anna = await newPage(browser, { bypassCSP: true, acceptDownloads: true });
    await signIn(anna, DELEGATE);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a delegate finds her agenda and takes it home as a calendar', async () => {
    await anna.getByRole('link', { name: 'Events', exact: true }).click();
    await anna.getByRole('link', { name: EVENT_NAME }).click();
    await anna.waitForURL(`**/events/${EVENT}`);
    const agenda = anna.locator('section[aria-labelledby="agenda-heading"]');
    await agenda.getByText('Times in Europe/Moscow.').waitFor();
    const rows = agenda.locator('tbody tr');
    assert.equal(await rows.count(), 1);
    await rows.first().getByText(/Zhang Min \(Fourier Intelligence\)/).waitFor();
    await rows.first().getByText('Must meet').waitFor();
    await assertAccessible(anna, 'the event page of a delegate');
    await screenshot(anna, 'event-delegate');

    const [download] = await Promise.all([anna.waitForEvent('download'), agenda.getByRole('link', { name: 'Download calendar (.ics)' }).click()]);
    assert.equal(download.suggestedFilename(), `${EVENT}-agenda.ics`);
    const calendar = new ICAL.Component(ICAL.parse(readFileSync(await download.path(), 'utf8')));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    assert.equal(events.length, 1);
    assert.match(events[0].uid, /^meeting-mrq_[a-z0-9]+@biobridge$/);
    assert.equal(events[0].startDate.zone.tzid, 'Europe/Moscow');
    assert.equal(events[0].endDate.toUnixTime() - events[0].startDate.toUnixTime(), 30 * 60);
    assert.match(events[0].summary, /Zhang Min/);
    assert.deepEqual(anna.problems, []);
  });

  test('she accepts a request and follows yesterday’s meeting up into a deal', async () => {
    const requests = anna.locator('section[aria-labelledby="requests-heading"]');
    const fromWang = requests.locator('li', { hasText: 'Wang Fang' });
    await fromWang.getByText('Clinical partners in Moscow for a multicentre study.').waitFor();
    await fromWang.getByRole('button', { name: 'Accept' }).click();
    await fromWang.getByText('Accepted', { exact: true }).waitFor();

    // A follow-up opens a deal between two organisations: each side asks for it.
    const agenda = anna.locator('section[aria-labelledby="agenda-heading"]');
    await agenda.getByRole('button', { name: 'Held — follow up' }).click();
    await agenda.getByText('You asked to follow up: the deal opens when the other side asks too.').waitFor();
    assert.equal(await agenda.getByRole('link', { name: 'Open the deal' }).count(), 0);

    const zhang = await newPage(browser);
    await signIn(zhang, 'zhang.min@fourier.demo.biobridge.example');
    await zhang.goto(`${server.url}/events/${EVENT}`);
    const hers = zhang.locator('section[aria-labelledby="agenda-heading"] tbody tr', { hasText: 'Анна Иванова' });
    await hers.getByText('The other side would like to follow up.').waitFor();
    await hers.getByRole('button', { name: 'Held — follow up' }).click();
    await hers.getByRole('link', { name: 'Open the deal' }).waitFor();
    assert.deepEqual(zhang.problems, []);
    await zhang.close();

    await anna.reload();
    await agenda.getByRole('link', { name: 'Open the deal' }).click();
    await anna.waitForURL('**/deals/*');
    await anna.getByText(/Follow-up of the partnering meeting at Russia–China Medical Innovation Partnering Forum/).first().waitFor();
    assert.deepEqual(anna.problems, []);
  });

  test('the organiser re-drafts the schedule, sees its bound and publishes it', async () => {
    const organiser = await newPage(browser, { bypassCSP: true });
    await signIn(organiser, ORGANISER);
    await organiser.goto(`${server.url}/events/${EVENT}`);
    await organiser.getByRole('link', { name: 'Organise the event' }).click();
    await organiser.waitForURL(`**/events/${EVENT}/organise`);
    const schedule = organiser.locator('section[aria-labelledby="schedule-heading"]');
    await schedule.getByText('Published', { exact: true }).waitFor();
    // The requests by state; each count opens its list.
    const figures = organiser.locator('section[aria-labelledby="requests-summary-heading"]');
    const figure = (label) => figures.locator('dl.figures > div', { hasText: label }).getByRole('button');
    assert.deepEqual([await figure('Accepted').innerText(), await figure('Pending').innerText(), await figure('Declined or withdrawn').innerText()], ['6', '1', '1']);
    await figure('Pending').click();
    await figures.locator('li').getByText('Pending').waitFor();
    assert.equal(await figures.locator('li').count(), 1);
    await schedule.getByRole('button', { name: 'Draft the schedule' }).click();
    await schedule.getByText('Draft', { exact: true }).waitFor();
    // Every accepted request met: said in words, the bound and the proof one click away (small enough for CBC).
    await schedule.getByText('No schedule could fit more (must-meet requests count double).').waitFor();
    await schedule.getByText('The figures').click();
    await schedule.getByText('100%').waitFor();
    await schedule.getByText('Proven optimal').waitFor();
    const newMeeting = schedule.locator('tbody tr', { hasText: 'Wang Fang' }).filter({ hasText: 'Анна Иванова' });
    await newMeeting.getByText('(not yet published)').waitFor();
    await newMeeting.getByText('Video room 1').waitFor();  // Wang Fang takes part online
    const delegates = organiser.locator('section[aria-labelledby="delegates-heading"] tbody tr');
    assert.equal(await delegates.count(), 6);
    await delegates.filter({ hasText: 'Zhang Min' }).getByText('Hall A — medical devices, stand A12').waitFor();
    await delegates.filter({ hasText: 'Сергей Петров' }).getByText('11 / 22').waitFor();  // the second day only
    await assertAccessible(organiser, 'the organiser page');
    await screenshot(organiser, 'event-organiser');
    await schedule.getByRole('button', { name: 'Publish the schedule' }).click();
    await schedule.getByText('Published', { exact: true }).waitFor();
    assert.equal(await schedule.getByText('(not yet published)').count(), 0);
    // The meetings, for a spreadsheet: one row per meeting, the video room's with its link.
    const [download] = await Promise.all([organiser.waitForEvent('download'), schedule.getByRole('link', { name: 'Meetings (CSV)' }).click()]);
    assert.equal(download.suggestedFilename(), `${EVENT}-meetings.csv`);
    const csv = readFileSync(await download.path(), 'utf8').split('\r\n');
    assert.match(csv[0], /^"request","slot","start","end","time_zone","place","participants","status","published",/);
    assert.ok(csv.some((line) => line.includes('"Video room 1"') && line.includes('"https://video.demo.biobridge.example/')));
    // The same as a workbook, read back by Python's zipfile.
    const [workbook] = await Promise.all([organiser.waitForEvent('download'), schedule.getByRole('link', { name: 'Meetings (XLSX)' }).click()]);
    assert.equal(workbook.suggestedFilename(), `${EVENT}-meetings.xlsx`);
    const strings = execFileSync('python3', ['-c', 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("xl/sharedStrings.xml").decode())', await workbook.path()], { encoding: 'utf8' });
    assert.ok(strings.includes('<t>Video room 1</t>') && strings.includes('<t>participants</t>'));
    assert.deepEqual(organiser.problems, []);
    await organiser.close();

    // The delegate's agenda has the new meeting; yesterday's stays where it was, held.
    await anna.goto(`${server.url}/events/${EVENT}`);
    const rows = anna.locator('section[aria-labelledby="agenda-heading"] tbody tr');
    await rows.filter({ hasText: 'Wang Fang' }).getByText('Video room 1').waitFor();
    await rows.filter({ hasText: 'Zhang Min' }).getByText('Held', { exact: true }).waitFor();
    assert.equal(await rows.count(), 2);
  });

  test('a delegate registers for one day, then asks for a meeting', async () => {
    const aigerim = await newPage(browser, { bypassCSP: true });
    await signIn(aigerim, 'aigerim.nurlanova@nu.demo.biobridge.example');
    await aigerim.goto(`${server.url}/events/${EVENT}`);
    const form = aigerim.locator('section[aria-labelledby="register-heading"]');
    await form.getByLabel('Your time zone').selectOption('Asia/Almaty');  // chosen by city, never typed
    // Unticks every slot: said next to the slots, nothing sent.
    for (const box of await form.locator('.slot-day input[type="checkbox"]').all()) await box.uncheck();
    await form.getByRole('button', { name: 'Register' }).click();
    await aigerim.locator('#error-available_slots').waitFor();
    // The second day only.
    const secondDay = form.locator('.slot-day').nth(1);
    for (const box of await secondDay.locator('input[type="checkbox"]').all()) await box.check();
    assert.match(await form.getByLabel('Your time zone').locator('option:checked').innerText(), /^Almaty — /);
    await form.getByLabel('Most meetings for me').fill('3');
    await form.getByRole('button', { name: 'Register' }).click();
    const meet = aigerim.locator('section[aria-labelledby="meet-heading"]');
    const row = meet.locator('li', { hasText: 'Дмитрий Соколов' });
    await row.getByRole('button', { name: 'Ask to meet Дмитрий Соколов' }).click();
    await row.getByLabel('Priority').selectOption('must');
    await row.getByLabel('Message (optional)').fill('Joint clinical research in Astana.');
    await row.getByRole('button', { name: 'Send the request to Дмитрий Соколов' }).click();
    await meet.getByText('Request sent to Дмитрий Соколов.').waitFor();
    const outgoing = aigerim.locator('section[aria-labelledby="requests-heading"] li', { hasText: 'Дмитрий Соколов' });
    await outgoing.getByText('Pending').waitFor();
    await assertAccessible(aigerim, 'the event page after registering');
    // Her registration as saved: the second day only, at most three meetings.
    const mine = await (await aigerim.request.get(`${server.url}/api/events/${EVENT}/me`)).json();
    assert.equal(mine.time_zone, 'Asia/Almaty');
    assert.equal(mine.max_meetings, 3);
    assert.ok(mine.available_slots.length === 11 && mine.available_slots.every((s) => s.startsWith('d2-')));
    assert.deepEqual(aigerim.problems, []);
    await aigerim.close();
  });

  test('a delegate who takes part online finds the links to her video calls, and no one else does', async () => {
    const wang = await newPage(browser);
    await signIn(wang, 'wang.fang@sph.demo.biobridge.example');
    await wang.goto(`${server.url}/events/${EVENT}`);
    const agenda = wang.locator('section[aria-labelledby="agenda-heading"]');
    const joins = agenda.getByRole('link', { name: 'Join the video call' });
    await joins.first().waitFor();
    const links = await joins.evaluateAll((anchors) => anchors.map((a) => [a.getAttribute('href'), a.getAttribute('rel')]));
    const hrefs = links.map(([href]) => href);
    assert.ok(hrefs.length >= 1);
    assert.equal(new Set(hrefs).size, hrefs.length, 'each meeting has its own call');
    for (const [href, rel] of links) {
      assert.match(href, new RegExp(`^https://video\\.demo\\.biobridge\\.example/${EVENT}-mrq_[a-z0-9]+-[A-Za-z0-9_-]{16}$`));
      assert.equal(rel, 'noopener noreferrer');
    }
    // Her calendar carries them (URL and CONFERENCE); the event itself does not show her the pattern.
    const ics = await (await wang.request.get(`${server.url}/api/events/${EVENT}/agenda.ics`)).text();
    const calendar = new ICAL.Component(ICAL.parse(ics));
    for (const href of hrefs) {
      const online = calendar.getAllSubcomponents('vevent').filter((v) => v.getFirstPropertyValue('url') === href);
      assert.equal(online.length, 1, href);
      assert.equal(online[0].getFirstProperty('conference').getFirstValue(), href);
    }
    const event = await (await wang.request.get(`${server.url}/api/events/${EVENT}`)).json();
    assert.equal(event.video_link, undefined);
    // Anna's calendar holds a call only for her meeting with Wang, never another of Wang's.
    const annaIcs = await (await anna.request.get(`${server.url}/api/events/${EVENT}/agenda.ics`)).text();
    const annaCalls = new ICAL.Component(ICAL.parse(annaIcs)).getAllSubcomponents('vevent').filter((v) => v.getFirstPropertyValue('url'));
    assert.ok(annaCalls.length < hrefs.length);
    for (const call of annaCalls) {
      assert.ok(hrefs.includes(call.getFirstPropertyValue('url')));
      assert.match(call.getFirstPropertyValue('summary'), /Wang Fang/);
    }
    assert.deepEqual(wang.problems, []);
    await wang.close();
  });

  test('a Chinese delegate reads her agenda in Shanghai time, in Chinese', async () => {
    const zhang = await newPage(browser);
    await signIn(zhang, 'zhang.min@fourier.demo.biobridge.example', 'zh');
    await zhang.goto(`${server.url}/events/${EVENT}`);
    await zhang.getByRole('heading', { name: '中俄医药创新合作洽谈会' }).waitFor();
    const agenda = zhang.locator('section[aria-labelledby="agenda-heading"]');
    await agenda.getByText('时间为 Asia/Shanghai 时间。').waitFor();
    assert.equal(await agenda.locator('tbody tr').count(), 2);
    await screenshot(zhang, 'event-delegate-zh');
    // Her calendar is worded in Chinese and written in her zone.
    const response = await zhang.request.get(`${server.url}/api/events/${EVENT}/agenda.ics?lang=zh`);
    assert.equal(response.status(), 200);
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    assert.equal(events.length, 2);
    for (const event of events) {
      assert.match(event.summary, /^会见：/);
      assert.equal(event.startDate.zone.tzid, 'Asia/Shanghai');
    }
    assert.deepEqual(zhang.problems, []);
    await zhang.close();
  });

  test('an organiser creates an event from days and sessions', async () => {
    const organiser = await newPage(browser, { bypassCSP: true });
    await signIn(organiser, ORGANISER);
    await organiser.goto(`${server.url}/events`);
    await organiser.getByRole('link', { name: 'Create an event' }).click();
    await organiser.getByLabel('Name in English').fill('Almaty health-care week');
    await organiser.getByLabel('Kind of event').selectOption('exhibition');
    await organiser.getByLabel('Time zone of the venue').selectOption('Asia/Almaty');
    await organiser.getByLabel('First day').fill('2027-05-18');
    // Sessions as times, not typed text: the second one overlaps the first.
    await organiser.getByLabel('Session 1 starts').fill('10:00');
    await organiser.getByLabel('Session 1 ends').fill('12:00');
    await organiser.getByLabel('Session 2 starts').fill('11:30');
    await organiser.getByLabel('Session 2 ends').fill('13:00');
    await organiser.getByLabel('Video rooms').fill('2');
    await organiser.getByRole('button', { name: 'Save' }).click();
    // The server names the field at fault; the form shows it there and keeps what was typed.
    await organiser.locator('#error-plan').getByText(/before the session before it ends/).waitFor();
    await organiser.getByLabel('Session 2 starts').fill('14:00');
    await organiser.getByLabel('Session 2 ends').fill('16:00');
    await organiser.getByRole('button', { name: 'Save' }).click();
    await organiser.waitForURL('**/events/*/organise');
    await organiser.getByRole('link', { name: 'Almaty health-care week' }).waitFor();
    const slots = organiser.locator('section[aria-labelledby="slots-heading"]');
    assert.equal(await slots.locator('table').first().locator('tbody tr').count(), 4);  // 2 days × 2 sessions
    await slots.getByRole('row', { name: /Video room 2/ }).waitFor();
    await organiser.getByText('Meeting slots').locator('xpath=following-sibling::dd[1]').getByText('16').waitFor();
    // Cancelling it: the schedule can no longer be drafted.
    organiser.once('dialog', (dialog) => dialog.accept());
    await organiser.getByRole('button', { name: 'Cancel the event' }).click();
    await organiser.getByRole('heading', { name: /Organise the event/ }).getByText('Cancelled').waitFor();
    assert.equal(await organiser.getByRole('button', { name: 'Draft the schedule' }).count(), 0);
    assert.deepEqual(organiser.problems, []);
    await organiser.close();
  });
});
