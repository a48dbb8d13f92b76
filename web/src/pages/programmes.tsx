// Programmes: the list, and one programme with its opportunities and, for
// its operator's members, the analytics of its deals (charts, the funnel
// table, a CSV download) for a chosen period.
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { type Analytics, api, enc, type Opportunity, type Page, type Programme, withQuery } from '../api';
import { AnalyticsCharts } from '../components/charts';
import { ErrorMessage, Localized, Progress } from '../components/common';
import { PagedList } from '../components/paged-list';
import { FunnelFigures } from '../components/pipeline';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import type { MessageKey } from '../messages';
import { useOrganizationNames } from '../names';
import { useSession } from '../session';
import { useTitle } from '../title';

export function ProgrammesPage() {
  const i18n = useI18n();
  const { t } = i18n;
  useTitle(t('programmes'));
  return (
    <section>
      <h1>{t('programmes')}</h1>
      <PagedList<Programme>
        empty={t('no_programmes')}
        source="programmes"
        load={(page) => api.get<Page<Programme>>('/api/programmes', { page, per_page: 20 })}
        item={(p) => {
          const name = i18n.pick(p.name);
          return (
            <li key={p.id}>
              <a href={`/programmes/${enc(p.id)}`} lang={name.language}>
                {name.text}
              </a>{' '}
              <span class="muted">· {t(`kind_${p.kind}` as MessageKey)}</span>
            </li>
          );
        }}
      />
    </section>
  );
}

export function ProgrammePage() {
  const { params } = useRoute();
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const programme = useLoad(() => api.get<Programme>(`/api/programmes/${enc(params.id)}`), [params.id]);
  const p = programme.data;
  const names = useOrganizationNames(p ? [p.operator] : []);
  useTitle(p ? i18n.pick(p.name).text : t('programme'));
  if (programme.error) return <ErrorMessage error={programme.error} onRetry={programme.retry} />;
  if (!p || p.id !== params.id) return <Progress label={t('loading')} />;
  const operatorName = names[p.operator] ? i18n.pick(names[p.operator]!).text : p.operator;
  const operates = me?.memberships.some((m) => m.organization === p.operator) ?? false;
  return (
    <article class="record">
      <p class="result-meta">
        <span class="badge opportunity">{t(`kind_${p.kind}` as MessageKey)}</span>
        <a href={`/organizations/${enc(p.operator)}`}>{t('operated_by', { name: operatorName })}</a>
      </p>
      <Localized text={p.name} as="h1" />
      {p.description && <Localized text={p.description} />}
      <ProgrammeOpportunities id={p.id} />
      {operates && <ProgrammeAnalytics id={p.id} />}
    </article>
  );
}

function ProgrammeOpportunities(props: { id: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const list = useLoad(async () => {
    const ids = (await api.get<{ items: string[] }>(`/api/programmes/${enc(props.id)}/opportunities`)).items;
    return Promise.all(ids.map((id) => api.get<Opportunity>(`/api/opportunities/${enc(id)}`)));
  }, [props.id]);
  return (
    <section>
      <h2>{t('programme_opportunities')}</h2>
      {list.error ? (
        <ErrorMessage error={list.error} onRetry={list.retry} />
      ) : !list.data ? (
        <Progress label={t('loading')} />
      ) : list.data.length === 0 ? (
        <p>{t('none_yet')}</p>
      ) : (
        <ul class="plain-list">
          {list.data.map((o) => {
            const title = i18n.pick(o.title);
            return (
              <li key={o.id}>
                <a href={`/opportunities/${enc(o.id)}`} lang={title.language}>
                  {title.text}
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function ProgrammeAnalytics(props: { id: string }) {
  const { t } = useI18n();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [period, setPeriod] = useState<{ from?: string; to?: string }>({});
  const analytics = useLoad(
    () => api.get<Analytics>(`/api/programmes/${enc(props.id)}/analytics`, period),
    [props.id, period.from, period.to],
  );
  return (
    <section aria-labelledby="analytics-heading">
      <h2 id="analytics-heading">{t('analytics')}</h2>
      <form
        class="period"
        onSubmit={(e) => {
          e.preventDefault();
          setPeriod({ from: from || undefined, to: to || undefined });
        }}
      >
        <div class="field">
          <label for="period-from">{t('period_from')}</label>
          <input id="period-from" type="date" value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="period-to">{t('period_to')}</label>
          <input id="period-to" type="date" value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} />
        </div>
        <button type="submit">{t('apply')}</button>
        <a class="button secondary" href={withQuery(`/api/programmes/${enc(props.id)}/analytics/csv`, period)} download>
          {t('download_csv')}
        </a>
      </form>
      <ErrorMessage error={analytics.error} onRetry={analytics.retry} />
      {analytics.busy && !analytics.data && <Progress label={t('loading')} />}
      {analytics.data && (
        <>
          <AnalyticsCharts analytics={analytics.data} />
          <h3>{t('funnel')}</h3>
          <FunnelFigures funnel={analytics.data.funnel} />
        </>
      )}
    </section>
  );
}
