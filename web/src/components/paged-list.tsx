// A list read page by page from the API, with its own pager.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { PageEnvelope } from '../api';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import { ErrorMessage, Pager, Progress } from './common';

export function PagedList<T>(props: {
  // Reads one page; `source` names what is listed, and a new one starts at page 1.
  load: (page: number) => Promise<PageEnvelope & { items: T[] }>;
  source: string;
  item: (item: T) => ComponentChildren;
  empty?: string;  // shown when there is nothing; the list is left out entirely without it
  heading?: string;
  label?: string;  // the list's accessible name, when no heading names it
}) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [props.source]);
  const list = useLoad(() => props.load(page), [props.source, page]);
  if (list.error) return <ErrorMessage error={list.error} onRetry={list.retry} />;
  if (!list.data) return <Progress label={t('loading')} />;
  if (list.data.items.length === 0 && !props.empty) return null;
  return (
    <section>
      {props.heading && <h2>{props.heading}</h2>}
      {list.data.items.length === 0 ? (
        <p>{props.empty}</p>
      ) : (
        <ul class="plain-list" aria-busy={list.busy} aria-label={props.label}>
          {list.data.items.map((item) => props.item(item))}
        </ul>
      )}
      <Pager page={list.data.page} pages={list.data.pages} onPage={setPage} />
    </section>
  );
}
