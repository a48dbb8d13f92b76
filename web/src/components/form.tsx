// What the record forms share: labelled controls wired to their hints and
// errors, text in the three languages, coded values from the taxonomies, and
// submitting with the API's errors placed next to the field they name.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, type Lang, type LocalizedText } from '../api';
import { LANGUAGES, useI18n } from '../i18n';
import { useOrganizationNames } from '../names';
import { useLabels, type TaxonomyName } from '../taxonomy';
import { ErrorMessage, errorText, Progress } from './common';

// Field errors by the form's field name ("title", "title.zh", "cooperation", ...).
export type FieldErrors = Record<string, string>;
export type Texts = Record<Lang, string>;

export function emptyTexts(): Texts {
  return { en: '', zh: '', ru: '' };
}

export function textsOf(value: LocalizedText | undefined): Texts {
  const out = emptyTexts();
  for (const l of LANGUAGES) out[l] = value?.[l] ?? '';
  return out;
}

// The variants that were filled in, trimmed.
export function localizedOf(texts: Texts): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of LANGUAGES) if (texts[l].trim()) out[l] = texts[l].trim();
  return out;
}

export function isBlank(texts: Texts): boolean {
  return LANGUAGES.every((l) => !texts[l].trim());
}

// "RU, kz; CN" → ["RU", "kz", "CN"]: the server checks and normalises the codes.
export function splitCodes(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((c) => c.trim())
    .filter(Boolean);
}

// The request body for a create or a replace: the record as loaded (so that
// fields the form does not show are kept), with the form's fields over it;
// a field given as undefined is removed.
export function recordBody(original: object | null, fields: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = { ...(original ?? {}) };
  for (const key of ['id', 'type', 'created_at', 'updated_at']) delete body[key];
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) delete body[key];
    else body[key] = value;
  }
  return body;
}

// Only when there is something: an empty list or text is left out of the body.
export function present<T>(value: T): T | undefined {
  if (Array.isArray(value) && value.length === 0) return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) return undefined;
  return value;
}

// The form field an API error names: "title.zh" stays (a text in one
// language), "target_countries[2]" and "certifications[1].expires" → the list.
export function formField(apiField: string | null): string {
  if (!apiField) return '';
  const [head, language] = apiField.split(/[[.]/);
  return language && (LANGUAGES as string[]).includes(language) ? `${head}.${language}` : head;
}

export function value(e: Event): string {
  return (e.target as HTMLInputElement).value;
}

function focusFirstError() {
  requestAnimationFrame(() => {
    const invalid = document.querySelector<HTMLElement>(
      '[aria-invalid="true"], fieldset.has-error input, fieldset.has-error textarea, #form-errors',
    );
    invalid?.focus();
  });
}

// Submitting a form: checks what cannot be sent at all, sends, and on an
// error puts it next to the field it names (or above the form).
export function useSubmit() {
  const { t } = useI18n();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function submit(check: () => FieldErrors, send: () => Promise<void>) {
    const found = check();
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) {
      focusFirstError();
      return;
    }
    setBusy(true);
    try {
      await send();
    } catch (e) {
      const field = e instanceof ApiError ? formField(e.field) : '';
      if (field && document.getElementById(`field-${field}`)) {
        setErrors({ [field]: errorText(e, t) });
        focusFirstError();
      } else {
        setFormError(e);
      }
    } finally {
      setBusy(false);
    }
  }
  // Sending with nothing to check first (a button that acts at once).
  const run = (send: () => Promise<void>) => void submit(() => ({}), send);
  return { errors, formError, busy, submit, run };
}

export function FormErrorSummary(props: { errors: FieldErrors }) {
  const { t } = useI18n();
  if (Object.keys(props.errors).length === 0) return null;
  return (
    <p class="error" id="form-errors" role="alert" tabIndex={-1}>
      {t('form_has_errors')}
    </p>
  );
}

export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
}

function describedBy(name: string, hint: boolean, error: boolean): string | undefined {
  return [hint ? `hint-${name}` : '', error ? `error-${name}` : ''].filter(Boolean).join(' ') || undefined;
}

function FieldError(props: { name: string; error: string | undefined }) {
  if (!props.error) return null;
  return (
    <p class="field-error" id={`error-${props.name}`}>
      {props.error}
    </p>
  );
}

// A labelled control with its hint and its error, wired for screen readers.
export function Field(props: {
  name: string;
  label: string;
  hint?: string;
  errors: FieldErrors;
  children: (control: ControlProps) => ComponentChildren;
}) {
  const error = props.errors[props.name];
  const id = `field-${props.name}`;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`hint-${props.name}`}>
          {props.hint}
        </p>
      )}
      {props.children({ id, 'aria-invalid': !!error, 'aria-describedby': describedBy(props.name, !!props.hint, !!error) })}
      <FieldError name={props.name} error={error} />
    </div>
  );
}

// A group of controls (checkboxes, texts in several languages) under one legend.
export function FieldGroup(props: { name: string; legend: string; hint?: string; errors: FieldErrors; class?: string; children: ComponentChildren }) {
  const error = props.errors[props.name];
  return (
    <fieldset
      id={`field-${props.name}`}
      class={`field ${props.class ?? ''} ${error ? 'has-error' : ''}`}
      aria-describedby={describedBy(props.name, !!props.hint, !!error)}
    >
      <legend>{props.legend}</legend>
      {props.hint && (
        <p class="hint" id={`hint-${props.name}`}>
          {props.hint}
        </p>
      )}
      <FieldError name={props.name} error={error} />
      {props.children}
    </fieldset>
  );
}

// One input (or text area) per language, the viewer's language first.
export function LocalizedFields(props: {
  name: string;
  legend: string;
  hint?: string;
  label: (language: string) => string;
  texts: Texts;
  onChange: (texts: Texts) => void;
  errors: FieldErrors;
  multiline?: boolean;
  maxLength?: number;
}) {
  const i18n = useI18n();
  const languages = [i18n.lang, ...LANGUAGES.filter((l) => l !== i18n.lang)];
  return (
    <FieldGroup name={props.name} legend={props.legend} hint={props.hint} errors={props.errors} class="texts">
      {languages.map((l) => (
        <Field name={`${props.name}.${l}`} label={props.label(i18n.languageName(l))} errors={props.errors} key={l}>
          {(control) =>
            props.multiline ? (
              <textarea
                {...control}
                lang={l}
                rows={4}
                value={props.texts[l]}
                onInput={(e) => props.onChange({ ...props.texts, [l]: value(e) })}
              />
            ) : (
              <input
                {...control}
                type="text"
                lang={l}
                maxLength={props.maxLength}
                value={props.texts[l]}
                onInput={(e) => props.onChange({ ...props.texts, [l]: value(e) })}
              />
            )
          }
        </Field>
      ))}
    </FieldGroup>
  );
}

export function CodeSelect(
  props: ControlProps & { taxonomy: TaxonomyName; value: string; onChange: (code: string) => void; optional?: boolean },
) {
  const { t } = useI18n();
  const labels = useLabels();
  const { taxonomy, value: selected, onChange, optional, ...control } = props;
  return (
    <select {...control} value={selected} onChange={(e) => onChange(value(e))}>
      {optional && <option value="">{t('none')}</option>}
      {!optional && selected === '' && <option value="">{t('choose')}</option>}
      {labels.entries(taxonomy).map((entry) => (
        <option value={entry.code} key={entry.code}>
          {labels.label(taxonomy, entry.code)}
        </option>
      ))}
    </select>
  );
}

// Several codes of a taxonomy chosen by name (countries by their names in the
// viewer's language): a list to add from, the chosen ones as removable chips.
export function CodesPicker(
  props: ControlProps & { taxonomy: TaxonomyName; codes: string[]; onChange: (codes: string[]) => void },
) {
  const { t, locale } = useI18n();
  const labels = useLabels();
  const { taxonomy, codes, onChange, ...control } = props;
  const name = (code: string) => labels.label(taxonomy, code);
  const left = labels
    .entries(taxonomy)
    .filter((entry) => !codes.includes(entry.code))
    .sort((a, b) => name(a.code).localeCompare(name(b.code), locale));
  return (
    <div class="codes-picker">
      {codes.length > 0 && (
        <ul class="chips">
          {codes.map((code) => (
            <li key={code}>
              {name(code)}{' '}
              <button
                type="button"
                class="chip-remove"
                aria-label={t('remove_item', { name: name(code) })}
                onClick={() => onChange(codes.filter((c) => c !== code))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <select {...control} value="" onChange={(e) => value(e) && onChange([...codes, value(e)])}>
        <option value="">{t('add_one')}</option>
        {left.map((entry) => (
          <option value={entry.code} key={entry.code}>
            {name(entry.code)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Checkboxes(props: {
  name: string;
  legend: string;
  hint?: string;
  taxonomy: TaxonomyName;
  selected: string[];
  onChange: (codes: string[]) => void;
  errors: FieldErrors;
}) {
  const labels = useLabels();
  const error = props.errors[props.name];
  const toggle = (code: string, on: boolean) =>
    props.onChange(on ? [...props.selected, code] : props.selected.filter((c) => c !== code));
  return (
    <FieldGroup name={props.name} legend={props.legend} hint={props.hint} errors={props.errors} class="checkboxes">
      <div class="checkbox-grid">
        {labels.entries(props.taxonomy).map((entry) => (
          <label class="choice" key={entry.code}>
            <input
              type="checkbox"
              name={props.name}
              value={entry.code}
              checked={props.selected.includes(entry.code)}
              aria-invalid={!!error}
              onChange={(e) => toggle(entry.code, (e.target as HTMLInputElement).checked)}
            />
            {labels.label(props.taxonomy, entry.code)}
          </label>
        ))}
      </div>
    </FieldGroup>
  );
}

// A record's form page: its title, the errors above the fields, the fields,
// then Save (showing progress while it works) and Cancel.
export function RecordForm(props: {
  title: string;
  submitting: ReturnType<typeof useSubmit>;
  check: () => FieldErrors;
  send: () => Promise<void>;
  cancelHref: string;
  children: ComponentChildren;
}) {
  const { t } = useI18n();
  const { errors, formError, busy, submit } = props.submitting;
  return (
    <section class="form-page">
      <h1>{props.title}</h1>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit(props.check, props.send);
        }}
      >
        <FormErrorSummary errors={errors} />
        <ErrorMessage error={formError} />
        {props.children}
        <div class="actions">
          <button type="submit" disabled={busy} aria-busy={busy}>
            {busy ? t('saving') : t('save')}
          </button>
          <a class="button secondary" href={props.cancelHref}>
            {t('cancel')}
          </a>
        </div>
        {busy && <Progress label={t('saving')} />}
      </form>
    </section>
  );
}

// The therapeutic areas and modalities of a record, as two groups of checkboxes.
export function AreaFields(props: {
  areas: string[];
  modalities: string[];
  onChange: (changes: { therapeutic_areas?: string[]; modalities?: string[] }) => void;
  errors: FieldErrors;
}) {
  const { t } = useI18n();
  return (
    <>
      <Checkboxes
        name="therapeutic_areas"
        legend={t('therapeutic_areas')}
        taxonomy="therapeutic_areas"
        selected={props.areas}
        onChange={(therapeutic_areas) => props.onChange({ therapeutic_areas })}
        errors={props.errors}
      />
      <Checkboxes
        name="modalities"
        legend={t('modalities')}
        taxonomy="modalities"
        selected={props.modalities}
        onChange={(modalities) => props.onChange({ modalities })}
        errors={props.errors}
      />
    </>
  );
}

// A choice among the viewer's organisations, shown by name.
export function OrganizationSelect(props: {
  name: string;
  label: string;
  organizations: string[];
  value: string;
  onChange: (id: string) => void;
  errors: FieldErrors;
}) {
  const i18n = useI18n();
  const names = useOrganizationNames(props.organizations);
  return (
    <Field name={props.name} label={props.label} errors={props.errors}>
      {(control) => (
        <select {...control} value={props.value} onChange={(e) => props.onChange(value(e))}>
          {props.organizations.map((id) => (
            <option value={id} key={id}>
              {names[id] ? i18n.pick(names[id]!).text : id}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

// Countries to tick, named in the viewer's language (a plan's targets, the
// indicators' comparison).
export function CountryCheckboxes(props: { codes: string[]; chosen: string[]; onChange: (chosen: string[]) => void; inline?: boolean }) {
  const labels = useLabels();
  return (
    <>
      {props.codes.map((c) => (
        <label class={props.inline ? 'checkbox inline' : 'checkbox'} key={c}>
          <input
            type="checkbox"
            checked={props.chosen.includes(c)}
            onChange={() => props.onChange(props.chosen.includes(c) ? props.chosen.filter((x) => x !== c) : [...props.chosen, c])}
          />
          {labels.label('countries', c)}
        </label>
      ))}
    </>
  );
}
