// One event as a delegate (or anyone) sees it: its facts and public page,
// registration, the delegate's requests and agenda.
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, enc, eventPath, type PartneringEvent } from '../../api';
import { ErrorMessage, Progress } from '../../components/common';
import { useI18n } from '../../i18n';
import { useLoad } from '../../load';
import { useSession } from '../../session';
import { useTitle } from '../../title';
import { ParticipantsSection } from './participants';
import { DelegateForm, DelegatePanel } from './delegate';
import { EventAbout, EventFacts } from './shared';

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
