// An organisation's contacts, for its members: the expressions of interest it
// received (to accept or decline) and sent, its deals, and its funnel.
import { useState } from 'preact/hooks';
import {
  api,
  type Deal,
  type DealPage,
  DECLINE_REASONS,
  enc,
  type Funnel,
  type Interest,
  type InterestPage,
} from '../api';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import type { MessageKey } from '../messages';
import { useOrganizationNames } from '../names';
import { stageKey } from '../pages/deal';
import { ErrorMessage, Progress } from './common';
import { PagedList } from './paged-list';

export function Interests(props: { organization: string }) {
  const { t } = useI18n();
  const [side, setSide] = useState<'received' | 'sent'>('received');
  const [version, setVersion] = useState(0);  // reloads the list after a decision
  return (
    <section aria-labelledby={`interests-${props.organization}`}>
      <h3 id={`interests-${props.organization}`}>{t('interests')}</h3>
      <div class="type-tabs" role="group" aria-label={t('interests')}>
        {(['received', 'sent'] as const).map((s) => (
          <button type="button" key={s} class={side === s ? 'tab active' : 'tab'} aria-pressed={side === s} onClick={() => setSide(s)}>
            {s === 'received' ? t('interests_received') : t('interests_sent')}
          </button>
        ))}
      </div>
      <PagedList<Interest>
        empty={t('none_yet')}
        source={`${props.organization}:${side}:${version}`}
        load={(page) => api.get<InterestPage>(`/api/organizations/${enc(props.organization)}/interests`, { side, page, per_page: 10 })}
        item={(interest) => <InterestItem key={interest.id} interest={interest} received={side === 'received'} onDecided={() => setVersion(version + 1)} />}
      />
    </section>
  );
}

function InterestItem(props: { interest: Interest; received: boolean; onDecided: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const i = props.interest;
  const other = props.received ? i.from_organization : i.to_organization;
  const names = useOrganizationNames([other]);
  const otherName = names[other] ? i18n.pick(names[other]!).text : other;
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      props.onDecided();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li class="interest" data-status={i.status}>
      <p>
        <strong>{props.received ? t('interest_from', { name: otherName }) : t('interest_to', { name: otherName })}</strong>
        {' · '}
        <span class={`badge status-${i.status}`}>{t(`status_${i.status}` as MessageKey)}</span>
        {' · '}
        <time dateTime={i.created_at}>{i18n.dateTime(i.created_at)}</time>
        {i.opportunity && (
          <>
            {' · '}
            <a href={`/opportunities/${enc(i.opportunity)}`}>{t('opportunity')}</a>
          </>
        )}
      </p>
      <p class="note">{i.message}</p>
      <p>
        <a href={`/threads/${enc(`interest:${i.id}`)}`}>{t('messages_title')}</a>
      </p>
      {i.status === 'declined' && i.decline_reason && (
        <p class="muted">
          {t('decline_reason')}: {t(`reason_${i.decline_reason}` as MessageKey)}
          {i.decision_note && ` — ${i.decision_note}`}
        </p>
      )}
      {i.deal && (
        <p>
          <a href={`/deals/${enc(i.deal)}`}>{t('open_deal')}</a>
        </p>
      )}
      <ErrorMessage error={error} />
      {props.received && i.status === 'pending' && !declining && (
        <div class="actions">
          <button
            type="button"
            disabled={busy}
            onClick={() => act(() => api.post(`/api/interests/${enc(i.id)}/accept`, { version: i.version }))}
          >
            {t('accept')}
          </button>
          <button type="button" class="secondary" disabled={busy} onClick={() => setDeclining(true)}>
            {t('decline')}
          </button>
        </div>
      )}
      {declining && (
        <form
          class="decline"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void act(() => api.post(`/api/interests/${enc(i.id)}/decline`, { reason, note: note.trim(), version: i.version }));
          }}
        >
          <div class="field">
            <label for={`decline-reason-${i.id}`}>{t('decline_reason')}</label>
            <select id={`decline-reason-${i.id}`} value={reason} onChange={(e) => setReason((e.target as HTMLSelectElement).value)}>
              <option value="">{t('choose')}</option>
              {DECLINE_REASONS.map((r) => (
                <option value={r} key={r}>
                  {t(`reason_${r}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={`decline-note-${i.id}`}>{t('decline_note')}</label>
            <textarea id={`decline-note-${i.id}`} rows={2} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
          </div>
          <div class="actions">
            <button type="submit" disabled={busy}>
              {t('decline')}
            </button>
            <button type="button" class="secondary" onClick={() => setDeclining(false)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

export function Deals(props: { organization: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section aria-labelledby={`deals-${props.organization}`}>
      <h3 id={`deals-${props.organization}`}>{t('deals')}</h3>
      <PagedList<Deal>
        empty={t('none_yet')}
        source={props.organization}
        load={(page) => api.get<DealPage>(`/api/organizations/${enc(props.organization)}/deals`, { page, per_page: 10 })}
        item={(deal) => <DealItem key={deal.id} deal={deal} organization={props.organization} />}
      />
    </section>
  );
}

function DealItem(props: { deal: Deal; organization: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const other = props.deal.initiator === props.organization ? props.deal.recipient : props.deal.initiator;
  const names = useOrganizationNames([other]);
  return (
    <li class="deal-item">
      <a href={`/deals/${enc(props.deal.id)}`}>{props.deal.title || (names[other] ? i18n.pick(names[other]!).text : other)}</a>
      {props.deal.title && <> · {names[other] ? i18n.pick(names[other]!).text : other}</>}
      {' · '}
      <span class="badge">{t(stageKey(props.deal.stage))}</span>
      {props.deal.value && <> · {i18n.money(props.deal.value.amount, props.deal.value.currency)}</>}
      {' · '}
      <time dateTime={props.deal.updated_at}>{i18n.dateTime(props.deal.updated_at)}</time>
      {props.deal.next_step && (
        <p class="muted">
          {t('next_step')}: {props.deal.next_step}
          {props.deal.due && <> · {t('next_step_due', { date: i18n.date(props.deal.due) })}</>}
        </p>
      )}
    </li>
  );
}

// The deals of a programme, for its operator: what each is, between whom,
// where it stands (the parties' value and next step stay theirs).
export function ProgrammeDeals(props: { programme: string }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby={`programme-deals-${props.programme}`}>
      <h3 id={`programme-deals-${props.programme}`}>{t('deals_of_programme')}</h3>
      <PagedList<Deal>
        empty={t('none_yet')}
        source={props.programme}
        load={(page) => api.get<DealPage>(`/api/programmes/${enc(props.programme)}/deals`, { page, per_page: 20 })}
        item={(deal) => <ProgrammeDealItem key={deal.id} deal={deal} />}
      />
    </section>
  );
}

function ProgrammeDealItem(props: { deal: Deal }) {
  const i18n = useI18n();
  const { t } = i18n;
  const d = props.deal;
  const names = useOrganizationNames([d.initiator, d.recipient]);
  const name = (id: string) => (names[id] ? i18n.pick(names[id]!).text : id);
  return (
    <li class="deal-item">
      <a href={`/deals/${enc(d.id)}`}>{d.title || t('deal_between', { a: name(d.initiator), b: name(d.recipient) })}</a>
      {d.title && <> · {name(d.initiator)} ⇄ {name(d.recipient)}</>}
      {' · '}
      <span class="badge">{t(stageKey(d.stage))}</span>
      {' · '}
      <time dateTime={d.updated_at}>{i18n.dateTime(d.updated_at)}</time>
    </li>
  );
}

export function FunnelTable(props: { organization: string }) {
  const { t } = useI18n();
  const funnel = useLoad(() => api.get<Funnel>(`/api/organizations/${enc(props.organization)}/funnel`), [props.organization]);
  if (funnel.error) return <ErrorMessage error={funnel.error} onRetry={funnel.retry} />;
  if (!funnel.data) return <Progress label={t('loading')} />;
  return (
    <section aria-labelledby={`funnel-${props.organization}`}>
      <h3 id={`funnel-${props.organization}`}>{t('funnel')}</h3>
      <FunnelFigures funnel={funnel.data} />
    </section>
  );
}

// A funnel as a table: per stage, how many reached it, are there now, went on, and stayed how long.
export function FunnelFigures(props: { funnel: Funnel }) {
  const i18n = useI18n();
  const { t } = i18n;
  const f = props.funnel;
  if (f.deals === 0) return <p>{t('funnel_empty')}</p>;
  return (
    <div class="table-wrap">
      <table class="funnel cards">
        <thead>
          <tr>
            <th scope="col">{t('stage')}</th>
            <th scope="col">{t('funnel_reached')}</th>
            <th scope="col">{t('funnel_current')}</th>
            <th scope="col">{t('funnel_conversion')}</th>
            <th scope="col">{t('funnel_median_days')}</th>
          </tr>
        </thead>
        <tbody>
          {f.stages.map((s) => (
            <tr key={s.stage} data-stage={s.stage}>
              <th scope="row">{t(stageKey(s.stage))}</th>
              <td data-label={t('funnel_reached')}>{i18n.number(s.reached)}</td>
              <td data-label={t('funnel_current')}>{i18n.number(s.current)}</td>
              <td data-label={t('funnel_conversion')}>{s.conversion === null ? '—' : i18n.percent(s.conversion)}</td>
              <td data-label={t('funnel_median_days')}>
                {s.median_days === null ? '—' : i18n.number(Math.round(s.median_days * 10) / 10)}
              </td>
            </tr>
          ))}
          <tr data-stage="closed">
            <th scope="row">{t('stage_closed')}</th>
            <td data-label={t('funnel_reached')}>{i18n.number(f.closed)}</td>
            <td data-label={t('funnel_current')}>{i18n.number(f.closed)}</td>
            <td data-label={t('funnel_conversion')}>—</td>
            <td data-label={t('funnel_median_days')}>—</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
