// The chair's committee page: members and settings, then the assignment,
// conflicts and scores (assignment.tsx).
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, type Committee, enc, type ExpertPage, type Programme } from '../../api';
import { ErrorMessage, isMissing, Progress, SignInFirst } from '../../components/common';
import { Field, FieldGroup, type FieldErrors, FormErrorSummary, useSubmit, value } from '../../components/form';
import { useI18n } from '../../i18n';
import { useLoad } from '../../load';
import type { MessageKey } from '../../messages';
import { useSession } from '../../session';
import { useTitle } from '../../title';
import { AssignmentSection, ConflictsSection, ScoresSection } from './assignment';


// --- The chair's committee page -------------------------------------------------------

export function CommitteePage() {
  const { params } = useRoute();
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const programme = useLoad(() => api.get<Programme>(`/api/programmes/${enc(params.id)}`), [params.id]);
  const committee = useLoad(() => api.get<Committee>(`/api/programmes/${enc(params.id)}/committee`), [params.id, me?.user.id]);
  const [current, setCurrent] = useState<Committee | null>(null);
  const c = current ?? committee.data;
  useTitle(programme.data ? t('committee_of', { name: i18n.pick(programme.data.name).text }) : t('committee'));
  if (me === null) return <SignInFirst title={t('committee')} message="sign_in_to_see" />;
  if (programme.error) return <ErrorMessage error={programme.error} onRetry={programme.retry} />;
  if (!programme.data || me === undefined) return <Progress label={t('loading')} />;
  const chair = me.memberships.some((m) => m.organization === programme.data!.operator);
  const heading = (
    <>
      <p class="result-meta">
        <a href={`/programmes/${enc(params.id)}`}>{i18n.pick(programme.data.name).text}</a>
      </p>
      <h1>{t('committee')}</h1>
    </>
  );
  if (!chair) {
    return (
      <section>
        {heading}
        <p>{t('committee_chair_only')}</p>
      </section>
    );
  }
  if (committee.error && !isMissing(committee.error)) return <ErrorMessage error={committee.error} onRetry={committee.retry} />;
  if (!c && !committee.error) return <Progress label={t('loading')} />;
  return (
    <article class="committee">
      {heading}
      {!c || c.assignment_state !== 'published' ? (
        <CommitteeSetup programme={params.id} committee={c ?? null} onSaved={setCurrent} />
      ) : (
        <SettingsSummary committee={c} />
      )}
      {c && <AssignmentSection programme={params.id} committee={c} onChanged={setCurrent} />}
      {c && <ConflictsSection programme={params.id} version={c.version} />}
      {c && <ScoresSection programme={params.id} version={c.version} />}
    </article>
  );
}
// An RFC 3339 time as the value of a datetime-local input, in the browser's zone.
function localInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function SettingsSummary(props: { committee: Committee }) {
  const i18n = useI18n();
  const { t } = i18n;
  const s = props.committee.settings;
  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('committee_settings')}</h2>
      <dl class="facts">
        <dt>{t('reviewers_per_project')}</dt>
        <dd>{s.reviewers_per_project}</dd>
        <dt>{t('load_range')}</dt>
        <dd>{t('load_between', { min: s.min_load, max: s.max_load })}</dd>
        <dt>{t('blind_mode')}</dt>
        <dd>{t(`blind_${s.blind}` as MessageKey)}</dd>
        <dt>{t('language_rule')}</dt>
        <dd>{s.language_rule ? t('yes') : t('no')}</dd>
        <dt>{t('members')}</dt>
        <dd>{props.committee.members.length}</dd>
        {s.review_deadline && (
          <>
            <dt>{t('review_deadline')}</dt>
            <dd>
              <time dateTime={s.review_deadline}>{i18n.dateTime(s.review_deadline)}</time>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

// Members (from the experts' directory) and settings, before publication.
function CommitteeSetup(props: { programme: string; committee: Committee | null; onSaved: (c: Committee) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const experts = useLoad(() => api.get<ExpertPage>('/api/experts', { per_page: 100 }), []);
  const s = props.committee?.settings;
  const [members, setMembers] = useState<string[]>(props.committee?.members ?? []);
  const [k, setK] = useState(String(s?.reviewers_per_project ?? 3));
  const [maxLoad, setMaxLoad] = useState(String(s?.max_load ?? 6));
  const [blind, setBlind] = useState<string>(s?.blind ?? 'double');
  const [languageRule, setLanguageRule] = useState(s?.language_rule ?? true);
  // The deadline in the browser's own time (datetime-local), sent as UTC.
  const [deadline, setDeadline] = useState(s?.review_deadline ? localInput(s.review_deadline) : '');
  const [weights, setWeights] = useState<Record<string, string>>(
    Object.fromEntries((s?.rubric ?? []).map((c) => [c.id, String(c.weight)])),
  );
  // A shipped rubric replaces the criteria; '' keeps the ones the committee has.
  const [preset, setPreset] = useState(s ? '' : 'standard');
  const [saved, setSaved] = useState(false);
  const { errors, formError, busy, submit } = useSubmit();
  return (
    <form
      class="card"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        void submit(
          (): FieldErrors => (members.length === 0 ? { members: t('choose_members') } : {}),
          async () => {
            const body = {
              members,
              settings: {
                reviewers_per_project: Number(k),
                max_load: Number(maxLoad),
                blind,
                language_rule: languageRule,
                review_deadline: deadline ? new Date(deadline).toISOString().replace(/\.\d{3}Z$/, 'Z') : null,
                ...(preset
                  ? { rubric_preset: preset }
                  : { rubric: s?.rubric.map((c) => ({ ...c, weight: Number(weights[c.id]) })) }),
              },
              version: props.committee?.version,
            };
            const committee = await api.put<Committee>(`/api/programmes/${enc(props.programme)}/committee`, body);
            setWeights(Object.fromEntries(committee.settings.rubric.map((c) => [c.id, String(c.weight)])));
            setPreset('');
            props.onSaved(committee);
            setSaved(true);
          },
        );
      }}
    >
      <h2>{props.committee ? t('committee_settings') : t('set_up_committee')}</h2>
      <FormErrorSummary errors={errors} />
      <ErrorMessage error={formError} />
      <FieldGroup name="members" legend={t('members')} hint={t('members_hint')} errors={errors} class="checkboxes">
        <ErrorMessage error={experts.error} onRetry={experts.retry} />
        {!experts.data && !experts.error && <Progress label={t('loading')} />}
        {experts.data?.items.map((x) => (
          <label key={x.id}>
            <input
              type="checkbox"
              checked={members.includes(x.id)}
              onChange={(e) =>
                setMembers((e.target as HTMLInputElement).checked ? [...members, x.id] : members.filter((m) => m !== x.id))
              }
            />
            {x.name}
            {x.languages && x.languages.length > 0 && <span class="muted"> ({x.languages.join(', ')})</span>}
          </label>
        ))}
      </FieldGroup>
      <div class="field-row">
        <Field name="settings.reviewers_per_project" label={t('reviewers_per_project')} errors={errors}>
          {(control) => <input {...control} type="number" min={1} max={20} value={k} onInput={(e) => setK(value(e))} />}
        </Field>
        <Field name="settings.max_load" label={t('max_load')} errors={errors}>
          {(control) => <input {...control} type="number" min={1} value={maxLoad} onInput={(e) => setMaxLoad(value(e))} />}
        </Field>
        <Field name="settings.blind" label={t('blind_mode')} errors={errors}>
          {(control) => (
            <select {...control} value={blind} onChange={(e) => setBlind(value(e))}>
              <option value="double">{t('blind_double')}</option>
              <option value="single">{t('blind_single')}</option>
            </select>
          )}
        </Field>
      </div>
      <Field name="settings.review_deadline" label={t('review_deadline')} hint={t('review_deadline_hint')} errors={errors}>
        {(control) => (
          <input {...control} type="datetime-local" value={deadline} onInput={(e) => setDeadline(value(e))} />
        )}
      </Field>
      <label class="checkbox">
        <input type="checkbox" checked={languageRule} onChange={(e) => setLanguageRule((e.target as HTMLInputElement).checked)} />
        {t('language_rule_hint')}
      </label>
      <Field name="settings.rubric_preset" label={t('rubric_preset')} hint={t('rubric_preset_hint')} errors={errors}>
        {(control) => (
          <select {...control} value={preset} onChange={(e) => setPreset(value(e))}>
            {s && <option value="">{t('rubric_preset_current')}</option>}
            <option value="standard">{t('rubric_preset_standard')}</option>
            <option value="prospects">{t('rubric_preset_prospects')}</option>
          </select>
        )}
      </Field>
      {s && !preset && (
        <FieldGroup name="settings.rubric" legend={t('rubric_weights')} hint={t('rubric_weights_hint')} errors={errors}>
          <div class="field-row">
            {s.rubric.map((c, i) => (
              <Field key={c.id} name={`settings.rubric[${i}].weight`} label={i18n.pick(c.name).text} errors={errors}>
                {(control) => (
                  <input
                    {...control}
                    type="number"
                    min={0.1}
                    step={0.1}
                    value={weights[c.id] ?? ''}
                    onInput={(e) => setWeights({ ...weights, [c.id]: value(e) })}
                  />
                )}
              </Field>
            ))}
          </div>
        </FieldGroup>
      )}
      {saved && (
        <p class="notice" role="status">
          {t('committee_saved')}
        </p>
      )}
      <div class="actions">
        <button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? t('saving') : t('save')}
        </button>
      </div>
    </form>
  );
}
