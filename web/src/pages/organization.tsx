import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import {
  api,
  type Collaboration,
  type CollaborationPage,
  enc,
  type Opportunity,
  type OpportunityPage,
  type Organization,
} from '../api';
import { CodeFact, ErrorMessage, Fact, Localized, Progress } from '../components/common';
import { ExpressInterest } from '../components/express-interest';
import { Certificates } from '../components/certificates';
import { OrganizationPlans } from './plans';
import { Documents } from '../components/documents';
import { Matches } from '../components/matches';
import { PagedList } from '../components/paged-list';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import { useSession } from '../session';
import { useLabels } from '../taxonomy';
import { useTitle } from '../title';

const PAGE = 20;

export function OrganizationPage() {
  const { params } = useRoute();
  const id = params.id;
  const i18n = useI18n();
  const { t } = i18n;
  const labels = useLabels();
  const { me } = useSession();
  const [showMatches, setShowMatches] = useState(false);
  const { data: o, error, retry } = useLoad(async () => {
    setShowMatches(false);
    return api.get<Organization>(`/api/organizations/${enc(id)}`);
  }, [id]);
  useTitle(o ? i18n.pick(o.name).text : undefined);

  if (error) return <ErrorMessage error={error} onRetry={retry} />;
  if (!o || o.id !== id) return <Progress label={t('loading')} />;

  return (
    <article class="record">
      <p class="result-meta">
        <span class="badge organization">{t('organization')}</span>
        <span>{labels.label('organization_kinds', o.kind)}</span>
        <a href={`/countries/${enc(o.country)}`} title={t('country_page_link')}>
          {labels.label('countries', o.country)}
        </a>
      </p>
      <Localized text={o.name} as="h1" />
      {/* A Russian organisation's own name, and how to write it in Latin letters, for Chinese readers. */}
      {i18n.lang === 'zh' && o.name_latin && o.name.ru && (
        <p class="original-name">
          <span lang="ru">{o.name.ru}</span> · <span lang="ru-Latn">{o.name_latin}</span>
        </p>
      )}
      {me?.memberships.some((m) => m.organization === o.id) && (
        <p>
          <a class="button secondary" href={`/organizations/${enc(o.id)}/edit`}>
            {t('edit_organization')}
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
          <PagedList<Opportunity>
            heading={t('its_opportunities')}
            empty={t('none_yet')}
            source={o.id}
            load={(page) => api.get<OpportunityPage>('/api/opportunities', { organization: o.id, page, per_page: PAGE })}
            item={(opportunity) => {
              const title = i18n.pick(opportunity.title);
              return (
                <li key={opportunity.id}>
                  <span class={`badge ${opportunity.direction}`}>{labels.label('directions', opportunity.direction)}</span>{' '}
                  <a href={`/opportunities/${enc(opportunity.id)}`} lang={title.language}>
                    {title.text}
                  </a>
                </li>
              );
            }}
          />
          <PagedList<Collaboration>
            heading={t('collaborations')}
            source={o.id}
            load={(page) => api.get<CollaborationPage>(`/api/organizations/${enc(o.id)}/collaborations`, { page, per_page: PAGE })}
            item={(c) => {
              const title = i18n.pick(c.title);
              return (
                <li key={c.id}>
                  <span lang={title.language}>{title.text || c.id}</span>
                  {c.year !== undefined && <span class="muted"> · {c.year}</span>}
                  {c.source && <span class="muted"> · {c.source}</span>}
                </li>
              );
            }}
          />
        </div>
        <aside class="record-facts">
          <dl>
            <Fact term={t('city')} when={o.city}>
              <Localized text={o.city} as="span" />
            </Fact>
            <Fact term={t('website')} when={o.website && /^https?:\/\//i.test(o.website)}>
              <a href={o.website} rel="noopener noreferrer nofollow">
                {o.website}
              </a>
            </Fact>
            <CodeFact term={t('therapeutic_areas')} taxonomy="therapeutic_areas" codes={o.therapeutic_areas} />
            <CodeFact term={t('modalities')} taxonomy="modalities" codes={o.modalities} />
            <Fact term={t('capabilities')} when={o.capabilities?.length}>
              <ul class="chips">
                {o.capabilities?.map((c) => <li key={c}>{c}</li>)}
              </ul>
            </Fact>
            <Fact term={t('certifications')} when={o.certifications?.length}>
              <ul class="plain-list">
                {o.certifications?.map((c) => (
                  <li key={c.name}>
                    {c.name}
                    {c.expires && <span class="muted"> ({t('expires_on', { date: i18n.date(c.expires) })})</span>}
                  </li>
                ))}
              </ul>
            </Fact>
            <CodeFact term={t('markets')} taxonomy="countries" codes={o.markets} />
            <Fact term={t('updated')} when={o.updated_at}>
              <time dateTime={o.updated_at}>{i18n.dateTime(o.updated_at)}</time>
            </Fact>
          </dl>
        </aside>
      </div>
      <Certificates organization={o.id} me={me} />
      <OrganizationPlans organization={o.id} mine={me?.memberships.some((m) => m.organization === o.id) ?? false} />
      <Documents organization={o.id} mine={me?.memberships.some((m) => m.organization === o.id) ?? false} />
      <ExpressInterest owner={o.id} />
      {showMatches ? (
        <Matches source="organizations" id={o.id} />
      ) : (
        <button type="button" onClick={() => setShowMatches(true)}>
          {t('find_matches')}
        </button>
      )}
    </article>
  );
}
