// Who comes to an event: a searchable, filterable list (the public list for
// visitors; every delegate, the matcher's suggestions first with their
// reasons, for delegates and organisers), asking to meet from the list, and
// a participant's profile for the event.
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, enc, eventPath, type MeetingRequest, type Participant, type ParticipantPage, type PartneringEvent } from '../../api';
import { ErrorMessage, Pager, Progress } from '../../components/common';
import { Field, useSubmit, value, CodeSelect } from '../../components/form';
import { useI18n } from '../../i18n';
import { useLoad } from '../../load';
import type { MessageKey } from '../../messages';
import { useLabels } from '../../taxonomy';
import { useTitle } from '../../title';


// What a participant's organisation is, offers and seeks, in a few lines.
function ParticipantFacts(props: { p: Participant }) {
  const { t } = useI18n();
  const labels = useLabels();
  const p = props.p;
  return (
    <>
      <span class="muted">
        {[labels.label('countries', p.country), labels.label('organization_kinds', p.kind)].filter(Boolean).join(' · ')}
        {p.stand && ` · ${t('stand')} ${p.stand}`}
        {p.attendance === 'virtual' && ` · ${t('attendance_virtual')}`}
      </span>
      {p.therapeutic_areas.length > 0 && (
        <p class="muted">{p.therapeutic_areas.map((a) => labels.label('therapeutic_areas', a)).join(', ')}</p>
      )}
      {p.offers.length > 0 && (
        <p>
          <span class="badge offer">{t('participant_offers')}</span> {p.offers.join('; ')}
        </p>
      )}
      {p.seeks.length > 0 && (
        <p>
          <span class="badge request">{t('participant_seeks')}</span> {p.seeks.join('; ')}
        </p>
      )}
    </>
  );
}

// Asking one participant for a meeting, from their row or profile.
function AskToMeet(props: { event: PartneringEvent; p: Participant; onAsked: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [priority, setPriority] = useState<'must' | 'would_like'>('would_like');
  const [message, setMessage] = useState('');
  const { errors, formError, busy, run } = useSubmit();
  const p = props.p;
  if (p.request) return <span class={`badge status-${p.request.status}`}>{t(`request_${p.request.status}` as MessageKey)}</span>;
  if (p.colleague || props.event.status !== 'open') return null;
  if (!open) {
    return (
      <button type="button" class="secondary" onClick={() => setOpen(true)} aria-label={t('ask_name_to_meet', { name: p.name })}>
        {t('ask_to_meet')}
      </button>
    );
  }
  const prefix = `ask-${p.id}`;
  return (
    <form
      class="card ask-form"
      noValidate
      onSubmit={(ev) => {
        ev.preventDefault();
        run(async () => {
          await api.post<MeetingRequest>(`${eventPath(props.event.id)}/requests`, { to: p.id, priority, message: message.trim() || undefined });
          setOpen(false);
          props.onAsked();
        });
      }}
    >
      <ErrorMessage error={formError} />
      <Field name={`${prefix}-priority`} label={t('priority')} errors={errors}>
        {(control) => (
          <select {...control} value={priority} onChange={(e) => setPriority(value(e) as 'must' | 'would_like')}>
            <option value="would_like">{t('priority_would_like')}</option>
            <option value="must">{t('priority_must')}</option>
          </select>
        )}
      </Field>
      <Field name={`${prefix}-message`} label={t('message_optional')} errors={errors}>
        {(control) => <textarea {...control} value={message} maxLength={2000} onInput={(e) => setMessage(value(e))} />}
      </Field>
      <div class="actions">
        <button type="submit" disabled={busy} aria-busy={busy}>
          {t('send_request_to', { name: p.name })}
        </button>
        <button type="button" class="secondary" onClick={() => setOpen(false)}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

export function ParticipantsSection(props: { event: PartneringEvent; version: number; onAsked: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [q, setQ] = useState('');
  const [typed, setTyped] = useState('');
  const [country, setCountry] = useState('');
  const [kind, setKind] = useState('');
  const [area, setArea] = useState('');
  const [page, setPage] = useState(1);
  const [asked, setAsked] = useState('');
  const list = useLoad(
    () =>
      api.get<ParticipantPage>(`${eventPath(props.event.id)}/participants`, {
        q,
        country,
        kind,
        area,
        lang: i18n.lang,
        page: String(page),
        per_page: '20',
      }),
    [props.event.id, q, country, kind, area, page, i18n.lang, props.version],
  );
  const { errors } = useSubmit();
  const filter = (set: (v: string) => void) => (v: string) => {
    set(v);
    setPage(1);
  };
  return (
    <section aria-labelledby="meet-heading">
      <h2 id="meet-heading">{t('participants')}</h2>
      <form
        class="filters"
        role="search"
        onSubmit={(ev) => {
          ev.preventDefault();
          setQ(typed.trim());
          setPage(1);
        }}
      >
        <Field name="participants-q" label={t('participants_search')} errors={errors}>
          {(control) => <input {...control} type="search" value={typed} onInput={(e) => setTyped(value(e))} />}
        </Field>
        <Field name="participants-country" label={t('country')} errors={errors}>
          {(control) => <CodeSelect {...control} taxonomy="countries" value={country} onChange={filter(setCountry)} optional />}
        </Field>
        <Field name="participants-kind" label={t('kind')} errors={errors}>
          {(control) => <CodeSelect {...control} taxonomy="organization_kinds" value={kind} onChange={filter(setKind)} optional />}
        </Field>
        <Field name="participants-area" label={t('therapeutic_area_filter')} errors={errors}>
          {(control) => <CodeSelect {...control} taxonomy="therapeutic_areas" value={area} onChange={filter(setArea)} optional />}
        </Field>
        <div class="actions">
          <button type="submit">{t('search_button')}</button>
        </div>
      </form>
      {list.error && <ErrorMessage error={list.error} onRetry={list.retry} />}
      {!list.data && !list.error && <Progress label={t('loading')} />}
      {asked && (
        <p role="status" class="notice">
          {t('request_sent', { name: asked })}
        </p>
      )}
      {list.data && (
        <>
          <p class="muted">
            {i18n.plural(list.data.full ? 'participants_count' : 'participants_listed_count', list.data.total)}
          </p>
          {list.data.items.length === 0 ? (
            <p>{t('no_participants')}</p>
          ) : (
            <ul class="results participants">
              {list.data.items.map((p) => (
                <li key={p.id}>
                  <a href={`/events/${enc(props.event.id)}/participants/${enc(p.id)}`}>{p.name}</a>{' '}
                  <strong>{p.organization_name}</strong>{' '}
                  {p.suggested && <span class="badge published">{t('suggested_delegates')}</span>}
                  {p.colleague && <span class="badge draft">{t('colleague')}</span>}
                  <br />
                  <ParticipantFacts p={p} />
                  {p.suggested && p.reasons && p.reasons.length > 0 && (
                    <p class="reasons muted">{p.reasons.slice(0, 3).map((r) => r.text).join('; ')}</p>
                  )}
                  {list.data?.full && (
                    <AskToMeet
                      event={props.event}
                      p={p}
                      onAsked={() => {
                        setAsked(p.name);
                        props.onAsked();
                      }}
                    />
                  )}
                </li>
              ))}
            </ul>
          )}
          <Pager page={list.data.page} pages={list.data.pages} onPage={setPage} />
        </>
      )}
    </section>
  );
}

export function ParticipantProfilePage() {
  const { params } = useRoute();
  const i18n = useI18n();
  const { t } = i18n;
  const event = useLoad(() => api.get<PartneringEvent>(eventPath(params.id)), [params.id]);
  const [version, setVersion] = useState(0);
  const participant = useLoad(
    () => api.get<Participant>(`${eventPath(params.id)}/participants/${enc(params.delegate)}`, { lang: i18n.lang }),
    [params.id, params.delegate, i18n.lang, version],
  );
  useTitle(participant.data?.name ?? t('participants'));
  if (event.error || participant.error) return <ErrorMessage error={event.error ?? participant.error} onRetry={participant.retry} />;
  if (!event.data || !participant.data) return <Progress label={t('loading')} />;
  const p = participant.data;
  const name = i18n.pick(event.data.name);
  return (
    <article class="participant">
      <p class="result-meta">
        <a href="/events">{t('events')}</a> › <a href={`/events/${enc(params.id)}`} lang={name.language}>{name.text}</a>
      </p>
      <h1>{p.name}</h1>
      <p>
        <a href={`/organizations/${enc(p.organization)}`}>{p.organization_name}</a>{' '}
        {p.suggested && <span class="badge published">{t('suggested_delegates')}</span>}
      </p>
      <ParticipantFacts p={p} />
      {p.description && <p class="description">{p.description}</p>}
      {p.suggested && p.reasons && p.reasons.length > 0 && (
        <>
          <h2>{t('why_suggested')}</h2>
          <ul>
            {p.reasons.map((r) => (
              <li key={r.code}>{r.text}</li>
            ))}
          </ul>
        </>
      )}
      {event.data.me && <AskToMeet event={event.data} p={p} onAsked={() => setVersion((v) => v + 1)} />}
    </article>
  );
}
