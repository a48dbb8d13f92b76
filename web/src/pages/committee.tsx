// The expert committee of a programme, for its three kinds of people:
// - the chair (members of the operator): sets the committee up, drafts and
//   publishes the reviewer assignment, sees conflicts, reviews and scores,
//   and decides;
// - an expert: their assigned projects (the applicant hidden in double-blind
//   review), the rubric review form, declining a project, their profile with
//   declared conflicts;
// - an applicant: submits projects and reads the committee's report once it
//   has decided.
import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import {
  api,
  ApiError,
  type AssignedProject,
  type Committee,
  CONFLICT_KINDS,
  type ConflictEntry,
  enc,
  type Expert,
  type Items,
  type Lang,
  type MatchItem,
  type Outcome,
  OUTCOMES,
  type Page,
  type Programme,
  type ProjectScores,
  type Review,
  type ReviewProject,
  type ReviewWithReviewer,
  type RubricCriterion,
} from '../api';
import { ErrorMessage, Localized, NoMembership, Progress, SignInFirst } from '../components/common';
import { Documents } from '../components/documents';
import {
  emptyTexts,
  Field,
  FieldGroup,
  type FieldErrors,
  FormErrorSummary,
  isBlank,
  localizedOf,
  LocalizedFields,
  OrganizationSelect,
  present,
  RecordForm,
  textsOf,
  useSubmit,
  value,
} from '../components/form';
import { LANGUAGES, LANGUAGE_NAMES, useI18n } from '../i18n';
import { useLoad } from '../load';
import type { MessageKey } from '../messages';
import { useOrganizationNames } from '../names';
import { useSession } from '../session';
import { useTitle } from '../title';

const outcomeKey = (o: string) => `outcome_${o}` as MessageKey;
const conflictKey = (k: string) => `conflict_${k}` as MessageKey;
const number = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? '—' : x.toFixed(digits));

function isNotFound(error: unknown) {
  return error instanceof ApiError && error.status === 404;
}

// --- On the programme page -----------------------------------------------------------

// The projects for review the viewer may see, and what they may do.
export function ProgrammeReviewSection(props: { programme: string; chair: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const projects = useLoad(
    () => (me ? api.get<Items<ReviewProject>>(`/api/programmes/${enc(props.programme)}/review-projects`) : Promise.resolve({ items: [] })),
    [props.programme, me?.user.id],
  );
  if (!me) return null;
  return (
    <section aria-labelledby="review-heading">
      <h2 id="review-heading">{t('projects_for_review')}</h2>
      <p class="actions-inline">
        {props.chair && (
          <a class="button" href={`/programmes/${enc(props.programme)}/committee`}>
            {t('open_committee')}
          </a>
        )}
        {me.memberships.length > 0 && (
          <a class="button secondary" href={`/programmes/${enc(props.programme)}/submit`}>
            {t('submit_project')}
          </a>
        )}
      </p>
      <ErrorMessage error={projects.error} onRetry={projects.retry} />
      {projects.data && projects.data.items.length === 0 && <p>{t('no_projects_for_you')}</p>}
      {projects.data && projects.data.items.length > 0 && <ProjectList projects={projects.data.items} />}
    </section>
  );
}

function ProjectList(props: { projects: ReviewProject[]; status?: (p: ReviewProject) => string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const status = props.status ?? ((p: ReviewProject) =>
    p.status === 'decided' && p.decision ? t(outcomeKey(p.decision.outcome)) : t(`project_${p.status}` as MessageKey));
  return (
    <ul class="plain-list">
      {props.projects.map((p) => {
        const title = i18n.pick(p.title);
        return (
          <li key={p.id}>
            <a href={`/review-projects/${enc(p.id)}`} lang={title.language}>
              {title.text}
            </a>{' '}
            <span class="muted">· {status(p)}</span>
          </li>
        );
      })}
    </ul>
  );
}

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
  if (committee.error && !isNotFound(committee.error)) return <ErrorMessage error={committee.error} onRetry={committee.retry} />;
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

function useExpertNames(ids: string[]) {
  return useLoad(async () => {
    const out: Record<string, string> = {};
    await Promise.all(
      ids.map(async (id) => {
        try {
          out[id] = (await api.get<Expert>(`/api/experts/${enc(id)}`)).name;
        } catch {
          out[id] = id;
        }
      }),
    );
    return out;
  }, [ids.join(',')]);
}

function useProjects(programme: string, version: number) {
  return useLoad(() => api.get<Items<ReviewProject>>(`/api/programmes/${enc(programme)}/review-projects`), [programme, version]);
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
  const experts = useLoad(() => api.get<Page<Expert>>('/api/experts', { per_page: 100 }), []);
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

function AssignmentSection(props: { programme: string; committee: Committee; onChanged: (c: Committee) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const c = props.committee;
  const projects = useProjects(props.programme, c.version);
  const names = useExpertNames(c.members);
  const [allowUncovered, setAllowUncovered] = useState(false);
  const [fairness, setFairness] = useState(false);
  const { formError, busy, submit } = useSubmit();
  const f = c.figures;
  const title = (id: string) => {
    const p = projects.data?.items.find((x) => x.id === id);
    return p ? i18n.pick(p.title).text : id;
  };
  const run = (send: () => Promise<Committee>) => void submit(() => ({}), async () => props.onChanged(await send()));
  return (
    <section aria-labelledby="assignment-heading">
      <h2 id="assignment-heading">
        {t('assignment')} <span class={`badge ${c.assignment_state}`}>{t(`assignment_${c.assignment_state}` as MessageKey)}</span>
      </h2>
      {c.assignment_state !== 'published' && (
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            run(() =>
              api.post<Committee>(`/api/programmes/${enc(props.programme)}/committee/assignment`, {
                allow_uncovered: allowUncovered,
                fairness,
              }),
            );
          }}
        >
          <label class="checkbox">
            <input type="checkbox" checked={allowUncovered} onChange={(e) => setAllowUncovered((e.target as HTMLInputElement).checked)} />
            {t('allow_uncovered')}
          </label>
          <label class="checkbox">
            <input type="checkbox" checked={fairness} onChange={(e) => setFairness((e.target as HTMLInputElement).checked)} />
            {t('fairness_pass')}
          </label>
          <button type="submit" disabled={busy} aria-busy={busy}>
            {t('draft_assignment')}
          </button>
          {c.assignment_state === 'draft' && (
            <button
              type="button"
              class="secondary"
              disabled={busy}
              onClick={() =>
                run(() => api.post<Committee>(`/api/programmes/${enc(props.programme)}/committee/assignment/publish`, { version: c.version }))
              }
            >
              {t('publish_assignment')}
            </button>
          )}
        </form>
      )}
      {c.assignment_state === 'published' && (
        <p>
          <button
            type="button"
            class="secondary"
            disabled={busy}
            onClick={() =>
              run(() => api.post<Committee>(`/api/programmes/${enc(props.programme)}/committee/assignment/update`, { version: c.version }))
            }
          >
            {t('update_assignment')}
          </button>{' '}
          <span class="hint">{t('update_assignment_hint')}</span>
        </p>
      )}
      <ErrorMessage error={formError} />
      {busy && <Progress label={t('solving')} />}
      {f.total_affinity !== undefined && (
        <dl class="facts figures">
          <dt>{t('total_affinity')}</dt>
          <dd>{number(f.total_affinity, 3)}</dd>
          <dt>{t('worst_project')}</dt>
          <dd>
            {number(f.min_project_affinity, 3)} <span class="muted">({t('best_possible', { value: number(f.min_project_bound, 3) })})</span>
          </dd>
          <dt>{t('loads')}</dt>
          <dd>{t('load_spread', { min: f.load?.min ?? 0, max: f.load?.max ?? 0, sd: number(f.load?.stddev) })}</dd>
          <dt>{t('conflicts_left_out')}</dt>
          <dd>{f.conflicts ?? 0}</dd>
          <dt>{t('covered_projects')}</dt>
          <dd>
            {f.covered_projects} / {f.projects}
          </dd>
        </dl>
      )}
      {f.uncovered && f.uncovered.length > 0 && (
        <div class="notice warning" role="status">
          <p>{t('uncovered_projects')}</p>
          <ul>
            {f.uncovered.map((u) => (
              <li key={u.project}>
                {title(u.project)}: {u.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {c.assignment.length > 0 && (
        <table class="data">
          <caption>{t('assignment_table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('project')}</th>
              <th scope="col">{t('reviewers')}</th>
            </tr>
          </thead>
          <tbody>
            {[...new Set(c.assignment.map((a) => a.project))].map((project) => (
              <tr key={project}>
                <th scope="row">
                  <a href={`/review-projects/${enc(project)}`}>{title(project)}</a>
                </th>
                <td>
                  <ul class="plain-list">
                    {c.assignment
                      .filter((a) => a.project === project)
                      .map((a) => (
                        <li key={a.expert} class={a.status === 'declined' ? 'declined' : undefined}>
                          {names.data?.[a.expert] ?? a.expert} <span class="muted">({number(a.affinity, 3)})</span>
                          {a.status === 'declined' && <span> — {t('declined_by_expert', { reason: a.decline_reason || '—' })}</span>}
                        </li>
                      ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ConflictsSection(props: { programme: string; version: number }) {
  const { t } = useI18n();
  const conflicts = useLoad(() => api.get<Items<ConflictEntry>>(`/api/programmes/${enc(props.programme)}/committee/conflicts`), [
    props.programme,
    props.version,
  ]);
  const projects = useProjects(props.programme, props.version);
  const i18n = useI18n();
  return (
    <section aria-labelledby="conflicts-heading">
      <h2 id="conflicts-heading">{t('conflicts_of_interest')}</h2>
      <ErrorMessage error={conflicts.error} onRetry={conflicts.retry} />
      {conflicts.data && conflicts.data.items.length === 0 && <p>{t('no_conflicts')}</p>}
      {conflicts.data && conflicts.data.items.length > 0 && (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('expert')}</th>
              <th scope="col">{t('project')}</th>
              <th scope="col">{t('conflict_kind')}</th>
              <th scope="col">{t('conflict_detail')}</th>
            </tr>
          </thead>
          <tbody>
            {conflicts.data.items.map((x) => {
              const p = projects.data?.items.find((y) => y.id === x.project);
              return (
                <tr key={`${x.expert}-${x.project}`}>
                  <td>{x.expert_name}</td>
                  <td>{p ? i18n.pick(p.title).text : x.project}</td>
                  <td>{t(conflictKey(x.kind))}</td>
                  <td>{x.detail}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ScoresSection(props: { programme: string; version: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const scores = useLoad(() => api.get<Items<ProjectScores>>(`/api/programmes/${enc(props.programme)}/committee/scores`), [
    props.programme,
    props.version,
  ]);
  const projects = useProjects(props.programme, props.version);
  return (
    <section aria-labelledby="scores-heading">
      <h2 id="scores-heading">{t('scores')}</h2>
      <ErrorMessage error={scores.error} onRetry={scores.retry} />
      {projects.data && scores.data && (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('project')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('reviews_submitted')}</th>
              <th scope="col">{t('overall_score')}</th>
              <th scope="col">{t('calibrated_score')}</th>
            </tr>
          </thead>
          <tbody>
            {projects.data.items.map((p) => {
              const s = scores.data!.items.find((x) => x.project === p.id);
              return (
                <tr key={p.id}>
                  <th scope="row">
                    <a href={`/review-projects/${enc(p.id)}`}>{i18n.pick(p.title).text}</a>
                  </th>
                  <td>{p.decision ? t(outcomeKey(p.decision.outcome)) : t(`project_${p.status}` as MessageKey)}</td>
                  <td>{s?.reviews ?? 0}</td>
                  <td>{number(s?.overall)}</td>
                  <td>
                    {number(s?.calibrated)}
                    {s?.disagreement && <span class="badge warning"> {t('disagreement')}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

// --- One project for review -------------------------------------------------------------

export function ReviewProjectPage() {
  const { params } = useRoute();
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const project = useLoad(() => api.get<ReviewProject>(`/api/review-projects/${enc(params.id)}`), [params.id, me?.user.id]);
  const [current, setCurrent] = useState<ReviewProject | null>(null);
  const p = current && current.id === params.id ? current : project.data;
  const names = useOrganizationNames(p?.organization ? [p.organization] : []);
  useTitle(p ? i18n.pick(p.title).text : t('project'));
  if (me === null) return <SignInFirst title={t('project')} message="sign_in_to_see" />;
  if (project.error) return <ErrorMessage error={project.error} onRetry={project.retry} />;
  if (!p || p.id !== params.id) return <Progress label={t('loading')} />;
  return (
    <article class="record">
      <p class="result-meta">
        <span class="badge opportunity">{t(`role_${p.role}` as MessageKey)}</span>
        <a href={`/programmes/${enc(p.programme)}`}>{t('programme')}</a>
        {p.role === 'chair' && <a href={`/programmes/${enc(p.programme)}/committee`}>{t('committee')}</a>}
      </p>
      <Localized text={p.title} as="h1" />
      <p class="status-line" role="status">
        {p.decision
          ? t('decided_as', { outcome: t(outcomeKey(p.decision.outcome)), date: i18n.dateTime(p.decision.decided_at) })
          : t(`project_${p.status}` as MessageKey)}
      </p>
      {p.decision?.note && <p class="note">{p.decision.note}</p>}
      {p.applicant_hidden ? (
        <p class="notice">{t('applicant_hidden')}</p>
      ) : (
        p.organization && (
          <p>
            {t('applicant')}:{' '}
            <a href={`/organizations/${enc(p.organization)}`}>{names[p.organization] ? i18n.pick(names[p.organization]!).text : p.organization}</a>
          </p>
        )
      )}
      {p.summary && <Localized text={p.summary} />}
      <dl class="facts">
        <dt>{t('project_language')}</dt>
        <dd>{i18n.languageName(p.language)}</dd>
        {p.team && p.team.length > 0 && (
          <>
            <dt>{t('team')}</dt>
            <dd>{p.team.map((m) => (m.role ? `${m.name} (${m.role})` : m.name)).join(', ')}</dd>
          </>
        )}
        {p.documents && p.documents.length > 0 && (
          <>
            <dt>{t('documents')}</dt>
            <dd>{p.documents.map((d) => d.name).join(', ')}</dd>
          </>
        )}
      </dl>
      <Documents
        organization={p.organization ?? ''}
        reviewProject={p.id}
        mine={p.role === 'applicant' && p.status === 'submitted'}
      />
      {p.role === 'chair' && <ChairPanel project={p} onDecided={setCurrent} />}
      {p.role === 'expert' && <ExpertPanel project={p} />}
      {(p.role === 'applicant' || p.role === 'chair') && p.decision && <ReportPanel project={p} />}
    </article>
  );
}

function useRubric(programme: string) {
  return useLoad(() => api.get<Committee>(`/api/programmes/${enc(programme)}/committee`), [programme]);
}

function ChairPanel(props: { project: ReviewProject; onDecided: (p: ReviewProject) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const reviews = useLoad(() => api.get<Items<ReviewWithReviewer>>(`/api/review-projects/${enc(props.project.id)}/reviews`), [
    props.project.id,
  ]);
  const committee = useRubric(props.project.programme);
  const [outcome, setOutcome] = useState<Outcome>(props.project.decision?.outcome ?? 'accept');
  const [note, setNote] = useState(props.project.decision?.note ?? '');
  const { errors, formError, busy, submit } = useSubmit();
  const rubric = committee.data?.settings.rubric ?? [];
  return (
    <>
      <section aria-labelledby="reviews-heading">
        <h2 id="reviews-heading">{t('reviews')}</h2>
        <ErrorMessage error={reviews.error} onRetry={reviews.retry} />
        {reviews.data && reviews.data.items.length === 0 && <p>{t('no_reviews_yet')}</p>}
        {reviews.data?.items.map((r) => (
          <div class="card review" key={r.id}>
            <h3>
              {r.expert_name} <span class="muted">· {t(`review_${r.status}` as MessageKey)}</span>
            </h3>
            <p>
              {t('weighted_score')}: <strong>{number(r.weighted_score)}</strong>
              {r.recommendation && <> · {t(outcomeKey(r.recommendation))}</>}
            </p>
            <ul class="scores">
              {rubric.map((c) => (
                <li key={c.id}>
                  {i18n.pick(c.name).text}: {r.scores[c.id] ?? '—'}
                </li>
              ))}
            </ul>
            {r.strengths && <p><strong>{t('strengths')}:</strong> {r.strengths}</p>}
            {r.risks && <p><strong>{t('risks')}:</strong> {r.risks}</p>}
            {r.confidential_comment && <p><strong>{t('confidential_comment')}:</strong> {r.confidential_comment}</p>}
          </div>
        ))}
      </section>
      <form
        class="card"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit(
            () => ({}),
            async () => {
              props.onDecided(
                await api.post<ReviewProject>(`/api/review-projects/${enc(props.project.id)}/decision`, {
                  outcome,
                  note,
                  version: props.project.version,
                }),
              );
            },
          );
        }}
      >
        <h2>{t('committee_decision')}</h2>
        <ErrorMessage error={formError} />
        <Field name="outcome" label={t('outcome')} errors={errors}>
          {(control) => (
            <select {...control} value={outcome} onChange={(e) => setOutcome(value(e) as Outcome)}>
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(outcomeKey(o))}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="note" label={t('decision_note')} errors={errors}>
          {(control) => <textarea {...control} rows={3} value={note} onInput={(e) => setNote(value(e))} />}
        </Field>
        <div class="actions">
          <button type="submit" disabled={busy} aria-busy={busy}>
            {t('record_decision')}
          </button>
        </div>
      </form>
    </>
  );
}

function ExpertPanel(props: { project: ReviewProject }) {
  const { t } = useI18n();
  const committee = useRubric(props.project.programme);
  const mine = useLoad(async () => {
    try {
      return await api.get<Review>(`/api/review-projects/${enc(props.project.id)}/review`);
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }, [props.project.id]);
  if (committee.error) return <ErrorMessage error={committee.error} onRetry={committee.retry} />;
  if (mine.error) return <ErrorMessage error={mine.error} onRetry={mine.retry} />;
  if (!committee.data || mine.data === undefined) return <Progress label={t('loading')} />;
  return (
    <>
      <ReviewForm project={props.project} rubric={committee.data.settings.rubric} review={mine.data} />
      {props.project.status === 'submitted' && mine.data?.status !== 'submitted' && <DeclineForm project={props.project} />}
    </>
  );
}

function ReviewForm(props: { project: ReviewProject; rubric: RubricCriterion[]; review: Review | null }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [review, setReview] = useState<Review | null>(props.review);
  const [scores, setScores] = useState<Record<string, number>>(props.review?.scores ?? {});
  const [strengths, setStrengths] = useState(props.review?.strengths ?? '');
  const [risks, setRisks] = useState(props.review?.risks ?? '');
  const [comment, setComment] = useState(props.review?.confidential_comment ?? '');
  const [recommendation, setRecommendation] = useState<string>(props.review?.recommendation ?? '');
  const [saved, setSaved] = useState<string | null>(null);
  const { errors, formError, busy, submit } = useSubmit();
  const closed = props.project.status !== 'submitted';
  const send = (status: 'draft' | 'submitted') =>
    void submit(
      (): FieldErrors => {
        if (status === 'draft') return {};
        const missing: FieldErrors = {};
        for (const c of props.rubric) if (!scores[c.id]) missing[`scores.${c.id}`] = t('score_required');
        if (!recommendation) missing.recommendation = t('recommendation_required');
        return missing;
      },
      async () => {
        const saved = await api.put<Review>(`/api/review-projects/${enc(props.project.id)}/review`, {
          scores,
          strengths,
          risks,
          confidential_comment: comment,
          recommendation,
          status,
          version: review?.version,
        });
        setReview(saved);
        setSaved(status === 'submitted' ? t('review_submitted_notice') : t('review_saved_notice'));
      },
    );
  return (
    <form
      class="card review-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        send('submitted');
      }}
    >
      <h2>{t('your_review')}</h2>
      {review && (
        <p class="muted" role="status">
          {t(`review_${review.status}` as MessageKey)}
        </p>
      )}
      <FormErrorSummary errors={errors} />
      <ErrorMessage error={formError} />
      <p class="hint">{t('rubric_hint')}</p>
      {props.rubric.map((c) => (
        <Field key={c.id} name={`scores.${c.id}`} label={`${i18n.pick(c.name).text} (${t('weight')} ${c.weight})`} errors={errors}>
          {(control) => (
            <select
              {...control}
              disabled={closed}
              value={String(scores[c.id] ?? '')}
              onChange={(e) => setScores({ ...scores, [c.id]: Number(value(e)) })}
            >
              <option value="">—</option>
              {[1, 2, 3, 4, 5].map((n) => (
                <option key={n} value={n}>
                  {n} · {t(`score_${n}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ))}
      <Field name="strengths" label={t('strengths')} errors={errors}>
        {(control) => <textarea {...control} rows={3} disabled={closed} value={strengths} onInput={(e) => setStrengths(value(e))} />}
      </Field>
      <Field name="risks" label={t('risks')} errors={errors}>
        {(control) => <textarea {...control} rows={3} disabled={closed} value={risks} onInput={(e) => setRisks(value(e))} />}
      </Field>
      <Field name="confidential_comment" label={t('confidential_comment')} hint={t('confidential_comment_hint')} errors={errors}>
        {(control) => <textarea {...control} rows={2} disabled={closed} value={comment} onInput={(e) => setComment(value(e))} />}
      </Field>
      <Field name="recommendation" label={t('recommendation')} errors={errors}>
        {(control) => (
          <select {...control} disabled={closed} value={recommendation} onChange={(e) => setRecommendation(value(e))}>
            <option value="">—</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(outcomeKey(o))}
              </option>
            ))}
          </select>
        )}
      </Field>
      {saved && (
        <p class="notice" role="status">
          {saved}
        </p>
      )}
      {closed ? (
        <p>{t('reviews_closed')}</p>
      ) : (
        <div class="actions">
          <button type="submit" disabled={busy} aria-busy={busy}>
            {t('submit_review')}
          </button>
          {review?.status !== 'submitted' && (
            <button type="button" class="secondary" disabled={busy} onClick={() => send('draft')}>
              {t('save_draft')}
            </button>
          )}
        </div>
      )}
    </form>
  );
}

function DeclineForm(props: { project: ReviewProject }) {
  const { t } = useI18n();
  const location = useLocation();
  const [reason, setReason] = useState('');
  const { errors, formError, busy, submit } = useSubmit();
  return (
    <details class="card">
      <summary>{t('decline_review')}</summary>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit(
            () => ({}),
            async () => {
              await api.post(`/api/programmes/${enc(props.project.programme)}/committee/assignment/decline`, {
                project: props.project.id,
                reason,
              });
              location.route('/reviews');
            },
          );
        }}
      >
        <p>{t('decline_review_hint')}</p>
        <ErrorMessage error={formError} />
        <Field name="reason" label={t('decline_review_reason')} errors={errors}>
          {(control) => <input {...control} type="text" maxLength={500} value={reason} onInput={(e) => setReason(value(e))} />}
        </Field>
        <button type="submit" class="danger" disabled={busy} aria-busy={busy}>
          {t('decline_review')}
        </button>
      </form>
    </details>
  );
}

interface ReportJson {
  scores: ProjectScores;
  rubric: { id: string; name: string; weight: number; mean: number | null }[];
  strengths: { reviewer: string; text: string }[];
  risks: { reviewer: string; text: string }[];
  recommendations: Record<string, number>;
  partners: MatchItem[];
}

function ReportPanel(props: { project: ReviewProject }) {
  const i18n = useI18n();
  const { t } = i18n;
  const report = useLoad(
    () => api.get<ReportJson>(`/api/review-projects/${enc(props.project.id)}/report`, { lang: i18n.lang }),
    [props.project.id, i18n.lang],
  );
  return (
    <section aria-labelledby="report-heading" class="card">
      <h2 id="report-heading">{t('prospect_report')}</h2>
      <ErrorMessage error={report.error} onRetry={report.retry} />
      {!report.data && !report.error && <Progress label={t('loading')} />}
      {report.data && (
        <>
          <p>
            {t('overall_score')}: <strong>{number(report.data.scores.overall)}</strong> · {t('calibrated_score')}:{' '}
            {number(report.data.scores.calibrated)} · {t('reviews_submitted')}: {report.data.scores.reviews}
          </p>
          {report.data.scores.disagreement && <p class="notice warning">{t('reviewers_disagree')}</p>}
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t('criterion')}</th>
                <th scope="col">{t('rubric_weight')}</th>
                <th scope="col">{t('mean_score')}</th>
              </tr>
            </thead>
            <tbody>
              {report.data.rubric.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.name}</th>
                  <td>{c.weight}</td>
                  <td>{number(c.mean)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {(['strengths', 'risks'] as const).map((part) => (
            <div key={part}>
              <h3>{t(part)}</h3>
              {report.data![part].length === 0 ? (
                <p>{t('none_yet')}</p>
              ) : (
                <ul>
                  {report.data![part].map((r, i) => (
                    <li key={i}>
                      <strong>{t('reviewer_letter', { letter: r.reviewer })}</strong>: {r.text}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ))}
          <h3>{t('complementary_partners')}</h3>
          {report.data.partners.length === 0 ? (
            <p>{t('none_yet')}</p>
          ) : (
            <ol>
              {report.data.partners.map((m) => (
                <li key={m.id}>
                  <a href={`/organizations/${enc(m.organization.id)}`}>{m.title}</a> <span class="muted">({m.country})</span>
                  {m.reasons[0] && <span> — {m.reasons[0].text}</span>}
                </li>
              ))}
            </ol>
          )}
          <p>
            <a href={`/api/review-projects/${enc(props.project.id)}/report.html?lang=${i18n.lang}`} target="_blank" rel="noopener">
              {t('report_printable')}
            </a>
          </p>
        </>
      )}
    </section>
  );
}

// --- The expert's reviews and profile ------------------------------------------------------

export function MyReviewsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const assignments = useLoad(async () => {
    if (!me) return null;
    try {
      return await api.get<Items<AssignedProject>>('/api/me/assignments');
    } catch (e) {
      if (isNotFound(e)) return null;  // no expert profile
      throw e;
    }
  }, [me?.user.id]);
  useTitle(t('my_reviews'));
  if (me === null) return <SignInFirst title={t('my_reviews')} message="sign_in_to_see" />;
  if (assignments.error) return <ErrorMessage error={assignments.error} onRetry={assignments.retry} />;
  if (assignments.data === undefined || me === undefined) return <Progress label={t('loading')} />;
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
      if (isNotFound(e)) return null;
      throw e;
    }
  }, [me?.user.id]);
  useTitle(t('expert_profile'));
  if (me === null) return <SignInFirst title={t('expert_profile')} message="sign_in_to_see" />;
  if (profile.error) return <ErrorMessage error={profile.error} onRetry={profile.retry} />;
  if (profile.data === undefined || me === undefined) return <Progress label={t('loading')} />;
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

// --- The applicant's submission ---------------------------------------------------------------

export function SubmitProjectPage() {
  const { params } = useRoute();
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const location = useLocation();
  const mine = (me?.memberships ?? []).map((m) => m.organization);
  const [organization, setOrganization] = useState('');
  const [language, setLanguage] = useState<string>(i18n.lang);
  const [title, setTitle] = useState(emptyTexts());
  const [summary, setSummary] = useState(emptyTexts());
  const [team, setTeam] = useState('');
  const submitting = useSubmit();
  const { errors } = submitting;
  useTitle(t('submit_project'));
  if (me === undefined) return <Progress label={t('loading')} />;
  if (me === null) return <SignInFirst title={t('submit_project')} message="sign_in_to_see" />;
  if (mine.length === 0) return <NoMembership title={t('submit_project')} />;
  const applicant = organization || mine[0];
  return (
    <RecordForm
      title={t('submit_project')}
      submitting={submitting}
      cancelHref={`/programmes/${enc(params.id)}`}
      check={(): FieldErrors => {
        if (isBlank(title)) return { title: t('title_required') };
        if (!title[language as Lang].trim()) return { [`title.${language}`]: t('title_in_project_language') };
        return {};
      }}
      send={async () => {
        const created = await api.post<ReviewProject>(`/api/programmes/${enc(params.id)}/review-projects`, {
          organization: applicant,
          language,
          title: localizedOf(title),
          summary: present(localizedOf(summary)),
          team: present(
            team
              .split('\n')
              .map((line) => line.trim())
              .filter(Boolean)
              .map((line) => ({ name: line })),
          ),
        });
        location.route(`/review-projects/${enc(created.id)}`);
      }}
    >
      <OrganizationSelect
        name="organization"
        label={t('applicant')}
        organizations={mine}
        value={applicant}
        onChange={setOrganization}
        errors={errors}
      />
      <Field name="language" label={t('project_language')} hint={t('project_language_hint')} errors={errors}>
        {(control) => (
          <select {...control} value={language} onChange={(e) => setLanguage(value(e))}>
            {LANGUAGES.map((l) => (
              <option value={l} key={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <LocalizedFields
        name="title"
        legend={t('title')}
        label={(l) => t('title_in', { language: l })}
        texts={title}
        onChange={setTitle}
        errors={errors}
        maxLength={300}
      />
      <LocalizedFields
        name="summary"
        legend={t('project_summary')}
        label={(l) => t('description_in', { language: l })}
        texts={summary}
        onChange={setSummary}
        errors={errors}
        multiline
      />
      <Field name="team" label={t('team')} hint={t('team_hint')} errors={errors}>
        {(control) => <textarea {...control} rows={3} value={team} onInput={(e) => setTeam(value(e))} />}
      </Field>
    </RecordForm>
  );
}
