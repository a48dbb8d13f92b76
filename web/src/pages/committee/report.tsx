// The prospect-analysis report, for the chair and, once decided, the applicant.
import { api, enc, type ReviewProject } from '../../api';
import { ErrorMessage, Progress } from '../../components/common';
import { useI18n } from '../../i18n';
import type { components } from '../../api-schema';
import { useLoad } from '../../load';
import { number } from './shared';

type ReportJson = components['schemas']['ProspectReport'];

export function ReportPanel(props: { project: ReviewProject }) {
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
