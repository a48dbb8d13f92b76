// The frame of every page: a skip link, the header with navigation, the
// language switcher and the account, and the main region.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, type Expert, type Inbox, type Invitation } from '../api';
import { isLang, READING_NAMES, READINGS, readingOf, useI18n } from '../i18n';
import { useLoad } from '../load';
import { useSession } from '../session';

export function Layout(props: { children: ComponentChildren }) {
  const { t, plural, lang, reading, chosen, setLang } = useI18n();
  const { me, signOut } = useSession();
  const location = useLocation();

  // Until the viewer picks a language here, follow the account's preference.
  useEffect(() => {
    const preferred = me?.user.preferred_language;
    if (!chosen && isLang(preferred) && preferred !== lang) setLang(preferred, false);
  }, [me, chosen, lang, setLang]);

  const current = (path: string) => (location.path === path ? 'page' : undefined);
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [location.url]);  // a page opened from the menu closes it
  // Invitations waiting for an answer, looked up again on every page change.
  const invitations = useLoad(
    async () => (me ? (await api.get<{ items: Invitation[] }>('/api/me/invitations')).items.length : 0),
    [me?.user.id, location.path],
  );
  const waiting = invitations.data ?? 0;
  const unread = useUnreadCount(me?.user.id, location.path);
  // "My reviews" is for experts: those with an expert profile (or making one).
  // The profile is one lookup; the assignments would be worked out across every committee.
  const profile = useLoad(
    async () => (me ? api.get<Expert>('/api/me/expert').then(() => true, () => false) : false),
    [me?.user.id],
  );
  const expert = profile.data === true || location.path === '/reviews' || location.path === '/expert';

  return (
    <>
      <a class="skip" href="#main">
        {t('skip_to_content')}
      </a>
      <header class="site-header">
        <div class="brand">
          <a href="/" class="brand-name">
            {t('app_name')}
          </a>
          <span class="tagline">{t('tagline')}</span>
        </div>
        {/* On a phone the menu and the account fold behind one button. */}
        <button
          type="button"
          class={unread > 0 || waiting > 0 ? 'menu-toggle secondary has-unread' : 'menu-toggle secondary'}
          aria-expanded={menuOpen}
          aria-controls="site-menu"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          {t('menu')}
          {(unread > 0 || waiting > 0) && <span class="dot" aria-hidden="true" />}
        </button>
        <div id="site-menu" class={menuOpen ? 'site-menu open' : 'site-menu'}>
        <nav aria-label={t('nav_main')} class="site-nav">
          <a href="/" aria-current={current('/')}>
            {t('nav_directory')}
          </a>
          <a href="/programmes" aria-current={current('/programmes')}>
            {t('nav_programmes')}
          </a>
          <a href="/countries" aria-current={current('/countries')}>
            {t('nav_countries')}
          </a>
          <a href="/events" aria-current={current('/events')}>
            {t('nav_events')}
          </a>
          {me && (
            <>
              <a href="/home" aria-current={current('/home')}>
                {t('nav_home')}
              </a>
              <a href="/my" aria-current={current('/my')}>
                {t('nav_my_organization')}
              </a>
              <a href="/opportunities/new" aria-current={current('/opportunities/new')}>
                {t('nav_new_opportunity')}
              </a>
              {expert && (
                <a href="/reviews" aria-current={current('/reviews')}>
                  {t('nav_reviews')}
                </a>
              )}
              <a href="/messages" aria-current={current('/messages')}>
                {t('nav_messages')}
              </a>
              <a href="/alerts" aria-current={current('/alerts')}>
                {t('nav_alerts')}
              </a>
            </>
          )}
        </nav>
        <div class="account">
          <label class="language">
            <span>{t('language')}</span>
            <select
              data-keep-script
              value={reading}
              onChange={(e) => {
                const value = readingOf((e.target as HTMLSelectElement).value);
                if (value) setLang(value);
              }}
            >
              {READINGS.map((r) => (
                <option value={r} key={r} lang={r}>
                  {READING_NAMES[r]}
                </option>
              ))}
            </select>
          </label>
          {me ? (
            <>
              <a
                class={unread > 0 ? 'bell has-unread' : 'bell'}
                href="/notifications"
                aria-current={current('/notifications')}
                aria-label={unread > 0 ? plural('notifications_unread', unread) : t('notifications')}
                title={t('notifications')}
              >
                <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor"
                  stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
                  <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
                  <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
                </svg>
                {unread > 0 && (
                  <span class="count" aria-hidden="true">
                    {unread > 99 ? '99+' : unread}
                  </span>
                )}
              </a>
              {waiting > 0 && (
                <a class="badge invitations-waiting" href="/invitations" aria-current={current('/invitations')}>
                  {plural('invitations_waiting', waiting)}
                </a>
              )}
              <a class="who" href="/account" aria-current={current('/account')}>
                {t('signed_in_as', { name: me.user.display_name })}
              </a>
              <button
                type="button"
                class="secondary"
                onClick={async () => {
                  await signOut();
                  location.route('/');
                }}
              >
                {t('sign_out')}
              </button>
            </>
          ) : (
            me === null &&
            location.path !== '/signin' && (
              <a class="button" href={location.path === '/register' ? '/signin' : `/signin?next=${encodeURIComponent(location.url)}`}>
                {t('sign_in')}
              </a>
            )
          )}
        </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
    </>
  );
}

// The unread count of the bell: asked again on every page change, every
// 15 seconds while the page is shown, when the window regains focus, and
// when a page marks notifications read ("biobridge:notifications").
function useUnreadCount(userId: string | undefined, path: string): number {
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    if (!userId) {
      setUnread(0);
      return;
    }
    let live = true;
    const ask = () => {
      if (document.visibilityState === 'hidden') return;
      api.get<Inbox>('/api/me/notifications', { limit: 1 }).then(
        (inbox) => live && setUnread(inbox.unread),
        () => undefined,
      );
    };
    ask();
    const timer = window.setInterval(ask, 15_000);
    window.addEventListener('focus', ask);
    window.addEventListener('biobridge:notifications', ask);
    return () => {
      live = false;
      window.clearInterval(timer);
      window.removeEventListener('focus', ask);
      window.removeEventListener('biobridge:notifications', ask);
    };
  }, [userId, path]);
  return unread;
}
