// Mail end to end, with real parts: a real SMTP server (Debian's aiosmtpd,
// tests/mail/smtp_sink.py, which reads each mail with Python's email
// package) and the real `biobridge serve`. What arrives is checked as a
// recipient's program would see it: the right recipients only, the
// language, the encoded subject decoded, the links under the public URL,
// the one-click unsubscribe (RFC 8058) that works from a mail provider's
// POST; a server that is down leaves the mail in the outbox with its error
// while the user's action succeeds; and a BioBridge killed with SIGKILL
// after the commit, before any delivery, sends the mail after a restart.
import { spawn } from 'node:child_process';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import ICAL from 'ical.js';

const PUBLIC_URL = 'http://exchange.biobridge.test';
const ADMIN = { email: 'admin@biobridge.local', password: 'mail-test-admin-password' };
const PASSWORD = 'a long enough password';
const work = mkdtempSync(join(tmpdir(), 'biobridge-mail-'));
const children = new Set();
after(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

// Runs `command` until its output matches `pattern`; resolves with the match.
function startProcess(command, args, pattern, env = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  children.add(child);
  child.on('exit', () => children.delete(child));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} did not start:\n${output}`)), 60_000);
    const read = (chunk) => {
      output += chunk.toString();
      const match = output.match(pattern);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => reject(new Error(`${command} exited with ${code}:\n${output}`)));
  });
}

async function startSink(name) {
  const dir = join(work, name);
  const { child, match } = await startProcess('/usr/bin/python3', ['tests/mail/smtp_sink.py', dir], /PORT (\d+)/);
  return { dir, port: Number(match[1]), child };
}

async function startBioBridge(db, smtpPort) {
  const args = ['serve', '--db', db, '--port', '0', '--threads', '2', '--public-url', PUBLIC_URL,
    '--mail-from', 'BioBridge Exchange <noreply@biobridge.test>'];
  if (smtpPort) args.push('--smtp-url', `smtp://127.0.0.1:${smtpPort}`);
  const { child, match } = await startProcess(process.env.BIOBRIDGE_BIN, args, /BioBridge listening on (http:\/\/[\d.]+:\d+)/,
    { BIOBRIDGE_ADMIN_EMAIL: ADMIN.email, BIOBRIDGE_ADMIN_PASSWORD: ADMIN.password });
  return { url: match[1], child };
}

// A client that keeps its session cookie.
function client(base) {
  let cookie = '';
  return async (method, path, body) => {
    const response = await fetch(base + path, {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(cookie ? { cookie } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const set = response.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0];
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : null };
  };
}

async function person(base, email, language, organization) {
  const call = client(base);
  assert.equal((await call('POST', '/api/auth/register', { email, password: PASSWORD, display_name: email.split('@')[0],
    preferred_language: language })).status, 201);
  assert.equal((await call('POST', '/api/auth/signin', { email, password: PASSWORD })).status, 200);
  const org = await call('POST', '/api/organizations', { id: organization, name: { en: `Org ${organization}` },
    kind: 'company', country: 'CN' });
  assert.equal(org.status, 201, JSON.stringify(org.json));
  return call;
}

function mails(dir) {
  let names = [];
  try { names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort(); } catch { /* none yet */ }
  return names.map((n) => JSON.parse(readFileSync(join(dir, n), 'utf8')));
}

const ofKind = (kind) => (m) => m.headers['x-biobridge-kind'] === kind;
const notVerification = (m) => m.headers['x-biobridge-kind'] !== 'verify_email';

async function waitForMail(dir, to, count = 1, which = notVerification) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = mails(dir).filter((m) => m.rcpt_tos.includes(to) && which(m));
    if (found.length >= count) return found;
    if (Date.now() > deadline) throw new Error(`no mail to ${to} in ${dir}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('a notification reaches the recipient by mail, in their language, and unsubscribes in one click', async () => {
  const sink = await startSink('sink-1');
  const db = join(work, 'one.db');
  const server = await startBioBridge(db, sink.port);
  const olga = await person(server.url, 'olga@clinic.biobridge.test', 'ru', 'org-clinic');
  const li = await person(server.url, 'li@robotics.biobridge.test', 'zh', 'org-robotics');

  const interest = await li('POST', '/api/interests', { from_organization: 'org-robotics', organization: 'org-clinic',
    message: 'We build rehabilitation robots.' });
  assert.equal(interest.status, 201, JSON.stringify(interest.json));
  const [mail] = await waitForMail(sink.dir, 'olga@clinic.biobridge.test');
  // Only Olga: the sender is not mailed about their own interest.
  assert.deepEqual(mail.rcpt_tos, ['olga@clinic.biobridge.test']);
  assert.equal(mail.mail_from, 'noreply@biobridge.test');
  assert.equal(mail.headers.subject, 'BioBridge: Org org-robotics проявляет интерес к вашей организации');
  assert.match(mail.raw, /^Subject: =\?UTF-8\?B\?/m, 'the subject travels RFC 2047-encoded');
  assert.equal(mail.headers.from, 'BioBridge Exchange <noreply@biobridge.test>');
  assert.match(mail.headers['message-id'], /^<bb\.\d+\.\d+@biobridge\.test>$/);
  assert.match(mail.text, /Здравствуйте, olga!/);
  assert.ok(mail.text.includes(`${PUBLIC_URL}/my`), mail.text);
  assert.ok(mail.html.includes(`href="${PUBLIC_URL}/my"`), mail.html);
  assert.equal(mail.headers['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');
  const unsubscribe = mail.headers['list-unsubscribe'].match(/^<(.+)>$/)[1];
  assert.ok(unsubscribe.startsWith(`${PUBLIC_URL}/api/unsubscribe?token=`), unsubscribe);
  assert.equal(mails(sink.dir).filter((m) => m.rcpt_tos.includes('li@robotics.biobridge.test') && notVerification(m)).length, 0);

  // The mail provider's one-click POST (a form, from no origin of ours).
  const oneClick = await fetch(server.url + unsubscribe.slice(PUBLIC_URL.length), {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  });
  assert.equal(oneClick.status, 200, await oneClick.text());
  const preferences = await olga('GET', '/api/me/notification-preferences');
  assert.equal(preferences.json.items.find((p) => p.kind === 'interest_received').rhythm, 'never');
  // A forged token changes nothing and says what to do.
  const forged = await fetch(`${server.url}/api/unsubscribe?token=${unsubscribe.split('token=')[1].slice(0, -4)}AAAA`,
    { method: 'POST' });
  assert.equal(forged.status, 422);
  assert.equal((await forged.json()).error.field, 'token');

  // The next interest is in Olga's inbox, but not mailed.
  const second = await person(server.url, 'aset@pharm.biobridge.test', 'en', 'org-pharm');
  assert.equal((await second('POST', '/api/interests', { from_organization: 'org-pharm', organization: 'org-clinic', message: 'Distribution in Kazakhstan?' })).status, 201);
  const inbox = await olga('GET', '/api/me/notifications');
  assert.equal(inbox.json.unread, 2);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  assert.equal((await waitForMail(sink.dir, 'olga@clinic.biobridge.test')).length, 1);
  server.child.kill('SIGTERM');
  sink.child.kill('SIGTERM');
});

test('mail survives a server that is down and a BioBridge killed before delivery', async () => {
  const db = join(work, 'two.db');
  // No mail server at all: the action succeeds, the mail waits in the outbox.
  let server = await startBioBridge(db, 0);
  const admin = client(server.url);
  const olga = await person(server.url, 'olga@clinic.biobridge.test', 'ru', 'org-clinic');
  const li = await person(server.url, 'li@robotics.biobridge.test', 'zh', 'org-robotics');
  assert.equal((await olga('POST', '/api/interests', { from_organization: 'org-clinic', organization: 'org-robotics', message: 'Your robots?' })).status, 201);
  assert.equal((await admin('POST', '/api/auth/signin', ADMIN)).status, 200);
  let outbox = await admin('GET', '/api/admin/mail');
  const waiting = outbox.json.items.find((m) => m.to === 'li@robotics.biobridge.test');
  assert.equal(waiting.state, 'pending');
  assert.equal(waiting.attempts, 0);
  // The outbox says where mail goes, never what it carries.
  assert.equal(JSON.stringify(outbox.json).includes('token'), false);

  // Killed after the commit, before anything was delivered.
  server.child.kill('SIGKILL');
  await new Promise((resolve) => server.child.on('exit', resolve));

  // Restarted with a mail server that refuses one recipient: Li's mail
  // arrives; the refused one stays in the outbox with the server's answer.
  const sink = await startSink('sink-2');
  server = await startBioBridge(db, sink.port);
  const [mail] = await waitForMail(sink.dir, 'li@robotics.biobridge.test');
  assert.equal(mail.headers.subject, 'BioBridge: Org org-clinic对贵机构表达了合作意向');
  assert.match(mail.headers['message-id'], new RegExp(`^<bb\\.${waiting.id}\\.`));

  const refused = await person(server.url, 'refuse-me@pharm.biobridge.test', 'en', 'org-pharm');
  assert.ok(refused);
  const again = client(server.url);
  assert.equal((await again('POST', '/api/auth/signin', { email: 'olga@clinic.biobridge.test', password: PASSWORD })).status, 200);
  assert.equal((await again('POST', '/api/interests', { from_organization: 'org-clinic', organization: 'org-pharm', message: 'Your products?' })).status, 201);
  const admin2 = client(server.url);
  assert.equal((await admin2('POST', '/api/auth/signin', ADMIN)).status, 200);
  const deadline = Date.now() + 20_000;
  let row;
  do {
    await new Promise((resolve) => setTimeout(resolve, 200));
    outbox = await admin2('GET', '/api/admin/mail');
    row = outbox.json.items.find((m) => m.to === 'refuse-me@pharm.biobridge.test');
  } while ((!row || row.attempts === 0) && Date.now() < deadline);
  assert.equal(row.state, 'pending', 'refused mail is retried later');
  assert.equal(row.attempts, 1);
  assert.match(row.last_error, /550/);
  const sent = outbox.json.items.find((m) => m.to === 'li@robotics.biobridge.test');
  assert.equal(sent.state, 'sent');
  server.child.kill('SIGTERM');
  sink.child.kill('SIGTERM');
});

// The iTIP invitation of a mail, read by ical.js with the VTIMEZONE of the file.
function invitation(mail) {
  assert.equal(mail.calendar.length, 1, 'one text/calendar part');
  const ics = mail.calendar[0].content;
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const [event] = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  // The same calendar travels as an attachment for programs that read only those.
  assert.equal(mail.attachments[0].content.replace(/\r\n/g, '\n'), ics.replace(/\r\n/g, '\n'));
  return { method: calendar.getFirstPropertyValue('method'), part: mail.calendar[0].method, event };
}

test('a published schedule sends each delegate an iTIP invitation; a cancelled meeting a CANCEL', async () => {
  const sink = await startSink('sink-3');
  const server = await startBioBridge(join(work, 'three.db'), sink.port);
  const admin = client(server.url);
  assert.equal((await admin('POST', '/api/auth/signin', ADMIN)).status, 200);
  const created = await admin('POST', '/api/events', { id: 'ev-kazan', name: { en: 'Kazan Forum', ru: 'Казанский форум' },
    time_zone: 'Europe/Moscow', tables: 2,
    plan: { days: ['2027-06-16'], sessions: [{ start: '09:00', end: '10:00' }], slot_minutes: 30 } });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  const olga = await person(server.url, 'olga@clinic.biobridge.test', 'ru', 'org-clinic');
  const li = await person(server.url, 'li@robotics.biobridge.test', 'zh', 'org-robotics');
  const mine = await olga('POST', '/api/events/ev-kazan/delegates', { organization: 'org-clinic', name: 'Olga' });
  assert.equal(mine.status, 201, JSON.stringify(mine.json));
  const theirs = await li('POST', '/api/events/ev-kazan/delegates', { organization: 'org-robotics', name: 'Li' });
  assert.equal(theirs.status, 201, JSON.stringify(theirs.json));
  const asked = await olga('POST', '/api/events/ev-kazan/requests', { to: theirs.json.id, priority: 'must' });
  assert.equal(asked.status, 201, JSON.stringify(asked.json));
  const request = asked.json.id;
  assert.equal((await li('POST', `/api/meeting-requests/${request}/answer`, { decision: 'accept', version: 1 })).status, 200);
  const draft = await admin('POST', '/api/events/ev-kazan/schedule', {});
  assert.equal(draft.status, 200, JSON.stringify(draft.json));
  assert.equal((await admin('POST', '/api/events/ev-kazan/schedule/publish', { version: draft.json.version })).status, 200);

  const withCalendar = (m) => m.calendar.length > 0;
  const [toOlga] = await waitForMail(sink.dir, 'olga@clinic.biobridge.test', 1, withCalendar);
  const [toLi] = await waitForMail(sink.dir, 'li@robotics.biobridge.test', 1, withCalendar);
  for (const [mail, other] of [[toOlga, 'Li'], [toLi, 'Olga']]) {
    const { method, part, event } = invitation(mail);
    assert.equal(method, 'REQUEST');
    assert.equal(part, 'REQUEST');
    assert.equal(event.uid, `meeting-${request}@biobridge`);
    assert.equal(event.startDate.zone.tzid, 'Europe/Moscow');
    assert.equal(event.startDate.toUnixTime() % 1800, 0);
    assert.ok([Date.UTC(2027, 5, 16, 6, 0) / 1000, Date.UTC(2027, 5, 16, 6, 30) / 1000].includes(event.startDate.toUnixTime()));
    assert.equal(event.endDate.toUnixTime() - event.startDate.toUnixTime(), 30 * 60);
    assert.match(event.summary, new RegExp(other));
    assert.match(event.component.getFirstPropertyValue('organizer'), /^mailto:noreply@biobridge\.test$/i);
    assert.equal(event.attendees.length, 1);
    assert.equal(event.attendees[0].getFirstValue().toLowerCase(), `mailto:${mail.rcpt_tos[0]}`);
  }
  assert.match(toOlga.headers.subject, /Казанский форум/);
  const sequence = invitation(toOlga).event.sequence;

  // Olga withdraws; the schedule is drawn again and published: both get a CANCEL.
  const current = await olga('GET', '/api/events/ev-kazan/requests');
  const version = current.json.items.find((r) => r.id === request).version;
  assert.equal((await olga('POST', `/api/meeting-requests/${request}/withdraw`, { version })).status, 200);
  const redraft = await admin('POST', '/api/events/ev-kazan/schedule', {});
  assert.equal((await admin('POST', '/api/events/ev-kazan/schedule/publish', { version: redraft.json.version })).status, 200);
  for (const to of ['olga@clinic.biobridge.test', 'li@robotics.biobridge.test']) {
    const [, cancel] = await waitForMail(sink.dir, to, 2, withCalendar);
    const { method, event } = invitation(cancel);
    assert.equal(method, 'CANCEL');
    assert.equal(event.uid, `meeting-${request}@biobridge`);
    assert.equal(event.component.getFirstPropertyValue('status'), 'CANCELLED');
    assert.ok(event.sequence > sequence, 'a cancellation carries a higher sequence');
  }
  server.child.kill('SIGTERM');
  sink.child.kill('SIGTERM');
});

test('an address is verified and a forgotten password reset with links mailed to it', async () => {
  const sink = await startSink('sink-4');
  const server = await startBioBridge(join(work, 'four.db'), sink.port);
  const aset = client(server.url);
  assert.equal((await aset('POST', '/api/auth/register', { email: 'aset@pharm.biobridge.test', password: PASSWORD,
    preferred_language: 'ru' })).status, 201);
  assert.equal((await aset('POST', '/api/auth/signin', { email: 'aset@pharm.biobridge.test', password: PASSWORD })).status, 200);
  assert.equal((await aset('GET', '/api/me')).json.user.email_verified, false);
  const [verify] = await waitForMail(sink.dir, 'aset@pharm.biobridge.test', 1, ofKind('verify_email'));
  assert.equal(verify.headers.subject, 'BioBridge: подтвердите адрес почты');
  const link = verify.text.match(/https?:\/\/\S+verify-email\?token=(\S+)/);
  assert.ok(link && link[0].startsWith(`${PUBLIC_URL}/verify-email?token=`), verify.text);
  assert.equal((await client(server.url)('POST', '/api/auth/verify-email', { token: link[1] })).status, 200);
  assert.equal((await aset('GET', '/api/me')).json.user.email_verified, true);
  // Asking again within minutes is refused: there is nothing to verify.
  assert.equal((await aset('POST', '/api/me/verify-email')).status, 409);

  // A reset for an unknown address answers the same, and mails nothing.
  const stranger = await client(server.url)('POST', '/api/auth/password-reset', { email: 'nobody@pharm.biobridge.test' });
  const known = await client(server.url)('POST', '/api/auth/password-reset', { email: 'aset@pharm.biobridge.test' });
  assert.equal(stranger.status, 202);
  assert.deepEqual(stranger.json, known.json);
  const [reset] = await waitForMail(sink.dir, 'aset@pharm.biobridge.test', 1, ofKind('password_reset'));
  const token = reset.text.match(/reset-password\?token=(\S+)/)[1];
  const weak = await client(server.url)('POST', '/api/auth/password-reset/confirm', { token, new_password: 'short' });
  assert.equal(weak.status, 422);
  assert.equal(weak.json.error.field, 'new_password');
  const done = await client(server.url)('POST', '/api/auth/password-reset/confirm', { token, new_password: 'a brand new password' });
  assert.equal(done.status, 204, JSON.stringify(done.json));
  // Single use; the old session is over; the new password signs in; a security mail follows.
  assert.equal((await client(server.url)('POST', '/api/auth/password-reset/confirm',
    { token, new_password: 'another new password' })).status, 422);
  assert.equal((await aset('GET', '/api/me')).status, 401);
  assert.equal((await client(server.url)('POST', '/api/auth/signin',
    { email: 'aset@pharm.biobridge.test', password: 'a brand new password' })).status, 200);
  const [security] = await waitForMail(sink.dir, 'aset@pharm.biobridge.test', 1, ofKind('security'));
  assert.match(security.headers.subject, /пароль сброшен/);
  assert.equal(security.headers['list-unsubscribe'], undefined, 'security mail cannot be unsubscribed from');
  assert.equal(mails(sink.dir).filter((m) => m.rcpt_tos.includes('nobody@pharm.biobridge.test')).length, 0);
  server.child.kill('SIGTERM');
  sink.child.kill('SIGTERM');
});
