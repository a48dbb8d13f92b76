import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, enc, type Opportunity, type Organization } from '../api';
import { CodeList, ErrorMessage, Fact, Localized, Progress } from '../components/common';
import { Matches } from '../components/matches';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { useLabels } from '../taxonomy';
import { useTitle } from '../title';

export function OpportunityPage() {
  const { params } = useRoute();
  const id = params.id;
  const i18n = useI18n();
  const { t } = i18n;
  const labels = useLabels();
  const { me } = useSession();
  const [opportunity, setOpportunity] = useState<Opportunity | null>(null);
  const [organization, setOrganization] = useState<Organization | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useTitle(opportunity ? i18n.pick(opportunity.title).text : undefined);

  useEffect(() => {
    let cancelled = false;
    setOpportunity(null);
    setOrganization(null);
    setError(null);
    api
      .get<Opportunity>(`/api/opportunities/${enc(id)}`)
      .then(async (o) => {
        if (cancelled) return;
        setOpportunity(o);
        const owner = await api.get<Organization>(`/api/organizations/${enc(o.organization)}`).catch(() => null);
        if (!cancelled) setOrganization(owner);
      })
      .catch((e) => !cancelled && setError(e));
    return () => {
      cancelled = true;
    };
  }, [id, attempt]);

  if (error) return <ErrorMessage error={error} onRetry={() => setAttempt(attempt + 1)} />;
  if (!opportunity) return <Progress label={t('loading')} />;
  const o = opportunity;
  const mine = me?.memberships.some((m) => m.organization === o.organization) ?? false;
  const ownerName = organization ? i18n.pick(organization.name) : { text: o.organization, language: '' };

  return (
    <article class="record">
      <p class="result-meta">
        <span class="badge opportunity">{t('opportunity')}</span>
        <span class={`badge ${o.direction}`}>{labels.label('directions', o.direction)}</span>
        {o.stage && <span>{labels.label('stages', o.stage)}</span>}
      </p>
      <Localized text={o.title} as="h1" />
      <p class="result-org">
        {t('posted_by')}:{' '}
        <a href={`/organizations/${enc(o.organization)}`} lang={ownerName.language || undefined}>
          {ownerName.text}
        </a>
        {organization && <span class="muted"> · {labels.label('countries', organization.country)}</span>}
      </p>
      {mine && (
        <p>
          <a class="button secondary" href={`/opportunities/${enc(o.id)}/edit`}>
            {t('edit')}
          </a>
        </p>
      )}
      <div class="record-body">
        <div class="record-main">
          {o.description && (
            <section>
              <h2>{t('description')}</h2>
              <Localized text={o.description} />
            </section>
          )}
        </div>
        <aside class="record-facts">
          <dl>
            <Fact term={t('cooperation')} when={o.cooperation.length}>
              <CodeList taxonomy="cooperation_types" codes={o.cooperation} />
            </Fact>
            <Fact term={t('therapeutic_areas')} when={o.therapeutic_areas?.length}>
              <CodeList taxonomy="therapeutic_areas" codes={o.therapeutic_areas} />
            </Fact>
            <Fact term={t('modalities')} when={o.modalities?.length}>
              <CodeList taxonomy="modalities" codes={o.modalities} />
            </Fact>
            <Fact term={t('target_countries')} when={o.target_countries?.length}>
              <CodeList taxonomy="countries" codes={o.target_countries} />
            </Fact>
            <Fact term={t('confidentiality')} when={o.confidentiality}>
              {labels.label('confidentiality_tiers', o.confidentiality)}
            </Fact>
            <Fact term={t('expires')} when={o.expires}>
              <time dateTime={o.expires}>{i18n.date(o.expires)}</time>
            </Fact>
            <Fact term={t('created')} when={o.created_at}>
              <time dateTime={o.created_at}>{i18n.dateTime(o.created_at)}</time>
            </Fact>
            <Fact term={t('updated')} when={o.updated_at !== o.created_at}>
              <time dateTime={o.updated_at}>{i18n.dateTime(o.updated_at)}</time>
            </Fact>
          </dl>
        </aside>
      </div>
      <Matches source="opportunities" id={o.id} />
    </article>
  );
}
