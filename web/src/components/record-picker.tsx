// Choosing an organisation or an opportunity by what it is called or about,
// in any language, through search: ids are never typed. The results are
// radio buttons in a fieldset named `name`, so that an API error naming the
// field lands on it.
import { useState } from 'preact/hooks';
import { api, type SearchResult } from '../api';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import { FieldGroup, type FieldErrors, value as inputValue } from './form';

export function RecordPicker(props: {
  type: 'organization' | 'opportunity';
  name: string;             // the field's name (errors, ids)
  searchLabel: string;      // "Find an organisation"
  legend: string;           // "Choose the organisation"
  value: string;            // the chosen record's id, '' for none
  onChange: (id: string) => void;
  errors: FieldErrors;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [query, setQuery] = useState('');
  const [asked, setAsked] = useState('');
  const found = useLoad(
    () =>
      asked.trim()
        ? api.get<SearchResult>('/api/search', { q: asked, type: props.type, lang: i18n.lang, per_page: 8 })
        : Promise.resolve(null),
    [asked, i18n.lang, props.type],
  );
  const searchId = `${props.name}-search`;
  return (
    <>
      <div class="search-picker">
        <label for={searchId}>{props.searchLabel}</label>
        <input
          id={searchId}
          type="search"
          value={query}
          onInput={(e) => setQuery(inputValue(e))}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              setAsked(query);
            }
          }}
        />
        <button type="button" class="secondary" onClick={() => setAsked(query)}>
          {t('search')}
        </button>
      </div>
      {found.data && found.data.items.length === 0 && <p>{t('no_results')}</p>}
      <FieldGroup name={props.name} legend={props.legend} errors={props.errors}>
        {(found.data?.items ?? []).map((r) => (
          <label class="candidate" key={r.id}>
            <input
              type="radio"
              name={props.name}
              value={r.id}
              checked={props.value === r.id}
              onChange={() => props.onChange(r.id)}
            />
            <span>
              <strong lang={r.title_language}>{r.title}</strong>
              {r.type === 'opportunity' ? (
                <span class="muted"> · {r.organization.name}</span>
              ) : (
                r.country && <span class="muted"> · {r.country}</span>
              )}
            </span>
          </label>
        ))}
      </FieldGroup>
    </>
  );
}
