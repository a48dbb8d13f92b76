// The organiser's page of an event: slots, tables and rooms, the schedule
// against its upper bound, the delegates and the requests' figures.
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import {
  api,
  type DelegateList,
  enc,
  eventPath,
  type MeetingRequest,
  type MeetingRequestList,
  type PartneringEvent,
  type Schedule,
} from '../../api';
import { ErrorMessage, Progress, SignInFirst } from '../../components/common';
import { useSubmit } from '../../components/form';
import { useI18n } from '../../i18n';
import { useLoad } from '../../load';
import { useOrganizationNames } from '../../names';
import type { MessageKey } from '../../messages';
import { useSession } from '../../session';
import { useTitle } from '../../title';
import { AttendanceSection, meetingPair } from './venue';
import { PublicPageSection } from './public-page';
import { EventFacts, groupSessions, wallClock } from './shared';

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
  const requests = useLoad(() => api.get<MeetingRequestList>(`${path}/requests`, { lang: i18n.lang }), [path, version, i18n.lang]);
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
          <div class="plain-figures" role="status">
            <p>
              {t('schedule_plain', {
                scheduled: (f.requests ?? 0) - (f.unscheduled?.length ?? 0),
                requests: f.requests ?? 0,
              })}{' '}
              {f.exact || (f.percent_of_bound ?? 0) >= 100
                ? t('schedule_best')
                : t('schedule_near', { percent: i18n.percent((f.percent_of_bound ?? 0) / 100) })}
            </p>
          </div>
        )}
        {s && (
          <details class="figures-details">
            <summary>{t('the_figures')}</summary>
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
          </details>
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
  const delegates = useLoad(() => api.get<DelegateList>(`${path}/delegates`), [path, props.version]);
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
