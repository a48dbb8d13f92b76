// Market-development plans: drafting one (product, kind, target countries),
// reading it per country (a Gantt-style timeline of the steps, the
// certificates that count and those missing, the matched partners for each
// role, what no source says), and, for its organisation, editing, sharing
// and exporting it. The plans of an organisation, on its page.
import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api, enc, type ProgrammePage } from '../api';
import { ErrorMessage, Progress, SignInFirst } from '../components/common';
import { CountryCheckboxes, Field, FormErrorSummary, useSubmit, value, type FieldErrors } from '../components/form';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import type { MessageKey } from '../messages';
import { useSession } from '../session';
import { useLabels } from '../taxonomy';
import { useTitle } from '../title';
import type { components } from '../api-schema';

// The shapes the API answers (src/api/openapi.json, generated into api-schema.ts).
type Step = components['schemas']['PlanStep'];
type Section = components['schemas']['PlanCountry'];
export type Plan = components['schemas']['Plan'];

const COUNTRIES = ['KZ', 'UZ', 'KG', 'TJ', 'RU', 'BY', 'AM', 'CN', 'IN', 'PK', 'IR', 'IL', 'US', 'DE', 'FR'];

// A Gantt-style chart: one bar a step, one after another; a step of unknown
// length is drawn hatched, and what follows it has no date.
function Timeline(props: { steps: Step[]; label: string }) {
  const { t, pick } = useI18n();
  let at = 0;
  let known = true;
  const bars = props.steps.map((s) => {
    const start = at;
    const length = s.months ? s.months[1] : 0;
    const bar = { step: s, start, length, known: known && !!s.months, after: known };
    if (s.months) at += length;
    else known = false;
    return bar;
  });
  const total = Math.max(at, 1);
  const width = 600;
  const row = 26;
  const scale = (m: number) => 220 + (m / total) * (width - 230);
  return (
    <figure class="timeline">
      <svg viewBox={`0 0 ${width} ${bars.length * row + 24}`} role="img" aria-label={props.label}>
        {bars.map((b, i) => (
          <g key={i}>
            <text x="0" y={i * row + 17} font-size="12">
              {pick(b.step.name).text.slice(0, 34)}
            </text>
            {b.step.months ? (
              <rect
                x={scale(b.after ? b.start : 0)}
                y={i * row + 4}
                width={Math.max(4, scale(b.length) - scale(0))}
                height="16"
                class={b.step.done ? 'bar done' : b.after ? 'bar' : 'bar floating'}
              />
            ) : (
              <rect x={scale(b.after ? b.start : 0)} y={i * row + 4} width="40" height="16" class="bar unknown" />
            )}
            <text x={width - 4} y={i * row + 17} font-size="11" text-anchor="end">
              {b.step.months ? t('country_months', { months: String(b.step.months[1]) }) : t('country_unknown')}
            </text>
          </g>
        ))}
        <text x={scale(0)} y={bars.length * row + 18} font-size="11">
          0
        </text>
        <text x={scale(total)} y={bars.length * row + 18} font-size="11" text-anchor="end">
          {known ? t('country_months', { months: String(at) }) : t('plan_total_unknown', { months: String(at) })}
        </text>
      </svg>
    </figure>
  );
}

function CountrySection(props: { plan: Plan; section: Section; onSaved: (p: Plan) => void }) {
  const i18n = useI18n();
  const { t, pick } = i18n;
  const labels = useLabels();
  const s = props.section;
  const [notes, setNotes] = useState(s.notes);
  const { formError, busy, run } = useSubmit();
  const name = labels.label('countries', s.country);
  const save = (steps?: Step[]) =>
    run(async () => {
      const saved = await api.patch<Plan>(`/api/plans/${enc(props.plan.id)}`, {
        version: props.plan.version,
        countries: [{ country: s.country, notes, ...(steps ? { steps } : {}) }],
      });
      props.onSaved(saved);
    });
  return (
    <section class="card plan-country" aria-labelledby={`plan-${s.country}`}>
      <h2 id={`plan-${s.country}`}>
        <a href={`/countries/${enc(s.country)}`}>{name}</a>
      </h2>
      {!s.profile && <p class="notice warning">{t('plan_no_profile')}</p>}
      <Timeline steps={s.steps} label={t('plan_timeline_of', { country: name })} />
      <ol class="plan-steps">
        {s.steps.map((step, i) => (
          <li key={i} class={step.done ? 'done' : ''}>
            {props.plan.mine && (
              <input
                type="checkbox"
                checked={step.done}
                aria-label={t('plan_step_done', { step: pick(step.name).text })}
                disabled={busy}
                onChange={() => save(s.steps.map((x, k) => (k === i ? { ...x, done: !x.done } : x)))}
              />
            )}{' '}
            <strong>{pick(step.name).text}</strong>{' '}
            <span class="muted">
              {step.months
                ? step.months[0] === step.months[1]
                  ? t('country_months', { months: String(step.months[0]) })
                  : t('country_months_range', { from: String(step.months[0]), to: String(step.months[1]) })
                : t('country_unknown')}
            </span>
            {step.documents.length > 0 && (
              <div class="muted">
                {t('plan_documents')}: {step.documents.map((d) => t(`plan_doc_${d}` as MessageKey)).join(', ')}
              </div>
            )}
            {step.source && (
              <div class="muted">
                {t('country_source')}: {step.source.url ? <a href={step.source.url}>{step.source.title}</a> : step.source.title}
              </div>
            )}
          </li>
        ))}
      </ol>
      {s.unknown.length > 0 && (
        <p class="unknown">
          {t('plan_unknown')}: {s.unknown.map((u) => t(`plan_unknown_${u}` as MessageKey)).join(', ')}
        </p>
      )}
      <h3>{t('certificates')}</h3>
      {s.certificates.counting.length > 0 && (
        <p>
          {t('plan_certificates_count')}:{' '}
          {s.certificates.counting.map((c) => `${labels.label('certificate_kinds', c.kind)} № ${c.number}`).join('; ')}
        </p>
      )}
      {s.certificates.missing.map((m) => (
        <p class="notice warning" key={m.need}>
          {t(`plan_missing_${m.need}` as MessageKey)} {m.kinds.map((k) => labels.label('certificate_kinds', k)).join(', ')}
        </p>
      ))}
      <h3>{t('plan_partners')}</h3>
      <dl class="facts compact">
        {s.partners.map((role) => (
          <>
            <dt key={role.role}>{t(`plan_role_${role.role}` as MessageKey)}</dt>
            <dd>
              {role.candidates.length === 0 ? (
                <span class="muted">{t('plan_no_candidate')}</span>
              ) : (
                <ul class="plain-list">
                  {role.candidates.map((c) => (
                    <li key={c.organization}>
                      <a href={`/organizations/${enc(c.organization)}`}>{c.name}</a>{' '}
                      <span class="muted">{c.reasons.slice(0, 2).join('; ')}</span>
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </>
        ))}
      </dl>
      {props.plan.mine ? (
        <form
          class="plan-notes"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <label for={`notes-${s.country}`}>{t('plan_notes')}</label>
          <textarea id={`notes-${s.country}`} rows={3} value={notes} onInput={(e) => setNotes(value(e))} />
          <button type="submit" class="secondary" disabled={busy}>
            {t('plan_save_notes')}
          </button>
          <ErrorMessage error={formError} />
        </form>
      ) : (
        s.notes && <p>{s.notes}</p>
      )}
    </section>
  );
}

// The Expert Committee's prospect analysis: submitting the plan, and its decision once made.
function CommitteeReview(props: { plan: Plan }) {
  const i18n = useI18n();
  const { t, pick } = i18n;
  const [programme, setProgramme] = useState('');
  const [submitted, setSubmitted] = useState<string | null>(null);
  const { formError, busy, run } = useSubmit();
  const programmes = useLoad(
    async () => (props.plan.mine ? (await api.get<ProgrammePage>('/api/programmes', { page: 1, per_page: 50 })).items : []),
    [props.plan.mine],
  );
  const review = props.plan.committee_review;
  return (
    <section class="card" aria-labelledby="plan-review">
      <h2 id="plan-review">{t('plan_review')}</h2>
      {review ? (
        <div class="committee-review">
          <p>
            <strong>{pick(review.programme_name).text}</strong>: {t(`outcome_${review.outcome}` as MessageKey)}{' '}
            <span class="muted">({i18n.date(review.decided_at)})</span>
          </p>
          {review.criteria && (
            <table class="review-scores">
              <caption>{t('plan_review_scores', { n: review.reviews ?? 0 })}</caption>
              <tbody>
                {review.criteria.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{pick(c.name).text}</th>
                    <td>{c.mean == null ? '–' : c.mean.toFixed(1)}</td>
                  </tr>
                ))}
                {review.overall != null && (
                  <tr>
                    <th scope="row">{t('plan_review_overall')}</th>
                    <td>
                      <strong>{review.overall.toFixed(1)}</strong>
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          )}
          {review.recommendations && (
            <>
              <h3>{t('plan_review_recommendations')}</h3>
              <p class="recommendations">{review.recommendations}</p>
            </>
          )}
        </div>
      ) : (
        <p>{t('plan_review_none')}</p>
      )}
      {props.plan.mine && !submitted && (
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            run(async () => {
              const r = await api.post<{ project: string }>(`/api/plans/${enc(props.plan.id)}/review`, { programme });
              setSubmitted(r.project);
            });
          }}
        >
          <label>
            {t('plan_review_programme')}{' '}
            <select value={programme} onChange={(e) => setProgramme(value(e))}>
              <option value="">{t('choose')}</option>
              {(programmes.data ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {pick(p.name).text}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={busy || !programme}>
            {t('plan_review_submit')}
          </button>
        </form>
      )}
      {submitted && (
        <p role="status">
          {t('plan_review_submitted')} <a href={`/review-projects/${enc(submitted)}`}>{submitted}</a>
        </p>
      )}
      <ErrorMessage error={formError} />
    </section>
  );
}

function Sharing(props: { plan: Plan; onSaved: (p: Plan) => void }) {
  const { t, lang } = useI18n();
  const [partner, setPartner] = useState('');
  const { formError, busy, run } = useSubmit();
  const plan = props.plan;
  return (
    <section class="card" aria-labelledby="plan-sharing">
      <h2 id="plan-sharing">{t('plan_sharing')}</h2>
      <label>
        {t('plan_visibility')}{' '}
        <select
          value={plan.visibility}
          disabled={busy}
          onChange={(e) =>
            run(async () => props.onSaved(await api.patch<Plan>(`/api/plans/${enc(plan.id)}`, { version: plan.version, visibility: value(e) })))
          }
        >
          {(['private', 'members', 'public'] as const).map((v) => (
            <option key={v} value={v}>
              {t(`plan_visibility_${v}`)}
            </option>
          ))}
        </select>
      </label>
      {(plan.shared_with ?? []).length > 0 && (
        <p>
          {t('plan_shared_with')}: {(plan.shared_with ?? []).join(', ')}
        </p>
      )}
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          run(async () => {
            props.onSaved(await api.put<Plan>(`/api/plans/${enc(plan.id)}/shares/${enc(partner.trim())}`, {}));
            setPartner('');
          });
        }}
      >
        <label>
          {t('plan_share_with')} <input value={partner} placeholder="org-…" onInput={(e) => setPartner(value(e))} />
        </label>
        <button type="submit" disabled={busy || !partner.trim()}>
          {t('plan_share')}
        </button>
      </form>
      <p>
        <a class="button secondary" href={`/api/plans/${enc(plan.id)}/export?lang=${lang}`} download>
          {t('plan_export')}
        </a>{' '}
        <button type="button" class="secondary" onClick={() => window.print()}>
          {t('plan_print')}
        </button>
      </p>
      <ErrorMessage error={formError} />
    </section>
  );
}

export function PlanPage() {
  const { params } = useRoute();
  const { t } = useI18n();
  const [saved, setSaved] = useState<Plan | null>(null);
  const loaded = useLoad(() => api.get<Plan>(`/api/plans/${enc(params.id)}`), [params.id]);
  const plan = saved && saved.id === params.id ? saved : loaded.data;
  useTitle(plan?.title);
  if (loaded.error) return <ErrorMessage error={loaded.error} onRetry={loaded.retry} />;
  if (!plan) return <Progress label={t('loading')} />;
  return (
    <article class="record plan">
      <p class="result-meta">
        <span class="badge">{t('plan')}</span> <a href={`/organizations/${enc(plan.organization)}`}>{plan.organization}</a>
      </p>
      <h1>{plan.title}</h1>
      <p>
        {t('plan_product')}: {plan.product} ({t(`plan_kind_${plan.product_kind}`)})
      </p>
      {plan.countries.map((s) => (
        <CountrySection key={s.country} plan={plan} section={s} onSaved={setSaved} />
      ))}
      {(plan.mine || plan.committee_review) && <CommitteeReview plan={plan} />}
      {plan.mine && <Sharing plan={plan} onSaved={setSaved} />}
    </article>
  );
}

export function NewPlanPage() {
  const { t } = useI18n();
  const location = useLocation();
  const { me } = useSession();
  useTitle(t('plan_new'));
  const mine = me?.memberships.map((m) => m.organization) ?? [];
  const [organization, setOrganization] = useState(location.query.organization ?? mine[0] ?? '');
  const [product, setProduct] = useState('');
  const [kind, setKind] = useState<'drug' | 'device'>('drug');
  const [countries, setCountries] = useState<string[]>([]);
  const { errors, formError, busy, submit } = useSubmit();
  if (!me) return <SignInFirst title={t('plan_new')} message="plan_intro" />;
  const check = (): FieldErrors => {
    const found: FieldErrors = {};
    if (!product.trim()) found.product = t('certificate_field_required');
    if (countries.length === 0) found.countries = t('plan_choose_countries');
    return found;
  };
  return (
    <article class="record">
      <h1>{t('plan_new')}</h1>
      <p>{t('plan_intro')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit(check, async () => {
            const plan = await api.post<Plan>('/api/plans', { organization, product, product_kind: kind, countries });
            location.route(`/plans/${enc(plan.id)}`);
          });
        }}
      >
        <FormErrorSummary errors={errors} />
        {mine.length > 1 && (
          <Field name="organization" label={t('organization')} errors={errors}>
            {(control) => (
              <select {...control} value={organization} onChange={(e) => setOrganization(value(e))}>
                {mine.map((id) => (
                  <option key={id} value={id}>
                    {id}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field name="product" label={t('plan_product')} hint={t('plan_product_hint')} errors={errors}>
          {(control) => <input {...control} value={product} maxLength={500} onInput={(e) => setProduct(value(e))} />}
        </Field>
        <Field name="product_kind" label={t('plan_product_kind')} errors={errors}>
          {(control) => (
            <select {...control} value={kind} onChange={(e) => setKind(value(e) as 'drug' | 'device')}>
              <option value="drug">{t('plan_kind_drug')}</option>
              <option value="device">{t('plan_kind_device')}</option>
            </select>
          )}
        </Field>
        <fieldset id="field-countries" class={errors.countries ? 'field has-error' : 'field'}>
          <legend>{t('plan_countries')}</legend>
          <CountryCheckboxes codes={COUNTRIES} chosen={countries} onChange={setCountries} />
          {errors.countries && <p class="field-error">{errors.countries}</p>}
        </fieldset>
        <button type="submit" disabled={busy}>
          {busy ? t('plan_drafting') : t('plan_draft')}
        </button>
        <ErrorMessage error={formError} />
      </form>
    </article>
  );
}

// The plans of an organisation the viewer may read, on its page.
export function OrganizationPlans(props: { organization: string; mine: boolean }) {
  const { t, date } = useI18n();
  const list = useLoad(
    async () => (await api.get<{ items: Plan[] }>(`/api/organizations/${enc(props.organization)}/plans`)).items,
    [props.organization],
  );
  if (!props.mine && (!list.data || list.data.length === 0)) return null;
  return (
    <section class="card" aria-labelledby="plans-heading">
      <h2 id="plans-heading">{t('plans')}</h2>
      <ErrorMessage error={list.error} onRetry={list.retry} />
      {list.data && list.data.length > 0 && (
        <ul class="plain-list">
          {list.data.map((p) => (
            <li key={p.id}>
              <a href={`/plans/${enc(p.id)}`}>{p.title}</a>{' '}
              <span class="muted">
                {p.countries.map((c) => c.country).join(', ')} · {date(p.updated_at)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {props.mine && (
        <a class="button" href={`/plans/new?organization=${enc(props.organization)}`}>
          {t('plan_new')}
        </a>
      )}
    </section>
  );
}
