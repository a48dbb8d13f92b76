// One deal, for the members of its two organisations: where it stands in the
// pipeline, the confidentiality agreement each side accepts, the moves it
// may make now, and its history.
import { Thread } from '../components/thread';
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, CLOSE_REASONS, type Agreement, type Deal, type DealStage, enc, type Member, PIPELINE } from '../api';
import { ErrorMessage, Progress, SignInFirst } from '../components/common';
import { Field, type FieldErrors, FormErrorSummary, useSubmit, value } from '../components/form';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import type { MessageKey } from '../messages';
import { useOrganizationNames } from '../names';
import { useSession } from '../session';
import { useTitle } from '../title';

export const stageKey = (stage: DealStage) => `stage_${stage}` as MessageKey;

export function DealPage() {
  const { params } = useRoute();
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const deal = useLoad(() => api.get<Deal>(`/api/deals/${enc(params.id)}`), [params.id]);
  const agreement = useLoad(() => api.get<Agreement>('/api/agreements/current'), []);
  const [current, setCurrent] = useState<Deal | null>(null);
  const d = current && current.id === params.id ? current : deal.data;
  const names = useOrganizationNames(d ? [d.initiator, d.recipient] : []);
  const name = (id: string) => (names[id] ? i18n.pick(names[id]!).text : id);
  useTitle(d ? d.title || t('deal_between', { a: name(d.initiator), b: name(d.recipient) }) : t('deal'));

  if (me === null) return <SignInFirst title={t('deal')} message="sign_in_to_see" />;
  if (deal.error) return <ErrorMessage error={deal.error} onRetry={deal.retry} />;
  if (!d || d.id !== params.id) return <Progress label={t('loading')} />;
  const mine = (me?.memberships ?? []).map((m) => m.organization).filter((id) => id === d.initiator || id === d.recipient);

  return (
    <article class="deal">
      <p class="result-meta">
        <span class="badge opportunity">{t('deal')}</span>
        {d.opportunity && (
          <a href={`/opportunities/${enc(d.opportunity)}`}>{t('opportunity')}</a>
        )}
      </p>
      {d.title && <h1>{d.title}</h1>}
      {d.title ? (
        <p class="parties">
          <a href={`/organizations/${enc(d.initiator)}`}>{name(d.initiator)}</a>
          {' ⇄ '}
          <a href={`/organizations/${enc(d.recipient)}`}>{name(d.recipient)}</a>
        </p>
      ) : (
        <h1>
          <a href={`/organizations/${enc(d.initiator)}`}>{name(d.initiator)}</a>
          {' ⇄ '}
          <a href={`/organizations/${enc(d.recipient)}`}>{name(d.recipient)}</a>
        </h1>
      )}
      {mine.length > 0 && <DealDetails deal={d} party={mine[0]} onSaved={setCurrent} />}

      <section aria-labelledby="pipeline-heading">
        <h2 id="pipeline-heading">{t('pipeline')}</h2>
        <ol class="stepper">
          {PIPELINE.map((stage) => {
            const state =
              d.stage === stage ? 'current' : PIPELINE.indexOf(stage) < PIPELINE.indexOf(d.closed_in ?? d.stage) ? 'done' : 'todo';
            return (
              <li key={stage} class={state} aria-current={state === 'current' ? 'step' : undefined}>
                {t(stageKey(stage))}
              </li>
            );
          })}
        </ol>
        <p class="stage-now" role="status">
          {d.stage === 'closed'
            ? t('closed_in', { stage: t(stageKey(d.closed_in ?? 'contact')), reason: t(`close_${d.close_reason}` as MessageKey) })
            : t('current_stage', { stage: t(stageKey(d.stage)) })}
        </p>
        <Moves deal={d} onMoved={setCurrent} />
      </section>

      <section aria-labelledby="agreement-heading" class="card">
        <h2 id="agreement-heading">{t('agreement_title')}</h2>
        {agreement.data && <p>{t('agreement_intro', { version: agreement.data.version })}</p>}
        <ul class="plain-list">
          {[d.initiator, d.recipient].map((party) => {
            const accepted = d.agreements.find((a) => a.organization === party);
            return (
              <li key={party}>
                {accepted
                  ? t('agreement_accepted_by', { name: name(party), date: i18n.dateTime(accepted.at) })
                  : t('agreement_waiting', { name: name(party) })}
              </li>
            );
          })}
        </ul>
        {d.cda && (
          <p class="notice" role="status">
            {t('agreement_in_force')}
          </p>
        )}
        {agreement.data && (
          <details>
            <summary>{t('agreement_read')}</summary>
            <pre class="agreement-text">{agreement.data.text}</pre>
          </details>
        )}
        {agreement.data &&
          mine
            .filter((party) => !d.agreements.some((a) => a.organization === party))
            .map((party) => <AcceptAgreement key={party} deal={d} party={party} partyName={name(party)} version={agreement.data!.version} onAccepted={setCurrent} />)}
      </section>

      {mine.length > 0 && <Thread thread={`deal:${d.id}`} />}

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t('history')}</h2>
        <ol class="history">
          {[...d.moves].reverse().map((m, i) => (
            <li key={i}>
              <time dateTime={m.at}>{i18n.dateTime(m.at)}</time> · <strong>{m.from ? t(stageKey(m.to)) : t('opened')}</strong>
              {m.reason && <span> ({t(`close_${m.reason}` as MessageKey)})</span>}
              {m.note && <p class="note">{m.note}</p>}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

// What the parties write about the deal: its value, the next step, when it is
// due and who takes it; shown, and edited in place by either party.
function DealDetails(props: { deal: Deal; party: string; onSaved: (d: Deal) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const d = props.deal;
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(d.title);
  const [amount, setAmount] = useState(d.value ? String(d.value.amount) : '');
  const [currency, setCurrency] = useState(d.value?.currency ?? 'USD');
  const [nextStep, setNextStep] = useState(d.next_step);
  const [due, setDue] = useState(d.due ?? '');
  const [contact, setContact] = useState(d.contact?.user ?? '');
  const members = useLoad(
    () => (editing ? api.get<{ items: Member[] }>(`/api/organizations/${enc(props.party)}/members`) : Promise.resolve(null)),
    [editing, props.party],
  );
  const { errors, formError, busy, submit } = useSubmit();
  const overdue = d.due !== null && d.stage !== 'closed' && d.due < new Date().toISOString().slice(0, 10);
  if (!editing) {
    return (
      <section aria-labelledby="details-heading" class="card deal-details">
        <h2 id="details-heading">{t('deal_details')}</h2>
        <dl class="facts">
          <dt>{t('deal_value')}</dt>
          <dd>{d.value ? i18n.money(d.value.amount, d.value.currency) : '—'}</dd>
          <dt>{t('next_step')}</dt>
          <dd>
            {d.next_step || '—'}
            {d.due && (
              <span class={overdue ? 'badge warning' : 'muted'}>
                {' '}
                {t(overdue ? 'next_step_overdue' : 'next_step_due', { date: i18n.date(d.due) })}
              </span>
            )}
          </dd>
          <dt>{t('deal_contact')}</dt>
          <dd>{d.contact?.name ?? '—'}</dd>
        </dl>
        <button type="button" class="secondary" onClick={() => setEditing(true)}>
          {t('edit_deal_details')}
        </button>
      </section>
    );
  }
  const options = [...(members.data?.items ?? [])];
  if (d.contact && !options.some((m) => m.user_id === d.contact!.user)) {
    options.unshift({ user_id: d.contact.user, display_name: d.contact.name, email: '', role: 'member' });
  }
  return (
    <form
      class="card deal-details"
      noValidate
      aria-labelledby="details-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(
          (): FieldErrors => {
            const found: FieldErrors = {};
            if (amount.trim() !== '' && !/^\d+$/.test(amount.trim())) found['value.amount'] = t('deal_value_whole');
            if (amount.trim() !== '' && !/^[A-Za-z]{3}$/.test(currency.trim())) found['value.currency'] = t('deal_currency_code');
            return found;
          },
          async () => {
            props.onSaved(
              await api.patch<Deal>(`/api/deals/${enc(d.id)}`, {
                title,
                value: amount.trim() === '' ? null : { amount: Number(amount.trim()), currency: currency.trim().toUpperCase() },
                next_step: nextStep,
                due: due || null,
                contact: contact || null,
                version: d.version,
              }),
            );
            setEditing(false);
          },
        );
      }}
    >
      <h2 id="details-heading">{t('deal_details')}</h2>
      <FormErrorSummary errors={errors} />
      <ErrorMessage error={formError} />
      <Field name="title" label={t('deal_title')} hint={t('deal_title_hint')} errors={errors}>
        {(control) => <input {...control} type="text" maxLength={200} value={title} onInput={(e) => setTitle(value(e))} />}
      </Field>
      <div class="field-row">
        <Field name="value.amount" label={t('deal_value')} errors={errors}>
          {(control) => <input {...control} type="text" inputMode="numeric" value={amount} onInput={(e) => setAmount(value(e))} />}
        </Field>
        <Field name="value.currency" label={t('deal_currency')} errors={errors}>
          {(control) => (
            <select {...control} value={currency} onChange={(e) => setCurrency(value(e))}>
              {CURRENCIES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field name="next_step" label={t('next_step')} errors={errors}>
        {(control) => <textarea {...control} rows={2} maxLength={500} value={nextStep} onInput={(e) => setNextStep(value(e))} />}
      </Field>
      <Field name="due" label={t('next_step_due_label')} errors={errors}>
        {(control) => <input {...control} type="date" value={due} onInput={(e) => setDue(value(e))} />}
      </Field>
      <Field name="contact" label={t('deal_contact')} hint={t('deal_contact_hint')} errors={errors}>
        {(control) => (
          <select {...control} value={contact} onChange={(e) => setContact(value(e))}>
            <option value="">—</option>
            {options.map((m) => (
              <option key={m.user_id} value={m.user_id}>
                {m.display_name || m.email}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div class="actions">
        <button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? t('saving') : t('save')}
        </button>
        <button type="button" class="secondary" onClick={() => setEditing(false)}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

// The currencies partners in the exchange deal in, most used first.
const CURRENCIES = ['USD', 'EUR', 'CNY', 'RUB', 'KZT', 'UZS', 'BYN', 'AMD', 'KGS', 'ILS', 'GBP', 'CHF', 'INR', 'AED', 'TRY', 'JPY', 'KRW'];

function AcceptAgreement(props: { deal: Deal; party: string; partyName: string; version: string; onAccepted: (d: Deal) => void }) {
  const { t } = useI18n();
  const { formError, busy, submit } = useSubmit();
  return (
    <div>
      <ErrorMessage error={formError} />
      <button
        type="button"
        disabled={busy}
        aria-busy={busy}
        onClick={() =>
          submit(
            () => ({}),
            async () =>
              props.onAccepted(
                await api.post<Deal>(`/api/deals/${enc(props.deal.id)}/agreement`, {
                  organization: props.party,
                  agreement_version: props.version,
                }),
              ),
          )
        }
      >
        {t('accept_agreement_for', { name: props.partyName })}
      </button>
    </div>
  );
}

// The moves the deal may make now: one button each, a note, and a reason when closing.
function Moves(props: { deal: Deal; onMoved: (d: Deal) => void }) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const { errors, formError, busy, submit } = useSubmit();
  const d = props.deal;
  if (d.allowed_moves.length === 0) return null;
  const label = (to: DealStage) => {
    if (to === 'closed') return t('close_deal');
    if (d.stage === 'closed') return t('reopen_at', { stage: t(stageKey(to)) });
    return t('move_to', { stage: t(stageKey(to)) });
  };
  const move = (to: DealStage) =>
    submit(
      (): FieldErrors => (to === 'closed' && !reason ? { reason: t('close_reason') } : {}),
      async () => {
        const moved = await api.post<Deal>(`/api/deals/${enc(d.id)}/moves`, {
          to,
          note: note.trim() || undefined,
          reason: to === 'closed' ? reason : undefined,
          version: d.version,
        });
        setNote('');
        setReason('');
        props.onMoved(moved);
      },
    );
  return (
    <div class="moves">
      <FormErrorSummary errors={errors} />
      <ErrorMessage error={formError} />
      <Field name="note" label={t('move_note')} errors={errors}>
        {(control) => <textarea {...control} rows={2} maxLength={2000} value={note} onInput={(e) => setNote(value(e))} />}
      </Field>
      {d.allowed_moves.includes('closed') && (
        <Field name="reason" label={t('close_reason')} errors={errors}>
          {(control) => (
            <select {...control} value={reason} onChange={(e) => setReason(value(e))}>
              <option value="">{t('choose')}</option>
              {CLOSE_REASONS.filter((r) => r !== 'completed' || d.stage === 'implementation').map((r) => (
                <option value={r} key={r}>
                  {t(`close_${r}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <div class="actions">
        {d.allowed_moves.map((to) => (
          <button type="button" key={to} class={to === 'closed' ? 'secondary' : undefined} disabled={busy} onClick={() => move(to)}>
            {label(to)}
          </button>
        ))}
      </div>
    </div>
  );
}
