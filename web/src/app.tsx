// The UI: providers (language, code lists, session), the frame, and one page per address.
import { ErrorBoundary, LocationProvider, Route, Router } from 'preact-iso';
import { CountriesPage, CountryPage } from './pages/country';
import { NewPlanPage, PlanPage } from './pages/plans';
import { IndicatorsPage } from './pages/indicators';
import { Layout } from './components/layout';
import { I18nProvider, useI18n } from './i18n';
import { AccountPage } from './pages/account';
import { CommitteePage, ExpertProfilePage, MyReviewsPage, ReviewProjectPage, SubmitProjectPage } from './pages/committee';
import { DealPage } from './pages/deal';
import { DirectoryPage } from './pages/directory';
import { ConversationsPage, NotificationsPage, ResetPasswordPage, ThreadPage, UnsubscribePage, VerifyEmailPage } from './pages/notifications';
import { AlertsPage } from './pages/alerts';
import { InvitationsPage } from './pages/invitations';
import {
  CheckInPage,
  EventFormPage,
  EventPage,
  EventsPage,
  OrganiseEventPage,
  ParticipantProfilePage,
  PrintAgendasPage,
  PrintSignsPage,
} from './pages/events';
import { HomePage } from './pages/home';
import { MyOrganizationPage } from './pages/my-organization';
import { OpportunityPage } from './pages/opportunity';
import { OpportunityFormPage } from './pages/opportunity-form';
import { OrganizationPage } from './pages/organization';
import { OrganizationFormPage } from './pages/organization-form';
import { ProgrammeFormPage, ProgrammePage, ProgrammesPage } from './pages/programmes';
import { RegisterPage } from './pages/register';
import { SignInPage } from './pages/signin';
import { SessionProvider } from './session';
import { TaxonomyProvider } from './taxonomy';
import { useTitle } from './title';

function NotFoundPage() {
  const { t } = useI18n();
  useTitle(t('not_found_title'));
  return (
    <section class="narrow">
      <h1>{t('not_found_title')}</h1>
      <p>{t('not_found_text')}</p>
      <p>
        <a href="/">{t('back_to_directory')}</a>
      </p>
    </section>
  );
}

// After a page change, focus moves to the main region so that keyboard and
// screen-reader users start at the new content.
function focusMain() {
  requestAnimationFrame(() => document.getElementById('main')?.focus({ preventScroll: true }));
}

export function App() {
  return (
    <I18nProvider>
      <TaxonomyProvider>
        <SessionProvider>
          <LocationProvider>
            <ErrorBoundary>
              <Layout>
                <Router onRouteChange={focusMain}>
                  <Route path="/" component={DirectoryPage} />
                  <Route path="/signin" component={SignInPage} />
                  <Route path="/home" component={HomePage} />
                  <Route path="/register" component={RegisterPage} />
                  <Route path="/account" component={AccountPage} />
                  <Route path="/invitations" component={InvitationsPage} />
                  <Route path="/notifications" component={NotificationsPage} />
                  <Route path="/alerts" component={AlertsPage} />
                  <Route path="/messages" component={ConversationsPage} />
                  <Route path="/threads/:thread" component={ThreadPage} />
                  <Route path="/unsubscribe" component={UnsubscribePage} />
                  <Route path="/verify-email" component={VerifyEmailPage} />
                  <Route path="/reset-password" component={ResetPasswordPage} />
                  <Route path="/my" component={MyOrganizationPage} />
                  <Route path="/deals/:id" component={DealPage} />
                  <Route path="/events" component={EventsPage} />
                  <Route path="/events/new" component={EventFormPage} />
                  <Route path="/events/:id" component={EventPage} />
                  <Route path="/events/:id/organise" component={OrganiseEventPage} />
                  <Route path="/events/:id/participants/:delegate" component={ParticipantProfilePage} />
                  <Route path="/events/:id/check-in" component={CheckInPage} />
                  <Route path="/events/:id/print/signs" component={PrintSignsPage} />
                  <Route path="/events/:id/print/agendas" component={PrintAgendasPage} />
                  <Route path="/programmes" component={ProgrammesPage} />
                  <Route path="/programmes/new" component={ProgrammeFormPage} />
                  <Route path="/programmes/:id" component={ProgrammePage} />
                  <Route path="/programmes/:id/committee" component={CommitteePage} />
                  <Route path="/programmes/:id/submit" component={SubmitProjectPage} />
                  <Route path="/review-projects/:id" component={ReviewProjectPage} />
                  <Route path="/reviews" component={MyReviewsPage} />
                  <Route path="/expert" component={ExpertProfilePage} />
                  <Route path="/plans/new" component={NewPlanPage} />
                  <Route path="/plans/:id" component={PlanPage} />
                  <Route path="/countries" component={CountriesPage} />
                  <Route path="/indicators" component={IndicatorsPage} />
                  <Route path="/countries/:code" component={CountryPage} />
                  <Route path="/organizations/new" component={OrganizationFormPage} />
                  <Route path="/organizations/:id/edit" component={OrganizationFormPage} />
                  <Route path="/organizations/:id" component={OrganizationPage} />
                  <Route path="/opportunities/new" component={OpportunityFormPage} />
                  <Route path="/opportunities/:id/edit" component={OpportunityFormPage} />
                  <Route path="/opportunities/:id" component={OpportunityPage} />
                  <Route default component={NotFoundPage} />
                </Router>
              </Layout>
            </ErrorBoundary>
          </LocationProvider>
        </SessionProvider>
      </TaxonomyProvider>
    </I18nProvider>
  );
}
