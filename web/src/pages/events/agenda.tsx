// A delegate's meetings: the agenda in their own time zone, another time
// proposed, and the requests they sent and received.
import { useState } from 'preact/hooks';
import {
  type Agenda,
  type AgendaItem,
  api,
  enc,
  eventPath,
  type MeetingRequest,
  type MeetingRequestList,
  type PartneringEvent,
} from '../../api';
import { ErrorMessage, Progress } from '../../components/common';
import { Field, useSubmit, value } from '../../components/form';
import { useI18n } from '../../i18n';
import { type Loaded, useLoad } from '../../load';
import type { MessageKey } from '../../messages';
import { CheckInQr } from './venue';
import { wallClock } from './shared';

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

export function AgendaSection(props: { event: PartneringEvent; requests: Loaded<MeetingRequestList>; version: number; onChanged: () => void }) {
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
            <table class="data agenda cards">
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
                    <td data-label={t('when')}>
                      {wallClock(item.start, i18n.locale)}–{wallClock(item.end, i18n.locale, false)}
                    </td>
                    <td data-label={t('where')}>
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
                    <td data-label={t('with_whom')}>
                      {item.with.join(', ')}
                      {item.priority === 'must' && <span class="badge request"> {t('priority_must')}</span>}
                    </td>
                    <td data-label={t('status')}>
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

export function RequestsSection(props: { event: PartneringEvent; requests: Loaded<MeetingRequestList>; onChanged: () => void }) {
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
