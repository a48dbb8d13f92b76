// Complementary partners of an opportunity or an organisation, each with its
// score and the reasons for it, written by the server in the viewer's language.
import { useState } from 'preact/hooks';
import { api, enc, type MatchResult } from '../api';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import { useLabels } from '../taxonomy';
import { ErrorMessage, Progress } from './common';

export function Matches(props: { source: 'opportunities' | 'organizations'; id: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const labels = useLabels();
  const [type, setType] = useState<'' | 'organization' | 'opportunity'>('');
  const { data: result, error, busy, retry } = useLoad(
    () => api.get<MatchResult>(`/api/${props.source}/${enc(props.id)}/matches`, { lang: i18n.lang, type, top: 10 }),
    [props.source, props.id, i18n.lang, type],
  );

  return (
    <section class="matches" aria-labelledby="matches-heading">
      <div class="section-head">
        <h2 id="matches-heading">{t('matches')}</h2>
        <label class="inline">
          <span>{t('matches_only')}</span>
          <select value={type} onChange={(e) => setType((e.target as HTMLSelectElement).value as typeof type)}>
            <option value="">{t('all_types')}</option>
            <option value="organization">{t('organizations')}</option>
            <option value="opportunity">{t('opportunities')}</option>
          </select>
        </label>
      </div>
      {busy && <Progress label={t('finding_matches')} />}
      <ErrorMessage error={error} onRetry={retry} />
      {result && !busy && !error && result.items.length === 0 && <p>{t('no_matches')}</p>}
      {result && !error && (
        <ol class="match-list" aria-busy={busy}>
          {result.items.map((item) => {
            const href = `/${item.type === 'organization' ? 'organizations' : 'opportunities'}/${enc(item.id)}`;
            return (
              <li class="match" key={`${item.type}:${item.id}`}>
                <div class="match-head">
                  <h3>
                    <a href={href} lang={item.title_language || undefined}>
                      {item.title}
                    </a>
                  </h3>
                  <span class="score" title={t('match_score', { score: i18n.percent(item.score) })}>
                    {t('match_score', { score: i18n.percent(item.score) })}
                  </span>
                </div>
                <p class="result-meta">
                  <span class={`badge ${item.type}`}>
                    {item.type === 'organization' ? t('organization') : t('opportunity')}
                  </span>
                  {item.direction && <span class={`badge ${item.direction}`}>{labels.label('directions', item.direction)}</span>}
                  <span>{labels.label('countries', item.country)}</span>
                  {item.kind && <span>{labels.label('organization_kinds', item.kind)}</span>}
                  {item.type === 'opportunity' && (
                    <span>
                      {t('posted_by')}: <a href={`/organizations/${enc(item.organization.id)}`}>{item.organization.name}</a>
                    </span>
                  )}
                </p>
                <details open>
                  <summary>{t('why_match')}</summary>
                  <ul class="reasons">
                    {item.reasons.map((reason, i) => (
                      <li key={i} data-code={reason.code}>
                        <span class="reason-bar" style={{ width: `${item.score > 0 ? Math.min(100, Math.round((reason.contribution / item.score) * 100)) : 0}%` }} aria-hidden="true" />
                        <span>{reason.text}</span>
                      </li>
                    ))}
                  </ul>
                </details>
              </li>
            );
          })}
        </ol>
      )}
      {result && !error && (result.others_looking ?? []).length > 0 && (
        <section class="others-looking" aria-labelledby="others-looking-heading">
          <h3 id="others-looking-heading">{t('others_looking')}</h3>
          <p class="hint">{t('others_looking_hint')}</p>
          <ul class="plain-list">
            {result.others_looking!.map((item) => (
              <li key={`${item.type}:${item.id}`}>
                <a href={`/opportunities/${enc(item.id)}`} lang={item.title_language || undefined}>
                  {item.title}
                </a>{' '}
                <span class="muted">
                  · {item.organization?.name} · {labels.label('countries', item.country)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
