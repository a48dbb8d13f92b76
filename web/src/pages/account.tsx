// The viewer's account: changing the password (which signs out every other
// session, and, when asked, deletes the API tokens), where the account is
// signed in (each session can be ended), and API tokens for scripts (the
// secret of a new token is shown once).
import { NotificationPreferences, VerifyAddress } from './notifications';
import { useState } from 'preact/hooks';
import { api, enc, type SessionInfo } from '../api';
import { ErrorMessage, Progress, SignInFirst } from '../components/common';
import { Field, type FieldErrors, FormErrorSummary, useSubmit, value } from '../components/form';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import { useSession } from '../session';
import type { components } from '../api-schema';
import { useTitle } from '../title';

type ApiToken = components['schemas']['ApiToken'];

export function AccountPage() {
  const { t } = useI18n();
  const { me } = useSession();
  useTitle(t('account'));
  if (me === undefined) return <Progress label={t('loading')} />;
  if (me === null) return <SignInFirst title={t('account')} message="sign_in_to_see" />;
  return (
    <section class="narrow">
      <h1>{t('account')}</h1>
      <p>
        {me.user.display_name} · {me.user.email}
      </p>
      <PasswordForm />
      {!me.user.email_verified && <VerifyAddress />}
      <NotificationPreferences />
      <Sessions />
      <Tokens />
    </section>
  );
}

function PasswordForm() {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [endTokens, setEndTokens] = useState(false);
  const [done, setDone] = useState(false);
  const { errors, formError, busy, submit } = useSubmit();

  function check(): FieldErrors {
    return next.length < 10 ? { new_password: t('password_too_short', { count: 10 }) } : {};
  }
  async function send() {
    setDone(false);
    await api.post('/api/me/password', { current_password: current, new_password: next, end_api_tokens: endTokens });
    setCurrent('');
    setNext('');
    setDone(true);
  }

  return (
    <form
      class="card"
      noValidate
      aria-labelledby="password-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(check, send);
      }}
    >
      <h2 id="password-heading">{t('change_password')}</h2>
      <FormErrorSummary errors={errors} />
      <ErrorMessage error={formError} />
      <Field name="current_password" label={t('current_password')} errors={errors}>
        {(control) => (
          <input {...control} type="password" autocomplete="current-password" value={current} onInput={(e) => setCurrent(value(e))} />
        )}
      </Field>
      <Field name="new_password" label={t('new_password')} errors={errors}>
        {(control) => <input {...control} type="password" autocomplete="new-password" value={next} onInput={(e) => setNext(value(e))} />}
      </Field>
      <label class="checkbox">
        <input type="checkbox" checked={endTokens} onChange={(e) => setEndTokens((e.target as HTMLInputElement).checked)} />{' '}
        {t('end_api_tokens')}
      </label>
      {done && (
        <p class="notice" role="status">
          {t('password_changed_elsewhere')}
        </p>
      )}
      <button type="submit" disabled={busy} aria-busy={busy}>
        {busy ? t('saving') : t('change_password')}
      </button>
    </form>
  );
}

function Sessions() {
  const i18n = useI18n();
  const { t } = i18n;
  const sessions = useLoad(() => api.get<{ items: SessionInfo[] }>('/api/me/sessions'), []);
  const { formError, busy, run } = useSubmit();
  return (
    <section class="card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">{t('sessions')}</h2>
      <p class="hint">{t('sessions_intro')}</p>
      {sessions.busy && !sessions.data && <Progress label={t('loading')} />}
      <ErrorMessage error={sessions.error ?? formError} onRetry={sessions.error ? sessions.retry : undefined} />
      {sessions.data && (
        <ul class="plain-list sessions">
          {sessions.data.items.map((s) => (
            <li key={s.id}>
              <strong>{s.user_agent || t('unknown_browser')}</strong>{' '}
              <span class="muted">· {t('session_since', { date: i18n.dateTime(s.created_at) })}</span>{' '}
              {s.current ? (
                <span class="badge published">{t('session_current')}</span>
              ) : (
                <button
                  type="button"
                  class="secondary small"
                  disabled={busy}
                  onClick={() =>
                    run(async () => {
                      await api.delete(`/api/me/sessions/${enc(s.id)}`);
                      sessions.retry();
                    })
                  }
                >
                  {t('end_session')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Tokens() {
  const i18n = useI18n();
  const { t } = i18n;
  const tokens = useLoad(() => api.get<{ items: ApiToken[] }>('/api/me/tokens'), []);
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const { errors, formError, busy, submit } = useSubmit();
  const [deleteError, setDeleteError] = useState<unknown>(null);

  async function send() {
    const created = await api.post<ApiToken & { token: string }>('/api/me/tokens', { name: name.trim() });
    setSecret(created.token);
    setName('');
    tokens.retry();
  }

  return (
    <section class="card" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">{t('api_tokens')}</h2>
      <p class="hint">{t('api_tokens_intro')}</p>
      {tokens.busy && !tokens.data && <Progress label={t('loading')} />}
      <ErrorMessage error={tokens.error ?? deleteError} onRetry={tokens.retry} />
      {tokens.data && tokens.data.items.length === 0 && <p>{t('none_yet')}</p>}
      {tokens.data && tokens.data.items.length > 0 && (
        <ul class="plain-list tokens">
          {tokens.data.items.map((token) => (
            <li key={token.id}>
              <strong>{token.name}</strong> <span class="muted">· {i18n.dateTime(token.created_at)}</span>{' '}
              <button
                type="button"
                class="secondary small"
                aria-label={t('delete_token', { name: token.name })}
                onClick={async () => {
                  setDeleteError(null);
                  try {
                    await api.delete(`/api/me/tokens/${enc(token.id)}`);
                    tokens.retry();
                  } catch (e) {
                    setDeleteError(e);
                  }
                }}
              >
                {t('delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {secret && (
        <div class="notice" role="status">
          <p>{t('token_shown_once')}</p>
          <code class="secret">{secret}</code>
        </div>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit((): FieldErrors => (name.trim() ? {} : { name: t('token_name_required') }), send);
        }}
      >
        <FormErrorSummary errors={errors} />
        <ErrorMessage error={formError} />
        <Field name="name" label={t('token_name')} errors={errors}>
          {(control) => <input {...control} type="text" maxLength={200} value={name} onInput={(e) => setName(value(e))} />}
        </Field>
        <button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? t('saving') : t('create_token')}
        </button>
      </form>
    </section>
  );
}
