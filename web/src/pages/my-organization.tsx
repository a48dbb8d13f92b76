// The organisations the viewer belongs to: their opportunities and their
// members; administrators invite members (who join by accepting), change
// roles, remove members and withdraw invitations; the invitations of
// programmes to place the organisation's opportunities are answered here too.
import { useState } from 'preact/hooks';
import {
  api,
  enc,
  type InvitationSent,
  type LocalizedText,
  type Member,
  type Opportunity,
  type OpportunityPage,
  type Organization,
} from '../api';
import { ErrorMessage, Progress, SignInFirst, errorText } from '../components/common';
import { PagedList } from '../components/paged-list';
import { Deals, FunnelTable, Interests } from '../components/pipeline';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import type { MessageKey } from '../messages';
import { useSession } from '../session';
import { useLabels } from '../taxonomy';
import { useTitle } from '../title';
import { PendingInvitations } from './invitations';

export function MyOrganizationPage() {
  const { t } = useI18n();
  const { me } = useSession();
  useTitle(t('my_organizations'));

  if (me === undefined) return <Progress label={t('loading')} />;
  if (me === null) return <SignInFirst title={t('my_organizations')} message="sign_in_to_see" />;
  return (
    <section>
      <h1>{t('my_organizations')}</h1>
      {me.memberships.length === 0 && <p>{t('no_membership')}</p>}
      <p>
        <a class="button secondary" href="/organizations/new">
          {t('new_organization')}
        </a>
      </p>
      {me.memberships.map((m) => (
        <MyOrganization key={m.organization} id={m.organization} admin={m.role === 'admin'} userId={me.user.id} />
      ))}
    </section>
  );
}

// What a profile still lacks that partners (and matching across languages)
// look for, most useful first; nothing shown once it is complete.
function missingFromProfile(o: Organization): MessageKey[] {
  const missing: MessageKey[] = [];
  const languages = (text: LocalizedText | undefined) => Object.values(text ?? {}).filter((v) => v && v.trim()).length;
  if (languages(o.description) === 0) missing.push('profile_missing_description');
  else if (languages(o.description) < 3) missing.push('profile_missing_languages');
  if (languages(o.name) < 3) missing.push('profile_missing_names');
  if ((o.therapeutic_areas ?? []).length === 0) missing.push('profile_missing_areas');
  if ((o.capabilities ?? []).length === 0) missing.push('profile_missing_capabilities');
  if ((o.certifications ?? []).length === 0) missing.push('profile_missing_certifications');
  if (!o.website) missing.push('profile_missing_website');
  if (!o.city || languages(o.city) === 0) missing.push('profile_missing_city');
  return missing;
}

const PROFILE_PARTS = 8;

function Completeness(props: { organization: Organization }) {
  const i18n = useI18n();
  const { t } = i18n;
  const missing = missingFromProfile(props.organization);
  if (missing.length === 0) return null;
  return (
    <div class="notice completeness" role="note">
      <p>
        <strong>{t('profile_complete_share', { share: i18n.percent((PROFILE_PARTS - missing.length) / PROFILE_PARTS) })}</strong>{' '}
        {t('profile_complete_why')}
      </p>
      <ul>
        {missing.map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ul>
      <a href={`/organizations/${enc(props.organization.id)}/edit`}>{t('profile_complete_it')}</a>
    </div>
  );
}

function MyOrganization(props: { id: string; admin: boolean; userId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const labels = useLabels();
  const [members, setMembers] = useState<Member[] | null>(null);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'member' | 'admin'>('member');
  const [memberError, setMemberError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(0);  // reloads the pending invitations
  const { data: organization, error, retry } = useLoad(async () => {
    const [o, list] = await Promise.all([
      api.get<Organization>(`/api/organizations/${enc(props.id)}`),
      api.get<{ items: Member[] }>(`/api/organizations/${enc(props.id)}/members`),
    ]);
    setMembers(list.items);
    return o;
  }, [props.id]);

  // `done` says what happened, from the answer (an invitation, or a change).
  async function changeMembers(action: () => Promise<unknown>, done: (answer: unknown) => string) {
    setBusy(true);
    setMemberError(null);
    setNotice('');
    try {
      const answer = await action();
      const list = await api.get<{ items: Member[] }>(`/api/organizations/${enc(props.id)}/members`);
      setMembers(list.items);
      setNotice(done(answer));
      setSent((n) => n + 1);
    } catch (e) {
      setMemberError(e);
    } finally {
      setBusy(false);
    }
  }

  if (error) return <ErrorMessage error={error} onRetry={retry} />;
  if (!organization || !members) return <Progress label={t('loading')} />;
  const name = i18n.pick(organization.name);
  const headingId = `org-${props.id}`;

  return (
    <article class="card" aria-labelledby={headingId}>
      <h2 id={headingId} lang={name.language}>
        {name.text}
      </h2>
      <p class="result-meta">
        <span>{labels.label('organization_kinds', organization.kind)}</span>
        <span>{labels.label('countries', organization.country)}</span>
        <span>
          {t('role')}: {props.admin ? t('role_admin') : t('role_member')}
        </span>
        <a href={`/organizations/${enc(props.id)}`}>{t('view_page')}</a>
        <a href={`/organizations/${enc(props.id)}/edit`}>{t('edit_organization')}</a>
      </p>
      <Completeness organization={organization} />

      <h3>{t('opportunities')}</h3>
      <PagedList<Opportunity>
        label={t('opportunities')}
        empty={t('none_yet')}
        source={props.id}
        load={(page) => api.get<OpportunityPage>('/api/opportunities', { organization: props.id, page, per_page: 20 })}
        item={(o) => {
          const title = i18n.pick(o.title);
          return (
            <li key={o.id}>
              <span class={`badge ${o.direction}`}>{labels.label('directions', o.direction)}</span>{' '}
              <a href={`/opportunities/${enc(o.id)}`} lang={title.language}>
                {title.text}
              </a>{' '}
              <a class="small" href={`/opportunities/${enc(o.id)}/edit`} aria-label={`${t('edit')}: ${title.text}`}>
                {t('edit')}
              </a>
            </li>
          );
        }}
      />
      <p>
        <a class="button" href="/opportunities/new">
          {t('nav_new_opportunity')}
        </a>
      </p>

      <Interests organization={props.id} />
      <Deals organization={props.id} />
      <FunnelTable organization={props.id} />

      <h3>{t('members')}</h3>
      <div class="table-wrap">
        <table class="members cards">
          <thead>
            <tr>
              <th scope="col">{t('members')}</th>
              <th scope="col">{t('email')}</th>
              <th scope="col">{t('role')}</th>
              {props.admin && <th scope="col"><span class="visually-hidden">{t('remove')}</span></th>}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.user_id}>
                <td>
                  <strong>{m.display_name}</strong>
                </td>
                <td data-label={t('email')}>{m.email}</td>
                <td data-label={t('role')}>
                  {props.admin && m.user_id !== props.userId ? (
                    <select
                      aria-label={`${t('role')}: ${m.display_name}`}
                      value={m.role}
                      disabled={busy}
                      onChange={(e) =>
                        changeMembers(
                          () =>
                            api.put(`/api/organizations/${enc(props.id)}/members`, {
                              email: m.email,
                              role: (e.target as HTMLSelectElement).value,
                            }),
                          () => t('saved'),
                        )
                      }
                    >
                      <option value="member">{t('role_member')}</option>
                      <option value="admin">{t('role_admin')}</option>
                    </select>
                  ) : m.role === 'admin' ? (
                    t('role_admin')
                  ) : (
                    t('role_member')
                  )}
                </td>
                {props.admin && (
                  <td>
                    {m.user_id !== props.userId && (
                      <button
                        type="button"
                        class="secondary small"
                        disabled={busy}
                        aria-label={t('remove_member', { name: m.display_name })}
                        onClick={() => {
                          if (!confirm(t('confirm_remove', { name: m.display_name, organization: name.text }))) return;
                          void changeMembers(
                            () => api.delete(`/api/organizations/${enc(props.id)}/members/${enc(m.user_id)}`),
                            () => t('saved'),
                          );
                        }}
                      >
                        {t('remove')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {props.admin && (
        <form
          class="add-member"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const invited = email.trim();
            void changeMembers(
              () => api.put(`/api/organizations/${enc(props.id)}/members`, { email: invited, role }),
              (answer) =>
                (answer as InvitationSent | undefined)?.invitation
                  ? t('invitation_sent_member', { email: invited })
                  : t('saved'),
            ).then(() => setEmail(''));
          }}
        >
          <h4>{t('invite_member')}</h4>
          <p class="hint">{t('invite_member_hint')}</p>
          <div class="field">
            <label for={`member-email-${props.id}`}>{t('member_email')}</label>
            <input
              id={`member-email-${props.id}`}
              type="email"
              value={email}
              aria-invalid={!!memberError}
              aria-describedby={memberError ? `member-error-${props.id}` : undefined}
              onInput={(e) => setEmail((e.target as HTMLInputElement).value)}
            />
          </div>
          <div class="field">
            <label for={`member-role-${props.id}`}>{t('role')}</label>
            <select
              id={`member-role-${props.id}`}
              value={role}
              onChange={(e) => setRole((e.target as HTMLSelectElement).value as 'member' | 'admin')}
            >
              <option value="member">{t('role_member')}</option>
              <option value="admin">{t('role_admin')}</option>
            </select>
          </div>
          {memberError !== null && (
            <p class="field-error" id={`member-error-${props.id}`} role="alert">
              {errorText(memberError, t)}
            </p>
          )}
          {notice && (
            <p class="notice" role="status">
              {notice}
            </p>
          )}
          <button type="submit" disabled={busy || !email.trim()} aria-busy={busy}>
            {busy ? t('saving') : t('invite')}
          </button>
        </form>
      )}
      <PendingInvitations
        path={`/api/organizations/${enc(props.id)}/invitations`}
        version={sent}
        heading={t('pending_invitations')}
      />
    </article>
  );
}
