// A country: its regulatory profile (shipped, or imported by a platform
// admin: all or nothing, the bad fact named), the EU's for a member state,
// none for a country without one, and the platform's activity there with
// deal counts that never single out a party.
#include "service/country_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "service/demo_data.h"
#include "tests/support/service_env.h"
#include "storage/store.h"

namespace biobridge::service {
namespace {

using domain::MembershipRole;

TEST(CountryServiceTest, ProfilesShippedForMemberStatesAndNoneInvented) {
  biobridge::testing::ServiceEnv env;
  auto kz = env.countries.Country(Principal::Anonymous(), "KZ");
  ASSERT_TRUE(kz.ok()) << kz.status().ToString();
  ASSERT_TRUE(kz->profile.has_value());
  EXPECT_EQ(kz->profile->at("country"), "KZ");
  auto de = env.countries.Country(Principal::Anonymous(), "DE");
  EXPECT_EQ(de->jurisdiction, "EU");
  EXPECT_EQ(de->profile->at("country"), "EU");
  auto br = env.countries.Country(Principal::Anonymous(), "BR");  // no profile: none made up
  ASSERT_TRUE(br.ok());
  EXPECT_FALSE(br->profile.has_value());
  EXPECT_EQ(env.countries.Country(Principal::Anonymous(), "XX").status().code(), StatusCode::kNotFound);
  auto eu = env.countries.Country(Principal::Anonymous(), "EU");  // the union itself: its profile and members
  ASSERT_TRUE(eu.ok());
  EXPECT_EQ(eu->members.size(), 27u);
  EXPECT_FALSE(eu->activity.has_value());
}

TEST(CountryServiceTest, AnAdminImportsAllOrNothingAndTheExportGivesItBack) {
  biobridge::testing::ServiceEnv env;
  const Principal admin = env.Admin();
  env.Organization("org-a", "CN");
  const Principal member = env.User("m@a.example", {{"org-a", MembershipRole::kMember}});
  json::value exported = *env.countries.Export();
  // Kazakhstan joins PIC/S in this story: a sourced fact replaces "unknown".
  json::array& profiles = exported.as_object()["profiles"].as_array();
  json::object* kz = nullptr;
  for (json::value& p : profiles) {
    if (p.at("country") == "KZ") kz = &p.as_object();
  }
  ASSERT_NE(kz, nullptr);
  (*kz)["pics"] = json::parse(R"({"value": "member", "source": {"title": "PIC/S press release",
      "url": "https://picscheme.org/"}, "as_of": "2026-12-01"})");
  EXPECT_EQ(env.countries.Import(member, exported).status().code(), StatusCode::kPermissionDenied);
  // One bad fact anywhere: nothing is written, the path is named.
  json::value broken = exported;
  broken.as_object()["profiles"].as_array()[0].as_object()["ich"] = json::parse(R"({"value": "member"})");
  Status refused = env.countries.Import(admin, broken).status();
  EXPECT_EQ(refused.field(), "profiles[0].ich.source");
  EXPECT_EQ(env.countries.Profile("KZ")->value().at("pics").at("value"), nullptr);
  // The good one: only the changed profile is written.
  Result<int> changed = env.countries.Import(admin, exported);
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_EQ(*changed, 1);
  EXPECT_EQ(env.countries.Profile("KZ")->value().at("pics").at("value"), "member");
  EXPECT_EQ(*env.countries.Import(admin, *env.countries.Export()), 0);  // the export round-trips
  EXPECT_FALSE(env.countries.Country(Principal::Anonymous(), "KZ")->profile_updated_at.empty());
}

TEST(CountryServiceTest, ActivityCountsWhatTheViewerMaySeeAndNeverASingleDeal) {
  biobridge::testing::ServiceEnv env;
  env.Organization("org-cn", "CN", "supplier");
  env.Organization("org-kz", "KZ", "distributor");
  const Principal cn = env.User("li@cn.example", {{"org-cn", MembershipRole::kMember}});
  const Principal kz = env.User("aigul@kz.example", {{"org-kz", MembershipRole::kMember}});
  ASSERT_TRUE(env.directory.CreateOpportunity(cn, json::parse(R"({"id": "opp-pub", "organization": "org-cn",
      "direction": "offer", "cooperation": ["distribution"], "title": {"en": "Syringes"}, "target_countries": ["KZ"]})")
      .as_object()).ok());
  ASSERT_TRUE(env.directory.CreateOpportunity(cn, json::parse(R"({"id": "opp-cda", "organization": "org-cn",
      "direction": "offer", "cooperation": ["distribution"], "title": {"en": "Secret"}, "target_countries": ["KZ"],
      "confidentiality": "cda"})").as_object()).ok());
  // One interest, accepted: one deal between China and Kazakhstan.
  auto interest = env.pipeline.ExpressInterest(kz, json::parse(R"({"from_organization": "org-kz", "opportunity": "opp-pub",
      "message": "We distribute in Almaty"})").as_object());
  ASSERT_TRUE(interest.ok()) << interest.status().ToString();
  ASSERT_TRUE(env.pipeline.AcceptInterest(cn, interest->id, interest->meta.version).ok());

  auto visitor = env.countries.Country(Principal::Anonymous(), "KZ");
  ASSERT_TRUE(visitor.ok());
  EXPECT_EQ(visitor->activity->organizations, 1);
  EXPECT_EQ(visitor->activity->opportunities_targeting, 1);  // the CDA one is not counted for a visitor
  EXPECT_FALSE(visitor->activity->deals.value.has_value());  // one deal: "fewer than 3", never "1"
  EXPECT_TRUE(visitor->activity->partners.empty());  // naming China at all would tell that a deal exists
  // No deal at all reads the same as one: "fewer than 3".
  EXPECT_FALSE(env.countries.Country(Principal::Anonymous(), "BR")->activity->deals.value.has_value());
  EXPECT_EQ(env.countries.Country(cn, "KZ")->activity->opportunities_targeting, 2);  // its own, every tier
}

// Partnering meetings count by country and by pair, published and not
// cancelled, withheld under 3 like deals.
TEST(CountryServiceTest, PartneringMeetingsCountByCountryAndPair) {
  biobridge::testing::ServiceEnv env;
  ASSERT_TRUE(LoadDemoData(env.context, env.interchange, env.accounts).ok());
  // The demo forum's five published meetings are each between a Chinese and a Russian delegation.
  auto cn = env.countries.Country(Principal::Anonymous(), "CN");
  ASSERT_TRUE(cn.ok()) << cn.status().ToString();
  EXPECT_EQ(cn->activity->meetings.value, 5);
  ASSERT_FALSE(cn->activity->partners.empty());
  EXPECT_EQ(cn->activity->partners[0].country, "RU");
  EXPECT_EQ(cn->activity->partners[0].meetings.value, 5);
  EXPECT_FALSE(env.countries.Country(Principal::Anonymous(), "KZ")->activity->meetings.value.has_value());
  auto compared = env.countries.Compare(Principal::Anonymous(), "RU,CN");
  ASSERT_TRUE(compared.ok());
  EXPECT_EQ((*compared)[0].activity->meetings.value, 5);

  // Cancelled meetings are not counted: the event is called off.
  domain::User organiser = *env.store().FindUserByEmail("liu.yang@cccmhpie.demo.biobridge.example");
  const Principal who = Principal::ForUser(organiser, *env.store().ListMembershipsOfUser(organiser.id));
  auto event = env.store().GetEvent("demo-evt-ru-cn-forum");
  ASSERT_TRUE(event.ok());
  ASSERT_TRUE(env.events.CancelEvent(who, event->id, event->meta.version).ok());
  EXPECT_FALSE(env.countries.Country(Principal::Anonymous(), "CN")->activity->meetings.value.has_value());
  EXPECT_TRUE(env.countries.Country(Principal::Anonymous(), "CN")->activity->partners.empty() ||
              !env.countries.Country(Principal::Anonymous(), "CN")->activity->partners[0].meetings.value.has_value());
}

}  // namespace
}  // namespace biobridge::service
