// One deal, for the members of its two organisations: where it stands in the
// pipeline, the confidentiality agreement each side accepts, the moves it
// may make now, and its history.
import { Thread } from '../components/thread';
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, CLOSE_REASONS, type Agreement, type Deal, type DealStage, enc, PIPELINE } from '../api';
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
  useTitle(d ? t('deal_between', { a: name(d.initiator), b: name(d.recipient) }) : t('deal'));

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
      <h1>
        <a href={`/organizations/${enc(d.initiator)}`}>{name(d.initiator)}</a>
        {' ⇄ '}
        <a href={`/organizations/${enc(d.recipient)}`}>{name(d.recipient)}</a>
      </h1>

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
