// What the committee's pages share: outcome and conflict labels, figures,
// and the loads several of them make.
import { api, type Committee, enc, type Expert, OUTCOMES, type ReviewProject, type ReviewProjectList } from '../../api';
import { useI18n } from '../../i18n';
import { useLoad } from '../../load';
import type { MessageKey } from '../../messages';

export const outcomeKey = (o: string) => `outcome_${o}` as MessageKey;
export const conflictKey = (k: string) => `conflict_${k}` as MessageKey;
export const number = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? '—' : x.toFixed(digits));

export function ProjectList(props: { projects: ReviewProject[]; status?: (p: ReviewProject) => string }) {
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

export function useExpertNames(ids: string[]) {
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

export function useProjects(programme: string, version: number) {
  return useLoad(() => api.get<ReviewProjectList>(`/api/programmes/${enc(programme)}/review-projects`), [programme, version]);
}


export function useRubric(programme: string) {
  return useLoad(() => api.get<Committee>(`/api/programmes/${enc(programme)}/committee`), [programme]);
}

// The committee's outcomes as the options of a select.
export function OutcomeOptions() {
  const { t } = useI18n();
  return (
    <>
      {OUTCOMES.map((o) => (
        <option key={o} value={o}>
          {t(outcomeKey(o))}
        </option>
      ))}
    </>
  );
}

// How well a reviewer fits, in words: their affinity as a share of the best
// one it is compared with.
export function fitWord(share: number, t: ReturnType<typeof useI18n>['t']) {
  if (share >= 0.8) return t('fit_close');
  if (share >= 0.4) return t('fit_partial');
  return t('fit_distant');
}
