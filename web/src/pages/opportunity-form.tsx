// Posting an opportunity, or editing one: text in any of the three languages,
// coded fields from the taxonomies. The server validates everything; its
// errors are shown next to the field they name. Only what cannot be sent
// at all (no title, no cooperation type) is checked here first.
import { useEffect, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api, ApiError, enc, type Lang, type LocalizedText, type Opportunity, type Organization } from '../api';
import { ErrorMessage, errorText, Progress } from '../components/common';
import { LANGUAGES, useI18n } from '../i18n';
import { useSession } from '../session';
import { useLabels, type TaxonomyName } from '../taxonomy';
import { useTitle } from '../title';

interface Draft {
  organization: string;
  direction: 'offer' | 'request';
  cooperation: string[];
  title: Record<Lang, string>;
  description: Record<Lang, string>;
  stage: string;
  therapeutic_areas: string[];
  modalities: string[];
  target_countries: string;
  confidentiality: string;
  expires: string;
}

// Field errors by the form's field name ("title", "title.zh", "cooperation", ...).
type FieldErrors = Record<string, string>;

function emptyText(): Record<Lang, string> {
  return { en: '', zh: '', ru: '' };
}

function textOf(value: LocalizedText | undefined): Record<Lang, string> {
  const out = emptyText();
  for (const l of LANGUAGES) out[l] = value?.[l] ?? '';
  return out;
}

function draftOf(o: Opportunity): Draft {
  return {
    organization: o.organization,
    direction: o.direction,
    cooperation: o.cooperation,
    title: textOf(o.title),
    description: textOf(o.description),
    stage: o.stage ?? '',
    therapeutic_areas: o.therapeutic_areas ?? [],
    modalities: o.modalities ?? [],
    target_countries: (o.target_countries ?? []).join(', '),
    confidentiality: o.confidentiality,
    expires: o.expires ?? '',
  };
}

// The request body: the record as loaded (so that fields this form does not
// show are kept), with the form's fields over it; empty optional fields removed.
function bodyOf(draft: Draft, original: Opportunity | null): Record<string, unknown> {
  const body: Record<string, unknown> = { ...(original ?? {}) };
  for (const key of ['id', 'type', 'created_at', 'updated_at']) delete body[key];
  const localized = (text: Record<Lang, string>) => {
    const out: Record<string, string> = {};
    for (const l of LANGUAGES) if (text[l].trim()) out[l] = text[l].trim();
    return out;
  };
  const set = (key: string, value: unknown, present: boolean) => {
    if (present) body[key] = value;
    else delete body[key];
  };
  body.organization = draft.organization;
  body.direction = draft.direction;
  body.cooperation = draft.cooperation;
  body.title = localized(draft.title);
  const description = localized(draft.description);
  set('description', description, Object.keys(description).length > 0);
  set('stage', draft.stage, draft.stage !== '');
  set('therapeutic_areas', draft.therapeutic_areas, draft.therapeutic_areas.length > 0);
  set('modalities', draft.modalities, draft.modalities.length > 0);
  const countries = draft.target_countries
    .split(/[,;\s]+/)
    .map((c) => c.trim())
    .filter(Boolean);
  set('target_countries', countries, countries.length > 0);
  body.confidentiality = draft.confidentiality;
  set('expires', draft.expires, draft.expires !== '');
  return body;
}

// The form field an API error names: "title.zh" stays, "target_countries[2]" → "target_countries".
function formField(apiField: string | null): string {
  if (!apiField) return '';
  const [head, language] = apiField.split(/[[.]/);
  return (head === 'title' || head === 'description') && language && (LANGUAGES as string[]).includes(language)
    ? `${head}.${language}`
    : head;
}

export function OpportunityFormPage() {
  const { params } = useRoute();
  const editing = params.id as string | undefined;
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const location = useLocation();
  const [original, setOriginal] = useState<Opportunity | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [organizations, setOrganizations] = useState<Organization[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useTitle(editing ? t('edit_opportunity') : t('new_opportunity'));

  const memberOf = me?.memberships.map((m) => m.organization) ?? [];

  useEffect(() => {
    if (!me) return;
    let cancelled = false;
    Promise.all(memberOf.map((id) => api.get<Organization>(`/api/organizations/${enc(id)}`).catch(() => null))).then(
      (list) => !cancelled && setOrganizations(list.filter((o): o is Organization => o !== null)),
    );
    if (editing) {
      api
        .get<Opportunity>(`/api/opportunities/${enc(editing)}`)
        .then((o) => {
          if (cancelled) return;
          setOriginal(o);
          setDraft(draftOf(o));
        })
        .catch((e) => !cancelled && setLoadError(e));
    } else {
      setOriginal(null);
      setDraft({
        organization: memberOf[0] ?? '',
        direction: 'offer',
        cooperation: [],
        title: emptyText(),
        description: emptyText(),
        stage: '',
        therapeutic_areas: [],
        modalities: [],
        target_countries: '',
        confidentiality: 'public',
        expires: '',
      });
    }
    return () => {
      cancelled = true;
    };
  }, [me, editing]);

  if (me === undefined) return <Progress label={t('loading')} />;
  if (me === null) {
    return (
      <section class="narrow">
        <h1>{t('new_opportunity')}</h1>
        <p>
          <a href={`/signin?next=${encodeURIComponent(location.url)}`}>{t('sign_in_to_post')}</a>
        </p>
      </section>
    );
  }
  if (memberOf.length === 0) {
    return (
      <section class="narrow">
        <h1>{t('new_opportunity')}</h1>
        <p>{t('no_membership')}</p>
      </section>
    );
  }
  if (loadError) return <ErrorMessage error={loadError} />;
  if (!draft) return <Progress label={t('loading')} />;

  const update = (changes: Partial<Draft>) => setDraft({ ...draft, ...changes });
  // The viewer's language first: most write in their own.
  const languages = [i18n.lang, ...LANGUAGES.filter((l) => l !== i18n.lang)];

  function check(d: Draft): FieldErrors {
    const found: FieldErrors = {};
    if (LANGUAGES.every((l) => !d.title[l].trim())) found.title = t('title_required');
    if (d.cooperation.length === 0) found.cooperation = t('cooperation_hint');
    return found;
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (!draft) return;
    const found = check(draft);
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) {
      focusFirstError();
      return;
    }
    setBusy(true);
    try {
      const body = bodyOf(draft, original);
      const saved = editing
        ? await api.put<Opportunity>(`/api/opportunities/${enc(editing)}`, body)
        : await api.post<Opportunity>('/api/opportunities', body);
      location.route(`/opportunities/${enc(saved.id)}`);
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

  const formHasErrors = Object.keys(errors).length > 0;

  return (
    <section class="form-page">
      <h1>{editing ? t('edit_opportunity') : t('new_opportunity')}</h1>
      <form onSubmit={submit} noValidate aria-describedby={formHasErrors ? 'form-errors' : undefined}>
        {formHasErrors && (
          <p class="error" id="form-errors" role="alert">
            {t('form_has_errors')}
          </p>
        )}
        <ErrorMessage error={formError} />

        <Field name="organization" label={t('posting_for')} errors={errors}>
          {(props) => (
            <select {...props} value={draft.organization} disabled={!!editing} onChange={(e) => update({ organization: value(e) })}>
              {memberOf.map((id) => {
                const organization = organizations.find((o) => o.id === id);
                return (
                  <option value={id} key={id}>
                    {organization ? i18n.pick(organization.name).text : id}
                  </option>
                );
              })}
            </select>
          )}
        </Field>

        <fieldset id="field-direction" class="field">
          <legend>{t('direction')}</legend>
          {(['offer', 'request'] as const).map((d) => (
            <label class="choice" key={d}>
              <input type="radio" name="direction" value={d} checked={draft.direction === d} onChange={() => update({ direction: d })} />
              {t(d)}
            </label>
          ))}
        </fieldset>

        <Checkboxes
          name="cooperation"
          legend={t('cooperation')}
          hint={t('cooperation_hint')}
          taxonomy="cooperation_types"
          selected={draft.cooperation}
          onChange={(cooperation) => update({ cooperation })}
          errors={errors}
        />

        <fieldset class={errors.title ? 'field texts has-error' : 'field texts'} id="field-title" aria-describedby={errors.title ? 'error-title' : 'hint-texts'}>
          <legend>{t('title')}</legend>
          <p class="hint" id="hint-texts">
            {t('text_languages_hint')}
          </p>
          {errors.title && (
            <p class="field-error" id="error-title">
              {errors.title}
            </p>
          )}
          {languages.map((l) => (
            <Field name={`title.${l}`} label={t('title_in', { language: i18n.languageName(l) })} errors={errors} key={l}>
              {(props) => (
                <input
                  {...props}
                  type="text"
                  lang={l}
                  maxLength={300}
                  value={draft.title[l]}
                  onInput={(e) => update({ title: { ...draft.title, [l]: value(e) } })}
                />
              )}
            </Field>
          ))}
        </fieldset>

        <fieldset class="field texts">
          <legend>{t('description')}</legend>
          {languages.map((l) => (
            <Field name={`description.${l}`} label={t('description_in', { language: i18n.languageName(l) })} errors={errors} key={l}>
              {(props) => (
                <textarea
                  {...props}
                  lang={l}
                  rows={4}
                  value={draft.description[l]}
                  onInput={(e) => update({ description: { ...draft.description, [l]: value(e) } })}
                />
              )}
            </Field>
          ))}
        </fieldset>

        <Field name="stage" label={t('stage')} errors={errors}>
          {(props) => <CodeSelect {...props} taxonomy="stages" value={draft.stage} onChange={(stage) => update({ stage })} optional />}
        </Field>

        <Checkboxes
          name="therapeutic_areas"
          legend={t('therapeutic_areas')}
          taxonomy="therapeutic_areas"
          selected={draft.therapeutic_areas}
          onChange={(therapeutic_areas) => update({ therapeutic_areas })}
          errors={errors}
        />
        <Checkboxes
          name="modalities"
          legend={t('modalities')}
          taxonomy="modalities"
          selected={draft.modalities}
          onChange={(modalities) => update({ modalities })}
          errors={errors}
        />

        <Field name="target_countries" label={t('target_countries')} hint={t('target_countries_hint')} errors={errors}>
          {(props) => (
            <input
              {...props}
              type="text"
              autocomplete="off"
              value={draft.target_countries}
              onInput={(e) => update({ target_countries: value(e) })}
            />
          )}
        </Field>

        <Field name="confidentiality" label={t('confidentiality')} errors={errors}>
          {(props) => (
            <CodeSelect
              {...props}
              taxonomy="confidentiality_tiers"
              value={draft.confidentiality}
              onChange={(confidentiality) => update({ confidentiality })}
            />
          )}
        </Field>

        <Field name="expires" label={t('expires')} errors={errors}>
          {(props) => <input {...props} type="date" value={draft.expires} onInput={(e) => update({ expires: value(e) })} />}
        </Field>

        <div class="actions">
          <button type="submit" disabled={busy} aria-busy={busy}>
            {busy ? t('saving') : t('save')}
          </button>
          <a class="button secondary" href={editing ? `/opportunities/${enc(editing)}` : '/my'}>
            {t('cancel')}
          </a>
        </div>
        {busy && <Progress label={t('saving')} />}
      </form>
    </section>
  );
}

function value(e: Event): string {
  return (e.target as HTMLInputElement).value;
}

function focusFirstError() {
  requestAnimationFrame(() => {
    const invalid = document.querySelector<HTMLElement>('[aria-invalid="true"], fieldset.has-error input, #form-errors');
    invalid?.focus();
  });
}

interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
}

// A labelled control with its hint and its error, wired for screen readers.
function Field(props: {
  name: string;
  label: string;
  hint?: string;
  errors: FieldErrors;
  children: (control: ControlProps) => preact.ComponentChildren;
}) {
  const error = props.errors[props.name];
  const id = `field-${props.name}`;
  const described = [props.hint ? `hint-${props.name}` : '', error ? `error-${props.name}` : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`hint-${props.name}`}>
          {props.hint}
        </p>
      )}
      {props.children({ id, 'aria-invalid': !!error, 'aria-describedby': described || undefined })}
      {error && (
        <p class="field-error" id={`error-${props.name}`}>
          {error}
        </p>
      )}
    </div>
  );
}

function CodeSelect(
  props: ControlProps & { taxonomy: TaxonomyName; value: string; onChange: (code: string) => void; optional?: boolean },
) {
  const { t } = useI18n();
  const labels = useLabels();
  const { taxonomy, value: selected, onChange, optional, ...control } = props;
  return (
    <select {...control} value={selected} onChange={(e) => onChange(value(e))}>
      {optional && <option value="">{t('none')}</option>}
      {labels.entries(taxonomy).map((entry) => (
        <option value={entry.code} key={entry.code}>
          {labels.label(taxonomy, entry.code)}
        </option>
      ))}
    </select>
  );
}

function Checkboxes(props: {
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
  const described = [props.hint ? `hint-${props.name}` : '', error ? `error-${props.name}` : ''].filter(Boolean).join(' ');
  return (
    <fieldset id={`field-${props.name}`} class={error ? 'field checkboxes has-error' : 'field checkboxes'} aria-describedby={described || undefined}>
      <legend>{props.legend}</legend>
      {props.hint && (
        <p class="hint" id={`hint-${props.name}`}>
          {props.hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`error-${props.name}`}>
          {error}
        </p>
      )}
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
    </fieldset>
  );
}
