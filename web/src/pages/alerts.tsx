// Saved searches and partner alerts: the page that lists a person's own
// (rename, rhythm, delete), the button that saves the search being looked
// at, and the one that asks for new partners of an opportunity.
import { useState } from 'preact/hooks';
import { api, enc, RHYTHMS, type Rhythm, type SavedSearch, type SavedSearchFilter } from '../api';
import { ErrorMessage, Progress, SignInFirst } from '../components/common';
import { useSubmit } from '../components/form';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import { useSession } from '../session';
import { useTitle } from '../title';

export function AlertsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  useTitle(t('alerts_title'));
  const [changed, setChanged] = useState(0);
  const list = useLoad(
    async () => (me ? (await api.get<{ items: SavedSearch[] }>('/api/me/saved-searches')).items : null),
    [me?.user.id, changed],
  );
  const { formError, busy, run } = useSubmit();
  if (me === undefined) return <Progress label={t('loading')} />;
  if (me === null) return <SignInFirst title={t('alerts_title')} message="sign_in_to_see" />;

  const patch = (s: SavedSearch, body: { rhythm?: Rhythm; name?: string }) =>
    run(async () => {
      await api.patch(`/api/me/saved-searches/${enc(s.id)}`, body);
      setChanged((n) => n + 1);
    });

  return (
    <section class="narrow">
      <h1>{t('alerts_title')}</h1>
      <p>{t('alerts_intro')}</p>
      <ErrorMessage error={list.error ?? formError} onRetry={list.error ? list.retry : undefined} />
      {list.busy && !list.data && <Progress label={t('loading')} />}
      {list.data && list.data.length === 0 && <p>{t('alerts_none')}</p>}
      {list.data && list.data.length > 0 && (
        <ul class="plain-list saved-searches">
          {list.data.map((s) => (
            <li key={s.id} class="card saved-search">
              <h2>
                <a href={s.link}>{s.name}</a>
              </h2>
              <p class="muted">
                {s.kind === 'matches'
                  ? s.opportunity
                    ? t('alerts_partners_for', { title: s.opportunity.title })
                    : t('alerts_opportunity_gone')
                  : t('alerts_query', { q: s.q ?? '' })}
              </p>
              <p class="muted">
                {s.last_match_at
                  ? t('alerts_last_match', { count: s.match_count, when: i18n.dateTime(s.last_match_at) })
                  : t('alerts_no_match_yet')}
              </p>
              <div class="saved-search-actions">
                <label>
                  {t('alerts_rhythm')}{' '}
                  <select
                    value={s.rhythm}
                    disabled={busy}
                    onChange={(e) => patch(s, { rhythm: (e.target as HTMLSelectElement).value as Rhythm })}
                  >
                    {RHYTHMS.map((r) => (
                      <option key={r} value={r}>
                        {t(`rhythm_${r}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <button
                  type="button"
                  class="secondary"
                  disabled={busy}
                  aria-label={t('alerts_delete_named', { name: s.name })}
                  onClick={() =>
                    run(async () => {
                      await api.delete(`/api/me/saved-searches/${enc(s.id)}`);
                      setChanged((n) => n + 1);
                    })
                  }
                >
                  {t('alerts_delete')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

// A button that saves an alert once and then says so, with a link to the
// alerts page.
function AlertButton(props: { label: string; done: string; save: () => Promise<void> }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState(false);
  const { formError, busy, run } = useSubmit();
  if (saved) {
    return (
      <p class="saved-note" role="status">
        {props.done} <a href="/alerts">{t('alerts_manage')}</a>
      </p>
    );
  }
  return (
    <div class="save-search">
      <button
        type="button"
        class="secondary"
        disabled={busy}
        onClick={() =>
          run(async () => {
            await props.save();
            setSaved(true);
          })
        }
      >
        {props.label}
      </button>
      <ErrorMessage error={formError} />
    </div>
  );
}

// "Alert me": saves what is being searched for (query, filters, language).
export function SaveSearchButton(props: { q: string; filters: Partial<Record<SavedSearchFilter, string>> }) {
  const i18n = useI18n();
  const { me } = useSession();
  if (!me) return null;
  const filters = Object.fromEntries(Object.entries(props.filters).filter(([, v]) => v));
  return (
    <AlertButton
      key={JSON.stringify([props.q, filters])}
      label={i18n.t('alerts_save_search')}
      done={i18n.t('alerts_saved')}
      save={() => api.post('/api/me/saved-searches', { q: props.q, lang: i18n.lang, filters })}
    />
  );
}

// "Tell me about new partners" for an opportunity of one's organisation.
export function WatchPartnersButton(props: { opportunity: string }) {
  const { t } = useI18n();
  return (
    <AlertButton
      label={t('alerts_watch_partners')}
      done={t('alerts_watching')}
      save={() => api.post('/api/me/saved-searches', { kind: 'matches', opportunity: props.opportunity })}
    />
  );
}
