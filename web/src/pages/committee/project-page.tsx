// One project for review, as its chair, a reviewer or the applicant sees it.
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, enc, type ReviewProject } from '../../api';
import { ErrorMessage, Localized, Progress, SignInFirst } from '../../components/common';
import { Documents } from '../../components/documents';
import { useI18n } from '../../i18n';
import { useLoad } from '../../load';
import type { MessageKey } from '../../messages';
import { useOrganizationNames } from '../../names';
import { useSession } from '../../session';
import { useTitle } from '../../title';
import { ChairPanel } from './chair-panel';
import { ExpertPanel } from './expert-panel';
import { ReportPanel } from './report';
import { outcomeKey } from './shared';

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
