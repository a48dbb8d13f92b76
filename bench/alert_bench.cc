// Saved-search alerts at scale (bench/alert_bench.sh).
//
//   bb_alert_bench setup --db DB [--searches N] [--subscriptions N] [--users N] [--seed S]
//       Adds N people (verified, each a member of a random organisation of
//       the directory), N saved searches among them and N match
//       subscriptions ("new partners for this opportunity", each by a
//       member of the opportunity's organisation). Queries are one to three
//       vocabulary concepts or words in English, Chinese or Russian, a third
//       with a record-type filter and a fifth with a country filter.
//   bb_alert_bench run --db DB --index DIR
//       Brings the index up to date with the records added since (timed on
//       its own), then runs one round of alerts (service::RunAlerts) over
//       every change since the saved searches were made; prints the time,
//       what it read and found, and the peak memory.
#include <fmt/format.h>

#include <iostream>
#include <random>

#include "base/random.h"
#include "base/time.h"
#include "bench_clock.h"
#include "bench_store.h"
#include "service/alert_service.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/store.h"

namespace biobridge {
namespace {

using bench::Clock;
using bench::OpenStore;
using bench::PeakMegabytes;
using bench::Seconds;

struct Args {
  std::string mode, db, index;
  int searches = 10000;
  int subscriptions = 1000;
  int users = 2000;
  std::uint64_t seed = 1;
};

template <typename T>
T Check(Result<T> r, std::string_view what) {
  if (!r.ok()) throw std::runtime_error(fmt::format("{}: {}", what, r.status().ToString()));
  return std::move(r).value();
}
void Check(const Status& s, std::string_view what) {
  if (!s.ok()) throw std::runtime_error(fmt::format("{}: {}", what, s.ToString()));
}

int Setup(const Args& a) {
  auto store = OpenStore(a.db);
  std::mt19937_64 random(a.seed);
  auto below = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random); };
  std::vector<std::string> organizations;
  std::vector<std::pair<std::string, std::string>> opportunities;  // id, organisation
  Check(store->ForEachOrganization([&](const domain::Organization& o) {
    organizations.push_back(o.id);
    return Status::Ok();
  }), "reading organisations");
  Check(store->ForEachOpportunity([&](const domain::Opportunity& o) {
    opportunities.emplace_back(o.id, o.organization_id);
    return Status::Ok();
  }), "reading opportunities");
  const Timestamp now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  const storage::WriteContext write{"system:bench", now};
  auto person = [&](const std::string& id, const std::string& organization) {
    domain::User u;
    u.id = id;
    u.email = id + "@bench.biobridge.example";
    u.display_name = id;
    u.preferred_language = std::array{"en", "zh", "ru"}[below(3)];
    u.email_verified_at = now;
    Check(store->CreateUser(u, "x", write), "user");
    Check(store->PutMembership({id, organization, domain::MembershipRole::kMember}, write), "membership");
  };
  const auto started = Clock::now();
  for (int i = 0; i < a.users; ++i) person(fmt::format("usr_bench_{}", i), organizations[below(organizations.size())]);
  const std::int64_t from = Check(store->LatestChangeSeq(), "latest change");

  const auto& concepts = text::Vocabulary::Builtin().concepts();
  const char* const countries[] = {"CN", "RU", "KZ", "UZ", "DE", "IL", "IN", "TR"};
  const char* const words[] = {"vaccine", "biosimilar", "antibody", "distribution", "clinical", "robot",
                               "疫苗", "抗体", "临床", "вакцина", "антитела", "клинический"};
  for (int i = 0; i < a.searches; ++i) {
    domain::SavedSearch s;
    s.id = fmt::format("ss_bench_{}", i);
    s.user_id = fmt::format("usr_bench_{}", below(static_cast<std::size_t>(a.users)));
    s.kind = "search";
    const char* language = std::array{"en", "zh", "ru"}[below(3)];
    const std::size_t parts = 1 + (below(10) < 6 ? 0 : below(10) < 7 ? 1 : 2);
    for (std::size_t p = 0; p < parts; ++p) {
      if (!s.query.empty()) s.query += " ";
      s.query += below(4) == 0 ? std::string(words[below(std::size(words))])
                               : std::string(concepts[below(concepts.size())].labels.Best({language, "en"}));
    }
    s.name = s.query;
    s.language = language;
    if (below(3) == 0) s.filters["type"] = below(2) ? "opportunity" : "organization";
    if (below(5) == 0) s.filters["country"] = countries[below(std::size(countries))];
    s.rhythm = domain::Rhythm::kDaily;
    s.from_change_seq = from;
    s.created_at = now;
    Check(store->CreateSavedSearch(s, write), "saved search");
  }
  for (int i = 0; i < a.subscriptions; ++i) {
    const auto& [opportunity, organization] = opportunities[below(opportunities.size())];
    const std::string owner = fmt::format("usr_bench_sub_{}", i);
    person(owner, organization);
    domain::SavedSearch s;
    s.id = fmt::format("ss_bench_sub_{}", i);
    s.user_id = owner;
    s.kind = "matches";
    s.name = opportunity;
    s.opportunity_id = opportunity;
    s.rhythm = domain::Rhythm::kDaily;
    s.from_change_seq = Check(store->LatestChangeSeq(), "latest change");
    s.created_at = now;
    Check(store->CreateSavedSearch(s, write), "subscription");
  }
  std::cout << fmt::format("setup: {} people, {} saved searches, {} match subscriptions in {:.1f} s\n",
                           a.users + a.subscriptions, a.searches, a.subscriptions, Seconds(started));
  return 0;
}

int Run(const Args& a) {
  auto store = OpenStore(a.db);
  auto index = Check(search::SearchIndex::Open(a.index, text::Vocabulary::Builtin()), "opening the index");
  SystemClock clock;
  SeededRandom random(a.seed);
  const service::ServiceContext context{*store, domain::Taxonomies::Builtin(), clock, random, *index};
  auto started = Clock::now();
  const std::int64_t indexed = Check(index->CatchUp(*store), "catching up");
  std::cout << fmt::format("index catch-up: {} records in {:.1f} s\n", indexed, Seconds(started));
  const long before = PeakMegabytes();
  started = Clock::now();
  const service::AlertRound round = Check(service::RunAlerts(context, {.max_changes = 1'000'000}), "alerts");
  const double seconds = Seconds(started);
  std::cout << fmt::format(
      "alerts: {:.1f} s for {} change records, {} new or changed records, {} saved searches run; {} notifications "
      "naming {} records; peak RSS {} MB ({} MB before the round)\n",
      seconds, round.changes, round.records, round.saved_searches, round.notified, round.matches, PeakMegabytes(), before);
  return 0;
}

}  // namespace
}  // namespace biobridge

int main(int argc, char** argv) {
  using biobridge::Args;
  Args a;
  if (argc < 2) {
    std::cerr << "usage: bb_alert_bench setup|run --db DB [--index DIR] [--searches N] [--subscriptions N] "
                 "[--users N] [--seed S]\n";
    return 2;
  }
  a.mode = argv[1];
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const char* value = argv[i + 1];
    if (flag == "--db") a.db = value;
    else if (flag == "--index") a.index = value;
    else if (flag == "--searches") a.searches = std::atoi(value);
    else if (flag == "--subscriptions") a.subscriptions = std::atoi(value);
    else if (flag == "--users") a.users = std::atoi(value);
    else if (flag == "--seed") a.seed = std::strtoull(value, nullptr, 10);
    else {
      std::cerr << "unknown flag " << flag << "\n";
      return 2;
    }
  }
  try {
    if (a.mode == "setup") return biobridge::Setup(a);
    if (a.mode == "run") return biobridge::Run(a);
    std::cerr << "unknown mode " << a.mode << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
}
