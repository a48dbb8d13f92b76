// An organisation's certificates: kind, issuer, number, scope, dates, where
// each holds, its state today (valid, expiring within 90 days, expired) and
// the verified mark. Members record, renew and delete them and attach scans;
// a platform admin or a member of an accredited association (not of this
// organisation) verifies them.
import { useState } from 'preact/hooks';
import { api, enc, type CertificateInfo, type Me } from '../api';
import { ErrorMessage, Progress } from './common';
import { Documents } from './documents';
import { CodeSelect, Field, FormErrorSummary, useSubmit, value, type FieldErrors } from './form';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import { useLabels } from '../taxonomy';

interface Draft {
  kind: string;
  issuer: string;
  number: string;
  country: string;
  detail: string;
  products: string;
  sites: string;
  issued_on: string;
  expires_on: string;
}

const EMPTY: Draft = { kind: '', issuer: '', number: '', country: '', detail: '', products: '', sites: '', issued_on: '', expires_on: '' };

function lines(text: string): string[] {
  return text
    .split(/[\n;]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function State(props: { c: CertificateInfo }) {
  const { t, date } = useI18n();
  const { c } = props;
  if (c.state === 'expired') {
    return <span class="badge danger">{t('certificate_expired_on', { date: date(c.expires_on ?? undefined) })}</span>;
  }
  if (c.state === 'expiring') {
    return (
      <span class="badge warning" role="status">
        {t('certificate_expires_in', { days: String(c.days_left ?? 0), date: date(c.expires_on ?? undefined) })}
      </span>
    );
  }
  return (
    <span class="badge ok">
      {c.expires_on ? t('expires_on', { date: date(c.expires_on) }) : t('certificate_no_expiry')}
    </span>
  );
}

function Verify(props: { c: CertificateInfo; onDone: () => void }) {
  const { t } = useI18n();
  const [method, setMethod] = useState('registry');
  const [note, setNote] = useState('');
  const { formError, busy, run } = useSubmit();
  const id = props.c.id;
  return (
    <form
      class="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          await api.post(`/api/certificates/${enc(id)}/verification`, { method, note });
          props.onDone();
        });
      }}
    >
      <label>
        {t('certificate_verify_method')}{' '}
        <select value={method} onChange={(e) => setMethod(value(e))}>
          {(['registry', 'original', 'issuer'] as const).map((m) => (
            <option key={m} value={m}>
              {t(`certificate_method_${m}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('certificate_verify_note')} <input value={note} maxLength={1000} onInput={(e) => setNote(value(e))} />
      </label>
      <button type="submit" disabled={busy}>
        {t('certificate_verify')}
      </button>
      <ErrorMessage error={formError} />
    </form>
  );
}

// Recording a renewal: the new expiry date (the reminders start afresh; a
// verified mark stays only if nothing it checked changed — a new date does).
function Renew(props: { c: CertificateInfo; onDone: () => void }) {
  const { t } = useI18n();
  const [expires, setExpires] = useState('');
  const { formError, busy, run } = useSubmit();
  const id = `renew-${props.c.id}`;
  return (
    <form
      class="inline-form renew"
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          await api.patch(`/api/certificates/${enc(props.c.id)}`, { version: props.c.version, expires_on: expires || null });
          setExpires('');
          props.onDone();
        });
      }}
    >
      <label for={id}>{t('certificate_renew_until')}</label>
      <input id={id} type="date" value={expires} onInput={(e) => setExpires(value(e))} />
      <button type="submit" class="secondary small" disabled={busy || !expires}>
        {t('certificate_renew')}
      </button>
      <ErrorMessage error={formError} />
    </form>
  );
}

function CertificateForm(props: { organization: string; onSaved: () => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const { errors, formError, busy, submit } = useSubmit();
  const set = (key: keyof Draft) => (e: Event) => setDraft({ ...draft, [key]: value(e) });
  const check = (): FieldErrors => {
    const found: FieldErrors = {};
    if (!draft.kind) found.kind = t('certificate_field_required');
    if (!draft.issuer.trim()) found.issuer = t('certificate_field_required');
    if (!draft.number.trim()) found.number = t('certificate_field_required');
    if (!draft.issued_on) found.issued_on = t('certificate_field_required');
    if (draft.expires_on && draft.issued_on && draft.expires_on < draft.issued_on) {
      found.expires_on = t('certificate_expiry_before_issue');
    }
    return found;
  };
  return (
    <form
      class="certificate-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit(check, async () => {
          await api.post(`/api/organizations/${enc(props.organization)}/certificates`, {
            kind: draft.kind,
            issuer: draft.issuer,
            number: draft.number,
            country: draft.country.toUpperCase(),
            detail: draft.detail,
            products: lines(draft.products),
            sites: lines(draft.sites),
            issued_on: draft.issued_on,
            expires_on: draft.expires_on || null,
          });
          setDraft(EMPTY);
          props.onSaved();
        });
      }}
    >
      <FormErrorSummary errors={errors} />
      <Field name="kind" label={t('certificate_kind')} errors={errors}>
        {(control) => (
          <CodeSelect {...control} taxonomy="certificate_kinds" value={draft.kind} onChange={(kind) => setDraft({ ...draft, kind })} />
        )}
      </Field>
      <Field name="issuer" label={t('certificate_issuer')} hint={t('certificate_issuer_hint')} errors={errors}>
        {(control) => <input {...control} value={draft.issuer} maxLength={200} onInput={set('issuer')} />}
      </Field>
      <Field name="number" label={t('certificate_number')} errors={errors}>
        {(control) => <input {...control} value={draft.number} maxLength={100} onInput={set('number')} />}
      </Field>
      <Field name="country" label={t('certificate_country')} hint={t('certificate_country_hint')} errors={errors}>
        {(control) => (
          <CodeSelect {...control} taxonomy="countries" optional value={draft.country} onChange={(country) => setDraft({ ...draft, country })} />
        )}
      </Field>
      <Field name="detail" label={t('certificate_detail')} hint={t('certificate_detail_hint')} errors={errors}>
        {(control) => <input {...control} value={draft.detail} maxLength={200} onInput={set('detail')} />}
      </Field>
      <Field name="products" label={t('certificate_products')} hint={t('one_per_line')} errors={errors}>
        {(control) => <textarea {...control} rows={2} value={draft.products} onInput={set('products')} />}
      </Field>
      <Field name="sites" label={t('certificate_sites')} hint={t('one_per_line')} errors={errors}>
        {(control) => <textarea {...control} rows={2} value={draft.sites} onInput={set('sites')} />}
      </Field>
      <Field name="issued_on" label={t('certificate_issued_on')} errors={errors}>
        {(control) => <input {...control} type="date" value={draft.issued_on} onInput={set('issued_on')} />}
      </Field>
      <Field name="expires_on" label={t('certificate_expires_on')} hint={t('certificate_expires_hint')} errors={errors}>
        {(control) => <input {...control} type="date" value={draft.expires_on} onInput={set('expires_on')} />}
      </Field>
      <button type="submit" disabled={busy}>
        {t('certificate_save')}
      </button>
      <ErrorMessage error={formError} />
    </form>
  );
}

export function Certificates(props: { organization: string; me: Me | null | undefined }) {
  const i18n = useI18n();
  const { t } = i18n;
  const labels = useLabels();
  const [changed, setChanged] = useState(0);
  const refresh = () => setChanged((n) => n + 1);
  const mine = props.me?.memberships.some((m) => m.organization === props.organization) ?? false;
  const list = useLoad(
    async () => (await api.get<{ items: CertificateInfo[] }>(`/api/organizations/${enc(props.organization)}/certificates`)).items,
    [props.organization, changed],
  );
  // Whether the viewer may verify: a platform admin, or a member of an accredited association, not of this organisation.
  const verifier = useLoad(async () => {
    const me = props.me;
    if (!me || mine) return false;
    if (me.user.platform_admin) return true;
    for (const m of me.memberships) {
      const a = await api.get<{ accredited: boolean }>(`/api/organizations/${enc(m.organization)}/accreditation`);
      if (a.accredited) return true;
    }
    return false;
  }, [props.me, mine]);
  const { formError, busy, run } = useSubmit();
  if (!mine && list.data && list.data.length === 0) return null;

  return (
    <section class="certificates card" aria-labelledby="certificates-heading">
      <h2 id="certificates-heading">{t('certificates')}</h2>
      <ErrorMessage error={list.error} onRetry={list.retry} />
      {list.busy && !list.data && <Progress label={t('loading')} />}
      {list.data && list.data.length === 0 && <p>{t('certificates_none')}</p>}
      <ErrorMessage error={formError} />
      {list.data && list.data.length > 0 && (
        <ul class="plain-list certificate-list">
          {list.data.map((c) => (
            <li key={c.id} class={`certificate ${c.state}`} aria-label={`${labels.label('certificate_kinds', c.kind)} ${c.number}`}>
              <h3>
                {labels.label('certificate_kinds', c.kind)} <span class="muted">№ {c.number}</span>
              </h3>
              <p>
                <State c={c} />{' '}
                {c.verified ? (
                  <span class="badge ok">
                    {t(c.verified.by === 'platform' ? 'certificate_verified_platform' : 'certificate_verified_association', {
                      date: i18n.date(c.verified.at),
                      method: t(`certificate_method_${c.verified.method as 'registry' | 'original' | 'issuer'}`),
                    })}
                  </span>
                ) : (
                  <span class="badge">{t('certificate_not_verified')}</span>
                )}
              </p>
              <dl class="facts compact">
                <dt>{t('certificate_issuer')}</dt>
                <dd>{c.issuer}</dd>
                <dt>{t('certificate_issued_on')}</dt>
                <dd>{i18n.date(c.issued_on)}</dd>
                <dt>{t('certificate_holds_in')}</dt>
                <dd>
                  {c.holds_in.includes('*')
                    ? t('certificate_international')
                    : c.holds_in.length > 8
                      ? t('certificate_countries_count', { count: String(c.holds_in.length) })
                      : c.holds_in.map((code) => labels.label('countries', code)).join(', ')}
                </dd>
                {c.detail && (
                  <>
                    <dt>{t('certificate_detail')}</dt>
                    <dd>{c.detail}</dd>
                  </>
                )}
                {c.products.length > 0 && (
                  <>
                    <dt>{t('certificate_products')}</dt>
                    <dd>{c.products.join('; ')}</dd>
                  </>
                )}
                {c.sites.length > 0 && (
                  <>
                    <dt>{t('certificate_sites')}</dt>
                    <dd>{c.sites.join('; ')}</dd>
                  </>
                )}
              </dl>
              {(mine || c.documents.length > 0) && <Documents organization={props.organization} certificate={c.id} mine={mine} />}
              {mine && <Renew c={c} onDone={refresh} />}
              {mine && (
                <p class="actions">
                  <button
                    type="button"
                    class="secondary small"
                    disabled={busy}
                    aria-label={t('certificate_delete_named', { number: c.number })}
                    onClick={() =>
                      run(async () => {
                        await api.delete(`/api/certificates/${enc(c.id)}?version=${c.version}`);
                        refresh();
                      })
                    }
                  >
                    {t('alerts_delete')}
                  </button>
                </p>
              )}
              {verifier.data && !c.verified && <Verify c={c} onDone={refresh} />}
              {verifier.data && c.verified && (
                <button
                  type="button"
                  class="secondary small"
                  disabled={busy}
                  onClick={() =>
                    run(async () => {
                      await api.delete(`/api/certificates/${enc(c.id)}/verification`);
                      refresh();
                    })
                  }
                >
                  {t('certificate_withdraw_verification')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {mine && list.data && (
        <details class="add-certificate" open={list.data.length === 0}>
          <summary>{t('certificate_add')}</summary>
          <CertificateForm organization={props.organization} onSaved={refresh} />
        </details>
      )}
    </section>
  );
}
