// The inbox (every notification, newest first, by a cursor), a message
// thread on a page of its own, the mail preferences of the account page,
// and the page an unsubscribe link of a mail opens.
import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api, enc, RHYTHMS, type AppNotification, type Inbox, type NotificationPreference, type Rhythm, type Thread as ThreadData, type ThreadSummary } from '../api';
import { ErrorMessage, Progress, SignInFirst } from '../components/common';
import { Field, useSubmit, type FieldErrors } from '../components/form';
import { Thread } from '../components/thread';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import type { MessageKey } from '../messages';
import { useSession } from '../session';
import { useTitle } from '../title';

export function NotificationsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const location = useLocation();
  useTitle(t('notifications'));
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [marked, setMarked] = useState(0);
  const [older, setOlder] = useState<AppNotification[]>([]);
  const [cursor, setCursor] = useState<number | null>(null);
  const first = useLoad(
    async () => {
      if (!me) return null;
      const inbox = await api.get<Inbox>('/api/me/notifications', { lang: i18n.lang, unread: unreadOnly ? 'true' : undefined });
      setOlder([]);
      setCursor(inbox.next_before);
      return inbox;
    },
    [me?.user.id, i18n.lang, unreadOnly, marked],
  );
  const { formError, busy, run } = useSubmit();
  if (me === undefined) return <Progress label={t('loading')} />;
  if (me === null) return <SignInFirst title={t('notifications')} message="sign_in_to_see" />;

  const items = [...(first.data?.items ?? []), ...older];
  const open = (n: AppNotification) =>
    run(async () => {
      if (!n.read) await api.post('/api/me/notifications/read', { ids: [n.id] });
      window.dispatchEvent(new Event('biobridge:notifications'));
      location.route(n.link);
    });

  return (
    <section class="narrow">
      <h1>{t('notifications')}</h1>
      <div class="notifications-actions">
        <label class="inline">
          <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly((e.target as HTMLInputElement).checked)} />{' '}
          {t('notifications_unread_only')}
        </label>
        {(first.data?.unread ?? 0) > 0 && (
          <button
            type="button"
            class="secondary"
            disabled={busy}
            onClick={() =>
              run(async () => {
                await api.post('/api/me/notifications/read', { all: true, up_to: first.data!.items[0]?.id });
                window.dispatchEvent(new Event('biobridge:notifications'));
                setMarked((n) => n + 1);
              })
            }
          >
            {t('notifications_mark_all')}
          </button>
        )}
      </div>
      <ErrorMessage error={first.error ?? formError} onRetry={first.error ? first.retry : undefined} />
      {first.busy && !first.data && <Progress label={t('loading')} />}
      {first.data && items.length === 0 && <p>{t('notifications_none')}</p>}
      {items.length > 0 && (
        <ul class="plain-list notifications">
          {items.map((n) => (
            <li key={n.id} class={n.read ? 'card notification' : 'card notification unread'}>
              <a
                href={n.link}
                onClick={(e) => {
                  e.preventDefault();
                  open(n);
                }}
              >
                {!n.read && <span class="badge">{t('notification_unread')}</span>} <strong>{n.title}</strong>
              </a>
              {n.body && <p>{n.body}</p>}
              <p class="muted">
                <time dateTime={n.created_at}>{i18n.dateTime(n.created_at)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
      {cursor !== null && (
        <button
          type="button"
          class="secondary"
          disabled={busy}
          onClick={() =>
            run(async () => {
              const page = await api.get<Inbox>('/api/me/notifications', {
                lang: i18n.lang,
                before: String(cursor),
                unread: unreadOnly ? 'true' : undefined,
              });
              setOlder((o) => [...o, ...page.items]);
              setCursor(page.next_before);
            })
          }
        >
          {t('notifications_more')}
        </button>
      )}
    </section>
  );
}

// One's conversations: the threads one was written to or wrote in, the most
// recently active first, each with its last message and unread count.
export function ConversationsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  useTitle(t('conversations'));
  const list = useLoad(
    async () => (me ? (await api.get<{ items: ThreadSummary[] }>('/api/me/threads', { lang: i18n.lang })).items : null),
    [me?.user.id, i18n.lang],
  );
  if (me === undefined) return <Progress label={t('loading')} />;
  if (me === null) return <SignInFirst title={t('conversations')} message="sign_in_to_see" />;
  return (
    <section class="narrow">
      <h1>{t('conversations')}</h1>
      <ErrorMessage error={list.error} onRetry={list.retry} />
      {list.busy && !list.data && <Progress label={t('loading')} />}
      {list.data && list.data.length === 0 && <p>{t('conversations_none')}</p>}
      {list.data && list.data.length > 0 && (
        <ul class="plain-list notifications conversations">
          {list.data.map((c) => (
            <li key={c.thread} class={c.unread > 0 ? 'card notification unread' : 'card notification'}>
              <a href={`/threads/${enc(c.thread)}`}>
                {c.unread > 0 && <span class="badge">{i18n.plural('conversation_unread', c.unread)}</span>}{' '}
                <strong>{c.title}</strong>
              </a>
              <p>
                {c.last.mine ? t('message_you') : c.last.author.name}
                {c.last.author.organization_name && <> · {c.last.author.organization_name}</>}:{' '}
                <span lang={c.last.language || undefined}>
                  {c.last.body.length > 160 ? `${c.last.body.slice(0, 160)}…` : c.last.body}
                </span>
              </p>
              <p class="muted">
                <time dateTime={c.last.created_at}>{i18n.dateTime(c.last.created_at)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ThreadPage() {
  const { params } = useRoute();
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const thread = params.thread;
  const about = useLoad(
    async () => (me ? api.get<ThreadData>(`/api/threads/${enc(thread)}`, { lang: i18n.lang }) : null),
    [me?.user.id, thread, i18n.lang],
  );
  useTitle(about.data ? t('message_about', { title: about.data.title }) : t('messages_title'));
  if (me === undefined) return <Progress label={t('loading')} />;
  if (me === null) return <SignInFirst title={t('messages_title')} message="sign_in_to_see" />;
  if (about.error) return <ErrorMessage error={about.error} onRetry={about.retry} />;
  return (
    <section class="narrow">
      <h1>{about.data ? t('message_about', { title: about.data.title }) : t('messages_title')}</h1>
      {about.data && (
        <p>
          <a href={about.data.link}>{t('message_open_subject')}</a>
        </p>
      )}
      <Thread thread={thread} />
    </section>
  );
}

export function NotificationPreferences() {
  const { t } = useI18n();
  const list = useLoad(() => api.get<{ items: NotificationPreference[] }>('/api/me/notification-preferences'), []);
  const [saved, setSaved] = useState<NotificationPreference[] | null>(null);
  const [done, setDone] = useState(false);
  const { formError, busy, run } = useSubmit();
  const items = saved ?? list.data?.items ?? [];
  const choose = (kind: string, rhythm: Rhythm) =>
    run(async () => {
      setDone(false);
      const answer = await api.patch<{ items: NotificationPreference[] }>('/api/me/notification-preferences', {
        [kind]: rhythm,
      });
      setSaved(answer.items);
      setDone(true);
    });
  return (
    <section class="card" aria-labelledby="preferences-heading">
      <h2 id="preferences-heading">{t('preferences_title')}</h2>
      <p class="hint">{t('preferences_intro')}</p>
      <ErrorMessage error={list.error ?? formError} onRetry={list.error ? list.retry : undefined} />
      {items.length > 0 && (
        <table class="preferences">
          <tbody>
            {items.map((p) => (
              <tr key={p.kind}>
                <th scope="row">
                  <label for={`rhythm-${p.kind}`}>{t(`kind_${p.kind}` as MessageKey)}</label>
                </th>
                <td>
                  <select
                    id={`rhythm-${p.kind}`}
                    value={p.rhythm}
                    disabled={p.mandatory || busy}
                    onChange={(e) => choose(p.kind, (e.target as HTMLSelectElement).value as Rhythm)}
                  >
                    {RHYTHMS.map((r) => (
                      <option value={r} key={r}>
                        {t(`rhythm_${r}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {done && <p role="status">{t('preferences_saved')}</p>}
    </section>
  );
}

export function UnsubscribePage() {
  const { t } = useI18n();
  const location = useLocation();
  useTitle(t('unsubscribe_title'));
  const token = location.query.token ?? '';
  const [kind, setKind] = useState<string | null>(null);
  const { formError, busy, run } = useSubmit();
  return (
    <section class="narrow">
      <h1>{t('unsubscribe_title')}</h1>
      <p>{t('unsubscribe_intro')}</p>
      <ErrorMessage error={formError} />
      {kind ? (
        <p role="status">{t('unsubscribe_done', { kind: t(`kind_${kind}` as MessageKey) })}</p>
      ) : (
        <button
          type="button"
          disabled={busy || !token}
          onClick={() =>
            run(async () => {
              const answer = await api.post<{ unsubscribed: string }>(`/api/unsubscribe?token=${enc(token)}`, {});
              setKind(answer.unsubscribed);
            })
          }
        >
          {t('unsubscribe_confirm')}
        </button>
      )}
    </section>
  );
}

// On the account page until the address is verified: why it matters, and a new link.
export function VerifyAddress() {
  const { t } = useI18n();
  const [sent, setSent] = useState(false);
  const { formError, busy, run } = useSubmit();
  return (
    <section class="card notice" aria-labelledby="verify-heading">
      <h2 id="verify-heading">{t('verify_title')}</h2>
      <p>{t('verify_why')}</p>
      <ErrorMessage error={formError} />
      {sent ? (
        <p role="status">{t('verify_sent')}</p>
      ) : (
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            run(async () => {
              await api.post('/api/me/verify-email', {});
              setSent(true);
            })
          }
        >
          {t('verify_send')}
        </button>
      )}
    </section>
  );
}

// Where the verification link of a mail leads.
export function VerifyEmailPage() {
  const { t } = useI18n();
  const location = useLocation();
  const { refresh } = useSession();
  useTitle(t('verify_title'));
  const token = location.query.token ?? '';
  const [done, setDone] = useState(false);
  const { formError, busy, run } = useSubmit();
  return (
    <section class="narrow">
      <h1>{t('verify_title')}</h1>
      <ErrorMessage error={formError} />
      {done ? (
        <p role="status">{t('verify_done')}</p>
      ) : (
        <button
          type="button"
          disabled={busy || !token}
          onClick={() =>
            run(async () => {
              await api.post('/api/auth/verify-email', { token });
              setDone(true);
              await refresh();
            })
          }
        >
          {t('verify_confirm')}
        </button>
      )}
    </section>
  );
}

// A forgotten password: ask for a link (no token), or choose a new
// password with the link's token.
export function ResetPasswordPage() {
  const { t } = useI18n();
  const location = useLocation();
  useTitle(t('reset_title'));
  const token = location.query.token ?? '';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const { errors, formError, busy, submit } = useSubmit();
  return (
    <section class="narrow">
      <h1>{t('reset_title')}</h1>
      <ErrorMessage error={formError} />
      {done ? (
        <p role="status">{token ? t('reset_done') : t('reset_sent')}</p>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit(
              (): FieldErrors =>
                token
                  ? password.length < 10 ? { new_password: t('password_too_short', { count: 10 }) } : {}
                  : email.includes('@') ? {} : { email: t('reset_email_needed') },
              async () => {
                if (token) await api.post('/api/auth/password-reset/confirm', { token, new_password: password });
                else await api.post('/api/auth/password-reset', { email });
                setDone(true);
              },
            );
          }}
        >
          {token ? (
            <Field name="new_password" label={t('new_password')} errors={errors}>
              {(control) => (
                <input {...control} type="password" autocomplete="new-password" value={password}
                  onInput={(e) => setPassword((e.target as HTMLInputElement).value)} />
              )}
            </Field>
          ) : (
            <Field name="email" label={t('email')} hint={t('reset_intro')} errors={errors}>
              {(control) => (
                <input {...control} type="email" autocomplete="username" value={email}
                  onInput={(e) => setEmail((e.target as HTMLInputElement).value)} />
              )}
            </Field>
          )}
          <button type="submit" disabled={busy}>
            {token ? t('reset_confirm') : t('reset_send')}
          </button>
        </form>
      )}
    </section>
  );
}
