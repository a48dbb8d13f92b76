// "Express interest" on an opportunity or organisation page: for signed-in
// members of another organisation; a short form that sends the interest,
// through one of the opportunity's programmes when the sender chooses one
// (the deal then belongs to it).
import { useState } from 'preact/hooks';
import { api, enc, type Programme } from '../api';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import { useSession } from '../session';
import { Field, type FieldErrors, FormErrorSummary, OrganizationSelect, useSubmit, value } from './form';
import { ErrorMessage } from './common';

export function ExpressInterest(props: { owner: string; opportunity?: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const mine = (me?.memberships ?? []).map((m) => m.organization).filter((id) => id !== props.owner);
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState('');
  const [message, setMessage] = useState('');
  const [sent, setSent] = useState(false);
  const [programme, setProgramme] = useState<string | null>(null);
  const programmes = useLoad(
    async () =>
      open && props.opportunity
        ? (await api.get<{ items: Programme[] }>(`/api/opportunities/${enc(props.opportunity)}/programmes`)).items
        : [],
    [open, props.opportunity],
  );
  const { errors, formError, busy, submit } = useSubmit();
  if (!me || mine.length === 0 || me.memberships.some((m) => m.organization === props.owner)) return null;
  const sender = from || mine[0];
  const offered = programmes.data ?? [];
  // One programme: proposed (and shown); several: the sender picks.
  const through = programme ?? (offered.length === 1 ? offered[0].id : '');

  if (sent) {
    return (
      <p class="notice" role="status">
        {t('interest_sent')}
      </p>
    );
  }
  if (!open) {
    return (
      <p>
        <button type="button" onClick={() => setOpen(true)}>
          {t('express_interest')}
        </button>
      </p>
    );
  }
  return (
    <form
      class="card interest-form"
      noValidate
      aria-labelledby="interest-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(
          (): FieldErrors => (message.trim() ? {} : { message: t('interest_message_hint') }),
          async () => {
            await api.post('/api/interests', {
              from_organization: sender,
              ...(props.opportunity ? { opportunity: props.opportunity } : { organization: props.owner }),
              ...(through ? { programme: through } : {}),
              message: message.trim(),
            });
            setSent(true);
          },
        );
      }}
    >
      <h2 id="interest-heading">{t('express_interest')}</h2>
      <FormErrorSummary errors={errors} />
      <ErrorMessage error={formError} />
      <OrganizationSelect
        name="from_organization"
        label={t('interest_on_behalf')}
        organizations={mine}
        value={sender}
        onChange={setFrom}
        errors={errors}
      />
      {offered.length > 0 && (
        <Field name="programme" label={t('through_programme')} hint={t('through_programme_hint')} errors={errors}>
          {(control) => (
            <select {...control} value={through} onChange={(e) => setProgramme(value(e))}>
              <option value="">{t('no_programme')}</option>
              {offered.map((p) => (
                <option value={p.id} key={p.id}>
                  {i18n.pick(p.name).text}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field name="message" label={t('interest_message')} hint={t('interest_message_hint')} errors={errors}>
        {(control) => <textarea {...control} rows={4} maxLength={2000} value={message} onInput={(e) => setMessage(value(e))} />}
      </Field>
      <div class="actions">
        <button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? t('saving') : t('send_interest')}
        </button>
        <button type="button" class="secondary" onClick={() => setOpen(false)}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
