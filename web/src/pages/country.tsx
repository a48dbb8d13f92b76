// A country: the regulatory profile that applies there (its own, or the
// EU's for a member state), every fact with its source and date or shown as
// unknown, and the platform's activity there. The list of countries with a
// profile.
import { useRoute } from 'preact-iso';
import { api, enc } from '../api';
import { ErrorMessage, Progress } from '../components/common';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import type { MessageKey } from '../messages';
import { useLabels } from '../taxonomy';
import type { components } from '../api-schema';
import { useTitle } from '../title';

// The shapes the API answers (src/api/openapi.json, generated into api-schema.ts).
type Source = components['schemas']['Source'];
type Count = components['schemas']['GuardedCount'];
type CountryInfo = components['schemas']['Country'];

function SourceLink(props: { source?: Source; asOf?: string; note?: string }) {
  const { t, date } = useI18n();
  if (!props.source) return props.note ? <span class="muted"> — {props.note}</span> : null;
  return (
    <span class="source muted">
      {' '}
      ({props.source.url ? <a href={props.source.url}>{props.source.title}</a> : props.source.title}
      {props.asOf && <>, {t('country_as_of', { date: date(props.asOf) })}</>}
      {props.note && <>; {props.note}</>})
    </span>
  );
}

function FactRow(props: { term: string; fact: { value?: unknown; source?: Source; as_of?: string; note?: string }; text: (value: unknown) => string }) {
  const { t } = useI18n();
  const known = props.fact.value !== null && props.fact.value !== undefined;
  return (
    <>
      <dt>{props.term}</dt>
      <dd>
        {known ? props.text(props.fact.value) : <span class="unknown">{t('country_unknown')}</span>}
        {/* An unknown fact's note is the data's own remark (English): "Unknown" says it in the reader's language. */}
        {known && <SourceLink source={props.fact.source} asOf={props.fact.as_of} note={props.fact.note} />}
      </dd>
    </>
  );
}

function useCount() {
  const { t, number } = useI18n();
  return (c: Count) => (typeof c === 'number' ? number(c) : t('country_fewer_than', { count: String(c.fewer_than) }));
}

function Activity(props: { a: NonNullable<CountryInfo['activity']>; country: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const labels = useLabels();
  const count = useCount();
  const { a, country } = props;
  return (
    <section class="card" aria-labelledby="activity-heading">
        <h2 id="activity-heading">{t('country_activity')}</h2>
        <dl class="facts compact">
          <dt>{t('country_organizations')}</dt>
          <dd>
            <a href={`/?type=organization&country=${enc(country)}`}>{i18n.number(a.organizations)}</a>
          </dd>
          <dt>{t('country_opportunities_from')}</dt>
          <dd>{i18n.number(a.opportunities_from)}</dd>
          <dt>{t('country_opportunities_targeting')}</dt>
          <dd>{i18n.number(a.opportunities_targeting)}</dd>
          <dt>{t('country_deals')}</dt>
          <dd>{count(a.deals)}</dd>
          <dt>{t('country_agreements')}</dt>
          <dd>{count(a.agreements)}</dd>
          <dt>{t('country_meetings')}</dt>
          <dd>{count(a.meetings)}</dd>
        </dl>
        {a.partners.length > 0 && (
          <>
            <h3>{t('country_partner_countries')}</h3>
            <ul class="plain-list">
              {a.partners.map((p) => (
                <li key={p.country}>
                  <a href={`/countries/${enc(p.country)}`}>{labels.label('countries', p.country)}</a>:{' '}
                  {t('country_partner_counts', { deals: count(p.deals), meetings: count(p.meetings) })}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
  );
}

export function CountryPage() {
  const { params } = useRoute();
  const code = (params.code ?? '').toUpperCase();
  const i18n = useI18n();
  const { t } = i18n;
  const labels = useLabels();
  const { data: c, error, retry } = useLoad(() => api.get<CountryInfo>(`/api/countries/${enc(code)}`), [code]);
  useTitle(c ? (c.country === 'EU' ? t('country_eu') : labels.label('countries', c.country)) : undefined);
  if (error) return <ErrorMessage error={error} onRetry={retry} />;
  if (!c || c.country !== code) return <Progress label={t('loading')} />;
  const p = c.profile;
  const value = (key: string) => (v: unknown) => t(`country_${key}_${String(v)}` as MessageKey);
  const months = (m: unknown) => {
    const [lo, hi] = m as [number, number];
    return lo === hi ? t('country_months', { months: i18n.number(lo) }) : t('country_months_range', { from: i18n.number(lo), to: i18n.number(hi) });
  };

  return (
    <article class="record country">
      <h1>{c.country === 'EU' ? t('country_eu') : labels.label('countries', c.country)}</h1>
      <section class="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t('country_profile')}</h2>
        {c.jurisdiction !== c.country && (
          <p>
            {t('country_profile_of_eu')} <a href="/countries/EU">{t('country_eu')}</a>
          </p>
        )}
        {!p && <p class="notice warning">{t('country_no_profile')}</p>}
        {p && (
          <>
            <h3>{t('country_regulators')}</h3>
            <ul class="plain-list">
              {p.regulators.map((r) => (
                <li key={i18n.pick(r.name).text}>
                  {r.url ? <a href={r.url}>{i18n.pick(r.name).text}</a> : i18n.pick(r.name).text}{' '}
                  <span class="muted">({t(`country_role_${r.role}` as MessageKey)})</span>
                </li>
              ))}
            </ul>
            <h3>{t('country_routes')}</h3>
            {p.routes.length === 0 ? (
              <p class="unknown">{t('country_unknown')}</p>
            ) : (
              <div class="table-scroll">
                <table class="routes cards">
                  <thead>
                    <tr>
                      <th scope="col">{t('country_product')}</th>
                      <th scope="col">{t('country_route')}</th>
                      <th scope="col">{t('country_duration')}</th>
                      <th scope="col">{t('country_source')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.routes.map((r, i) => (
                      <tr key={i}>
                        <td data-label={t('country_product')}>
                          {t(`country_product_${r.product}`)}
                          {r.class && ` (${t('country_class', { class: r.class })})`}
                        </td>
                        <td data-label={t('country_route')}>{i18n.pick(r.name).text}</td>
                        <td data-label={t('country_duration')}>
                          {r.months.value ? months(r.months.value) : <span class="unknown">{t('country_unknown')}</span>}
                        </td>
                        <td data-label={t('country_source')}>
                          {r.source.url ? <a href={r.source.url}>{r.source.title}</a> : r.source.title}
                          {r.months.value && r.months.note && <span class="muted"> — {r.months.note}</span>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <dl class="facts compact">
              <FactRow term={t('country_ich')} fact={p.ich} text={value('ich')} />
              <FactRow term={t('country_pics')} fact={p.pics} text={value('pics')} />
              <FactRow term={t('country_representative_drug')} fact={p.local_representative.drug} text={value('rep')} />
              <FactRow term={t('country_representative_device')} fact={p.local_representative.device} text={value('rep')} />
              <FactRow term={t('country_clinical_data')} fact={p.local_clinical_data} text={value('clinical')} />
              <FactRow
                term={t('country_dossier_languages')}
                fact={p.dossier_languages}
                text={(v) => (v as string[]).map((l) => new Intl.DisplayNames([i18n.lang], { type: 'language' }).of(l) ?? l).join(', ')}
              />
            </dl>
            {p.reliance.length > 0 && (
              <>
                <h3>{t('country_reliance')}</h3>
                <ul class="plain-list">
                  {p.reliance.map((r, i) => (
                    <li key={i}>
                      {i18n.pick(r.name).text}
                      <SourceLink source={r.source} />
                    </li>
                  ))}
                </ul>
              </>
            )}
            <p class="hint">
              {c.profile_updated_at
                ? t('country_profile_updated', { date: i18n.date(c.profile_updated_at) })
                : t('country_profile_shipped')}
            </p>
          </>
        )}
      </section>
      {c.members.length > 0 && (
        <section class="card" aria-labelledby="members-heading">
          <h2 id="members-heading">{t('country_members')}</h2>
          <ul class="chips">
            {c.members.map((m) => (
              <li key={m}>
                <a href={`/countries/${enc(m)}`}>{labels.label('countries', m)}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {c.activity && <Activity a={c.activity} country={c.country} />}
    </article>
  );
}

export function CountriesPage() {
  const { t } = useI18n();
  const labels = useLabels();
  useTitle(t('nav_countries'));
  const { data, error, retry } = useLoad(() => api.get<components['schemas']['RegulatoryProfiles']>('/api/regulatory-profiles'), []);
  if (error) return <ErrorMessage error={error} onRetry={retry} />;
  if (!data) return <Progress label={t('loading')} />;
  return (
    <article class="record">
      <h1>{t('nav_countries')}</h1>
      <p>{t('countries_intro')}</p>
      <p>
        <a href="/indicators">{t('indicators_link')}</a>
      </p>
      <ul class="chips country-list">
        {data.profiles.map((p) => (
          <li key={p.country}>
            <a href={`/countries/${enc(p.country)}`}>
              {p.country === 'EU' ? t('country_eu') : labels.label('countries', p.country)}
            </a>
          </li>
        ))}
      </ul>
    </article>
  );
}
