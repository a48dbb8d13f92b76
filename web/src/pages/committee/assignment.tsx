// The chair's reviewer assignment, the conflicts behind it, and the scores.
import { useState } from 'preact/hooks';
import { api, type Committee, type ConflictList, enc, type ProjectScoresList } from '../../api';
import { ErrorMessage, Progress } from '../../components/common';
import { useSubmit } from '../../components/form';
import { useI18n } from '../../i18n';
import { useLoad } from '../../load';
import type { MessageKey } from '../../messages';
import { conflictKey, fitWord, number, outcomeKey, useExpertNames, useProjects } from './shared';

export function AssignmentSection(props: { programme: string; committee: Committee; onChanged: (c: Committee) => void }) {
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
  // Each pair's fit is told against the best pair of the assignment.
  const bestPair = Math.max(0.0001, ...c.assignment.map((a) => a.affinity));
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
        <div class="plain-figures" role="status">
          <p>
            {f.covered_projects === f.projects
              ? t('assignment_all_covered')
              : t('assignment_some_covered', { covered: f.covered_projects ?? 0, projects: f.projects ?? 0 })}{' '}
            {t('assignment_loads_plain', { min: f.load?.min ?? 0, max: f.load?.max ?? 0 })}{' '}
            {(f.conflicts ?? 0) > 0 && t('assignment_conflicts_plain', { count: f.conflicts ?? 0 })}
          </p>
          <p>
            {(f.min_project_bound ?? 0) <= 0 || (f.min_project_affinity ?? 0) >= 0.95 * (f.min_project_bound ?? 0)
              ? t('assignment_fit_best')
              : t('assignment_fit_short', {
                  share: i18n.percent((f.min_project_affinity ?? 0) / (f.min_project_bound ?? 1)),
                })}
          </p>
        </div>
      )}
      {f.total_affinity !== undefined && (
        <details class="figures-details">
          <summary>{t('the_figures')}</summary>
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
        </details>
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
                          {names.data?.[a.expert] ?? a.expert}{' '}
                          <span class="muted" title={number(a.affinity, 3)}>
                            ({fitWord(a.affinity / bestPair, t)})
                          </span>
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

export function ConflictsSection(props: { programme: string; version: number }) {
  const { t } = useI18n();
  const conflicts = useLoad(() => api.get<ConflictList>(`/api/programmes/${enc(props.programme)}/committee/conflicts`), [
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

export function ScoresSection(props: { programme: string; version: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const scores = useLoad(() => api.get<ProjectScoresList>(`/api/programmes/${enc(props.programme)}/committee/scores`), [
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
