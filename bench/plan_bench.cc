// Drafting market-development plans at scale (bench/plan_bench.sh).
//
//   bb_plan_bench --db DB --index DIR [--plans N] [--seed S]
//       Takes N random generated organisations; for each, a new member (in
//       person) records an ISO 13485 and an NMPA GMP certificate, then
//       drafts a plan for five countries (KZ, UZ, RU, CN, DE): the
//       profiles, the certificates, and the matcher for five partner roles
//       in each country against the whole directory. Prints the time of
//       each draft's median and worst, and the peak memory.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <random>

#include "base/random.h"
#include "base/time.h"
#include "bench_clock.h"
#include "bench_store.h"
#include "service/certificate_service.h"
#include "service/committee_service.h"
#include "service/match_service.h"
#include "service/plan_service.h"
#include "service/roles.h"
#include "storage/store.h"

namespace biobridge {
namespace {

template <typename T>
T Check(Result<T> r, std::string_view what) {
  if (!r.ok()) throw std::runtime_error(fmt::format("{}: {}", what, r.status().ToString()));
  return std::move(r).value();
}

int Run(const std::string& db, const std::string& index_dir, int plans, std::uint64_t seed) {
  auto store = bench::OpenStore(db);
  auto index = Check(search::SearchIndex::Open(index_dir, text::Vocabulary::Builtin()), "opening the index");
  SystemClock clock;
  SeededRandom random(seed);
  const service::ServiceContext context{*store, domain::Taxonomies::Builtin(), clock, random, *index};
  Check(index->CatchUp(*store), "catching up");
  std::vector<std::string> organizations;
  if (!store->ForEachOrganization([&](const domain::Organization& o) {
        organizations.push_back(o.id);
        return Status::Ok();
      }).ok()) {
    throw std::runtime_error("reading the organisations");
  }
  std::mt19937_64 pick(seed);
  service::MatchService match(context);
  service::CommitteeService committee(context);
  service::PlanService planner(context, match, committee);
  service::CertificateService certificates(context);
  std::vector<double> seconds;
  std::int64_t roles = 0, candidates = 0;
  const long before = bench::PeakMegabytes();
  for (int i = 0; i < plans; ++i) {
    const std::string organization = organizations[std::uniform_int_distribution<std::size_t>(0, organizations.size() - 1)(pick)];
    domain::User user;
    user.id = fmt::format("usr_plan_{}", i);
    user.email = fmt::format("planner{}@bench.example", i);
    user.display_name = "Planner";
    user.preferred_language = "en";
    user.email_verified_at = clock.Now();
    const storage::WriteContext write{"system:bench", clock.Now()};
    if (!store->CreateUser(user, "x", write).status().ok() ||
        !store->PutMembership({user.id, organization, domain::MembershipRole::kMember}, write).ok()) {
      throw std::runtime_error("making the planner");
    }
    const service::Principal who = Check(service::LoadPrincipal(*store, user.id), "principal");
    Check(certificates.Create(who, organization, json::parse(R"({"kind": "iso_13485", "issuer": "TÜV SÜD",
        "number": "Q5", "issued_on": "2025-01-01", "expires_on": "2029-01-01"})")), "certificate");
    Check(certificates.Create(who, organization, json::parse(R"({"kind": "gmp_nmpa", "issuer": "NMPA",
        "number": "GD", "issued_on": "2025-01-01", "expires_on": "2029-01-01"})")), "certificate");
    const auto started = bench::Clock::now();
    const service::PlanView plan = Check(planner.Draft(who, json::parse(R"({"organization": ")" + organization + R"(",
        "product": "prefilled syringes for monoclonal antibody biosimilars", "product_kind": "drug", "language": "en",
        "countries": ["KZ", "UZ", "RU", "CN", "DE"]})")), "draft");
    seconds.push_back(bench::Seconds(started));
    for (const json::value& section : plan.doc.at("countries").as_array()) {
      for (const json::value& role : section.at("partners").as_array()) {
        ++roles;
        candidates += static_cast<std::int64_t>(role.at("candidates").as_array().size());
      }
    }
  }
  std::sort(seconds.begin(), seconds.end());
  std::cout << fmt::format("plans: {} drafts of 5 countries; median {:.3f} s, worst {:.3f} s; {} partner roles matched, "
                           "{} candidates named; peak RSS {} MB ({} MB before)\n",
                           plans, seconds[seconds.size() / 2], seconds.back(), roles, candidates, bench::PeakMegabytes(),
                           before);
  return 0;
}

}  // namespace
}  // namespace biobridge

int main(int argc, char** argv) {
  std::string db, index;
  int plans = 20;
  std::uint64_t seed = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--db") db = argv[i + 1];
    if (flag == "--index") index = argv[i + 1];
    if (flag == "--plans") plans = std::stoi(argv[i + 1]);
    if (flag == "--seed") seed = std::stoull(argv[i + 1]);
  }
  if (db.empty() || index.empty() || plans < 1) {
    std::cerr << "usage: bb_plan_bench --db DB --index DIR [--plans N] [--seed S]\n";
    return 2;
  }
  try {
    return biobridge::Run(db, index, plans, seed);
  } catch (const std::exception& e) {
    std::cerr << "bb_plan_bench: " << e.what() << "\n";
    return 1;
  }
}
