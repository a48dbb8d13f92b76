// Registering an organisation (its creator becomes its administrator), or
// editing its profile (its members).
import { useEffect, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api, enc, type Certification, type Organization } from '../api';
import { ErrorMessage, Progress, SignInFirst } from '../components/common';
import {
  AreaFields,
  CodeSelect,
  emptyTexts,
  Field,
  FieldGroup,
  type FieldErrors,
  isBlank,
  localizedOf,
  LocalizedFields,
  present,
  RecordForm,
  recordBody,
  CodesPicker,
  splitCodes,
  type Texts,
  textsOf,
  useSubmit,
  value,
} from '../components/form';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import { useSession } from '../session';
import { useTitle } from '../title';

interface Draft {
  name: Texts;
  kind: string;
  country: string;
  city: Texts;
  description: Texts;
  therapeutic_areas: string[];
  modalities: string[];
  capabilities: string;  // one per line
  certifications: Certification[];
  markets: string;
  website: string;
}

function draftOf(o: Organization | null): Draft {
  return {
    name: o ? textsOf(o.name) : emptyTexts(),
    kind: o?.kind ?? '',
    country: o?.country ?? '',
    city: o ? textsOf(o.city) : emptyTexts(),
    description: o ? textsOf(o.description) : emptyTexts(),
    therapeutic_areas: o?.therapeutic_areas ?? [],
    modalities: o?.modalities ?? [],
    capabilities: (o?.capabilities ?? []).join('\n'),
    certifications: o?.certifications ?? [],
    markets: (o?.markets ?? []).join(', '),
    website: o?.website ?? '',
  };
}

function bodyOf(d: Draft, original: Organization | null) {
  return recordBody(original, {
    name: localizedOf(d.name),
    kind: d.kind,
    country: d.country,
    city: present(localizedOf(d.city)),
    description: present(localizedOf(d.description)),
    therapeutic_areas: present(d.therapeutic_areas),
    modalities: present(d.modalities),
    capabilities: present(
      d.capabilities
        .split('\n')
        .map((c) => c.trim())
        .filter(Boolean),
    ),
    certifications: present(
      d.certifications
        .filter((c) => c.name.trim())
        .map((c) => (c.expires ? { name: c.name.trim(), expires: c.expires } : { name: c.name.trim() })),
    ),
    markets: present(splitCodes(d.markets)),
    website: present(d.website.trim()),
  });
}

export function OrganizationFormPage() {
  const { params } = useRoute();
  const editing = params.id as string | undefined;
  const { t } = useI18n();
  const { me, refresh } = useSession();
  const location = useLocation();
  const [draft, setDraft] = useState<Draft | null>(null);
  const submitting = useSubmit();
  const { errors } = submitting;
  const title = editing ? t('edit_organization') : t('new_organization');
  useTitle(title);

  const original = useLoad(async () => (editing ? api.get<Organization>(`/api/organizations/${enc(editing)}`) : null), [editing]);
  useEffect(() => {
    if (!original.busy) setDraft(draftOf(original.data));
  }, [original.data, original.busy]);

  if (me === undefined) return <Progress label={t('loading')} />;
  if (me === null) return <SignInFirst title={title} message="sign_in_to_see" />;
  if (original.error) return <ErrorMessage error={original.error} onRetry={original.retry} />;
  if (!draft) return <Progress label={t('loading')} />;

  const update = (changes: Partial<Draft>) => setDraft({ ...draft, ...changes });
  const setCertification = (i: number, changes: Partial<Certification>) =>
    update({ certifications: draft.certifications.map((c, k) => (k === i ? { ...c, ...changes } : c)) });

  function check(): FieldErrors {
    const found: FieldErrors = {};
    if (isBlank(draft!.name)) found.name = t('name_required');
    if (!draft!.kind) found.kind = t('choose_one');
    if (!draft!.country) found.country = t('choose_one');
    return found;
  }

  async function send() {
    const body = bodyOf(draft!, original.data);
    const saved = editing
      ? await api.put<Organization>(`/api/organizations/${enc(editing)}`, body)
      : await api.post<Organization>('/api/organizations', body);
    if (!editing) await refresh();  // now an administrator of it
    location.route(`/organizations/${enc(saved.id)}`);
  }

  return (
    <RecordForm title={title} submitting={submitting} check={check} send={send} cancelHref={editing ? `/organizations/${enc(editing)}` : '/my'}
    >
        <LocalizedFields
          name="name"
          legend={t('organization_name')}
          hint={t('text_languages_hint')}
          label={(language) => t('name_in', { language })}
          texts={draft.name}
          onChange={(name) => update({ name })}
          errors={errors}
          maxLength={300}
        />
        <Field name="kind" label={t('kind')} errors={errors}>
          {(control) => <CodeSelect {...control} taxonomy="organization_kinds" value={draft.kind} onChange={(kind) => update({ kind })} />}
        </Field>
        <Field name="country" label={t('country')} errors={errors}>
          {(control) => <CodeSelect {...control} taxonomy="countries" value={draft.country} onChange={(country) => update({ country })} />}
        </Field>
        <LocalizedFields
          name="city"
          legend={t('city')}
          label={(language) => t('city_in', { language })}
          texts={draft.city}
          onChange={(city) => update({ city })}
          errors={errors}
        />
        <LocalizedFields
          name="description"
          legend={t('description')}
          label={(language) => t('description_in', { language })}
          texts={draft.description}
          onChange={(description) => update({ description })}
          errors={errors}
          multiline
        />
        <AreaFields areas={draft.therapeutic_areas} modalities={draft.modalities} onChange={update} errors={errors} />
        <Field name="capabilities" label={t('capabilities')} hint={t('one_per_line')} errors={errors}>
          {(control) => <textarea {...control} rows={4} value={draft.capabilities} onInput={(e) => update({ capabilities: value(e) })} />}
        </Field>

        <FieldGroup name="certifications" legend={t('certifications')} errors={errors}>
          {draft.certifications.map((c, i) => (
            <div class="row" key={i}>
              <div class="field">
                <label for={`certification-name-${i}`}>{t('certification_name')}</label>
                <input id={`certification-name-${i}`} type="text" value={c.name} onInput={(e) => setCertification(i, { name: value(e) })} />
              </div>
              <div class="field">
                <label for={`certification-expires-${i}`}>{t('valid_until')}</label>
                <input
                  id={`certification-expires-${i}`}
                  type="date"
                  value={c.expires ?? ''}
                  onInput={(e) => setCertification(i, { expires: value(e) || undefined })}
                />
              </div>
              <button
                type="button"
                class="secondary small"
                aria-label={t('remove_certification', { name: c.name || String(i + 1) })}
                onClick={() => update({ certifications: draft.certifications.filter((_, k) => k !== i) })}
              >
                {t('remove')}
              </button>
            </div>
          ))}
          <button type="button" class="secondary small" onClick={() => update({ certifications: [...draft.certifications, { name: '' }] })}>
            {t('add_certification')}
          </button>
        </FieldGroup>

        <Field name="markets" label={t('markets')} hint={t('target_countries_hint')} errors={errors}>
          {(control) => (
            <CodesPicker
              {...control}
              taxonomy="countries"
              codes={splitCodes(draft.markets)}
              onChange={(codes) => update({ markets: codes.join(', ') })}
            />
          )}
        </Field>
        <Field name="website" label={t('website')} errors={errors}>
          {(control) => (
            <input {...control} type="url" autocomplete="url" placeholder="https://" value={draft.website} onInput={(e) => update({ website: value(e) })} />
          )}
        </Field>

    </RecordForm>
  );
}
