// A complete service layer over a real SQLite database in a temp dir, with an
// injected clock and seeded randomness, for tests of services and the API.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "service/account_service.h"
#include "service/alert_service.h"
#include "service/certificate_service.h"
#include "service/country_service.h"
#include "service/plan_service.h"
#include "service/committee_service.h"
#include "service/event_service.h"
#include "service/invitation_service.h"
#include "service/message_service.h"
#include "service/notification_service.h"
#include "service/directory_service.h"
#include "service/document_service.h"
#include "service/interchange.h"
#include "service/match_service.h"
#include "service/pipeline_service.h"
#include "service/search_service.h"
#include "storage/store.h"
#include "tests/support/postgres_database.h"
#include "tests/support/temp_dir.h"

namespace biobridge::testing {

// The store is SQLite in a temporary directory, or, when the environment
// names a PostgreSQL test cluster (BIOBRIDGE_TEST_POSTGRES: CTest's second
// run of the API tests), a database of its own on that cluster.
class ServiceEnv {
 public:
  ServiceEnv();

  storage::Store& store() { return *store_; }
  search::SearchIndex& index() { return *search_; }
  files::BlobStore& blobs() { return *blobs_; }

  // Registers a user (password "correct horse battery"), verifies their
  // address with the link mailed to it, and makes them a member of each
  // organisation listed, with the given role.
  service::Principal User(const std::string& email,
                          const std::vector<std::pair<std::string, domain::MembershipRole>>& memberships = {});
  // Registered, but the address not verified yet.
  service::Principal Unverified(const std::string& email);
  // A platform admin (made at the console), with the given memberships.
  service::Principal Admin(const std::string& email = "admin@example.org",
                           const std::vector<std::pair<std::string, domain::MembershipRole>>& memberships = {});
  // A programme made by a platform admin, operated by `operator_organization`.
  domain::Programme Programme(const std::string& id, const std::string& operator_organization,
                              const std::string& name = "");
  // Creates an organisation directly, valid and minimal.
  domain::Organization Organization(const std::string& id, const std::string& country = "CN",
                                    const std::string& kind = "company");
  // Everything the mails waiting in the outbox for `address` would say, as
  // their reader sees it (subject, text, HTML and calendar, decoded): what
  // the leak tests search for markers.
  std::string MailsTo(const std::string& address);
  // Re-reads a principal's memberships (after they changed).
  service::Principal Refresh(const service::Principal& who);

  static constexpr const char* kPassword = "correct horse battery";

  TempDir dir;
  ManualClock clock;
  SeededRandom random{20261123};

 private:
  std::string db_path_;
  std::unique_ptr<PostgresDatabase> database_;  // on PostgreSQL only; outlives store_
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<search::SearchIndex> search_;
  std::unique_ptr<files::BlobStore> blobs_;

 public:
  service::ServiceContext context;
  service::AccountService accounts;
  service::DirectoryService directory;
  service::Interchange interchange;
  service::SearchService search;
  service::MatchService match;
  service::PipelineService pipeline;
  service::CommitteeService committee;
  service::EventService events;
  service::InvitationService invitations;
  service::NotificationService notifications;
  service::MessageService messages;
  service::SavedSearchService saved_searches;
  service::DocumentService documents;
  service::CertificateService certificates;
  service::CountryService countries;
  service::PlanService plans;
};

}  // namespace biobridge::testing
