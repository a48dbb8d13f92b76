// An expert's own pages: the projects assigned to them and their profile.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, type AssignmentList, CONFLICT_KINDS, enc, type Expert } from '../../api';
import { ErrorMessage, isMissing, Progress, SignInFirst } from '../../components/common';
import {
  Field,
  FieldGroup,
  type FieldErrors,
  localizedOf,
  LocalizedFields,
  present,
  RecordForm,
  textsOf,
  useSubmit,
  value,
} from '../../components/form';
import { LANGUAGES, LANGUAGE_NAMES, useI18n } from '../../i18n';
import { useLoad } from '../../load';
import type { MessageKey } from '../../messages';
import { useSession } from '../../session';
import { useTitle } from '../../title';
import { conflictKey, ProjectList } from './shared';

// --- The expert's reviews and profile ------------------------------------------------------

export function MyReviewsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const assignments = useLoad(async () => {
    if (!me) return null;
    try {
      return await api.get<AssignmentList>('/api/me/assignments');
    } catch (e) {
      if (isMissing(e)) return null;  // no expert profile
      throw e;
    }
  }, [me?.user.id]);
  useTitle(t('my_reviews'));
  if (me === null) return <SignInFirst title={t('my_reviews')} message="sign_in_to_see" />;
  if (assignments.error) return <ErrorMessage error={assignments.error} onRetry={assignments.retry} />;
  if (!assignments.settled || me === undefined) return <Progress label={t('loading')} />;
  return (
    <section>
      <h1>{t('my_reviews')}</h1>
      <p>
        <a class="button secondary" href="/expert">
          {assignments.data ? t('edit_expert_profile') : t('create_expert_profile')}
        </a>
      </p>
      {assignments.data === null ? (
        <p>{t('no_expert_profile')}</p>
      ) : assignments.data.items.length === 0 ? (
        <p>{t('no_assignments')}</p>
      ) : (
        <ProjectList
          projects={assignments.data.items.map((a) => a.project)}
          status={(p) => {
            const review = assignments.data!.items.find((a) => a.project.id === p.id)!.review_status;
            return review ? t(`review_${review}` as MessageKey) : t('review_not_started');
          }}
        />
      )}
    </section>
  );
}

interface ConflictRow {
  kind: string;
  organization: string;
  note: string;
}

export function ExpertProfilePage() {
  const { t } = useI18n();
  const { me } = useSession();
  const location = useLocation();
  const profile = useLoad(async () => {
    try {
      return await api.get<Expert>('/api/me/expert');
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  }, [me?.user.id]);
  useTitle(t('expert_profile'));
  if (me === null) return <SignInFirst title={t('expert_profile')} message="sign_in_to_see" />;
  if (profile.error) return <ErrorMessage error={profile.error} onRetry={profile.retry} />;
  if (!profile.settled || me === undefined) return <Progress label={t('loading')} />;
  return <ExpertForm key={profile.data?.id ?? 'new'} expert={profile.data} fallbackName={me.user.display_name} onSaved={() => location.route('/reviews')} />;
}

function ExpertForm(props: { expert: Expert | null; fallbackName: string; onSaved: () => void }) {
  const { t } = useI18n();
  const e = props.expert;
  const [name, setName] = useState(e?.name ?? props.fallbackName);
  const [expertise, setExpertise] = useState(textsOf(e?.expertise));
  const [languages, setLanguages] = useState<string[]>(e?.languages ?? []);
  const [conflicts, setConflicts] = useState<ConflictRow[]>(
    (e?.conflicts ?? []).map((c) => ({ kind: c.kind, organization: c.organization ?? '', note: c.note ?? '' })),
  );
  const submitting = useSubmit();
  const { errors } = submitting;
  const setConflict = (i: number, row: Partial<ConflictRow>) => setConflicts(conflicts.map((c, j) => (j === i ? { ...c, ...row } : c)));
  return (
    <RecordForm
      title={t('expert_profile')}
      submitting={submitting}
      cancelHref="/reviews"
      check={(): FieldErrors => (name.trim() ? {} : { name: t('name_required') })}
      send={async () => {
        const body = {
          ...(e ?? {}),
          name: name.trim(),
          expertise: present(localizedOf(expertise)),
          languages,
          conflicts: conflicts
            .filter((c) => c.organization.trim())
            .map((c) => ({ kind: c.kind, organization: c.organization.trim(), note: present(c.note.trim()) })),
          version: e?.version,
        };
        for (const key of ['created_at', 'updated_at']) delete (body as Record<string, unknown>)[key];
        if (e) await api.put<Expert>(`/api/experts/${enc(e.id)}`, body);
        else await api.post<Expert>('/api/experts', body);
        props.onSaved();
      }}
    >
      <Field name="name" label={t('full_name')} errors={errors}>
        {(control) => <input {...control} type="text" value={name} onInput={(ev) => setName(value(ev))} />}
      </Field>
      <LocalizedFields
        name="expertise"
        legend={t('expertise')}
        hint={t('expertise_hint')}
        label={(language) => t('expertise_in', { language })}
        texts={expertise}
        onChange={setExpertise}
        errors={errors}
        multiline
      />
      <FieldGroup name="languages" legend={t('languages_read')} errors={errors} class="checkboxes">
        {LANGUAGES.map((l) => (
          <label key={l}>
            <input
              type="checkbox"
              checked={languages.includes(l)}
              onChange={(ev) => setLanguages((ev.target as HTMLInputElement).checked ? [...languages, l] : languages.filter((x) => x !== l))}
            />
            {LANGUAGE_NAMES[l]}
          </label>
        ))}
      </FieldGroup>
      <FieldGroup name="conflicts" legend={t('declared_conflicts')} hint={t('declared_conflicts_hint')} errors={errors}>
        {conflicts.map((c, i) => (
          <div class="field-row" key={i}>
            <Field name={`conflicts[${i}].kind`} label={t('conflict_kind')} errors={errors}>
              {(control) => (
                <select {...control} value={c.kind} onChange={(ev) => setConflict(i, { kind: value(ev) })}>
                  {CONFLICT_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(conflictKey(k))}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field name={`conflicts[${i}].organization`} label={t('conflict_organization')} errors={errors}>
              {(control) => <input {...control} type="text" value={c.organization} onInput={(ev) => setConflict(i, { organization: value(ev) })} />}
            </Field>
            <Field name={`conflicts[${i}].note`} label={t('conflict_note')} errors={errors}>
              {(control) => <input {...control} type="text" value={c.note} onInput={(ev) => setConflict(i, { note: value(ev) })} />}
            </Field>
            <button type="button" class="secondary" onClick={() => setConflicts(conflicts.filter((_, j) => j !== i))}>
              {t('remove')}
            </button>
          </div>
        ))}
        <button type="button" class="secondary" onClick={() => setConflicts([...conflicts, { kind: 'consulting', organization: '', note: '' }])}>
          {t('add_conflict')}
        </button>
      </FieldGroup>
    </RecordForm>
  );
}
