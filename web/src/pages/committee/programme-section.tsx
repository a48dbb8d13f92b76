// The projects for review on a programme's page, for whoever may see them.
import { api, enc, type ReviewProjectList } from '../../api';
import { ErrorMessage } from '../../components/common';
import { useI18n } from '../../i18n';
import { useLoad } from '../../load';
import { useSession } from '../../session';
import { ProjectList } from './shared';

// --- On the programme page -----------------------------------------------------------

// The projects for review the viewer may see, and what they may do.
export function ProgrammeReviewSection(props: { programme: string; chair: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const projects = useLoad(
    () => (me ? api.get<ReviewProjectList>(`/api/programmes/${enc(props.programme)}/review-projects`) : Promise.resolve({ items: [] })),
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
