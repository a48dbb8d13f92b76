// Posting an opportunity, or editing one: text in any of the three languages,
// coded fields from the taxonomies. The server validates everything; its
// errors are shown next to the field they name. Only what cannot be sent
// at all (no title, no cooperation type) is checked here first.
import { useEffect, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api, enc, type Opportunity, type Organization } from '../api';
import { ErrorMessage, NoMembership, Progress, SignInFirst } from '../components/common';
import {
  AreaFields,
  Checkboxes,
  CodeSelect,
  CodesPicker,
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
  organization: string;
  direction: 'offer' | 'request';
  cooperation: string[];
  title: Texts;
  description: Texts;
  members_details: Texts;
  cda_details: Texts;
  stage: string;
  therapeutic_areas: string[];
  modalities: string[];
  target_countries: string;
  confidentiality: string;
  expires: string;
}

function draftOf(o: Opportunity): Draft {
  return {
    organization: o.organization,
    direction: o.direction,
    cooperation: o.cooperation,
    title: textsOf(o.title),
    description: textsOf(o.description),
    members_details: textsOf(o.members_details),
    cda_details: textsOf(o.cda_details),
    stage: o.stage ?? '',
    therapeutic_areas: o.therapeutic_areas ?? [],
    modalities: o.modalities ?? [],
    target_countries: (o.target_countries ?? []).join(', '),
    confidentiality: o.confidentiality,
    expires: o.expires ?? '',
  };
}

function newDraft(organization: string): Draft {
  return {
    organization,
    direction: 'offer',
    cooperation: [],
    title: emptyTexts(),
    description: emptyTexts(),
    members_details: emptyTexts(),
    cda_details: emptyTexts(),
    stage: '',
    therapeutic_areas: [],
    modalities: [],
    target_countries: '',
    confidentiality: 'public',
    expires: '',
  };
}

function bodyOf(d: Draft, original: Opportunity | null) {
  return recordBody(original, {
    organization: d.organization,
    direction: d.direction,
    cooperation: d.cooperation,
    title: localizedOf(d.title),
    description: present(localizedOf(d.description)),
    members_details: present(localizedOf(d.members_details)),
    cda_details: present(localizedOf(d.cda_details)),
    stage: present(d.stage),
    therapeutic_areas: present(d.therapeutic_areas),
    modalities: present(d.modalities),
    target_countries: present(splitCodes(d.target_countries)),
    confidentiality: d.confidentiality,
    expires: present(d.expires),
  });
}

export function OpportunityFormPage() {
  const { params } = useRoute();
  const editing = params.id as string | undefined;
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const location = useLocation();
  const [draft, setDraft] = useState<Draft | null>(null);
  const submitting = useSubmit();
  const { errors } = submitting;
  useTitle(editing ? t('edit_opportunity') : t('new_opportunity'));

  const memberOf = me?.memberships.map((m) => m.organization) ?? [];
  const organizations = useLoad(
    async () => (await Promise.all(memberOf.map((id) => api.get<Organization>(`/api/organizations/${enc(id)}`).catch(() => null)))).filter(
      (o): o is Organization => o !== null,
    ),
    [memberOf.join(' ')],
  );
  const original = useLoad(
    async () => (editing ? api.get<Opportunity>(`/api/opportunities/${enc(editing)}`) : null),
    [editing],
  );
  useEffect(() => {
    if (original.busy || !me) return;
    setDraft(original.data ? draftOf(original.data) : newDraft(memberOf[0] ?? ''));
  }, [original.data, original.busy, me]);

  if (me === undefined) return <Progress label={t('loading')} />;
  if (me === null) return <SignInFirst title={t('new_opportunity')} message="sign_in_to_post" />;
  if (memberOf.length === 0) return <NoMembership title={t('new_opportunity')} />;
  if (original.error) return <ErrorMessage error={original.error} onRetry={original.retry} />;
  if (!draft) return <Progress label={t('loading')} />;

  const update = (changes: Partial<Draft>) => setDraft({ ...draft, ...changes });

  function check(): FieldErrors {
    const found: FieldErrors = {};
    if (isBlank(draft!.title)) found.title = t('title_required');
    if (draft!.cooperation.length === 0) found.cooperation = t('cooperation_hint');
    return found;
  }

  async function send() {
    const body = bodyOf(draft!, original.data);
    const saved = editing
      ? await api.put<Opportunity>(`/api/opportunities/${enc(editing)}`, body)
      : await api.post<Opportunity>('/api/opportunities', body);
    location.route(`/opportunities/${enc(saved.id)}`);
  }

  return (
    <RecordForm title={editing ? t('edit_opportunity') : t('new_opportunity')} submitting={submitting} check={check} send={send} cancelHref={editing ? `/opportunities/${enc(editing)}` : '/my'}
    >
        <Field name="organization" label={t('posting_for')} errors={errors}>
          {(control) => (
            <select {...control} value={draft.organization} disabled={!!editing} onChange={(e) => update({ organization: value(e) })}>
              {memberOf.map((id) => {
                const organization = organizations.data?.find((o) => o.id === id);
                return (
                  <option value={id} key={id}>
                    {organization ? i18n.pick(organization.name).text : id}
                  </option>
                );
              })}
            </select>
          )}
        </Field>

        <FieldGroup name="direction" legend={t('direction')} errors={errors}>
          {(['offer', 'request'] as const).map((d) => (
            <label class="choice" key={d}>
              <input type="radio" name="direction" value={d} checked={draft.direction === d} onChange={() => update({ direction: d })} />
              {t(d)}
            </label>
          ))}
        </FieldGroup>

        <Checkboxes
          name="cooperation"
          legend={t('cooperation')}
          hint={t('cooperation_hint')}
          taxonomy="cooperation_types"
          selected={draft.cooperation}
          onChange={(cooperation) => update({ cooperation })}
          errors={errors}
        />

        <LocalizedFields
          name="title"
          legend={t('title')}
          hint={t('text_languages_hint')}
          label={(language) => t('title_in', { language })}
          texts={draft.title}
          onChange={(title) => update({ title })}
          errors={errors}
          maxLength={300}
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

        <LocalizedFields
          name="members_details"
          legend={t('members_details')}
          hint={t('members_details_hint')}
          label={(language) => t('members_details_in', { language })}
          texts={draft.members_details}
          onChange={(members_details) => update({ members_details })}
          errors={errors}
          multiline
        />
        <LocalizedFields
          name="cda_details"
          legend={t('cda_details')}
          hint={t('cda_details_hint')}
          label={(language) => t('cda_details_in', { language })}
          texts={draft.cda_details}
          onChange={(cda_details) => update({ cda_details })}
          errors={errors}
          multiline
        />

        <Field name="stage" label={t('stage')} errors={errors}>
          {(control) => <CodeSelect {...control} taxonomy="stages" value={draft.stage} onChange={(stage) => update({ stage })} optional />}
        </Field>

        <AreaFields areas={draft.therapeutic_areas} modalities={draft.modalities} onChange={update} errors={errors} />

        <Field name="target_countries" label={t('target_countries')} hint={t('target_countries_hint')} errors={errors}>
          {(control) => (
            <CodesPicker
              {...control}
              taxonomy="countries"
              codes={splitCodes(draft.target_countries)}
              onChange={(codes) => update({ target_countries: codes.join(', ') })}
            />
          )}
        </Field>

        <Field name="confidentiality" label={t('confidentiality')} errors={errors}>
          {(control) => (
            <CodeSelect
              {...control}
              taxonomy="confidentiality_tiers"
              value={draft.confidentiality}
              onChange={(confidentiality) => update({ confidentiality })}
            />
          )}
        </Field>

        <Field name="expires" label={t('expires')} errors={errors}>
          {(control) => <input {...control} type="date" value={draft.expires} onInput={(e) => update({ expires: value(e) })} />}
        </Field>

    </RecordForm>
  );
}
