import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ApiError } from '../api';
import { errorText } from '../components/common';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { useTitle } from '../title';

// Only a path of this site: never send the viewer elsewhere after signing in.
export function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/signin') ? next : '/home';
}

export function SignInPage() {
  const { t } = useI18n();
  const { signIn } = useSession();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useTitle(t('sign_in'));

  const fieldOf = (e: unknown) => (e instanceof ApiError ? e.field : null);
  const emailError = fieldOf(error) === 'email';
  const passwordError = error !== null && !emailError;

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email, password);
      location.route(safeNext(location.query.next));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="narrow">
      <h1>{t('sign_in')}</h1>
      <p>{t('sign_in_intro')}</p>
      <form onSubmit={submit} noValidate>
        <div class="field">
          <label for="signin-email">{t('email')}</label>
          <input
            id="signin-email"
            type="email"
            autocomplete="username"
            required
            value={email}
            aria-invalid={emailError}
            aria-describedby={emailError ? 'signin-error' : undefined}
            onInput={(e) => setEmail((e.target as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for="signin-password">{t('password')}</label>
          <input
            id="signin-password"
            type="password"
            autocomplete="current-password"
            required
            value={password}
            aria-invalid={passwordError}
            aria-describedby={passwordError ? 'signin-error' : undefined}
            onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
          />
        </div>
        {error !== null && (
          <p class="field-error" id="signin-error" role="alert">
            {errorText(error, t)}
          </p>
        )}
        <button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? t('signing_in') : t('sign_in')}
        </button>
      </form>
      <p>
        <a href="/register">{t('no_account')}</a>
      </p>
      <p>
        <a href="/reset-password">{t('forgot_password')}</a>
      </p>
    </section>
  );
}
