// Invitations: nothing is done in anyone's name on BioBridge. Joining an
// organisation, representing it at an event, placing its opportunity in a
// programme: each is an invitation the person (or organisation) accepts.
// This page lists those waiting for the viewer; PendingInvitations lists
// those an organisation or event sent, to withdraw.
import { useState } from 'preact/hooks';
import { api, enc, type Invitation } from '../api';
import { ErrorMessage, Progress, SignInFirst } from '../components/common';
import { useSubmit } from '../components/form';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import { useSession } from '../session';
import { useTitle } from '../title';

// What an invitation asks, in a sentence for the side reading it.
export function InvitationText(props: { invitation: Invitation }) {
  const { t } = useI18n();
  const i = props.invitation;
  const who = i.invited_by_name || i.inviter_organization_name || '';
  if (i.kind === 'membership') {
    const role = t(i.role === 'admin' ? 'role_admin' : 'role_member');
    return i.side === 'invitee' ? (
      <>{t('invitation_membership', { who, organization: i.target_name ?? i.target, role })}</>
    ) : (
      <>{t('invitation_membership_sent', { email: i.invitee_email ?? '', role })}</>
    );
  }
  if (i.kind === 'delegate') {
    return i.side === 'invitee' ? (
      <>{t('invitation_delegate', { who, organization: i.organization_name ?? '', event: i.target_name ?? i.target })}</>
    ) : (
      <>{t('invitation_delegate_sent', { name: i.invitee_name ?? '', organization: i.organization_name ?? '' })}</>
    );
  }
  const opportunity = i.opportunity_title ?? i.opportunity ?? '';
  const programme = i.target_name ?? i.target;
  // The operator asks the owner, or the owner applies to the operator.
  const key =
    i.direction === 'owner_applies'
      ? i.side === 'inviter' ? 'invitation_application_sent' : 'invitation_application'
      : i.side === 'inviter' ? 'invitation_programme_sent' : 'invitation_programme';
  return (
    <>
      {t(key, {
        who,
        inviter: i.inviter_organization_name ?? '',
        invitee: i.invitee_organization_name ?? '',
        opportunity,
        programme,
      })}
    </>
  );
}

export function InvitationsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { me, refresh } = useSession();
  useTitle(t('invitations'));
  const list = useLoad(
    async () => (me ? api.get<{ items: Invitation[] }>('/api/me/invitations', { lang: i18n.lang }) : null),
    [me?.user.id, i18n.lang],
  );
  const [answered, setAnswered] = useState<Record<string, 'accepted' | 'declined'>>({});
  const { formError, busy, run } = useSubmit();
  if (me === undefined) return <Progress label={t('loading')} />;
  if (me === null) return <SignInFirst title={t('invitations')} message="sign_in_to_see" />;

  const answer = (invitation: Invitation, decision: 'accept' | 'decline') =>
    run(async () => {
      await api.post(`/api/invitations/${enc(invitation.id)}/${decision}`, { version: invitation.version });
      setAnswered((a) => ({ ...a, [invitation.id]: decision === 'accept' ? 'accepted' : 'declined' }));
      if (decision === 'accept') await refresh();  // a new membership changes what the account may do
    });

  return (
    <section class="narrow">
      <h1>{t('invitations')}</h1>
      <p class="hint">{t('invitations_intro')}</p>
      <ErrorMessage error={list.error ?? formError} onRetry={list.error ? list.retry : undefined} />
      {list.busy && !list.data && <Progress label={t('loading')} />}
      {list.data && list.data.items.length === 0 && <p>{t('no_invitations')}</p>}
      {list.data && list.data.items.length > 0 && (
        <ul class="plain-list invitations">
          {list.data.items.map((invitation) => (
            <li key={invitation.id} class="card">
              <p>
                <InvitationText invitation={invitation} />
              </p>
              {invitation.message && <blockquote>{invitation.message}</blockquote>}
              {answered[invitation.id] ? (
                <p role="status">{t(answered[invitation.id] === 'accepted' ? 'invitation_accepted' : 'invitation_declined')}</p>
              ) : (
                <div class="row-actions">
                  <button type="button" disabled={busy} onClick={() => answer(invitation, 'accept')}>
                    {t('accept')}
                  </button>
                  <button type="button" class="secondary" disabled={busy} onClick={() => answer(invitation, 'decline')}>
                    {t('decline')}
                  </button>
                  <span class="muted">{t('invitation_open_until', { date: i18n.date(invitation.expires_at) })}</span>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

// The invitations an organisation (or an event) sent that wait for an
// answer, each with a way to withdraw it. `version` reloads the list.
export function PendingInvitations(props: { path: string; version: number; heading: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [withdrawn, setWithdrawn] = useState(0);
  const list = useLoad(
    () => api.get<{ items: Invitation[] }>(props.path, { lang: i18n.lang }),
    [props.path, props.version, withdrawn, i18n.lang],
  );
  const { formError, busy, run } = useSubmit();
  const sent = list.data?.items.filter((i) => i.side === 'inviter') ?? [];
  if (!list.error && sent.length === 0) return null;
  return (
    <section aria-label={props.heading}>
      <h4>{props.heading}</h4>
      <ErrorMessage error={list.error ?? formError} onRetry={list.error ? list.retry : undefined} />
      <ul class="plain-list">
        {sent.map((invitation) => (
          <li key={invitation.id}>
            <InvitationText invitation={invitation} />{' '}
            <span class="muted">· {t('invitation_open_until', { date: i18n.date(invitation.expires_at) })}</span>{' '}
            <button
              type="button"
              class="secondary small"
              disabled={busy}
              onClick={() =>
                run(async () => {
                  await api.post(`/api/invitations/${enc(invitation.id)}/withdraw`, { version: invitation.version });
                  setWithdrawn((w) => w + 1);
                })
              }
            >
              {t('withdraw')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
