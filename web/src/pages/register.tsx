// Creating an account, then signing in with it.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api } from '../api';
import { ErrorMessage } from '../components/common';
import { Field, type FieldErrors, FormErrorSummary, useSubmit, value } from '../components/form';
import { LANGUAGE_NAMES, LANGUAGES, useI18n } from '../i18n';
import { useSession } from '../session';
import { useTitle } from '../title';
import { safeNext } from './signin';

const MIN_PASSWORD = 10;

export function RegisterPage() {
  const { t, lang } = useI18n();
  const { signIn } = useSession();
  const location = useLocation();
  const [name, setName] = useState('');
  // An invitation mailed to an address without an account links here with it.
  const [email, setEmail] = useState(location.query.email ?? '');
  const [password, setPassword] = useState('');
  const [language, setLanguage] = useState<string>(lang);
  const { errors, formError, busy, submit } = useSubmit();
  useTitle(t('register'));

  function check(): FieldErrors {
    const found: FieldErrors = {};
    if (!email.includes('@')) found.email = t('email_invalid');
    if (password.length < MIN_PASSWORD) found.password = t('password_too_short', { count: MIN_PASSWORD });
    return found;
  }

  async function send() {
    await api.post('/api/auth/register', {
      email: email.trim(),
      password,
      display_name: name.trim() || undefined,
      preferred_language: language,
    });
    await signIn(email.trim(), password);
    location.route(location.query.next ? safeNext(location.query.next) : '/my');
  }

  return (
    <section class="narrow">
      <h1>{t('register')}</h1>
      <p>{t('register_intro')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit(check, send);
        }}
      >
        <FormErrorSummary errors={errors} />
        <ErrorMessage error={formError} />
        <Field name="display_name" label={t('display_name')} errors={errors}>
          {(control) => <input {...control} type="text" autocomplete="name" maxLength={200} value={name} onInput={(e) => setName(value(e))} />}
        </Field>
        <Field name="email" label={t('email')} errors={errors}>
          {(control) => <input {...control} type="email" autocomplete="email" value={email} onInput={(e) => setEmail(value(e))} />}
        </Field>
        <Field name="password" label={t('password')} hint={t('password_hint', { count: MIN_PASSWORD })} errors={errors}>
          {(control) => (
            <input {...control} type="password" autocomplete="new-password" value={password} onInput={(e) => setPassword(value(e))} />
          )}
        </Field>
        <Field name="preferred_language" label={t('preferred_language')} errors={errors}>
          {(control) => (
            <select {...control} value={language} onChange={(e) => setLanguage(value(e))}>
              {LANGUAGES.map((l) => (
                <option value={l} key={l} lang={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? t('saving') : t('register')}
        </button>
      </form>
      <p>
        <a href="/signin">{t('have_account')}</a>
      </p>
    </section>
  );
}
