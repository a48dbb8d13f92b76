// Home for the signed-in: what waits for them, gathered from what they may
// see already. Interests their organisations received and have not
// answered, agreements their side has not accepted, next steps of deals due
// within two weeks or overdue, reviews still open, today's meetings, new
// matches for their saved searches, and invitations. Each entry leads to the
// page where it is done.
import {
  type Agenda,
  api,
  type AssignedProject,
  type AssignmentList,
  type Deal,
  type DealPage,
  enc,
  type EventList,
  type Inbox,
  type Interest,
  type InterestPage,
  type InvitationList,
  type PartneringEvent,
} from '../api';
import { ErrorMessage, isMissing, Progress, SignInFirst } from '../components/common';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import { useOrganizationNames } from '../names';
import { useSession } from '../session';
import { useTitle } from '../title';

interface Waiting {
  interests: Interest[];
  agreements: Deal[];  // deals whose agreement my side has not accepted
  steps: Deal[];       // next steps due within two weeks, or overdue
  reviews: AssignedProject[];
  meetings: { event: PartneringEvent; agenda: Agenda }[];
  matches: number;     // unread new matches for saved searches
  invitations: number;
}

const DAY = 24 * 60 * 60 * 1000;

async function notFoundAsNull<T>(load: Promise<T>): Promise<T | null> {
  try {
    return await load;
  } catch (e) {
    if (isMissing(e)) return null;
    throw e;
  }
}

// Today's date where an event takes place, as its slots write dates.
function todayIn(zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

async function gather(organizations: string[], lang: string): Promise<Waiting> {
  const perOrganization = await Promise.all(
    organizations.map(async (id) => {
      const [received, deals] = await Promise.all([
        api.get<InterestPage>(`/api/organizations/${enc(id)}/interests`, { side: 'received', per_page: 50 }),
        api.get<DealPage>(`/api/organizations/${enc(id)}/deals`, { per_page: 50 }),
      ]);
      return { id, received: received.items, deals: deals.items };
    }),
  );
  const soon = new Date(Date.now() + 14 * DAY).toISOString().slice(0, 10);
  const seen = new Set<string>();
  const out: Waiting = { interests: [], agreements: [], steps: [], reviews: [], meetings: [], matches: 0, invitations: 0 };
  for (const o of perOrganization) {
    out.interests.push(...o.received.filter((i) => i.status === 'pending'));
    for (const d of o.deals) {
      if (d.stage !== 'closed' && !d.agreements.some((a) => a.organization === o.id)) out.agreements.push(d);
      if (!seen.has(d.id) && d.stage !== 'closed' && d.due && d.due <= soon) out.steps.push(d);
      seen.add(d.id);
    }
  }
  out.steps.sort((a, b) => (a.due ?? '').localeCompare(b.due ?? ''));
  const [assignments, events, inbox, invitations] = await Promise.all([
    notFoundAsNull(api.get<AssignmentList>('/api/me/assignments')),
    api.get<EventList>('/api/events', { lang }),
    api.get<Inbox>('/api/me/notifications', { unread: 'true', limit: 100, lang }),
    api.get<InvitationList>('/api/me/invitations'),
  ]);
  out.reviews = (assignments?.items ?? []).filter((a) => a.review_status !== 'submitted' && a.project.status === 'submitted');
  out.matches = inbox.items.filter((n) => n.kind === 'saved_search_match').length;
  out.invitations = invitations.items.length;
  const today = events.items.filter((e) => e.me && e.slots.some((s) => s.start.slice(0, 10) === todayIn(e.time_zone)));
  const agendas = await Promise.all(
    today.map(async (event) => ({ event, agenda: await notFoundAsNull(api.get<Agenda>(`/api/events/${enc(event.id)}/agenda`, { lang })) })),
  );
  for (const { event, agenda } of agendas) {
    if (!agenda) continue;
    const mine = agenda.items.filter((m) => m.start.slice(0, 10) === todayIn(event.time_zone));
    if (mine.length > 0) out.meetings.push({ event, agenda: { ...agenda, items: mine } });
  }
  return out;
}

export function HomePage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  useTitle(t('home'));
  const organizations = (me?.memberships ?? []).map((m) => m.organization);
  const waiting = useLoad(() => (me ? gather(organizations, i18n.lang) : Promise.resolve(null)), [me?.user.id, i18n.lang]);
  const names = useOrganizationNames([
    ...new Set((waiting.data?.interests ?? []).map((i) => i.from_organization).concat(
      (waiting.data?.agreements ?? []).concat(waiting.data?.steps ?? []).flatMap((d) => [d.initiator, d.recipient]),
    )),
  ]);
  const name = (id: string) => (names[id] ? i18n.pick(names[id]!).text : id);
  if (me === null) return <SignInFirst title={t('home')} message="sign_in_to_see" />;
  if (waiting.error) return <ErrorMessage error={waiting.error} onRetry={waiting.retry} />;
  if (!waiting.data) return <Progress label={t('loading')} />;
  const w = waiting.data;
  const other = (d: Deal) => (organizations.includes(d.initiator) ? d.recipient : d.initiator);
  const nothing =
    w.interests.length + w.agreements.length + w.steps.length + w.reviews.length + w.meetings.length + w.matches + w.invitations === 0;
  const overdue = (d: Deal) => (d.due ?? '') < new Date().toISOString().slice(0, 10);
  return (
    <article class="home">
      <h1>{t('home_greeting', { name: me?.user.display_name ?? '' })}</h1>
      {nothing && <p>{t('home_nothing_waits')}</p>}
      {w.meetings.length > 0 && (
        <section aria-labelledby="home-meetings" class="card">
          <h2 id="home-meetings">{t('home_meetings_today')}</h2>
          {w.meetings.map(({ event, agenda }) => (
            <div key={event.id}>
              <h3>
                <a href={`/events/${enc(event.id)}`}>{agenda.event_name}</a>
              </h3>
              <ul class="plain-list">
                {agenda.items.map((m) => (
                  <li key={m.slot}>
                    <strong>{m.start.slice(11, 16)}</strong> · {m.with.join(', ')} · {m.place}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      )}
      {w.interests.length > 0 && (
        <section aria-labelledby="home-interests" class="card">
          <h2 id="home-interests">{t('home_interests', { count: w.interests.length })}</h2>
          <ul class="plain-list">
            {w.interests.map((i) => (
              <li key={i.id}>
                <a href={`/my#interests-${enc(i.to_organization)}`}>{t('home_interest_from', { name: name(i.from_organization) })}</a>
                <span class="muted"> · {i18n.dateTime(i.created_at)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {w.agreements.length > 0 && (
        <section aria-labelledby="home-agreements" class="card">
          <h2 id="home-agreements">{t('home_agreements')}</h2>
          <ul class="plain-list">
            {w.agreements.map((d) => (
              <li key={d.id}>
                <a href={`/deals/${enc(d.id)}`}>{d.title || name(other(d))}</a>
                {d.title && <span class="muted"> · {name(other(d))}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {w.steps.length > 0 && (
        <section aria-labelledby="home-steps" class="card">
          <h2 id="home-steps">{t('home_next_steps')}</h2>
          <ul class="plain-list">
            {w.steps.map((d) => (
              <li key={d.id}>
                <a href={`/deals/${enc(d.id)}`}>{d.title || name(other(d))}</a>: {d.next_step || '—'}{' '}
                <span class={overdue(d) ? 'badge warning' : 'muted'}>
                  {t(overdue(d) ? 'next_step_overdue' : 'next_step_due', { date: i18n.date(d.due ?? undefined) })}
                </span>
                {d.contact && <span class="muted"> · {d.contact.name}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {w.reviews.length > 0 && (
        <section aria-labelledby="home-reviews" class="card">
          <h2 id="home-reviews">{t('home_reviews')}</h2>
          <ul class="plain-list">
            {w.reviews.map((a) => (
              <li key={a.project.id}>
                <a href={`/review-projects/${enc(a.project.id)}`}>{i18n.pick(a.project.title).text}</a>
                <span class="muted"> · {t(a.review_status === 'draft' ? 'review_draft' : 'review_not_started')}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {(w.matches > 0 || w.invitations > 0) && (
        <section aria-labelledby="home-more" class="card">
          <h2 id="home-more">{t('home_more')}</h2>
          <ul class="plain-list">
            {w.matches > 0 && (
              <li>
                <a href="/notifications">{t('home_new_matches', { count: w.matches })}</a>
              </li>
            )}
            {w.invitations > 0 && (
              <li>
                <a href="/invitations">{t('home_invitations', { count: w.invitations })}</a>
              </li>
            )}
          </ul>
        </section>
      )}
      <p>
        <a href="/">{t('home_to_directory')}</a>
      </p>
    </article>
  );
}
