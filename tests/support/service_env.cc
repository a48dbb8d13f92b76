#include "tests/support/service_env.h"

#include "service/mail_service.h"
#include "storage/postgres/postgres_store.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/store.h"

#include <cstdlib>

#include <stdexcept>

namespace biobridge::testing {
namespace {

std::unique_ptr<storage::Store> OpenStore(const std::string& path, Timestamp now,
                                          std::unique_ptr<PostgresDatabase>& database) {
  if (std::getenv("BIOBRIDGE_TEST_POSTGRES")) {
    database = PostgresDatabase::Create(/*migrated=*/true);
    if (!database) throw std::runtime_error("no PostgreSQL database for the test (run it through CTest)");
    auto store = storage::postgres::PostgresStore::Open({.url = database->url(), .max_read_connections = 4}, now);
    if (!store.ok()) throw std::runtime_error(store.status().ToString());
    return std::move(store).value();
  }
  auto store = storage::sqlite::SqliteStore::Open({.path = path}, now);
  if (!store.ok()) throw std::runtime_error(store.status().ToString());
  return std::move(store).value();
}

template <typename T>
T Check(Result<T> result) {
  if (!result.ok()) throw std::runtime_error(result.status().ToString());
  return std::move(result).value();
}

}  // namespace

ServiceEnv::ServiceEnv()
    : clock(*ParseTimestamp("2026-11-23T09:00:00Z")),
      db_path_(dir.File("biobridge.db")),
      store_(OpenStore(db_path_, clock.Now(), database_)),
      search_(Check(search::SearchIndex::OpenInMemory(text::Vocabulary::Builtin()))),
      blobs_(Check(files::BlobStore::Open((dir.path() / "files").string()))),
      context{*store_, domain::Taxonomies::Builtin(), clock, random, *search_},
      accounts(context, {.password_cost = service::PasswordHasher::Cost::kMinimum}),
      directory(context),
      interchange(context, blobs_.get()),
      search(context),
      match(context),
      pipeline(context),
      committee(context),
      events(context),
      invitations(context),
      notifications(context),
      messages(context),
      saved_searches(context),
      documents(context, *blobs_),
      certificates(context),
      countries(context),
      plans(context, match, committee) {}

service::Principal ServiceEnv::User(const std::string& email,
                                    const std::vector<std::pair<std::string, domain::MembershipRole>>& memberships) {
  domain::User user = Check(accounts.Register({email, kPassword, email.substr(0, email.find('@'))}));
  // Verified as a person would: with the link mailed at registration.
  for (const storage::OutboxMail& mail : Check(store_->DueMail(clock.Now(), 1000))) {
    if (mail.kind == "verify_email" && mail.recipient_user == user.id) {
      user = Check(accounts.VerifyEmail(std::string(mail.payload.at("token").as_string())));
    }
  }
  if (!user.email_verified_at) throw std::runtime_error("no verification link was mailed to " + email);
  for (const auto& [organization, role] : memberships) {
    Status s = store_->PutMembership({user.id, organization, role}, {"system:test", clock.Now()});
    if (!s.ok()) throw std::runtime_error(s.ToString());
  }
  return service::Principal::ForUser(user, Check(store_->ListMembershipsOfUser(user.id)));
}

service::Principal ServiceEnv::Unverified(const std::string& email) {
  domain::User user = Check(accounts.Register({email, kPassword, email.substr(0, email.find('@'))}));
  return service::Principal::ForUser(user, {});
}

service::Principal ServiceEnv::Admin(const std::string& email,
                                     const std::vector<std::pair<std::string, domain::MembershipRole>>& memberships) {
  service::NewUser admin{email, kPassword, "Platform admin", "en", true, false, false};
  domain::User user = Check(accounts.CreateUser(service::Principal::System("test"), admin));
  for (const auto& [organization, role] : memberships) {
    Status s = store_->PutMembership({user.id, organization, role}, {"system:test", clock.Now()});
    if (!s.ok()) throw std::runtime_error(s.ToString());
  }
  return service::Principal::ForUser(user, Check(store_->ListMembershipsOfUser(user.id)));
}

domain::Programme ServiceEnv::Programme(const std::string& id, const std::string& operator_organization,
                                       const std::string& name) {
  json::object body{{"id", id},
                    {"name", json::object{{"en", name.empty() ? "Programme " + id : name}}},
                    {"kind", "bilateral_centre"},
                    {"operator", operator_organization}};
  return Check(pipeline.CreateProgramme(service::Principal::System("test"), body));
}

domain::Organization ServiceEnv::Organization(const std::string& id, const std::string& country,
                                              const std::string& kind) {
  domain::Organization o;
  o.id = id;
  o.name = {{"en", "Organisation " + id}};
  o.kind = kind;
  o.country = country;
  domain::Organization created = Check(store_->CreateOrganization(o, {"system:test", clock.Now()}));
  Check(search_->CatchUp(*store_));
  return created;
}

std::string ServiceEnv::MailsTo(const std::string& address) {
  service::MailComposer composer(context, {});
  std::string out;
  for (const storage::OutboxMail& row : Check(store_->DueMail(clock.Now(), 100000))) {
    if (row.to_address != address) continue;
    mail::MailMessage m = Check(composer.Compose(row));
    out += m.subject + "\n" + m.text + "\n" + m.html + "\n";
    if (m.calendar) out += m.calendar->ics + "\n";
  }
  return out;
}

service::Principal ServiceEnv::Refresh(const service::Principal& who) {
  const domain::User& user = *who.user();
  return service::Principal::ForUser(Check(store_->GetUser(user.id)), Check(store_->ListMembershipsOfUser(user.id)));
}

}  // namespace biobridge::testing
