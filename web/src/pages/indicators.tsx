// Country indicators side by side: the sourced figures (papers, patents,
// innovative-drug and device approvals), the latest year of each with its
// source, a bar for each country that has one, and the platform's own
// activity in each country; CSV of the same. A country without a sourced
// figure shows "unknown", never an estimate.
import { useState } from 'preact/hooks';
import { api, enc } from '../api';
import { ErrorMessage, Progress } from '../components/common';
import { CountryCheckboxes } from '../components/form';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import { useLabels } from '../taxonomy';
import type { components } from '../api-schema';
import { useTitle } from '../title';

type Count = components['schemas']['GuardedCount'];
type Comparison = components['schemas']['IndicatorComparison'];

const CHOICES = ['CN', 'RU', 'KZ', 'BY', 'AM', 'KG', 'UZ', 'TJ', 'IN', 'PK', 'IR', 'IL', 'US', 'DE'];

export function IndicatorsPage() {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const labels = useLabels();
  useTitle(t('indicators'));
  const [chosen, setChosen] = useState<string[]>(['CN', 'RU', 'KZ', 'UZ']);
  const query = chosen.join(',');
  const { data, error, retry } = useLoad(
    () => api.get<Comparison>('/api/indicators', { countries: query, lang }),
    [query, lang],
  );
  const count = (c: Count) => (typeof c === 'number' ? i18n.number(c) : t('country_fewer_than', { count: String(c.fewer_than) }));
  return (
    <article class="record indicators">
      <h1>{t('indicators')}</h1>
      <p>{t('indicators_intro')}</p>
      <fieldset class="chips-fieldset">
        <legend>{t('indicators_countries')}</legend>
        <CountryCheckboxes codes={CHOICES} chosen={chosen} onChange={setChosen} inline />
      </fieldset>
      {chosen.length === 0 && <p>{t('plan_choose_countries')}</p>}
      <ErrorMessage error={error} onRetry={retry} />
      {!data && chosen.length > 0 && !error && <Progress label={t('loading')} />}
      {data && chosen.length > 0 && (
        <>
          <div class="table-scroll">
            <table class="comparison">
              <thead>
                <tr>
                  <th scope="col">{t('indicators_indicator')}</th>
                  {data.countries.map((c) => (
                    <th scope="col" key={c.country}>
                      <a href={`/countries/${enc(c.country)}`}>{labels.label('countries', c.country)}</a>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.indicators.map((ind) => (
                  <tr key={ind.code}>
                    <th scope="row">{ind.label}</th>
                    {data.countries.map((c) => {
                      const figures = c.figures.filter((f) => f.indicator === ind.code).sort((a, b) => b.year - a.year);
                      const f = figures[0];
                      return (
                        <td key={c.country}>
                          {f ? (
                            <>
                              {i18n.number(f.value)} <span class="muted">({f.year})</span>
                              <div class="source muted">
                                {f.source.url ? <a href={f.source.url}>{f.source.title}</a> : f.source.title}
                              </div>
                            </>
                          ) : (
                            <span class="unknown">{t('country_unknown')}</span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
                <tr>
                  <th scope="row">{t('country_organizations')}</th>
                  {data.countries.map((c) => (
                    <td key={c.country}>{c.activity ? i18n.number(c.activity.organizations) : '—'}</td>
                  ))}
                </tr>
                <tr>
                  <th scope="row">{t('country_opportunities_targeting')}</th>
                  {data.countries.map((c) => (
                    <td key={c.country}>{c.activity ? i18n.number(c.activity.opportunities_targeting) : '—'}</td>
                  ))}
                </tr>
                <tr>
                  <th scope="row">{t('country_deals')}</th>
                  {data.countries.map((c) => (
                    <td key={c.country}>{c.activity ? count(c.activity.deals) : '—'}</td>
                  ))}
                </tr>
                <tr>
                  <th scope="row">{t('country_meetings')}</th>
                  {data.countries.map((c) => (
                    <td key={c.country}>{c.activity ? count(c.activity.meetings) : '—'}</td>
                  ))}
                </tr>
              </tbody>
            </table>
          </div>
          {data.indicators.map((ind) => {
            const bars = data.countries
              .map((c) => ({ country: c.country, f: c.figures.filter((f) => f.indicator === ind.code).sort((a, b) => b.year - a.year)[0] }))
              .filter((b) => b.f);
            if (bars.length === 0) return null;
            const max = Math.max(...bars.map((b) => b.f!.value), 1);
            return (
              <figure class="bars" key={ind.code}>
                <figcaption>{ind.label}</figcaption>
                <svg viewBox={`0 0 500 ${bars.length * 24 + 4}`} role="img" aria-label={ind.label}>
                  {bars.map((b, i) => (
                    <g key={b.country}>
                      <text x="0" y={i * 24 + 16} font-size="12">
                        {labels.label('countries', b.country)}
                      </text>
                      <rect x="140" y={i * 24 + 4} width={Math.max(2, (b.f!.value / max) * 280)} height="16" class="bar" />
                      <text x={146 + (b.f!.value / max) * 280} y={i * 24 + 16} font-size="11">
                        {i18n.number(b.f!.value)} ({b.f!.year})
                      </text>
                    </g>
                  ))}
                </svg>
              </figure>
            );
          })}
          {data.countries.length > 1 && (
            <div class="table-scroll">
              <table class="flows">
                <caption>{t('indicators_flows')}</caption>
                <thead>
                  <tr>
                    <td />
                    {data.countries.map((c) => (
                      <th scope="col" key={c.country}>
                        {labels.label('countries', c.country)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.countries.map((row) => (
                    <tr key={row.country}>
                      <th scope="row">{labels.label('countries', row.country)}</th>
                      {data.countries.map((col) => {
                        const p = row.activity?.partners.find((x) => x.country === col.country);
                        // A pair not listed has fewer than 3 deals and meetings (perhaps none): never shown as 0.
                        const none: Count = { fewer_than: 3 };
                        return (
                          <td key={col.country}>
                            {col.country === row.country ? '—' : `${count(p ? p.deals : none)} · ${count(p ? p.meetings : none)}`}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p>
            <a class="button secondary" href={`/api/indicators/csv?countries=${enc(query)}`} download>
              {t('indicators_csv')}
            </a>
          </p>
        </>
      )}
    </article>
  );
}
