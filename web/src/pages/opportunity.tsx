import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api, enc, type Opportunity, type Organization, withQuery } from '../api';
import { CodeFact, ErrorMessage, Fact, Localized, Progress } from '../components/common';
import { ExpressInterest } from '../components/express-interest';
import { Documents } from '../components/documents';
import { Matches } from '../components/matches';
import { WatchPartnersButton } from './alerts';
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
  const location = useLocation();
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<unknown>(null);
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
        <div class="actions">
          <a class="button secondary" href={`/opportunities/${enc(o.id)}/edit`}>
            {t('edit')}
          </a>
          <button
            type="button"
            class="secondary"
            disabled={deleting}
            aria-busy={deleting}
            onClick={async () => {
              if (!confirm(t('confirm_delete', { title: i18n.pick(o.title).text }))) return;
              setDeleting(true);
              setDeleteError(null);
              try {
                await api.delete(withQuery(`/api/opportunities/${enc(o.id)}`, { version: o.version }));
                location.route('/my');
              } catch (e) {
                setDeleteError(e);
                setDeleting(false);
              }
            }}
          >
            {t('delete_opportunity')}
          </button>
        </div>
      )}
      <ErrorMessage error={deleteError} />
      <div class="record-body">
        <div class="record-main">
          {o.description && (
            <section>
              <h2>{t('description')}</h2>
              <Localized text={o.description} />
            </section>
          )}
          {o.members_details && Object.keys(o.members_details).length > 0 && (
            <section class="tier tier-members">
              <h2>{t('members_details')}</h2>
              <Localized text={o.members_details} />
            </section>
          )}
          {o.cda_details && Object.keys(o.cda_details).length > 0 && (
            <section class="tier tier-cda" aria-labelledby="cda-heading">
              <h2 id="cda-heading">{t('cda_details')}</h2>
              {!mine && <p class="badge confidential">{t('confidential_badge')}</p>}
              <Localized text={o.cda_details} />
            </section>
          )}
        </div>
        <aside class="record-facts">
          <dl>
            <CodeFact term={t('cooperation')} taxonomy="cooperation_types" codes={o.cooperation} />
            <CodeFact term={t('therapeutic_areas')} taxonomy="therapeutic_areas" codes={o.therapeutic_areas} />
            <CodeFact term={t('modalities')} taxonomy="modalities" codes={o.modalities} />
            <CodeFact term={t('target_countries')} taxonomy="countries" codes={o.target_countries} />
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
      <Documents organization={o.organization} opportunity={o.id} mine={mine} />
      <ExpressInterest owner={o.organization} opportunity={o.id} />
      {mine && <WatchPartnersButton opportunity={o.id} />}
      <Matches source="opportunities" id={o.id} />
    </article>
  );
}
