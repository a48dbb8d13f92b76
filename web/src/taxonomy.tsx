// The code lists (kinds, areas, cooperation types, stages, countries, ...)
// with their labels in the three languages, read once from the API.
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { api, type Taxonomy, type TaxonomyEntry } from './api';
import { useI18n } from './i18n';

export const TAXONOMY_NAMES = [
  'organization_kinds',
  'therapeutic_areas',
  'modalities',
  'cooperation_types',
  'stages',
  'countries',
  'directions',
  'confidentiality_tiers',
  'certificate_kinds',
] as const;
export type TaxonomyName = (typeof TAXONOMY_NAMES)[number];

type Taxonomies = Partial<Record<TaxonomyName, { list: TaxonomyEntry[]; byCode: Map<string, TaxonomyEntry> }>>;

const Context = createContext<Taxonomies>({});

export function TaxonomyProvider(props: { children: ComponentChildren }) {
  const [taxonomies, setTaxonomies] = useState<Taxonomies>({});
  useEffect(() => {
    let cancelled = false;
    Promise.all(TAXONOMY_NAMES.map((name) => api.get<Taxonomy>(`/api/taxonomies/${name}`).catch(() => null))).then(
      (loaded) => {
        if (cancelled) return;
        const next: Taxonomies = {};
        TAXONOMY_NAMES.forEach((name, i) => {
          const taxonomy = loaded[i];
          if (taxonomy) next[name] = { list: taxonomy.entries, byCode: new Map(taxonomy.entries.map((e) => [e.code, e])) };
        });
        setTaxonomies(next);
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);
  return <Context.Provider value={taxonomies}>{props.children}</Context.Provider>;
}

export interface Labels {
  // The label of `code` in the viewer's language; the code itself until loaded.
  label(taxonomy: TaxonomyName, code: string | undefined): string;
  // Entries sorted by their label in the viewer's language.
  entries(taxonomy: TaxonomyName): TaxonomyEntry[];
}

export function useLabels(): Labels {
  const taxonomies = useContext(Context);
  const { lang, locale } = useI18n();
  const labelOf = (entry: TaxonomyEntry) => entry.labels[lang] ?? entry.labels.en ?? entry.code;
  return {
    label(taxonomy, code) {
      if (!code) return '';
      const codes = taxonomies[taxonomy]?.byCode;
      const entry = codes?.get(code) ?? codes?.get(code.toUpperCase());
      return entry ? labelOf(entry) : code;
    },
    entries(taxonomy) {
      const list = [...(taxonomies[taxonomy]?.list ?? [])];
      const collator = new Intl.Collator(locale);
      return list.sort((a, b) => collator.compare(labelOf(a), labelOf(b)));
    },
  };
}
