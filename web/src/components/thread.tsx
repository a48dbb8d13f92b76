// Messages between the parties of an interest, a deal or a meeting request:
// the thread, newest at the bottom, each message with its language marked,
// and a form to write. Reading the thread marks it read.
import { useEffect, useState } from 'preact/hooks';
import { api, enc, type Thread as ThreadData } from '../api';
import { ErrorMessage, Progress } from './common';
import { Field, useSubmit, type FieldErrors } from './form';
import { useI18n } from '../i18n';
import { useLoad } from '../load';

export function Thread(props: { thread: string; heading?: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [sent, setSent] = useState(0);
  const thread = useLoad(
    () => api.get<ThreadData>(`/api/threads/${enc(props.thread)}`, { lang: i18n.lang }),
    [props.thread, sent, i18n.lang],
  );
  const [body, setBody] = useState('');
  const { errors, formError, busy, submit, run } = useSubmit();

  // What is shown is read.
  const items = thread.data?.items ?? [];
  const newest = items.length > 0 ? items[items.length - 1].id : 0;
  useEffect(() => {
    if (thread.data && newest > thread.data.read_up_to) {
      void api.post(`/api/threads/${enc(props.thread)}/read`, { up_to: newest }).catch(() => undefined);
    }
  }, [newest, props.thread]);

  return (
    <section class="thread card" aria-labelledby="thread-heading">
      <h2 id="thread-heading">{t('messages_title')}</h2>
      <p class="hint">
        {thread.data && thread.data.guests.length > 0
          ? t('message_parties_and_guests', { guests: thread.data.guests.join(', ') })
          : t('message_parties_only')}
      </p>
      {thread.data?.operator_to_add && (
        <p>
          <button
            type="button"
            class="secondary"
            disabled={busy}
            onClick={() =>
              run(async () => {
                await api.post(`/api/threads/${enc(props.thread)}/operator`, {});
                setSent((n) => n + 1);
              })
            }
          >
            {t('message_add_operator', { name: thread.data.operator_to_add })}
          </button>
        </p>
      )}
      <ErrorMessage error={thread.error} onRetry={thread.retry} />
      {thread.busy && !thread.data && <Progress label={t('loading')} />}
      {thread.data && thread.data.items.length === 0 && <p>{t('messages_none')}</p>}
      {thread.data && thread.data.items.length > 0 && (
        <ol class="messages" aria-live="polite">
          {thread.data.items.map((m) => (
            <li key={m.id} class={m.mine ? 'message mine' : 'message'}>
              <p class="result-meta">
                <strong>{m.mine ? t('message_you') : m.author.name}</strong>
                {m.author.organization_name && <> · {m.author.organization_name}</>} ·{' '}
                <time dateTime={m.created_at}>{i18n.dateTime(m.created_at)}</time>
                {m.language && (
                  <span class="badge language" title={t('message_written_in', { language: i18n.languageName(m.language) })}>
                    {m.language.toUpperCase()}
                  </span>
                )}
              </p>
              <p class="message-body" lang={m.language || undefined}>
                {m.body}
              </p>
            </li>
          ))}
        </ol>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit(
            (): FieldErrors => (body.trim() ? {} : { body: t('message_required') }),
            async () => {
              await api.post(`/api/threads/${enc(props.thread)}/messages`, { body });
              setBody('');
              setSent((n) => n + 1);
            },
          );
        }}
      >
        <ErrorMessage error={formError} />
        <Field name="body" label={t('message_write')} errors={errors}>
          {(control) => (
            <textarea
              {...control}
              rows={3}
              maxLength={20000}
              value={body}
              onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)}
            />
          )}
        </Field>
        <button type="submit" disabled={busy}>
          {t('message_send')}
        </button>
      </form>
    </section>
  );
}
