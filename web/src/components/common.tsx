// Small pieces shared by the pages: progress, errors, pagination, localized
// text with its other languages one click away, lists of coded values.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ApiError, type LocalizedText } from '../api';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useLabels, type TaxonomyName } from '../taxonomy';

export function Progress(props: { label: string }) {
  return (
    <p class="progress" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      {props.label}
    </p>
  );
}

// A record that is not there. The server's words ("no organization has id
// 'x'") add nothing the viewer's own sentence does not say — the id is in the
// address — and are English: a Chinese or Russian reader would get two
// languages.
// The record asked for is not there (or not for this viewer).
export function isMissing(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'not_found';
}

// What went wrong, in the viewer's language, followed by the server's own
// words where they tell what to fix.
export function errorText(error: unknown, t: (key: MessageKey) => string): string {
  if (error instanceof ApiError) {
    const lead = t(`error_${error.code}` as MessageKey);
    return error.status === 0 || isMissing(error) ? lead : `${lead} ${capitalize(error.message)}`;
  }
  return t('error_internal');
}

function capitalize(text: string): string {
  if (!text) return text;
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

// Whether asking again may help: the network or the server failing, or too
// many requests; not a refusal (a missing record stays missing).
function isTransient(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status === 429 || error.status >= 500;
}

export function ErrorMessage(props: { error: unknown; onRetry?: () => void; id?: string }) {
  const { t } = useI18n();
  if (!props.error) return null;
  return (
    <div class="error" role="alert" id={props.id}>
      <p>{errorText(props.error, t)}</p>
      {isMissing(props.error) && (
        <p>
          <a href="/">{t('back_to_directory')}</a>
        </p>
      )}
      {props.onRetry && isTransient(props.error) && (
        <button type="button" class="secondary" onClick={props.onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

export function Pager(props: { page: number; pages: number; onPage: (page: number) => void }) {
  const { t, number } = useI18n();
  if (props.pages <= 1) return null;
  return (
    <nav class="pager" aria-label={t('pagination')}>
      <button type="button" class="secondary" disabled={props.page <= 1} onClick={() => props.onPage(props.page - 1)}>
        {t('previous')}
      </button>
      <span aria-live="polite">{t('page_of', { page: number(props.page), pages: number(props.pages) })}</span>
      <button
        type="button"
        class="secondary"
        disabled={props.page >= props.pages}
        onClick={() => props.onPage(props.page + 1)}
      >
        {t('next')}
      </button>
    </nav>
  );
}

// Text shown in the viewer's language when written in it; the languages it is
// also written in are one click away.
export function Localized(props: { text: LocalizedText | undefined; as?: 'h1' | 'p' | 'span'; class?: string }) {
  const i18n = useI18n();
  const [chosen, setChosen] = useState<string | null>(null);
  const picked = i18n.pick(props.text);
  const language = chosen && props.text?.[chosen] ? chosen : picked.language;
  const shown = props.text?.[language] ?? picked.text;
  const others = Object.keys(props.text ?? {}).filter((l) => l !== language && props.text?.[l]);
  const Tag = props.as ?? 'p';
  return (
    <div class={`localized ${props.class ?? ''}`}>
      <Tag lang={language || undefined} class="localized-text">
        {shown}
      </Tag>
      {(others.length > 0 || language !== i18n.lang) && language && (
        <p class="languages">
          {language !== i18n.lang && (
            <span class="shown-in">
              {i18n.t('shown_in', { language: i18n.languageName(language) })}
              {others.length > 0 && ' · '}
            </span>
          )}
          {others.length > 0 && (
            <>
              <span>{i18n.t('other_languages')} </span>
              {others.map((other) => (
                <button
                  type="button"
                  class="link"
                  key={other}
                  lang={other}
                  aria-label={i18n.t('show_in', { language: i18n.languageName(other) })}
                  onClick={() => setChosen(other)}
                >
                  {i18n.languageName(other)}
                </button>
              ))}
            </>
          )}
        </p>
      )}
    </div>
  );
}

export function CodeList(props: { taxonomy: TaxonomyName; codes: string[] | undefined }) {
  const labels = useLabels();
  if (!props.codes || props.codes.length === 0) return null;
  return (
    <ul class="chips">
      {props.codes.map((code) => (
        <li key={code}>{labels.label(props.taxonomy, code)}</li>
      ))}
    </ul>
  );
}

// A term and its description, left out when `when` is falsy (nothing to describe).
export function Fact(props: { term: string; children: ComponentChildren; when: unknown }) {
  if (!props.when) return null;
  return (
    <>
      <dt>{props.term}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

// A fact whose description is a list of coded values.
export function CodeFact(props: { term: string; taxonomy: TaxonomyName; codes: string[] | undefined }) {
  return (
    <Fact term={props.term} when={props.codes?.length}>
      <CodeList taxonomy={props.taxonomy} codes={props.codes} />
    </Fact>
  );
}

// What a page that needs an account shows to a visitor: its title and a way
// to sign in that comes back here.
export function SignInFirst(props: { title: string; message: MessageKey }) {
  const { t } = useI18n();
  const location = useLocation();
  return (
    <section class="narrow">
      <h1>{props.title}</h1>
      <p>
        <a href={`/signin?next=${encodeURIComponent(location.url)}`}>{t(props.message)}</a>
      </p>
    </section>
  );
}

// What a page that acts for an organisation shows to someone who belongs to none.
export function NoMembership(props: { title: string }) {
  const { t } = useI18n();
  return (
    <section class="narrow">
      <h1>{props.title}</h1>
      <p>{t('no_membership')}</p>
      <p>
        <a href="/organizations/new">{t('new_organization')}</a>
      </p>
    </section>
  );
}
