// Environment: one process's store and services, opened together. The
// server and the command-line tools both start from here, so that they see
// the same database through the same rules.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "base/random.h"
#include "base/time.h"
#include "service/account_service.h"
#include "service/alert_service.h"
#include "service/directory_service.h"
#include "service/certificate_service.h"
#include "service/country_service.h"
#include "service/plan_service.h"
#include "service/document_service.h"
#include "service/interchange.h"
#include "service/match_service.h"
#include "service/committee_service.h"
#include "service/event_service.h"
#include "service/invitation_service.h"
#include "service/message_service.h"
#include "service/notification_service.h"
#include "service/pipeline_service.h"
#include "service/search_service.h"

#include "domain/queries.h"

namespace biobridge::storage {
class Store;  // storage/store.h, included by the .cc files that use it: callers above need not
struct WriteContext;
}  // namespace biobridge::storage

namespace biobridge::service {

class Environment {
 public:
  struct Options {
    // The SQLite database file, or a postgresql://USER@HOST:PORT/DB URL.
    std::string db_path;
    bool synchronous_full = false;  // fsync every commit
    int max_read_connections = 8;
    // List pages the store remembers between changes (storage's ListCache);
    // unset: the store's default.
    std::optional<std::size_t> list_cache_bytes;
    PasswordHasher::Cost password_cost = PasswordHasher::Cost::kInteractive;
    SignInThrottle::Limits sign_in_throttle;
    // The search index directory, this node's own; empty: db_path +
    // ".search" for SQLite, var/search for PostgreSQL.
    std::string search_path;
    // The directory documents' files are kept in, the same for every node;
    // empty: db_path + ".files" for SQLite, var/files for PostgreSQL.
    std::string files_path;
    // Skip bringing the index up to date when opening (tools that rebuild
    // it, or leave it behind on purpose).
    bool skip_search_catch_up = false;
  };

  // Opens (creating and migrating as needed) the database, then the search
  // index, which catches up with the database — or, when an older BioBridge
  // built it (SearchIndex::analysis_is_current), is rebuilt from it, with a
  // warning in the log; an index further behind than kRebuildBeyond change
  // records (a new node on a large database) is rebuilt too, which is
  // quicker than replaying them. Errors as in SqliteStore::Open,
  // PostgresStore::Open and SearchIndex::Open.
  static Result<std::unique_ptr<Environment>> Open(const Options& options);
  static constexpr std::int64_t kRebuildBeyond = 50'000;

  // Whether `db` names a PostgreSQL server rather than a SQLite file.
  static bool IsPostgresUrl(std::string_view db);
  // `db` for a log line: a file's path, or the server without the password.
  static std::string Describe(std::string_view db);
  ~Environment();

  storage::Store& store() { return *store_; }
  files::BlobStore& blobs() { return *blobs_; }
  const ServiceContext& context() const { return context_; }
  AccountService& accounts() { return accounts_; }
  DirectoryService& directory() { return directory_; }
  Interchange& interchange() { return interchange_; }
  search::SearchIndex& search() { return *search_; }
  SearchService& search_service() { return search_service_; }
  MatchService& match_service() { return match_service_; }
  PipelineService& pipeline() { return pipeline_; }
  CommitteeService& committee() { return committee_; }
  EventService& events() { return events_; }
  InvitationService& invitations() { return invitations_; }
  NotificationService& notifications() { return notifications_; }
  MessageService& messages() { return messages_; }
  SavedSearchService& saved_searches() { return saved_searches_; }
  DocumentService& documents() { return documents_; }
  CertificateService& certificates() { return certificates_; }
  CountryService& countries() { return countries_; }
  PlanService& plans() { return plans_; }

 private:
  Environment(std::unique_ptr<storage::Store> store, std::unique_ptr<search::SearchIndex> search,
              std::unique_ptr<files::BlobStore> blobs, const Options& options);

  SystemClock clock_;
  SecureRandom random_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<search::SearchIndex> search_;
  std::unique_ptr<files::BlobStore> blobs_;
  ServiceContext context_;
  AccountService accounts_;
  DirectoryService directory_;
  Interchange interchange_;
  SearchService search_service_;
  MatchService match_service_;
  PipelineService pipeline_;
  CommitteeService committee_;
  EventService events_;
  InvitationService invitations_;
  NotificationService notifications_;
  MessageService messages_;
  SavedSearchService saved_searches_;
  DocumentService documents_;
  CertificateService certificates_;
  CountryService countries_;
  PlanService plans_;
};

}  // namespace biobridge::service
