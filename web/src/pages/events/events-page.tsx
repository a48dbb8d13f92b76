// The list of partnering events.
import { api, enc, type EventList } from '../../api';
import { ErrorMessage, Progress } from '../../components/common';
import { useI18n } from '../../i18n';
import { useLoad } from '../../load';
import type { MessageKey } from '../../messages';
import { useSession } from '../../session';
import { useTitle } from '../../title';
import { daysOf } from './shared';

export function EventsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const events = useLoad(() => api.get<EventList>('/api/events', { lang: i18n.lang }), [me?.user.id, i18n.lang]);
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
