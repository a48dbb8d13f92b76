// The calendars BioBridge writes, read by an independent parser (ical.js,
// from npm): the times land on the right instants in their zone, updates
// carry their sequence, cancelled meetings say so, text comes back whole.
// Usage: ICS_SAMPLE=path/to/ics_sample node --test tests/calendar/parse_ics.mjs
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import ICAL from 'ical.js';

function parse(which) {
  const text = execFileSync(process.env.ICS_SAMPLE, [which], { encoding: 'utf8' });
  const calendar = new ICAL.Component(ICAL.parse(text));
  // The zone is defined in the file itself, not taken from the parser's own data.
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(vtimezone);
  }
  return { text, calendar, events: calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}

test('an agenda in Moscow time parses with its meetings at the right instants', () => {
  const { calendar, events } = parse('moscow');
  assert.equal(calendar.getFirstPropertyValue('version'), '2.0');
  // An X- property is not typed for the parser: decode it as the TEXT it is.
  const name = ICAL.design.icalendar.value.text.fromICAL(calendar.getFirstPropertyValue('x-wr-calname'));
  assert.equal(name, 'Agenda, "health-care week"; day 1');
  assert.equal(events.length, 2);
  const [first, second] = events;
  assert.equal(first.uid, 'meeting-mr-1@biobridge');
  assert.equal(first.startDate.zone.tzid, 'Europe/Moscow');  // resolved to the VTIMEZONE in the file
  assert.equal(first.startDate.toUnixTime(), Date.UTC(2026, 5, 16, 6, 0) / 1000);  // 09:00 Moscow = 06:00 UTC
  assert.equal(first.endDate.toUnixTime() - first.startDate.toUnixTime(), 30 * 60);
  assert.equal(first.description, 'Rehabilitation robots; budget, timeline\nSecond line');
  assert.equal(first.location, 'Hall B');
  assert.equal(first.sequence, 0);
  assert.equal(second.component.getFirstPropertyValue('status'), 'CANCELLED');
  assert.equal(second.sequence, 2);
  assert.equal(second.summary, `${'-'.repeat(30)} Встреча: Российско-китайский центр биофармацевтического сотрудничества`);
});

test('times on both sides of the end of summer time keep their offsets', () => {
  const { events } = parse('berlin');
  const [before, after] = events;
  assert.equal(before.startDate.toUnixTime(), Date.UTC(2026, 9, 24, 8, 0) / 1000);  // UTC+2
  assert.equal(after.startDate.toUnixTime(), Date.UTC(2026, 9, 26, 9, 0) / 1000);   // UTC+1
  assert.equal(after.sequence, 1);
});

test('Almaty is UTC+6 before 1 March 2024 and UTC+5 after, as tzdata says', () => {
  const { text, events } = parse('almaty');
  const [before, after] = events;
  assert.equal(after.startDate.zone.tzid, 'Asia/Almaty');
  // 10:00 in Moscow (UTC+3) is 13:00 in Almaty before the change, 12:00 after.
  assert.equal(before.startDate.toUnixTime(), Date.UTC(2024, 1, 20, 7, 0) / 1000);
  assert.equal(before.startDate.hour, 13);
  assert.equal(after.startDate.toUnixTime(), Date.UTC(2026, 5, 16, 7, 0) / 1000);
  assert.equal(after.startDate.hour, 12);
  assert.match(text, /TZOFFSETFROM:\+0600\r\nTZOFFSETTO:\+0500/);
});

test('a meeting in a video room says where to join it (URL and RFC 7986 CONFERENCE)', () => {
  const { events } = parse('almaty');
  const online = events[1].component;
  const link = 'https://meet.example.org/forum-mr-2-Kq3v9w2m4q7x1AbC';
  assert.equal(online.getFirstPropertyValue('url'), link);
  const conference = online.getFirstProperty('conference');
  assert.ok(conference, 'a CONFERENCE property');
  assert.equal(conference.getFirstValue(), link);  // unfolded whole by the parser
  assert.equal(conference.getParameter('feature'), 'VIDEO');
  assert.equal(events[0].component.getFirstProperty('conference'), null, 'a meeting at a table has none');
});

test('every line is folded within 75 octets and ends CRLF', () => {
  const { text } = parse('moscow');
  assert.ok(text.endsWith('\r\n'));
  for (const line of text.split('\r\n').slice(0, -1)) {
    assert.ok(Buffer.byteLength(line, 'utf8') <= 75, line);
  }
});
