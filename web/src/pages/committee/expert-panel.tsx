// A reviewer on a project: the rubric review form and declining it.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import {
  api,
  enc,
  type Review,
  type ReviewProject,
  type RubricCriterion,
} from '../../api';
import { ErrorMessage, isMissing, Progress } from '../../components/common';
import { Field, type FieldErrors, FormErrorSummary, useSubmit, value } from '../../components/form';
import { useI18n } from '../../i18n';
import { useLoad } from '../../load';
import type { MessageKey } from '../../messages';
import { OutcomeOptions, useRubric } from './shared';

export function ExpertPanel(props: { project: ReviewProject }) {
  const { t } = useI18n();
  const committee = useRubric(props.project.programme);
  const mine = useLoad(async () => {
    try {
      return await api.get<Review>(`/api/review-projects/${enc(props.project.id)}/review`);
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  }, [props.project.id]);
  if (committee.error) return <ErrorMessage error={committee.error} onRetry={committee.retry} />;
  if (mine.error) return <ErrorMessage error={mine.error} onRetry={mine.retry} />;
  if (!committee.data || !mine.settled) return <Progress label={t('loading')} />;
  return (
    <>
      <ReviewForm key={mine.data?.id ?? 'new'} project={props.project} rubric={committee.data.settings.rubric} review={mine.data} />
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
            <OutcomeOptions />
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
