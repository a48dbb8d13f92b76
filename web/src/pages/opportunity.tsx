import { useRoute } from 'preact-iso';
import { api, enc, type Opportunity, type Organization } from '../api';
import { CodeList, ErrorMessage, Fact, Localized, Progress } from '../components/common';
import { Matches } from '../components/matches';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
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
  const { data, error, retry } = useLoad(async () => {
    const opportunity = await api.get<Opportunity>(`/api/opportunities/${enc(id)}`);
    const organization = await api.get<Organization>(`/api/organizations/${enc(opportunity.organization)}`).catch(() => null);
    return { opportunity, organization };
  }, [id]);
  const opportunity = data?.opportunity;
  const organization = data?.organization ?? null;
  useTitle(opportunity ? i18n.pick(opportunity.title).text : undefined);

  if (error) return <ErrorMessage error={error} onRetry={retry} />;
  if (!opportunity || opportunity.id !== id) return <Progress label={t('loading')} />;
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
