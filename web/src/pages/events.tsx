// Partnering events, for their two kinds of people:
// - a delegate: registers with their availability, is offered delegates to
//   meet, asks for meetings and answers requests, reads their agenda in their
//   own time zone (and downloads it as a calendar), and after each meeting
//   says whether it was held and whether to follow up (which opens a deal);
// - an organiser: creates the event from days and sessions, sees its slots,
//   tables and rooms, drafts the schedule, reviews it against its upper
//   bound, and publishes it.
import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import {
  type Agenda,
  type AgendaItem,
  api,
  enc,
  eventPath,
  type EventDelegate,
  type EventSlot,
  type Items,
  type LocalizedText,
  type MeetingRequest,
  type PartneringEvent,
  type Schedule,
} from '../api';
import { ErrorMessage, Localized, Progress, SignInFirst } from '../components/common';
import {
  emptyTexts,
  textsOf,
  type Texts,
  Field,
  FieldGroup,
  type FieldErrors,
  isBlank,
  localizedOf,
  LocalizedFields,
  OrganizationSelect,
  RecordForm,
  useSubmit,
  value,
} from '../components/form';
import { useI18n } from '../i18n';
import { type Loaded, useLoad } from '../load';
import { useOrganizationNames } from '../names';
import type { MessageKey } from '../messages';
import { useSession } from '../session';
import { useTitle } from '../title';
import { ParticipantsSection } from './event-participants';
import { AttendanceSection, CheckInQr, meetingPair } from './event-venue';

const KINDS = ['forum', 'exhibition', 'conference'] as const;
const ZONES = ['Europe/Moscow', 'Asia/Shanghai', 'Asia/Almaty', 'Asia/Tashkent', 'Europe/Berlin', 'Europe/London', 'Asia/Jerusalem', 'UTC'];

// "2026-06-16T09:00" (a wall-clock time) as the viewer's locale writes it (en-GB: "Tue 16 Jun, 09:00").
function wallClock(local: string, locale: string, withDate = true): string {
  const [date, time] = local.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = (time ?? '00:00').split(':').map(Number);
  const at = new Date(Date.UTC(y, m - 1, d, hh, mm));
  const options: Intl.DateTimeFormatOptions = withDate
    ? { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }
    : { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale, options).format(at);
}

function dayOf(slot: EventSlot) {
  return slot.start.slice(0, 10);
}

// The event's days, in order.
function daysOf(event: PartneringEvent): string[] {
  return [...new Set(event.slots.map(dayOf))];
}

function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}


function EventFacts(props: { event: PartneringEvent }) {
  const i18n = useI18n();
  const { t } = i18n;
  const e = props.event;
  const days = daysOf(e);
  const virtualRooms = (e.rooms ?? []).filter((r) => r.mode === 'virtual').length;
  return (
    <dl class="facts">
      <dt>{t('event_kind')}</dt>
      <dd>{t(`event_kind_${e.kind}` as MessageKey)}</dd>
      <dt>{t('event_days')}</dt>
      <dd>{days.map((d) => i18n.date(d)).join(', ')}</dd>
      <dt>{t('time_zone')}</dt>
      <dd>{e.time_zone}</dd>
      <dt>{t('event_slots')}</dt>
      <dd>{e.slots.length}</dd>
      <dt>{t('event_tables')}</dt>
      <dd>
        {e.tables}
        {virtualRooms > 0 && <span class="muted"> ({t('virtual_rooms_count', { count: virtualRooms })})</span>}
      </dd>
      {e.halls && e.halls.length > 0 && (
        <>
          <dt>{t('exhibitor_halls')}</dt>
          <dd>{e.halls.map((h) => h.name).join(', ')}</dd>
        </>
      )}
      <dt>{t('event_delegates')}</dt>
      <dd>{e.delegates ?? 0}</dd>
    </dl>
  );
}

// What the event's public page says besides the facts: its description,
// venue, hosts and programme.
function EventAbout(props: { event: PartneringEvent }) {
  const i18n = useI18n();
  const { t } = i18n;
  const e = props.event;
  const sessions = e.sessions ?? [];
  return (
    <section aria-labelledby="about-heading">
      <h2 id="about-heading">{t('about_event')}</h2>
      {e.description && Object.keys(e.description).length > 0 && <Localized text={e.description} class="description" />}
      <dl class="facts">
        <dt>{t('venue')}</dt>
        <dd>{e.venue || t('online_only')}</dd>
        {(e.host_names ?? []).length > 0 && (
          <>
            <dt>{t('event_hosts')}</dt>
            <dd>
              {(e.host_names ?? []).map((h, i) => (
                <span key={h.id}>
                  {i > 0 && ', '}
                  <a href={`/organizations/${enc(h.id)}`}>{h.name}</a>
                </span>
              ))}
            </dd>
          </>
        )}
      </dl>
      {sessions.length > 0 && (
        <table class="data programme">
          <caption>{t('event_programme', { zone: e.time_zone })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('when')}</th>
              <th scope="col">{t('programme_item')}</th>
              <th scope="col">{t('where')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((p) => {
              const title = i18n.pick(p.title);
              return (
                <tr key={`${p.start}-${title.text}`}>
                  <td>
                    {wallClock(p.start, i18n.locale)}–{wallClock(p.end, i18n.locale, false)}
                  </td>
                  <td lang={title.language}>{title.text}</td>
                  <td>{p.place ?? ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function EventsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const events = useLoad(() => api.get<Items<PartneringEvent>>('/api/events', { lang: i18n.lang }), [me?.user.id, i18n.lang]);
  useTitle(t('events'));
  if (events.error) return <ErrorMessage error={events.error} onRetry={events.retry} />;
  if (!events.data || me === undefined) return <Progress label={t('loading')} />;
  const organiser = me !== null && (me.user.event_organiser || me.user.platform_admin);
  return (
    <section>
      <h1>{t('events')}</h1>
      {organiser && (
        <p>
          <a class="button secondary" href="/events/new">
            {t('create_event')}
          </a>
        </p>
      )}
      {events.data.items.length === 0 ? (
        <p>{t('no_events')}</p>
      ) : (
        <ul class="results">
          {events.data.items.map((e) => {
            const name = i18n.pick(e.name);
            const days = daysOf(e);
            return (
              <li key={e.id}>
                <a href={`/events/${enc(e.id)}`} lang={name.language}>
                  {name.text}
                </a>{' '}
                <span class="muted">
                  · {t(`event_kind_${e.kind}` as MessageKey)} · {i18n.date(days[0])}
                  {days.length > 1 && `–${i18n.date(days[days.length - 1])}`} · {e.time_zone}
                </span>{' '}
                {e.status === 'cancelled' && <span class="badge warning">{t('event_cancelled')}</span>}
                {e.visibility === 'private' && <span class="badge draft">{t('event_private')}</span>}
                {e.me && <span class="badge published">{t('registered')}</span>}
                {e.organiser && <span class="badge draft">{t('organiser')}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

export function EventPage() {
  const { params } = useRoute();
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const event = useLoad(() => api.get<PartneringEvent>(eventPath(params.id), { lang: i18n.lang }), [params.id, me?.user.id, i18n.lang]);
  const [version, setVersion] = useState(0);  // grows when the registration changes
  const reload = () => {
    setVersion((v) => v + 1);
    event.retry();
  };
  useTitle(event.data ? i18n.pick(event.data.name).text : t('events'));
  if (event.error) return <ErrorMessage error={event.error} onRetry={event.retry} />;
  if (!event.data || me === undefined) return <Progress label={t('loading')} />;
  const e = event.data;
  const name = i18n.pick(e.name);
  const next = `/signin?next=${encodeURIComponent(`/events/${e.id}`)}`;
  return (
    <article class="event">
      <p class="result-meta">
        <a href="/events">{t('events')}</a>
      </p>
      <h1 lang={name.language}>
        {name.text} {e.status === 'cancelled' && <span class="badge warning">{t('event_cancelled')}</span>}
      </h1>
      <EventFacts event={e} />
      {e.organiser && (
        <p>
          <a class="button secondary" href={`/events/${enc(e.id)}/organise`}>
            {t('organise_event')}
          </a>
        </p>
      )}
      {!e.me && e.status === 'open' && me === null && (
        <section aria-labelledby="register-heading" class="card">
          <h2 id="register-heading">{t('register_for_event')}</h2>
          <p>
            <a class="button" href={next}>
              {t('sign_in_to_register')}
            </a>{' '}
            <a href="/register">{t('register')}</a>
          </p>
        </section>
      )}
      {!e.me && e.status === 'open' && me !== null && (e.visibility !== 'private' || e.organiser) && (
        <section aria-labelledby="register-heading" class="card">
          <h2 id="register-heading">{t('register_for_event')}</h2>
          <DelegateForm event={e} delegate={null} onSaved={reload} />
        </section>
      )}
      {!e.me && me !== null && e.visibility === 'private' && !e.organiser && (
        <p class="notice">
          {t('event_by_invitation')} <a href="/invitations">{t('invitations')}</a>
        </p>
      )}
      {e.me && <DelegatePanel key={version} event={e} me={e.me} onChanged={reload} />}
      <EventAbout event={e} />
      {!e.me && <ParticipantsSection event={e} version={version} onAsked={reload} />}
    </article>
  );
}

function SlotCheckboxes(props: { event: PartneringEvent; chosen: Set<string>; onChange: (chosen: Set<string>) => void; errors: FieldErrors }) {
  const i18n = useI18n();
  const { t } = i18n;
  const days = daysOf(props.event);
  const toggle = (id: string, on: boolean) => {
    const next = new Set(props.chosen);
    if (on) next.add(id);
    else next.delete(id);
    props.onChange(next);
  };
  return (
    <FieldGroup name="available_slots" legend={t('availability')} hint={t('availability_hint')} errors={props.errors} class="slots">
      {days.map((day) => (
        <fieldset key={day} class="slot-day">
          <legend>{i18n.date(day)}</legend>
          {props.event.slots
            .filter((s) => dayOf(s) === day)
            .map((s) => (
              <label class="checkbox" key={s.id}>
                <input type="checkbox" checked={props.chosen.has(s.id)} onChange={(ev) => toggle(s.id, (ev.target as HTMLInputElement).checked)} />
                {wallClock(s.start, i18n.locale, false)}–{wallClock(s.end, i18n.locale, false)}
              </label>
            ))}
        </fieldset>
      ))}
    </FieldGroup>
  );
}

function ZoneField(props: { value: string; onChange: (zone: string) => void; errors: FieldErrors; label: string; hint?: string }) {
  return (
    <Field name="time_zone" label={props.label} hint={props.hint} errors={props.errors}>
      {(control) => (
        <>
          <input {...control} list="time-zones" value={props.value} onInput={(e) => props.onChange(value(e))} autoComplete="off" />
          <datalist id="time-zones">
            {[...new Set([browserZone(), ...ZONES])].map((z) => (
              <option value={z} key={z} />
            ))}
          </datalist>
        </>
      )}
    </Field>
  );
}

// Registering (no delegate yet: the organisation represented and the
// attendance are chosen once) or changing one's registration: the time zone
// and the slots one is free in. Every slot ticked sends no list (free
// throughout); none ticked is refused before anything is sent.
function DelegateForm(props: { event: PartneringEvent; delegate: EventDelegate | null; onSaved: () => void }) {
  const { t } = useI18n();
  const { me } = useSession();
  const mine = (me?.memberships ?? []).map((m) => m.organization);
  const all = props.event.slots.map((s) => s.id);
  const d = props.delegate;
  const [organization, setOrganization] = useState('');
  const [attendance, setAttendance] = useState<'in_person' | 'virtual'>('in_person');
  const [zone, setZone] = useState(d ? d.time_zone || props.event.time_zone : browserZone());
  const [chosen, setChosen] = useState(new Set(d?.available_slots?.length ? d.available_slots : all));
  const [cap, setCap] = useState(d?.max_meetings ? String(d.max_meetings) : '');
  const [listed, setListed] = useState(d?.listed ?? false);
  const { errors, formError, busy, submit } = useSubmit();
  if (!d && mine.length === 0) return <p>{t('register_needs_organization')}</p>;
  const send = async () => {
    const every = chosen.size === all.length;
    const slots = every ? null : all.filter((id) => chosen.has(id));
    if (d) {
      await api.put<EventDelegate>(`/api/delegates/${enc(d.id)}`, {
        version: d.version,
        time_zone: zone,
        available_slots: slots,
        max_meetings: cap ? Number(cap) : 0,
        listed,
      });
    } else {
      await api.post<EventDelegate>(`${eventPath(props.event.id)}/delegates`, {
        organization: organization || mine[0],
        time_zone: zone,
        attendance,
        listed,
        ...(slots ? { available_slots: slots } : {}),
        ...(cap ? { max_meetings: Number(cap) } : {}),
      });
    }
    props.onSaved();
  };
  return (
    <form
      noValidate
      onSubmit={(ev) => {
        ev.preventDefault();
        void submit((): FieldErrors => (chosen.size === 0 ? { available_slots: t('availability_required') } : {}), send);
      }}
    >
      <ErrorMessage error={formError} />
      {!d && (
        <OrganizationSelect name="organization" label={t('represent_organization')} organizations={mine} value={organization || mine[0]} onChange={setOrganization} errors={errors} />
      )}
      <ZoneField value={zone} onChange={setZone} errors={errors} label={t('your_time_zone')} hint={t('your_time_zone_hint')} />
      {!d && (
        <Field name="attendance" label={t('attendance')} errors={errors}>
          {(control) => (
            <select {...control} value={attendance} onChange={(e) => setAttendance(value(e) as 'in_person' | 'virtual')}>
              <option value="in_person">{t('attendance_in_person')}</option>
              <option value="virtual">{t('attendance_virtual')}</option>
            </select>
          )}
        </Field>
      )}
      <SlotCheckboxes event={props.event} chosen={chosen} onChange={setChosen} errors={errors} />
      <Field name="max_meetings" label={t('my_meeting_cap')} hint={t('meeting_cap_hint')} errors={errors}>
        {(control) => <input {...control} type="number" min={0} value={cap} onInput={(e) => setCap(value(e))} />}
      </Field>
      <p class="checkbox">
        <label>
          <input type="checkbox" checked={listed} onChange={(e) => setListed((e.currentTarget as HTMLInputElement).checked)} /> {t('list_me_publicly')}
        </label>
        <span class="hint">{t('list_me_publicly_hint')}</span>
      </p>
      <div class="actions">
        <button type="submit" disabled={busy} aria-busy={busy}>
          {d ? t('save') : t('register_delegate')}
        </button>
      </div>
    </form>
  );
}

function DelegatePanel(props: { event: PartneringEvent; me: EventDelegate; onChanged: () => void }) {
  const { t } = useI18n();
  const { lang } = useI18n();
  const [requestsVersion, setRequestsVersion] = useState(0);
  const changed = () => setRequestsVersion((v) => v + 1);
  // The delegate's requests, read once for the agenda (proposed times) and the list.
  const requests = useLoad(
    () => api.get<Items<MeetingRequest>>(`${eventPath(props.event.id)}/requests`, { lang }),
    [props.event.id, requestsVersion, lang],
  );
  return (
    <>
      <AgendaSection event={props.event} requests={requests} version={requestsVersion} onChanged={changed} />
      <RequestsSection event={props.event} requests={requests} onChanged={changed} />
      <ParticipantsSection event={props.event} version={requestsVersion} onAsked={changed} />
      {props.event.status === 'open' && (
        <details class="card">
          <summary>{t('my_registration')}</summary>
          <DelegateForm event={props.event} delegate={props.me} onSaved={props.onChanged} />
          <Unregister me={props.me} onDone={props.onChanged} />
        </details>
      )}
    </>
  );
}

// Leaving the event: the delegate's meetings are cancelled and the other sides told.
function Unregister(props: { me: EventDelegate; onDone: () => void }) {
  const { t } = useI18n();
  const { formError, busy, run } = useSubmit();
  return (
    <div class="unregister">
      <ErrorMessage error={formError} />
      <p class="hint">{t('unregister_hint')}</p>
      <button
        type="button"
        class="secondary danger"
        disabled={busy}
        onClick={() => {
          if (window.confirm(t('unregister_confirm'))) {
            run(async () => {
              await api.post(`/api/delegates/${enc(props.me.id)}/unregister`, { version: props.me.version });
              props.onDone();
            });
          }
        }}
      >
        {t('unregister')}
      </button>
    </div>
  );
}

// Another time for a published meeting: the slots still ahead, other than its own.
function ProposeTime(props: { event: PartneringEvent; item: AgendaItem; requestVersion: number | undefined; onSent: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [open, setOpen] = useState(false);
  const [slot, setSlot] = useState('');
  const { errors, formError, busy, run } = useSubmit();
  if (props.requestVersion === undefined) return null;
  if (!open) {
    return (
      <button type="button" class="secondary" onClick={() => setOpen(true)}>
        {t('propose_time')}
      </button>
    );
  }
  const choices = props.event.slots.filter((s) => s.id !== props.item.slot);
  const chosen = slot || choices[0]?.id || '';
  return (
    <form
      class="propose"
      noValidate
      onSubmit={(ev) => {
        ev.preventDefault();
        run(async () => {
          await api.post(`/api/meeting-requests/${enc(props.item.request)}/propose-time`, { slot: chosen, version: props.requestVersion });
          setOpen(false);
          props.onSent();
        });
      }}
    >
      <ErrorMessage error={formError} />
      <Field name={`slot-${props.item.request}`} label={t('proposed_time')} errors={{ ...errors, ...(errors.slot ? { [`slot-${props.item.request}`]: errors.slot } : {}) }}>
        {(control) => (
          <select {...control} value={chosen} onChange={(e) => setSlot(value(e))}>
            {choices.map((s) => (
              <option key={s.id} value={s.id}>
                {wallClock(s.start, i18n.locale)} ({props.event.time_zone})
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" disabled={busy} aria-busy={busy}>
        {t('send_proposal')}
      </button>
    </form>
  );
}

function AgendaSection(props: { event: PartneringEvent; requests: Loaded<Items<MeetingRequest>>; version: number; onChanged: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [version, setVersion] = useState(0);
  const agenda = useLoad(
    () => api.get<Agenda>(`${eventPath(props.event.id)}/agenda`, { lang: i18n.lang }),
    [props.event.id, i18n.lang, version, props.version],
  );
  const requestOf = (id: string) => props.requests.data?.items.find((r) => r.id === id);
  const versionOf = (id: string) => requestOf(id)?.version;
  const proposed = (id: string) => requestOf(id)?.proposed_slot;
  const { formError, busy, run } = useSubmit();
  const record = (item: AgendaItem, outcome: 'held' | 'no_show', followUp: boolean) =>
    run(async () => {
      await api.post(`/api/meeting-requests/${enc(item.request)}/outcome`, { outcome, follow_up: followUp });
      setVersion((v) => v + 1);
    });
  const now = Date.now();
  // The follow-up lists organisations that asked; the others at the table are not the viewer's.
  const askedByMe = (item: AgendaItem) => (item.follow_up ?? []).some((o) => !item.with_organizations.includes(o));
  return (
    <section aria-labelledby="agenda-heading">
      <h2 id="agenda-heading">{t('my_agenda')}</h2>
      {agenda.error && <ErrorMessage error={agenda.error} onRetry={agenda.retry} />}
      {!agenda.data && !agenda.error && <Progress label={t('loading')} />}
      {agenda.data && !agenda.data.published && <p>{t('agenda_not_published')}</p>}
      {agenda.data && agenda.data.published && (
        <>
          <p>
            {t('agenda_in_zone', { zone: agenda.data.time_zone })}{' '}
            <a class="button secondary" href={`${eventPath(props.event.id)}/agenda.ics?lang=${i18n.lang}`} download>
              {t('download_calendar')}
            </a>{' '}
            <button type="button" class="secondary no-print" onClick={() => window.print()}>
              {t('print_agenda')}
            </button>
          </p>
          {agenda.data.check_in_code && (
            <figure class="check-in-badge">
              <CheckInQr code={agenda.data.check_in_code} label={t('check_in_qr')} />
              <figcaption>
                {agenda.data.delegate.checked_in_at ? t('checked_in_at', { at: i18n.dateTime(agenda.data.delegate.checked_in_at) }) : t('check_in_qr_hint')}
              </figcaption>
            </figure>
          )}
          <ErrorMessage error={formError} />
          {agenda.data.items.length === 0 ? (
            <p>{t('agenda_empty')}</p>
          ) : (
            <table class="data agenda">
              <caption>{t('my_meetings')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('when')}</th>
                  <th scope="col">{t('where')}</th>
                  <th scope="col">{t('with_whom')}</th>
                  <th scope="col">{t('status')}</th>
                </tr>
              </thead>
              <tbody>
                {agenda.data.items.map((item) => (
                  <tr key={item.request} class={item.status === 'cancelled' ? 'declined' : undefined}>
                    <td>
                      {wallClock(item.start, i18n.locale)}–{wallClock(item.end, i18n.locale, false)}
                    </td>
                    <td>
                      {item.place}
                      {item.virtual && <span class="muted"> ({t('attendance_virtual')})</span>}
                      {item.video_link && item.status !== 'cancelled' && (
                        <>
                          {' '}
                          <a href={item.video_link} target="_blank" rel="noopener noreferrer" class="video-link">
                            {t('join_video_call')}
                          </a>
                        </>
                      )}
                    </td>
                    <td>
                      {item.with.join(', ')}
                      {item.priority === 'must' && <span class="badge request"> {t('priority_must')}</span>}
                    </td>
                    <td>
                      <span class={`badge status-${item.status}`}>{t(`meeting_${item.status}` as MessageKey)}</span>
                      {item.deal && (
                        <>
                          {' '}
                          <a href={`/deals/${enc(item.deal)}`}>{t('open_deal')}</a>
                        </>
                      )}
                      {!item.deal && askedByMe(item) && <p class="muted">{t('follow_up_asked')}</p>}
                      {!item.deal && !askedByMe(item) && (item.follow_up ?? []).length > 0 && (
                        <p class="muted">{t('follow_up_offered')}</p>
                      )}
                      {item.status === 'scheduled' && props.event.status === 'open' && Date.parse(item.start_utc) > now && !proposed(item.request) && (
                        <div class="row-actions no-print">
                          <ProposeTime event={props.event} item={item} requestVersion={versionOf(item.request)} onSent={props.onChanged} />
                        </div>
                      )}
                      {item.status === 'scheduled' && proposed(item.request) && <p class="muted">{t('time_proposed_pending')}</p>}
                      {item.status !== 'cancelled' && !item.deal && Date.parse(item.start_utc) <= now && (
                        <div class="row-actions">
                          {!askedByMe(item) && (
                            <button type="button" class="secondary" disabled={busy} onClick={() => record(item, 'held', true)}>
                              {t('held_follow_up')}
                            </button>
                          )}
                          {item.status === 'scheduled' && (
                            <>
                              <button type="button" class="secondary" disabled={busy} onClick={() => record(item, 'held', false)}>
                                {t('mark_held')}
                              </button>
                              <button type="button" class="secondary" disabled={busy} onClick={() => record(item, 'no_show', false)}>
                                {t('mark_no_show')}
                              </button>
                            </>
                          )}
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

function RequestsSection(props: { event: PartneringEvent; requests: Loaded<Items<MeetingRequest>>; onChanged: () => void }) {
  const { t } = useI18n();
  const requests = props.requests;
  const { formError, busy, run } = useSubmit();
  const act = (path: string, body: object) =>
    run(async () => {
      await api.post(path, body);
      props.onChanged();
    });
  const open = props.event.status === 'open';
  const list = (direction: 'incoming' | 'outgoing') => (requests.data?.items ?? []).filter((r) => r.direction === direction);
  const row = (r: MeetingRequest) => {
    const incoming = r.direction === 'incoming';
    return (
      <li key={r.id} class="request">
        <strong>{incoming ? r.from_name : r.to_name}</strong> <span class="muted">({incoming ? r.from_organization : r.to_organization})</span>{' '}
        <span class={`badge status-${r.status}`}>{t(`request_${r.status}` as MessageKey)}</span>
        {r.priority === 'must' && <span class="badge request">{t('priority_must')}</span>}
        {r.message && <p class="message">{r.message}</p>}
        {r.proposed_slot && <Proposal event={props.event} r={r} busy={busy} act={act} />}
        <a class="thread-link" href={`/threads/${enc(`meeting_request:${r.id}`)}`}>
          {t('messages_title')}
        </a>
        {open && (
          <span class="row-actions">
            {incoming && r.status !== 'accepted' && r.status !== 'withdrawn' && (
              <button type="button" disabled={busy} onClick={() => act(`/api/meeting-requests/${enc(r.id)}/answer`, { decision: 'accept', version: r.version })}>
                {t('accept')}
              </button>
            )}
            {incoming && r.status !== 'declined' && r.status !== 'withdrawn' && (
              <button type="button" class="secondary" disabled={busy} onClick={() => act(`/api/meeting-requests/${enc(r.id)}/answer`, { decision: 'decline', version: r.version })}>
                {t('decline')}
              </button>
            )}
            {!incoming && (r.status === 'pending' || r.status === 'accepted') && (
              <button type="button" class="secondary" disabled={busy} onClick={() => act(`/api/meeting-requests/${enc(r.id)}/withdraw`, { version: r.version })}>
                {t('withdraw')}
              </button>
            )}
          </span>
        )}
      </li>
    );
  };
  return (
    <section aria-labelledby="requests-heading">
      <h2 id="requests-heading">{t('meeting_requests')}</h2>
      {requests.error && <ErrorMessage error={requests.error} onRetry={requests.retry} />}
      <ErrorMessage error={formError} />
      {requests.data && (
        <div class="columns">
          <div>
            <h3>{t('requests_incoming')}</h3>
            {list('incoming').length === 0 ? <p class="muted">{t('none_yet')}</p> : <ul class="plain-list">{list('incoming').map(row)}</ul>}
          </div>
          <div>
            <h3>{t('requests_outgoing')}</h3>
            {list('outgoing').length === 0 ? <p class="muted">{t('none_yet')}</p> : <ul class="plain-list">{list('outgoing').map(row)}</ul>}
          </div>
        </div>
      )}
    </section>
  );
}

// Another time one side proposed for a published meeting: the other side
// accepts or declines; the one who proposed may withdraw it.
function Proposal(props: { event: PartneringEvent; r: MeetingRequest; busy: boolean; act: (path: string, body: object) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const r = props.r;
  const slot = props.event.slots.find((s) => s.id === r.proposed_slot);
  const when = slot ? `${wallClock(slot.start, i18n.locale)} (${props.event.time_zone})` : (r.proposed_slot ?? '');
  const mine = (r.direction === 'outgoing' && r.proposed_by === r.from) || (r.direction === 'incoming' && r.proposed_by === r.to);
  const path = `/api/meeting-requests/${enc(r.id)}/proposed-time`;
  return (
    <div class="proposal">
      <p>{mine ? t('you_proposed_time', { when }) : t('they_proposed_time', { when })}</p>
      {mine ? (
        <button type="button" class="secondary" disabled={props.busy} onClick={() => props.act(path, { decision: 'withdraw', version: r.version })}>
          {t('withdraw_proposal')}
        </button>
      ) : (
        <>
          <button type="button" disabled={props.busy} onClick={() => props.act(path, { decision: 'accept', version: r.version })}>
            {t('accept_time')}
          </button>{' '}
          <button type="button" class="secondary" disabled={props.busy} onClick={() => props.act(path, { decision: 'decline', version: r.version })}>
            {t('keep_time')}
          </button>
        </>
      )}
    </div>
  );
}

// --- The organiser ---------------------------------------------------------------

export function OrganiseEventPage() {
  const { params } = useRoute();
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const path = eventPath(params.id);
  const event = useLoad(() => api.get<PartneringEvent>(path), [path, me?.user.id]);
  const [version, setVersion] = useState(0);
  const schedule = useLoad(
    () => api.get<Schedule>(`${path}/schedule`).catch((e) => (e?.status === 404 ? null : Promise.reject(e))),
    [path, version],
  );
  const requests = useLoad(() => api.get<Items<MeetingRequest>>(`${path}/requests`, { lang: i18n.lang }), [path, version, i18n.lang]);
  const { formError, busy, run } = useSubmit();
  useTitle(event.data ? t('organise_named', { name: i18n.pick(event.data.name).text }) : t('organise_event'));
  if (me === null) return <SignInFirst title={t('organise_event')} message="sign_in_to_see" />;
  if (event.error) return <ErrorMessage error={event.error} onRetry={event.retry} />;
  if (!event.data || me === undefined) return <Progress label={t('loading')} />;
  const e = event.data;
  const name = i18n.pick(e.name);
  const heading = (
    <>
      <p class="result-meta">
        <a href={`/events/${enc(e.id)}`} lang={name.language}>
          {name.text}
        </a>
      </p>
      <h1>
        {t('organise_event')} {e.status === 'cancelled' && <span class="badge warning">{t('event_cancelled')}</span>}
      </h1>
    </>
  );
  if (!e.organiser) {
    return (
      <section>
        {heading}
        <p>{t('organisers_only')}</p>
      </section>
    );
  }
  const act = (send: () => Promise<unknown>) =>
    run(async () => {
      await send();
      setVersion((v) => v + 1);
      event.retry();
    });
  const s = schedule.data;
  const byRequest = new Map((requests.data?.items ?? []).map((r) => [r.id, r]));
  const slotOf = new Map(e.slots.map((x) => [x.id, x]));
  const roomName = (table: number) => e.rooms?.[table - 1]?.name ?? t('table_n', { n: table });
  const f = s?.figures ?? {};
  return (
    <article class="organise">
      {heading}
      <EventFacts event={e} />
      <section aria-labelledby="requests-summary-heading">
        <h2 id="requests-summary-heading">{t('meeting_requests')}</h2>
        <RequestFigures requests={requests.data?.items ?? []} />
      </section>
      <section aria-labelledby="schedule-heading">
        <h2 id="schedule-heading">
          {t('schedule')} {s && <span class={`badge ${s.state}`}>{t(`schedule_${s.state}` as MessageKey)}</span>}
        </h2>
        {e.status === 'open' && (
          <p class="inline-form">
            <button type="button" disabled={busy} aria-busy={busy} onClick={() => act(() => api.post<Schedule>(`${path}/schedule`, {}))}>
              {t('draft_schedule')}
            </button>
            {s?.state === 'draft' && (
              <button type="button" class="secondary" disabled={busy} onClick={() => act(() => api.post<Schedule>(`${path}/schedule/publish`, { version: s.version }))}>
                {t('publish_schedule')}
              </button>
            )}
            {s?.published_at && (
              <a class="button secondary" href={`${path}/calendar.ics`} download>
                {t('download_event_calendar')}
              </a>
            )}
          </p>
        )}
        {s && (
          <p class="actions exports">
            {(['delegates', 'requests', 'meetings'] as const).flatMap((table) =>
              (['csv', 'xlsx'] as const).map((format) => (
                <a class="button secondary" key={`${table}-${format}`} href={`${path}/export.${format}?table=${table}&lang=${i18n.lang}`} download>
                  {t(`export_${table}` as MessageKey, { format: format.toUpperCase() })}
                </a>
              )),
            )}
          </p>
        )}
        <ErrorMessage error={formError} />
        {busy && <Progress label={t('solving')} />}
        {schedule.error && <ErrorMessage error={schedule.error} onRetry={schedule.retry} />}
        {s && (
          <dl class="facts figures">
            <dt>{t('scheduled_weight')}</dt>
            <dd>{i18n.number(f.weight ?? 0)}</dd>
            <dt>{t('upper_bound')}</dt>
            <dd>{i18n.number(f.bound ?? 0)}</dd>
            <dt>{t('percent_of_bound')}</dt>
            <dd>
              {i18n.percent((f.percent_of_bound ?? 0) / 100)} {f.exact && <span class="badge published">{t('proven_optimal')}</span>}
            </dd>
            <dt>{t('unscheduled_requests')}</dt>
            <dd>
              {f.unscheduled?.length ?? 0} / {f.requests ?? 0}
            </dd>
          </dl>
        )}
        {s && f.unscheduled && f.unscheduled.length > 0 && (
          <div class="notice warning" role="status">
            <p>{t('unscheduled_list')}</p>
            <ul>
              {f.unscheduled.map((id) => {
                const r = byRequest.get(id);
                return <li key={id}>{r ? `${r.from_name} → ${r.to_name}` : id}</li>;
              })}
            </ul>
          </div>
        )}
        {s && s.meetings.length > 0 && (
          <table class="data">
            <caption>{t('meetings_table', { zone: e.time_zone })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('when')}</th>
                <th scope="col">{t('where')}</th>
                <th scope="col">{t('participants')}</th>
                <th scope="col">{t('status')}</th>
              </tr>
            </thead>
            <tbody>
              {s.meetings.map((m) => {
                const slot = slotOf.get(m.slot);
                const r = byRequest.get(m.request);
                return (
                  <tr key={m.request} class={m.status === 'cancelled' ? 'declined' : undefined}>
                    <td>{slot ? wallClock(slot.start, i18n.locale) : m.slot}</td>
                    <td>{roomName(m.table)}</td>
                    <td>
                      {r ? meetingPair(r) : m.request}
                      {r?.priority === 'must' && <span class="badge request">{t('priority_must')}</span>}
                    </td>
                    <td>
                      <span class={`badge status-${m.status}`}>{t(`meeting_${m.status}` as MessageKey)}</span>
                      {!m.published && m.status !== 'cancelled' && s.state === 'draft' && <span class="muted"> {t('not_yet_published')}</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      {e.status === 'open' && <PublicPageSection key={e.id} event={e} onSaved={() => act(async () => undefined)} />}
      <DelegatesSection event={e} version={version} />
      <AttendanceSection event={e} />
      <section aria-labelledby="print-heading">
        <h2 id="print-heading">{t('print_heading')}</h2>
        <p>
          <a class="button secondary" href={`/events/${enc(e.id)}/print/signs`}>
            {t('print_signs')}
          </a>{' '}
          <a class="button secondary" href={`/events/${enc(e.id)}/print/agendas`}>
            {t('print_agendas')}
          </a>
        </p>
      </section>
      {e.status === 'open' && (
        <section aria-labelledby="cancel-heading">
          <h2 id="cancel-heading">{t('cancel_event')}</h2>
          <p class="hint">{t('cancel_event_hint')}</p>
          <button
            type="button"
            class="secondary"
            disabled={busy}
            onClick={() => {
              if (window.confirm(t('cancel_event_confirm'))) act(() => api.post<PartneringEvent>(`${path}/cancel`, { version: e.version }));
            }}
          >
            {t('cancel_event')}
          </button>
        </section>
      )}
      <section aria-labelledby="slots-heading">
        <h2 id="slots-heading">{t('slots_and_tables')}</h2>
        <table class="data">
          <caption>{t('slots_in_zone', { zone: e.time_zone })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('day')}</th>
              <th scope="col">{t('session')}</th>
              <th scope="col">{t('event_slots')}</th>
            </tr>
          </thead>
          <tbody>
            {groupSessions(e.slots).map((g) => (
              <tr key={`${g.day}-${g.session}-${g.first.id}`}>
                <td>{i18n.date(g.day)}</td>
                <td>{g.session || '—'}</td>
                <td>
                  {wallClock(g.first.start, i18n.locale, false)}–{wallClock(g.last.end, i18n.locale, false)} ({g.count})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {e.rooms && e.rooms.length > 0 && (
          <table class="data">
            <caption>{t('tables_and_rooms')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('room')}</th>
                <th scope="col">{t('seats')}</th>
                <th scope="col">{t('attendance')}</th>
              </tr>
            </thead>
            <tbody>
              {e.rooms.map((r) => (
                <tr key={r.id}>
                  <td>{r.name}</td>
                  <td>{r.seats}</td>
                  <td>{r.mode === 'virtual' ? t('attendance_virtual') : t('attendance_in_person')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </article>
  );
}

// What the public page says of an event, in the creation form and the organiser's editor.
function PublicFields(props: {
  description: Texts;
  setDescription: (texts: Texts) => void;
  visibility: 'public' | 'private';
  setVisibility: (v: 'public' | 'private') => void;
  venue: string;
  setVenue: (venue: string) => void;
  errors: FieldErrors;
}) {
  const { t } = useI18n();
  return (
    <>
      <LocalizedFields
        name="description"
        legend={t('event_description')}
        label={(language) => t('event_description_in', { language })}
        texts={props.description}
        onChange={props.setDescription}
        errors={props.errors}
        multiline
      />
      <Field name="visibility" label={t('event_visibility')} hint={t('event_visibility_hint')} errors={props.errors}>
        {(control) => (
          <select {...control} value={props.visibility} onChange={(e) => props.setVisibility(value(e) as 'public' | 'private')}>
            <option value="public">{t('event_public')}</option>
            <option value="private">{t('event_private')}</option>
          </select>
        )}
      </Field>
      <Field name="venue" label={t('venue')} hint={t('venue_hint')} errors={props.errors}>
        {(control) => <input {...control} value={props.venue} maxLength={300} onInput={(e) => props.setVenue(value(e))} />}
      </Field>
    </>
  );
}

interface SessionRow {
  titles: LocalizedText; // as saved, in every language: the row's title replaces the viewer's
  date: string;
  start: string;
  end: string;
  title: string;
  place: string;
}

// What the event's public page says, as its organisers edit it: the
// description, who may see the event, the venue, the hosts and the
// programme (each session's title in the organiser's language, kept in the
// others as they were).
function PublicPageSection(props: { event: PartneringEvent; onSaved: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const e = props.event;
  const [description, setDescription] = useState(textsOf(e.description));
  const [visibility, setVisibility] = useState<'public' | 'private'>(e.visibility ?? 'public');
  const [venue, setVenue] = useState(e.venue ?? '');
  const [hosts, setHosts] = useState<string[]>(e.hosts ?? []);
  const [rows, setRows] = useState<SessionRow[]>(
    (e.sessions ?? []).map((p) => ({
      titles: p.title,
      date: p.start.slice(0, 10),
      start: p.start.slice(11, 16),
      end: p.end.slice(11, 16),
      title: i18n.pick(p.title).text,
      place: p.place ?? '',
    })),
  );
  const { errors, formError, busy, run } = useSubmit();
  const [saved, setSaved] = useState(false);
  const days = daysOf(e);
  const mine = (me?.memberships ?? []).map((m) => m.organization);
  const hostChoices = [...new Set([...hosts, ...mine])];
  const names = useOrganizationNames(hostChoices);
  const update = (i: number, change: Partial<SessionRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));
  const send = () =>
    run(async () => {
      setSaved(false);
      const sessions = rows.map((r) => {
        // A title shown from another language and left as it was stays in that language only.
        const untouched = !r.titles[i18n.lang] && r.title.trim() === i18n.pick(r.titles).text;
        const title = untouched ? r.titles : { ...r.titles, [i18n.lang]: r.title.trim() };
        return { title, start: `${r.date}T${r.start}`, end: `${r.date}T${r.end}`, ...(r.place.trim() ? { place: r.place.trim() } : {}) };
      });
      await api.put<PartneringEvent>(eventPath(e.id), {
        version: props.event.version, // the page reloads the event after each save
        description: localizedOf(description),
        visibility,
        venue: venue.trim(),
        hosts,
        sessions,
      });
      setSaved(true);
      props.onSaved();
    });
  return (
    <section aria-labelledby="public-page-heading">
      <h2 id="public-page-heading">{t('public_page')}</h2>
      <form
        class="card"
        noValidate
        onSubmit={(ev) => {
          ev.preventDefault();
          send();
        }}
      >
        <ErrorMessage error={formError} />
        <PublicFields
          description={description}
          setDescription={setDescription}
          visibility={visibility}
          setVisibility={setVisibility}
          venue={venue}
          setVenue={setVenue}
          errors={errors}
        />
        {hostChoices.length > 0 && (
          <fieldset>
            <legend>{t('event_hosts')}</legend>
            {hostChoices.map((id) => (
              <label key={id} class="checkbox">
                <input
                  type="checkbox"
                  checked={hosts.includes(id)}
                  onChange={(ev) => setHosts((ev.currentTarget as HTMLInputElement).checked ? [...hosts, id] : hosts.filter((h) => h !== id))}
                />{' '}
                {names[id] ? i18n.pick(names[id] ?? undefined).text : id}
              </label>
            ))}
          </fieldset>
        )}
        <FieldGroup name="sessions" legend={t('event_programme', { zone: e.time_zone })} errors={errors} class="programme-rows">
          {rows.map((r, i) => (
            <div class="programme-row" key={i}>
              <label>
                {t('day')}
                <select value={r.date} onChange={(ev) => update(i, { date: value(ev) })}>
                  {days.map((d) => (
                    <option key={d} value={d}>
                      {i18n.date(d)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('session_starts')}
                <input type="time" value={r.start} onInput={(ev) => update(i, { start: value(ev) })} />
              </label>
              <label>
                {t('session_ends')}
                <input type="time" value={r.end} onInput={(ev) => update(i, { end: value(ev) })} />
              </label>
              <label>
                {t('programme_item')}
                <input value={r.title} maxLength={300} onInput={(ev) => update(i, { title: value(ev) })} />
              </label>
              <label>
                {t('where')}
                <input value={r.place} maxLength={300} onInput={(ev) => update(i, { place: value(ev) })} />
              </label>
              <button type="button" class="secondary" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                {t('remove_session', { n: i + 1 })}
              </button>
            </div>
          ))}
          <button type="button" class="secondary" onClick={() => setRows([...rows, { titles: {}, date: days[0] ?? '', start: '09:00', end: '10:00', title: '', place: '' }])}>
            {t('add_session')}
          </button>
        </FieldGroup>
        <div class="actions">
          <button type="submit" disabled={busy} aria-busy={busy}>
            {t('save')}
          </button>
        </div>
        {saved && (
          <p role="status" class="notice">
            {t('public_page_saved')}
          </p>
        )}
      </form>
    </section>
  );
}

// The requests by their state, each count opening the list behind it.
function RequestFigures(props: { requests: MeetingRequest[] }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<string | null>(null);
  const groups: { key: string; label: MessageKey; statuses: string[] }[] = [
    { key: 'accepted', label: 'request_accepted', statuses: ['accepted'] },
    { key: 'pending', label: 'request_pending', statuses: ['pending'] },
    { key: 'declined', label: 'requests_declined_or_withdrawn', statuses: ['declined', 'withdrawn'] },
  ];
  const of = (statuses: string[]) => props.requests.filter((r) => statuses.includes(r.status));
  const shown = groups.find((g) => g.key === open);
  return (
    <>
      <dl class="figures">
        {groups.map((g) => (
          <div key={g.key}>
            <dt>{t(g.label)}</dt>
            <dd>
              <button type="button" class="link" aria-expanded={open === g.key} onClick={() => setOpen(open === g.key ? null : g.key)}>
                {of(g.statuses).length}
              </button>
            </dd>
          </div>
        ))}
      </dl>
      {shown && (
        <ul class="plain-list">
          {of(shown.statuses).map((r) => (
            <li key={r.id}>
              {meetingPair(r)} <span class={`badge status-${r.status}`}>{t(`request_${r.status}` as MessageKey)}</span>
              {r.priority === 'must' && <span class="badge request">{t('priority_must')}</span>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

// The organiser's list of who registered, with their availability.
function DelegatesSection(props: { event: PartneringEvent; version: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const path = eventPath(props.event.id);
  const delegates = useLoad(() => api.get<Items<EventDelegate>>(`${path}/delegates`), [path, props.version]);
  const names = useOrganizationNames((delegates.data?.items ?? []).map((d) => d.organization));
  const halls = new Map((props.event.halls ?? []).map((h) => [h.id, h.name]));
  return (
    <section aria-labelledby="delegates-heading">
      <h2 id="delegates-heading">{t('event_delegates')}</h2>
      {delegates.error && <ErrorMessage error={delegates.error} onRetry={delegates.retry} />}
      {delegates.data && (
        <table class="data">
          <caption>{t('registered_delegates')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('delegate_to_meet')}</th>
              <th scope="col">{t('organisation')}</th>
              <th scope="col">{t('attendance')}</th>
              <th scope="col">{t('time_zone')}</th>
              <th scope="col">{t('free_slots')}</th>
            </tr>
          </thead>
          <tbody>
            {delegates.data.items.map((d) => {
              const org = names[d.organization];
              return (
                <tr key={d.id}>
                  <td>
                    {d.name}
                    {d.stand && <span class="muted"> — {[halls.get(d.hall ?? ''), `${t('stand')} ${d.stand}`].filter(Boolean).join(', ')}</span>}
                  </td>
                  <td>{org ? i18n.pick(org).text : d.organization}</td>
                  <td>{d.attendance === 'virtual' ? t('attendance_virtual') : t('attendance_in_person')}</td>
                  <td>{d.time_zone || props.event.time_zone}</td>
                  <td>
                    {d.available_slots?.length ?? props.event.slots.length} / {props.event.slots.length}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function groupSessions(slots: EventSlot[]) {
  const groups: { day: string; session: string; first: EventSlot; last: EventSlot; count: number }[] = [];
  for (const slot of slots) {
    const last = groups[groups.length - 1];
    if (last && last.day === dayOf(slot) && last.session === (slot.session ?? '')) {
      last.last = slot;
      last.count += 1;
    } else {
      groups.push({ day: dayOf(slot), session: slot.session ?? '', first: slot, last: slot, count: 1 });
    }
  }
  return groups;
}

export function EventFormPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const location = useLocation();
  const [name, setName] = useState(emptyTexts());
  const [kind, setKind] = useState<string>('forum');
  const [zone, setZone] = useState('Europe/Moscow');
  const [firstDay, setFirstDay] = useState('');
  const [days, setDays] = useState('2');
  const [sessions, setSessions] = useState('09:00-12:30, 14:00-17:00');
  const [slotMinutes, setSlotMinutes] = useState('30');
  const [breakMinutes, setBreakMinutes] = useState('0');
  const [tables, setTables] = useState('20');
  const [seats, setSeats] = useState('4');
  const [virtualRooms, setVirtualRooms] = useState('0');
  const [cap, setCap] = useState('');
  const [videoLink, setVideoLink] = useState('');
  const [description, setDescription] = useState(emptyTexts());
  const [visibility, setVisibility] = useState<'public' | 'private'>('public');
  const [venue, setVenue] = useState('');
  const submitting = useSubmit();
  const { errors } = submitting;
  useTitle(t('create_event'));
  if (me === undefined) return <Progress label={t('loading')} />;
  if (me === null) return <SignInFirst title={t('create_event')} message="sign_in_to_see" />;
  const dayList = (): string[] => {
    const [y, m, d] = firstDay.split('-').map(Number);
    return Array.from({ length: Number(days) || 0 }, (_, i) => new Date(Date.UTC(y, m - 1, d + i)).toISOString().slice(0, 10));
  };
  const sessionList = () =>
    sessions
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s, i) => {
        const [start, end] = s.split('-').map((x) => x.trim());
        return { name: t('session_n', { n: i + 1 }), start, end: end ?? '' };
      });
  return (
    <RecordForm
      title={t('create_event')}
      submitting={submitting}
      cancelHref="/events"
      check={(): FieldErrors => {
        const found: FieldErrors = {};
        if (isBlank(name)) found.name = t('name_required');
        if (!/^\d{4}-\d{2}-\d{2}$/.test(firstDay)) found.plan = t('first_day_required');
        const n = Number(tables);
        if (!Number.isInteger(n) || n < 0 || !Number.isInteger(Number(virtualRooms)) || n + Number(virtualRooms) < 1) found.rooms = t('tables_required');
        return found;
      }}
      send={async () => {
        const inPerson = Array.from({ length: Number(tables) }, (_, i) => ({ id: `t${i + 1}`, name: t('table_n', { n: i + 1 }), seats: Number(seats), mode: 'in_person' }));
        const remote = Array.from({ length: Number(virtualRooms) }, (_, i) => ({ id: `v${i + 1}`, name: t('virtual_room_n', { n: i + 1 }), seats: 8, mode: 'virtual' }));
        const created = await api.post<PartneringEvent>('/api/events', {
          name: localizedOf(name),
          ...(isBlank(description) ? {} : { description: localizedOf(description) }),
          visibility,
          ...(venue.trim() ? { venue: venue.trim() } : {}),
          kind,
          time_zone: zone,
          rooms: [...inPerson, ...remote],
          ...(cap ? { max_meetings: Number(cap) } : {}),
          ...(videoLink.trim() ? { video_link: videoLink.trim() } : {}),
          plan: { days: dayList(), sessions: sessionList(), slot_minutes: Number(slotMinutes), break_minutes: Number(breakMinutes) },
        });
        location.route(`/events/${enc(created.id)}/organise`);
      }}
    >
      <LocalizedFields name="name" legend={t('event_name')} label={(language) => t('event_name_in', { language })} texts={name} onChange={setName} errors={errors} maxLength={300} />
      <Field name="kind" label={t('event_kind')} errors={errors}>
        {(control) => (
          <select {...control} value={kind} onChange={(e) => setKind(value(e))}>
            {KINDS.map((k) => (
              <option value={k} key={k}>
                {t(`event_kind_${k}` as MessageKey)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <PublicFields
        description={description}
        setDescription={setDescription}
        visibility={visibility}
        setVisibility={setVisibility}
        venue={venue}
        setVenue={setVenue}
        errors={errors}
      />
      <ZoneField value={zone} onChange={setZone} errors={errors} label={t('event_time_zone')} hint={t('event_time_zone_hint')} />
      <FieldGroup name="plan" legend={t('event_plan')} hint={t('event_plan_hint')} errors={errors}>
        <label>
          {t('first_day')}
          <input type="date" value={firstDay} onInput={(e) => setFirstDay(value(e))} />
        </label>
        <label>
          {t('number_of_days')}
          <input type="number" min={1} max={14} value={days} onInput={(e) => setDays(value(e))} />
        </label>
        <label>
          {t('sessions_each_day')}
          <input value={sessions} onInput={(e) => setSessions(value(e))} />
        </label>
        <label>
          {t('slot_minutes')}
          <input type="number" min={5} max={240} value={slotMinutes} onInput={(e) => setSlotMinutes(value(e))} />
        </label>
        <label>
          {t('break_minutes')}
          <input type="number" min={0} max={120} value={breakMinutes} onInput={(e) => setBreakMinutes(value(e))} />
        </label>
      </FieldGroup>
      <FieldGroup name="rooms" legend={t('tables_and_rooms')} errors={errors}>
        <label>
          {t('in_person_tables')}
          <input type="number" min={0} value={tables} onInput={(e) => setTables(value(e))} />
        </label>
        <label>
          {t('seats_per_table')}
          <input type="number" min={2} max={100} value={seats} onInput={(e) => setSeats(value(e))} />
        </label>
        <label>
          {t('virtual_rooms')}
          <input type="number" min={0} value={virtualRooms} onInput={(e) => setVirtualRooms(value(e))} />
        </label>
      </FieldGroup>
      <Field name="max_meetings" label={t('meeting_cap')} hint={t('meeting_cap_hint')} errors={errors}>
        {(control) => <input {...control} type="number" min={0} value={cap} onInput={(e) => setCap(value(e))} />}
      </Field>
      <Field name="video_link" label={t('video_link')} hint={t('video_link_hint')} errors={errors}>
        {(control) => <input {...control} type="url" value={videoLink} onInput={(e) => setVideoLink(value(e))} placeholder="https://meet.example.org/forum-{meeting}" />}
      </Field>
    </RecordForm>
  );
}
