// The directory: full-text search in any language with facets, or, without a
// query, the organisations or opportunities page by page. Everything the page
// shows is in its address, so that back, forward and links work.
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import {
  api,
  type FacetValue,
  type LocalizedText,
  type OpportunityPage,
  type OrganizationPage,
  type PageEnvelope,
  type SearchItem,
  type SearchResult,
  withQuery,
} from '../api';
import { ErrorMessage, Pager, Progress } from '../components/common';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import type { MessageKey } from '../messages';
import { useLabels, type TaxonomyName } from '../taxonomy';
import { SaveSearchButton } from './alerts';
import { useTitle } from '../title';

type RecordType = 'organization' | 'opportunity';

interface Filter {
  name: 'country' | 'kind' | 'area' | 'cooperation' | 'stage' | 'certificate' | 'certified_in';
  taxonomy: TaxonomyName;
  label: MessageKey;
  types: RecordType[];  // the record types it applies to when browsing
}

const FILTERS: Filter[] = [
  { name: 'country', taxonomy: 'countries', label: 'facet_country', types: ['organization', 'opportunity'] },
  { name: 'kind', taxonomy: 'organization_kinds', label: 'facet_kind', types: ['organization', 'opportunity'] },
  { name: 'area', taxonomy: 'therapeutic_areas', label: 'facet_area', types: ['organization', 'opportunity'] },
  { name: 'cooperation', taxonomy: 'cooperation_types', label: 'facet_cooperation', types: ['opportunity'] },
  { name: 'stage', taxonomy: 'stages', label: 'facet_stage', types: ['opportunity'] },
  // A certificate in force of the organisation, and where it holds: when searching only.
  { name: 'certificate', taxonomy: 'certificate_kinds', label: 'certificate_filter', types: [] },
  { name: 'certified_in', taxonomy: 'countries', label: 'certified_in_filter', types: [] },
];
const PARAMS = ['q', 'type', 'country', 'kind', 'area', 'cooperation', 'stage', 'certificate', 'certified_in', 'page'] as const;
type Params = Partial<Record<(typeof PARAMS)[number], string>>;

// One row of results, whether from search or from browsing.
interface Row {
  type: RecordType;
  id: string;
  title: string;
  titleLanguage: string;
  // A Russian title in Latin letters, beside it for readers of other languages.
  titleLatin?: string;
  organization?: { id: string; name: string };
  country: string;
  kind: string;
  direction?: string;
  snippet?: SearchItem['snippet'];
  snippetLanguage?: string;
  text?: string;
  textLanguage?: string;
  concepts?: SearchItem['matched_concepts'];
}

interface Loaded {
  rows: Row[];
  total: number;
  page: number;
  pages: number;
  facets?: Record<string, FacetValue[]>;
  concepts?: SearchResult['concepts'];
  broadenedTo?: SearchResult['broadened_to'];
  didYouMean?: string;
  suggestions?: SearchResult['suggestions'];
}

const PER_PAGE = 20;

export function DirectoryPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const labels = useLabels();
  const location = useLocation();
  const params: Params = {};
  for (const name of PARAMS) {
    const value = location.query[name];
    if (value) params[name] = value;
  }
  const q = params.q ?? '';
  const searching = q.trim() !== '';
  const type: RecordType | undefined =
    params.type === 'organization' || params.type === 'opportunity' ? params.type : searching ? undefined : 'organization';
  const page = Math.max(1, Number(params.page) || 1);

  const [draft, setDraft] = useState(q);
  const { data: loaded, error, busy, retry } = useLoad(
    () => load(params, type, page, i18n.lang, i18n.pick),
    [JSON.stringify(params), i18n.lang],
  );
  useTitle(searching ? q : t('nav_directory'));

  useEffect(() => setDraft(q), [q]);

  // A new address from the current one: a change of query or filter starts at page 1.
  function addressWith(changes: Params) {
    return withQuery('/', { ...params, page: undefined, ...changes });
  }
  function go(changes: Params) {
    location.route(addressWith(changes));
  }

  const filters = FILTERS.filter((f) => (searching ? true : f.types.includes(type ?? 'organization')));

  return (
    <section class="directory">
      <h1 class="visually-hidden">{t('nav_directory')}</h1>
      <form
        role="search"
        class="search-form"
        onSubmit={(e) => {
          e.preventDefault();
          go({ q: draft.trim() || undefined, type: params.type });
        }}
      >
        <label for="search-q">{t('search_label')}</label>
        <div class="search-row">
          <input
            id="search-q"
            type="search"
            name="q"
            value={draft}
            maxLength={500}
            placeholder={t('search_placeholder')}
            onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
          />
          <button type="submit">{t('search_button')}</button>
        </div>
        <p class="hint">{t('browse_intro')}</p>
      </form>

      <div class="type-tabs" role="group" aria-label={t('facet_type')}>
        {(searching ? [undefined, 'organization', 'opportunity'] : ['organization', 'opportunity']).map((value) => {
          const count = searching ? facetCount(loaded?.facets?.type, value) : undefined;
          const label = value === undefined ? t('all_types') : value === 'organization' ? t('organizations') : t('opportunities');
          return (
            <button
              type="button"
              key={value ?? 'all'}
              class={type === value ? 'tab active' : 'tab'}
              aria-pressed={type === value}
              onClick={() => go({ type: value })}
            >
              {label}
              {count !== undefined && <span class="count"> {i18n.number(count)}</span>}
            </button>
          );
        })}
      </div>

      <div class="directory-body">
        <aside class="filters" aria-label={t('filters')}>
          <h2>{t('filters')}</h2>
          {filters.map((filter) => {
            const selected = params[filter.name];
            const facet = loaded?.facets?.[filter.name];
            // Certificate filters have no facet counts: every code is offered, GMP of any authority first.
            const counted = searching && filter.types.length > 0;
            const options = counted
              ? (facet ?? []).map((f) => ({ value: f.value, text: `${labels.label(filter.taxonomy, f.value)} (${i18n.number(f.count)})` }))
              : labels.entries(filter.taxonomy).map((e) => ({ value: e.code, text: labels.label(filter.taxonomy, e.code) }));
            if (filter.name === 'certificate') options.unshift({ value: 'gmp', text: t('certificate_family_gmp') });
            if (selected && !options.some((o) => o.value === selected)) {
              options.unshift({ value: selected, text: labels.label(filter.taxonomy, selected) });
            }
            return (
              <div class="field" key={filter.name}>
                <label for={`filter-${filter.name}`}>{t(filter.label)}</label>
                <select
                  id={`filter-${filter.name}`}
                  value={selected ?? ''}
                  onChange={(e) => go({ [filter.name]: (e.target as HTMLSelectElement).value || undefined })}
                >
                  <option value="">{t('any')}</option>
                  {options.map((o) => (
                    <option value={o.value} key={o.value}>
                      {o.text}
                    </option>
                  ))}
                </select>
              </div>
            );
          })}
        </aside>

        <div class="results">
          {busy && <Progress label={searching ? t('searching') : t('loading')} />}
          <ErrorMessage error={error} onRetry={retry} />
          {loaded && !error && (
            <>
              <p class="result-count" aria-live="polite">
                {i18n.plural('results', loaded.total)}
                {loaded.concepts && loaded.concepts.length > 0 && (
                  <span class="query-concepts">
                    {' · '}
                    {t('query_concepts')}{' '}
                    {loaded.concepts.map((c) => (
                      <span class="chip concept" key={c.id}>
                        {c.label}
                      </span>
                    ))}
                  </span>
                )}
              </p>
              {loaded.broadenedTo && loaded.broadenedTo.length > 0 && (
                <p class="notice broadened" role="status">
                  {t('search_broadened', { q: q.trim() })}{' '}
                  {loaded.broadenedTo.map((c) => (
                    <span class="chip concept" key={c.id}>
                      {c.label}
                    </span>
                  ))}
                </p>
              )}
              {searching && (
                <SaveSearchButton
                  q={q.trim()}
                  filters={{
                    type: params.type,
                    country: params.country,
                    kind: params.kind,
                    area: params.area,
                    cooperation: params.cooperation,
                    stage: params.stage,
                    certificate: params.certificate,
                    certified_in: params.certified_in,
                  }}
                />
              )}
              {loaded.rows.length === 0 && <p>{t('no_results')}</p>}
              {loaded.didYouMean && (
                <p class="did-you-mean">
                  {t('did_you_mean')}{' '}
                  <a href={addressWith({ q: loaded.didYouMean })}>{loaded.didYouMean}</a>
                  {t('did_you_mean_end')}
                </p>
              )}
              {loaded.suggestions && loaded.suggestions.length > 0 && (
                <p class="search-suggestions">
                  {t('search_suggestions')}{' '}
                  {loaded.suggestions.map((c) => (
                    <a class="chip concept" key={c.id} href={addressWith({ q: c.label })}>
                      {c.label}
                    </a>
                  ))}
                </p>
              )}
              <ol class="result-list" aria-busy={busy}>
                {loaded.rows.map((row) => (
                  <ResultRow row={row} key={`${row.type}:${row.id}`} />
                ))}
              </ol>
              <Pager page={loaded.page} pages={loaded.pages} onPage={(p) => go({ page: String(p) })} />
            </>
          )}
        </div>
      </div>
    </section>
  );
}

function facetCount(values: FacetValue[] | undefined, value: string | undefined): number | undefined {
  if (!values) return undefined;
  if (value === undefined) return values.reduce((sum, v) => sum + v.count, 0);
  return values.find((v) => v.value === value)?.count ?? 0;
}

function ResultRow(props: { row: Row }) {
  const { t, lang, languageName } = useI18n();
  const labels = useLabels();
  const { row } = props;
  const href = `/${row.type === 'organization' ? 'organizations' : 'opportunities'}/${encodeURIComponent(row.id)}`;
  return (
    <li class="result">
      <p class="result-meta">
        <span class={`badge ${row.type}`}>{row.type === 'organization' ? t('organization') : t('opportunity')}</span>
        {row.direction && <span class={`badge ${row.direction}`}>{labels.label('directions', row.direction)}</span>}
        {row.country && <span>{labels.label('countries', row.country)}</span>}
        {row.kind && <span>{labels.label('organization_kinds', row.kind)}</span>}
      </p>
      <h2 class="result-title">
        <a href={href} lang={row.titleLanguage || undefined}>
          {row.title}
        </a>
        {row.titleLatin && row.titleLanguage === 'ru' && lang !== 'ru' && (
          <span class="latin" lang="ru-Latn">
            {' '}({row.titleLatin})
          </span>
        )}
      </h2>
      {row.type === 'opportunity' && row.organization && (
        <p class="result-org">
          {t('posted_by')}: <a href={`/organizations/${encodeURIComponent(row.organization.id)}`}>{row.organization.name}</a>
        </p>
      )}
      {row.snippet && row.snippet.length > 0 && (
        <p class="snippet" lang={row.snippetLanguage || undefined}>
          {row.snippet.map((part, i) => (part.highlight ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
          {row.snippetLanguage && <span class="snippet-language"> ({t('matched_in', { language: languageName(row.snippetLanguage) })})</span>}
        </p>
      )}
      {row.text && (
        <p class="snippet" lang={row.textLanguage || undefined}>
          {row.text}
        </p>
      )}
      {row.concepts && row.concepts.length > 0 && (
        <ul class="chips">
          {row.concepts.map((c) => (
            <li class="concept" key={c.id}>
              {c.label}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function shorten(text: string, length = 240): string {
  return text.length > length ? `${text.slice(0, length).trimEnd()}…` : text;
}

async function load(
  params: Params,
  type: RecordType | undefined,
  page: number,
  lang: string,
  pick: ReturnType<typeof useI18n>['pick'],
): Promise<Loaded> {
  const filters = { country: params.country, kind: params.kind, area: params.area };
  if (params.q && params.q.trim()) {
    const result = await api.get<SearchResult>('/api/search', {
      q: params.q,
      lang,
      type,
      ...filters,
      cooperation: params.cooperation,
      stage: params.stage,
      certificate: params.certificate,
      certified_in: params.certified_in,
      page,
      per_page: PER_PAGE,
    });
    return {
      rows: result.items.map((item) => ({
        type: item.type,
        id: item.id,
        title: item.title,
        titleLanguage: item.title_language,
        titleLatin: item.title_latin,
        organization: item.organization,
        country: item.country,
        kind: item.kind,
        direction: item.direction,
        snippet: item.snippet,
        snippetLanguage: item.snippet_language,
        concepts: item.matched_concepts,
      })),
      total: result.total,
      page: result.page,
      pages: Math.max(1, Math.ceil(result.total / result.per_page)),
      facets: result.facets,
      concepts: result.concepts,
      broadenedTo: result.broadened_to,
      didYouMean: result.did_you_mean,
      suggestions: result.suggestions,
    };
  }
  // Browsing: the records themselves, shown in the viewer's language.
  const browsed = (row: Omit<Row, 'title' | 'titleLanguage' | 'text' | 'textLanguage'>, title: LocalizedText, text?: LocalizedText) => {
    const t = pick(title);
    const d = pick(text);
    return { ...row, title: t.text, titleLanguage: t.language, text: shorten(d.text), textLanguage: d.language };
  };
  const pageOf = (result: PageEnvelope, rows: Row[]): Loaded => ({
    rows,
    total: result.total,
    page: result.page,
    pages: Math.max(1, result.pages),
  });
  if (type === 'opportunity') {
    const result = await api.get<OpportunityPage>('/api/opportunities', {
      ...filters,
      cooperation: params.cooperation,
      stage: params.stage,
      page,
      per_page: PER_PAGE,
    });
    return pageOf(
      result,
      result.items.map((o) =>
        browsed({ type: 'opportunity', id: o.id, country: '', kind: '', direction: o.direction }, o.title, o.description),
      ),
    );
  }
  const result = await api.get<OrganizationPage>('/api/organizations', { ...filters, page, per_page: PER_PAGE });
  return pageOf(
    result,
    result.items.map((o) =>
      browsed({ type: 'organization', id: o.id, country: o.country, kind: o.kind, titleLatin: o.name_latin }, o.name, o.description),
    ),
  );
}
