// Programmes: the list, and one programme with its opportunities and, for
// its operator's members, the analytics of its deals (charts, the funnel
// table, a CSV download) for a chosen period.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import {
  type Analytics,
  api,
  enc,
  type InvitationSent,
  type Opportunity,
  type Programme,
  type ProgrammePage,
  withQuery,
} from '../api';
import { ErrorMessage, Localized, Progress, SignInFirst } from '../components/common';
import {
  emptyTexts,
  Field,
  type FieldErrors,
  isBlank,
  localizedOf,
  LocalizedFields,
  present,
  RecordForm,
  useSubmit,
  value,
} from '../components/form';
import { PagedList } from '../components/paged-list';
import { RecordPicker } from '../components/record-picker';
import { FunnelFigures, ProgrammeDeals } from '../components/pipeline';
import { ProgrammeReviewSection } from './committee';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import type { MessageKey } from '../messages';
import { useOrganizationNames } from '../names';
import { useSession } from '../session';
import { useTitle } from '../title';

const KINDS = ['open_innovation_call', 'bilateral_centre', 'supply_chain_exchange', 'other'] as const;

export function ProgrammesPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  useTitle(t('programmes'));
  return (
    <section>
      <h1>{t('programmes')}</h1>
      {me?.user.platform_admin ? (
        <p>
          <a class="button secondary" href="/programmes/new">
            {t('create_programme')}
          </a>
        </p>
      ) : (
        <p class="hint">{t('programmes_set_up_by_admins')}</p>
      )}
      <PagedList<Programme>
        empty={t('no_programmes')}
        source="programmes"
        load={(page) => api.get<ProgrammePage>('/api/programmes', { page, per_page: 20 })}
        item={(p) => {
          const name = i18n.pick(p.name);
          return (
            <li key={p.id}>
              <a href={`/programmes/${enc(p.id)}`} lang={name.language}>
                {name.text}
              </a>{' '}
              <span class="muted">· {t(`kind_${p.kind}` as MessageKey)}</span>
            </li>
          );
        }}
      />
    </section>
  );
}

export function ProgrammePage() {
  const { params } = useRoute();
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const programme = useLoad(() => api.get<Programme>(`/api/programmes/${enc(params.id)}`), [params.id]);
  const p = programme.data;
  const names = useOrganizationNames(p ? [p.operator] : []);
  useTitle(p ? i18n.pick(p.name).text : t('programme'));
  if (programme.error) return <ErrorMessage error={programme.error} onRetry={programme.retry} />;
  if (!p || p.id !== params.id) return <Progress label={t('loading')} />;
  const operatorName = names[p.operator] ? i18n.pick(names[p.operator]!).text : p.operator;
  const operates = me?.memberships.some((m) => m.organization === p.operator) ?? false;
  return (
    <article class="record">
      <p class="result-meta">
        <span class="badge opportunity">{t(`kind_${p.kind}` as MessageKey)}</span>
        <a href={`/organizations/${enc(p.operator)}`}>{t('operated_by', { name: operatorName })}</a>
      </p>
      <Localized text={p.name} as="h1" />
      {p.description && <Localized text={p.description} />}
      <ProgrammeOpportunities id={p.id} />
      <ProgrammeReviewSection programme={p.id} chair={operates} />
      {operates && <AddOpportunity id={p.id} />}
      {operates && <ProgrammeAnalytics id={p.id} />}
    </article>
  );
}

function ProgrammeOpportunities(props: { id: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const list = useLoad(async () => {
    const ids = (await api.get<{ items: string[] }>(`/api/programmes/${enc(props.id)}/opportunities`)).items;
    return Promise.all(ids.map((id) => api.get<Opportunity>(`/api/opportunities/${enc(id)}`)));
  }, [props.id]);
  return (
    <section>
      <h2>{t('programme_opportunities')}</h2>
      {list.error ? (
        <ErrorMessage error={list.error} onRetry={list.retry} />
      ) : !list.data ? (
        <Progress label={t('loading')} />
      ) : list.data.length === 0 ? (
        <p>{t('none_yet')}</p>
      ) : (
        <ul class="plain-list">
          {list.data.map((o) => {
            const title = i18n.pick(o.title);
            return (
              <li key={o.id}>
                <a href={`/opportunities/${enc(o.id)}`} lang={title.language}>
                  {title.text}
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

// The charting library is large: it is loaded only when charts are shown.
function Charts(props: { analytics: Analytics }) {
  const { t } = useI18n();
  const [Drawn, setDrawn] = useState<ComponentType<{ analytics: Analytics }> | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    import('../components/charts').then(
      (module) => setDrawn(() => module.AnalyticsCharts),
      (e) => setError(e),
    );
  }, []);
  if (error) return <ErrorMessage error={error} />;
  return Drawn ? <Drawn analytics={props.analytics} /> : <Progress label={t('loading')} />;
}

function ProgrammeAnalytics(props: { id: string }) {
  const { t } = useI18n();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [period, setPeriod] = useState<{ from?: string; to?: string }>({});
  const analytics = useLoad(
    () => api.get<Analytics>(`/api/programmes/${enc(props.id)}/analytics`, period),
    [props.id, period.from, period.to],
  );
  return (
    <section aria-labelledby="analytics-heading">
      <h2 id="analytics-heading">{t('analytics')}</h2>
      <form
        class="period"
        onSubmit={(e) => {
          e.preventDefault();
          setPeriod({ from: from || undefined, to: to || undefined });
        }}
      >
        <div class="field">
          <label for="period-from">{t('period_from')}</label>
          <input id="period-from" type="date" value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="period-to">{t('period_to')}</label>
          <input id="period-to" type="date" value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} />
        </div>
        <button type="submit">{t('apply')}</button>
        <a class="button secondary" href={withQuery(`/api/programmes/${enc(props.id)}/analytics/csv`, period)} download>
          {t('download_csv')}
        </a>
      </form>
      <ErrorMessage error={analytics.error} onRetry={analytics.retry} />
      {analytics.busy && !analytics.data && <Progress label={t('loading')} />}
      {analytics.data && (
        <>
          <Charts analytics={analytics.data} />
          <h3>{t('funnel')}</h3>
          <FunnelFigures funnel={analytics.data.funnel} />
          <ProgrammeDeals programme={props.id} />
        </>
      )}
    </section>
  );
}

// Creating a programme (platform admins), naming the organisation that runs it.
export function ProgrammeFormPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const location = useLocation();
  const [name, setName] = useState(emptyTexts());
  const [description, setDescription] = useState(emptyTexts());
  const [kind, setKind] = useState<string>('bilateral_centre');
  const [operator, setOperator] = useState('');
  const submitting = useSubmit();
  const { errors } = submitting;
  useTitle(t('create_programme'));
  if (me === undefined) return <Progress label={t('loading')} />;
  if (me === null) return <SignInFirst title={t('create_programme')} message="sign_in_to_see" />;
  if (!me.user.platform_admin) {
    return (
      <section class="narrow">
        <h1>{t('create_programme')}</h1>
        <p>{t('programmes_set_up_by_admins')}</p>
      </section>
    );
  }
  return (
    <RecordForm
      title={t('create_programme')}
      submitting={submitting}
      cancelHref="/programmes"
      check={(): FieldErrors => {
        const found: FieldErrors = {};
        if (isBlank(name)) found.name = t('name_required');
        if (!operator.trim()) found.operator = t('choose_one');
        return found;
      }}
      send={async () => {
        const created = await api.post<Programme>('/api/programmes', {
          name: localizedOf(name),
          description: present(localizedOf(description)),
          kind,
          operator: operator.trim(),
        });
        location.route(`/programmes/${enc(created.id)}`);
      }}
    >
      <LocalizedFields
        name="name"
        legend={t('organization_name')}
        label={(language) => t('programme_name_in', { language })}
        texts={name}
        onChange={setName}
        errors={errors}
        maxLength={300}
      />
      <Field name="kind" label={t('programme_kind')} errors={errors}>
        {(control) => (
          <select {...control} value={kind} onChange={(e) => setKind(value(e))}>
            {KINDS.map((k) => (
              <option value={k} key={k}>
                {t(`kind_${k}` as MessageKey)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <RecordPicker
        type="organization"
        name="operator"
        searchLabel={t('find_operator')}
        legend={t('programme_operator_legend')}
        value={operator}
        onChange={setOperator}
        errors={errors}
      />
      <LocalizedFields
        name="description"
        legend={t('description')}
        label={(language) => t('description_in', { language })}
        texts={description}
        onChange={setDescription}
        errors={errors}
        multiline
      />
    </RecordForm>
  );
}

// For the operator: adds an opportunity (by id) to the programme; another
// organisation's is placed once its owner accepts the invitation this sends.
function AddOpportunity(props: { id: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [opportunity, setOpportunity] = useState('');
  // Opportunities found by what they are about, in any language; the id is never typed.
  const [round, setRound] = useState(0);  // a new picker after each addition
  const [added, setAdded] = useState<'' | 'added' | 'asked'>('');
  const { errors, formError, busy, submit } = useSubmit();
  return (
    <form
      class="add-member"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setAdded('');
        void submit(
          (): FieldErrors => (opportunity.trim() ? {} : { opportunity: t('choose_opportunity_first') }),
          async () => {
            const answer = await api.put<InvitationSent | undefined>(
              `/api/programmes/${enc(props.id)}/opportunities/${enc(opportunity.trim())}`,
              {},
            );
            setOpportunity('');
            setRound((n) => n + 1);
            setAdded(answer?.invitation ? 'asked' : 'added');
          },
        );
      }}
    >
      <h2>{t('add_to_programme')}</h2>
      <ErrorMessage error={formError} />
      <RecordPicker
        key={round}
        type="opportunity"
        name="opportunity"
        searchLabel={t('find_opportunity')}
        legend={t('choose_opportunity')}
        value={opportunity}
        onChange={setOpportunity}
        errors={errors}
      />
      {added && (
        <p class="notice" role="status">
          {t(added === 'asked' ? 'invitation_sent_programme' : 'opportunity_added')}
        </p>
      )}
      <button type="submit" disabled={busy} aria-busy={busy}>
        {t('add')}
      </button>
    </form>
  );
}
