// An applicant submits a project to a programme's committee.
import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api, enc, type Lang, type ReviewProject } from '../../api';
import { NoMembership, Progress, SignInFirst } from '../../components/common';
import {
  emptyTexts,
  Field,
  type FieldErrors,
  isBlank,
  localizedOf,
  LocalizedFields,
  OrganizationSelect,
  present,
  RecordForm,
  useSubmit,
  value,
} from '../../components/form';
import { LANGUAGES, LANGUAGE_NAMES, useI18n } from '../../i18n';
import { useSession } from '../../session';
import { useTitle } from '../../title';

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
