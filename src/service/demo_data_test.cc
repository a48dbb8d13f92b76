#include "service/demo_data.h"

#include <gtest/gtest.h>

#include <map>

#include <set>
#include <sstream>

#include "tests/support/service_env.h"
#include "storage/store.h"

namespace biobridge::service {
namespace {

using testing::ServiceEnv;

TEST(DemoDataTest, LoadsIntoAnEmptyDatabaseOnly) {
  ServiceEnv env;
  auto summary = LoadDemoData(env.context, env.interchange, env.accounts);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_TRUE(summary->loaded);
  EXPECT_GE(env.store().ListOrganizations({}, {1, 1})->total, 40);
  EXPECT_GE(env.store().ListOpportunities({}, {1, 1})->total, 60);
  ASSERT_FALSE(summary->accounts.empty());
  // Demo accounts sign in with the documented password and belong to their organisations.
  const DemoAccount& first = summary->accounts.front();
  auto session = env.accounts.SignIn(first.email, kDemoPassword);
  ASSERT_TRUE(session.ok()) << first.email;
  auto who = env.accounts.AuthenticateSession(session->token);
  for (const std::string& org : first.organizations) EXPECT_TRUE(who->MemberOf(org)) << org;

  // The pipeline: a deal in every stage, with their agreements, and the two programmes.
  std::set<std::string> stages;
  ASSERT_TRUE(env.store()
                  .ForEachDeal({}, [&](const domain::Deal& deal) {
                    stages.insert(std::string(domain::DealStageName(deal.stage)));
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(stages, (std::set<std::string>{"contact", "cda", "evaluation", "intention", "agreement", "implementation",
                                           "closed"}));
  EXPECT_EQ(env.store().ListProgrammes({1, 10})->total, 2);
  EXPECT_EQ(env.store().ListDeals({"", "demo-prog-ru-cn-centre"}, {1, 50})->total, 6);  // all but the cda one
  EXPECT_EQ(env.store().GetInterest("demo-interest-declined")->decline_reason, "not_a_priority");

  auto again = LoadDemoData(env.context, env.interchange, env.accounts);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->loaded);
}

TEST(DemoDataTest, EveryRecordSpeaksEnglishChineseAndRussian) {
  std::istringstream in{std::string(DemoDirectoryJsonLines())};
  std::string line;
  int organizations = 0, opportunities = 0, collaborations = 0;
  std::set<std::string> countries;
  while (std::getline(in, line)) {
    const json::object record = json::parse(line).as_object();
    const bool is_org = record.at("type") == "organization";
    if (record.at("type") == "collaboration") {
      ++collaborations;
      for (const char* language : {"en", "zh", "ru"}) {
        EXPECT_TRUE(record.at("title").as_object().contains(language)) << record.at("id").as_string();
      }
      continue;
    }
    (is_org ? organizations : opportunities)++;
    if (is_org) countries.insert(std::string(record.at("country").as_string()));
    for (const char* field : {is_org ? "name" : "title", "description"}) {
      for (const char* language : {"en", "zh", "ru"}) {
        EXPECT_TRUE(record.at(field).as_object().contains(language))
            << record.at("id").as_string() << " lacks " << field << "." << language;
      }
    }
  }
  EXPECT_GE(organizations, 40);
  EXPECT_GE(opportunities, 60);
  EXPECT_GE(collaborations, 8);
  for (const char* country : {"CN", "RU", "KZ", "DK", "IL", "DE"}) EXPECT_TRUE(countries.count(country)) << country;
}

TEST(DemoDataTest, ExportGivesBackTheShippedFile) {
  ServiceEnv env;
  ASSERT_TRUE(LoadDemoData(env.context, env.interchange, env.accounts).ok());
  std::ostringstream out;
  ASSERT_TRUE(env.interchange.ExportJsonLines(Principal::System("test"), out).ok());
  // The shipped file is in export order (organisations, opportunities,
  // collaborations, by id); the demo event's records, made by its loader,
  // follow it.
  const std::string exported = out.str();
  const std::string_view directory = DemoDirectoryJsonLines();
  ASSERT_GE(exported.size(), directory.size());
  EXPECT_EQ(std::string_view(exported).substr(0, directory.size()), directory);
  std::istringstream rest(exported.substr(directory.size()));
  std::map<std::string, int> types;
  for (std::string line; std::getline(rest, line);) ++types[std::string(json::parse(line).at("type").as_string())];
  EXPECT_EQ(types, (std::map<std::string, int>{{"delegate", 6}, {"event", 1}, {"meeting_request", 8}}));
}

TEST(DemoDataTest, TheEventHasAPublishedScheduleAndAgendasInEachDelegatesZone) {
  biobridge::testing::ServiceEnv env;
  ASSERT_TRUE(LoadDemoData(env.context, env.interchange, env.accounts).ok());
  Result<domain::Event> event = env.store().GetEvent("demo-evt-ru-cn-forum");
  ASSERT_TRUE(event.ok()) << event.status().ToString();
  EXPECT_EQ(event->slots.size(), 22u);  // 2 days × (6 + 5)
  EXPECT_EQ(event->tables, 5);
  Result<domain::Schedule> schedule = env.store().GetSchedule(event->id);
  ASSERT_TRUE(schedule.ok());
  EXPECT_EQ(schedule->state, "published");
  EXPECT_EQ(schedule->published_meetings.size(), 5u) << "every accepted request is met";
  EXPECT_DOUBLE_EQ(schedule->figures.at("percent_of_bound").as_double(), 100);
  // Zhang Min reads her agenda in Shanghai time: 5 hours ahead of Moscow in any season.
  domain::User zhang = *env.store().FindUserByEmail("zhang.min@fourier.demo.biobridge.example");
  Principal who = Principal::ForUser(zhang, *env.store().ListMembershipsOfUser(zhang.id));
  Result<Agenda> agenda = env.events.DelegateAgenda(who, event->id, "", "zh");
  ASSERT_TRUE(agenda.ok()) << agenda.status().ToString();
  ASSERT_EQ(agenda->items.size(), 2u);
  for (const AgendaItem& item : agenda->items) {
    EXPECT_GE(item.start.hour, 15u);
    EXPECT_LE(item.start.hour, 22u);
  }
}

TEST(DemoDataTest, TheCommitteeHasAPublishedAssignmentReviewsAndADecision) {
  biobridge::testing::ServiceEnv env;
  ASSERT_TRUE(LoadDemoData(env.context, env.interchange, env.accounts).ok());
  Result<domain::Committee> committee = env.store().GetCommittee("demo-prog-novo-call");
  ASSERT_TRUE(committee.ok()) << committee.status().ToString();
  EXPECT_EQ(committee->assignment_state, "published");
  EXPECT_EQ(committee->members.size(), 5u);
  auto projects = env.store().ListReviewProjects("demo-prog-novo-call", "");
  ASSERT_TRUE(projects.ok());
  ASSERT_EQ(projects->size(), 5u);
  std::map<std::string, std::vector<std::string>> reviewers;
  for (const auto& e : committee->assignment) reviewers[e.project_id].push_back(e.expert_id);
  for (const auto& p : *projects) {
    EXPECT_EQ(reviewers[p.id].size(), 2u) << p.id;
    // Ms Smirnova left Biocad in 2025; Ms Li consults for SPH: neither reviews them.
    for (const std::string& expert : reviewers[p.id]) {
      if (p.organization_id == "org-ru-biocad") {
        EXPECT_NE(expert, "exp-smirnova");
      }
      if (p.organization_id == "org-cn-sph") {
        EXPECT_NE(expert, "exp-li");
      }
    }
    if (p.organization_id == "org-ru-biocad") {
      EXPECT_EQ(p.status, "decided");
      EXPECT_EQ(p.decision->outcome, "revise");
    }
  }
  auto reviews = env.store().ListReviews({.programme_id = "demo-prog-novo-call"});
  ASSERT_TRUE(reviews.ok());
  EXPECT_EQ(reviews->size(), 4u);  // two on Biocad's project, one submitted and one draft on NU's
}

}  // namespace
}  // namespace biobridge::service
