// The chair on a project: its reviewers (a draft only as existing; a
// reviewer who has not submitted may be swapped for another member by hand)
// and the committee's decision, which before every review is in takes a
// reason.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import {
  api,
  type Committee,
  enc,
  type Outcome,
  type ReviewerCandidateList,
  type ReviewerStatus,
  type ReviewList,
  type ReviewProject,
  type RubricCriterion,
} from '../../api';
import { ErrorMessage, Progress } from '../../components/common';
import { Field, FieldGroup, type FieldErrors, useSubmit, value } from '../../components/form';
import { useI18n } from '../../i18n';
import { useLoad } from '../../load';
import type { MessageKey } from '../../messages';
import { fitWord, number, outcomeKey, OutcomeOptions, useRubric } from './shared';

export function ChairPanel(props: { project: ReviewProject; onDecided: (p: ReviewProject) => void }) {
  const { t } = useI18n();
  const reviews = useLoad(() => api.get<ReviewList>(`/api/review-projects/${enc(props.project.id)}/reviews`), [
    props.project.id,
  ]);
  const committee = useRubric(props.project.programme);
  const [replacing, setReplacing] = useState<string | null>(null);
  const open = props.project.status === 'submitted';
  const reload = () => {
    setReplacing(null);
    reviews.retry();
    committee.retry();
  };
  return (
    <>
      <section aria-labelledby="reviews-heading">
        <h2 id="reviews-heading">{t('reviews')}</h2>
        <ErrorMessage error={reviews.error} onRetry={reviews.retry} />
        {reviews.data && reviews.data.items.length === 0 && <p>{t('no_reviews_yet')}</p>}
        {reviews.data?.items.map((r) => (
          <ReviewerCard key={r.expert} reviewer={r} rubric={committee.data?.settings.rubric ?? []}>
            {open && r.assigned && r.status !== 'submitted' && committee.data && (
              <>
                {replacing !== r.expert && (
                  <button type="button" class="secondary" onClick={() => setReplacing(r.expert)}>
                    {t('replace_reviewer')}
                  </button>
                )}
                {replacing === r.expert && (
                  <ReplaceReviewer
                    project={props.project}
                    reviewer={r}
                    committee={committee.data}
                    onCancel={() => setReplacing(null)}
                    onDone={reload}
                  />
                )}
              </>
            )}
          </ReviewerCard>
        ))}
      </section>
      {reviews.data && (
        <DecisionForm key={props.project.version} project={props.project} reviewers={reviews.data.items} onDecided={props.onDecided} />
      )}
    </>
  );
}

function ReviewerCard(props: { reviewer: ReviewerStatus; rubric: RubricCriterion[]; children?: ComponentChildren }) {
  const i18n = useI18n();
  const { t } = i18n;
  const r = props.reviewer;
  const review = r.review;
  return (
    <div class="card review" data-status={r.status}>
      <h3>
        {r.expert_name} <span class="muted">· {t(`review_${r.status}` as MessageKey)}</span>
      </h3>
      {r.status === 'draft' && <p class="muted">{t('review_draft_unread', { date: i18n.dateTime(r.last_saved) })}</p>}
      {r.status === 'not_started' && <p class="muted">{t('review_not_started_note')}</p>}
      {review && (
        <>
          <p>
            {t('weighted_score')}: <strong>{number(r.weighted_score)}</strong>
            {review.recommendation && <> · {t(outcomeKey(review.recommendation))}</>}
          </p>
          <ul class="scores">
            {props.rubric.map((c) => (
              <li key={c.id}>
                {i18n.pick(c.name).text}: {review.scores[c.id] ?? '—'}
              </li>
            ))}
          </ul>
          {review.strengths && <p><strong>{t('strengths')}:</strong> {review.strengths}</p>}
          {review.risks && <p><strong>{t('risks')}:</strong> {review.risks}</p>}
          {review.confidential_comment && (
            <p><strong>{t('confidential_comment')}:</strong> {review.confidential_comment}</p>
          )}
        </>
      )}
      {props.children}
    </div>
  );
}

// The members who may review the project instead, best fit first; those who
// may not, with why, one click away.
function ReplaceReviewer(props: {
  project: ReviewProject;
  reviewer: ReviewerStatus;
  committee: Committee;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const candidates = useLoad(
    () => api.get<ReviewerCandidateList>(`/api/review-projects/${enc(props.project.id)}/reviewer-candidates`),
    [props.project.id, props.committee.version],
  );
  const [chosen, setChosen] = useState('');
  const { errors, formError, busy, submit } = useSubmit();
  if (candidates.error) return <ErrorMessage error={candidates.error} onRetry={candidates.retry} />;
  if (!candidates.data) return <Progress label={t('loading')} />;
  const available = candidates.data.items.filter((c) => !c.assigned && c.available);
  const unavailable = candidates.data.items.filter((c) => !c.assigned && !c.available);
  const best = Math.max(0.0001, ...available.map((c) => c.affinity));
  return (
    <form
      class="replace-reviewer"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit(
          (): FieldErrors => (chosen ? {} : { with: t('choose_replacement_first') }),
          async () => {
            await api.post<Committee>(`/api/review-projects/${enc(props.project.id)}/reviewers/swap`, {
              replace: props.reviewer.expert,
              with: chosen,
              version: props.committee.version,
            });
            props.onDone();
          },
        );
      }}
    >
      <ErrorMessage error={formError} />
      {available.length === 0 ? (
        <p>{t('no_replacement')}</p>
      ) : (
        <FieldGroup name="with" legend={t('choose_replacement', { name: props.reviewer.expert_name })} errors={errors}>
          {available.map((c) => (
            <label class="candidate" key={c.expert}>
              <input type="radio" name="with" value={c.expert} checked={chosen === c.expert} onChange={() => setChosen(c.expert)} />
              <span>
                <strong>{c.expert_name}</strong>
                <span class="muted">
                  {' · '}
                  {t('candidate_fit', { fit: fitWord(c.affinity / best, t) })}
                  {' · '}
                  {t('candidate_load', { count: c.load })}
                  {!c.reads_language && <> · {t('candidate_not_reading')}</>}
                </span>
              </span>
            </label>
          ))}
        </FieldGroup>
      )}
      {unavailable.length > 0 && (
        <details>
          <summary>{t('unavailable_members', { count: unavailable.length })}</summary>
          <ul>
            {unavailable.map((c) => (
              <li key={c.expert}>
                {c.expert_name}: {c.unavailable}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div class="actions">
        {available.length > 0 && (
          <button type="submit" disabled={busy} aria-busy={busy}>
            {t('do_replace')}
          </button>
        )}
        <button type="button" class="secondary" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

function DecisionForm(props: { project: ReviewProject; reviewers: ReviewerStatus[]; onDecided: (p: ReviewProject) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const decision = props.project.decision;
  const [outcome, setOutcome] = useState<Outcome>(decision?.outcome ?? 'accept');
  const [note, setNote] = useState(decision?.note ?? '');
  const [reason, setReason] = useState('');
  const { errors, formError, busy, submit } = useSubmit();
  const assigned = props.reviewers.filter((r) => r.assigned).length;
  const submitted = props.reviewers.filter((r) => r.status === 'submitted').length;
  const missing = Math.max(0, assigned - submitted);
  const early = missing > 0 || submitted === 0;
  return (
    <form
      class="card"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit(
          (): FieldErrors => (early && reason.trim() === '' ? { override_reason: t('override_reason_needed') } : {}),
          async () => {
            props.onDecided(
              await api.post<ReviewProject>(`/api/review-projects/${enc(props.project.id)}/decision`, {
                outcome,
                note,
                ...(early ? { override_reason: reason } : {}),
                version: props.project.version,
              }),
            );
          },
        );
      }}
    >
      <h2>{t('committee_decision')}</h2>
      {decision && decision.reviewers_assigned !== undefined && (
        <p class="muted">
          {t('decided_on_reviews', { submitted: decision.reviews_submitted ?? 0, assigned: decision.reviewers_assigned })}
          {decision.override_reason && <> {t('decided_early', { reason: decision.override_reason })}</>}
        </p>
      )}
      <ErrorMessage error={formError} />
      {early && (
        <p class="notice warning" role="note">
          {missing > 0 ? t('decide_early_warning', { missing, assigned, submitted }) : t('no_review_in')}
        </p>
      )}
      <Field name="outcome" label={t('outcome')} errors={errors}>
        {(control) => (
          <select {...control} value={outcome} onChange={(e) => setOutcome(value(e) as Outcome)}>
            <OutcomeOptions />
          </select>
        )}
      </Field>
      <Field name="note" label={t('decision_note')} errors={errors}>
        {(control) => <textarea {...control} rows={3} value={note} onInput={(e) => setNote(value(e))} />}
      </Field>
      {early && (
        <Field name="override_reason" label={t('override_reason')} hint={t('override_reason_hint')} errors={errors}>
          {(control) => <textarea {...control} rows={2} value={reason} onInput={(e) => setReason(value(e))} />}
        </Field>
      )}
      <div class="actions">
        <button type="submit" disabled={busy} aria-busy={busy}>
          {early ? t('record_decision_anyway') : t('record_decision')}
        </button>
      </div>
    </form>
  );
}
