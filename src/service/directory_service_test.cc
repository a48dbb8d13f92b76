#include "service/directory_service.h"

#include <gtest/gtest.h>

#include <sstream>

#include "tests/support/service_env.h"
#include "storage/store.h"

namespace biobridge::service {
namespace {

using domain::MembershipRole;
using testing::ServiceEnv;

json::object Json(std::string_view text) { return json::parse(text).as_object(); }

const char* kNewOrganization =
    R"({"name":{"en":"Volga Rehab Clinics","ru":"Клиники реабилитации Волга"},"kind":"hospital","country":"RU",)"
    R"("therapeutic_areas":["rehabilitation","neurology"]})";

TEST(DirectoryServiceTest, ACreatorBecomesTheOrganisationsAdmin) {
  ServiceEnv env;
  Principal alice = env.User("alice@example.org");
  auto created = env.directory.CreateOrganization(alice, Json(kNewOrganization));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->id.rfind("org_", 0), 0u);
  EXPECT_EQ(created->meta.version, 1);
  Principal refreshed = env.Refresh(alice);
  EXPECT_TRUE(refreshed.AdminOf(created->id));
  EXPECT_EQ(env.store().ListAudit("organization", created->id)->at(0).actor, alice.user()->id);
}

TEST(DirectoryServiceTest, AnonymousVisitorsReadButDoNotWrite) {
  ServiceEnv env;
  env.Organization("org-1");
  EXPECT_TRUE(env.directory.GetOrganization(Principal::Anonymous(), "org-1").ok());
  EXPECT_EQ(env.directory.CreateOrganization(Principal::Anonymous(), Json(kNewOrganization)).status().code(),
            StatusCode::kUnauthenticated);
  EXPECT_EQ(env.directory.PatchOrganization(Principal::Anonymous(), "org-1", Json(R"({"city":"X"})")).status().code(),
            StatusCode::kUnauthenticated);
}

TEST(DirectoryServiceTest, AMemberOfOneOrganisationCannotChangeAnother) {
  ServiceEnv env;
  env.Organization("org-a");
  env.Organization("org-b");
  Principal member_a = env.User("a@a.example", {{"org-a", MembershipRole::kAdmin}});
  auto patched = env.directory.PatchOrganization(member_a, "org-b", Json(R"({"city":{"en":"Hijacked"}})"));
  EXPECT_EQ(patched.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(patched.status().message().find("org-b"), std::string::npos);
  auto replaced = env.directory.ReplaceOrganization(member_a, "org-b", Json(kNewOrganization));
  EXPECT_EQ(replaced.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(env.directory.DeleteOrganization(member_a, "org-b", 0).code(), StatusCode::kPermissionDenied);
  auto b = env.store().GetOrganization("org-b");
  EXPECT_TRUE(b->city.empty());
  EXPECT_EQ(b->meta.version, 1);
  EXPECT_EQ(env.store().ListAudit("organization", "org-b")->size(), 1u);
}

TEST(DirectoryServiceTest, PatchMergesAndReplaceReplaces) {
  ServiceEnv env;
  env.Organization("org-1");
  Principal member = env.User("m@x.example", {{"org-1", MembershipRole::kMember}});
  auto patched = env.directory.PatchOrganization(
      member, "org-1", Json(R"({"name":{"zh":"组织一"},"city":{"en":"Shanghai"},"therapeutic_areas":["oncology"],
                               "version":1})"));
  ASSERT_TRUE(patched.ok()) << patched.status().ToString();
  EXPECT_EQ(*patched->name.Find("en"), "Organisation org-1");  // kept
  EXPECT_EQ(*patched->name.Find("zh"), "组织一");             // added
  EXPECT_EQ(patched->meta.version, 2);
  auto removed = env.directory.PatchOrganization(member, "org-1", Json(R"({"city":null,"version":2})"));
  EXPECT_TRUE(removed->city.empty());

  json::object replacement = Json(kNewOrganization);
  replacement["version"] = 3;
  auto replaced = env.directory.ReplaceOrganization(member, "org-1", replacement);
  ASSERT_TRUE(replaced.ok());
  EXPECT_EQ(replaced->id, "org-1");
  EXPECT_EQ(replaced->name.Find("zh"), nullptr);  // replaced wholesale
  EXPECT_EQ(replaced->therapeutic_areas.size(), 2u);
}

TEST(DirectoryServiceTest, StaleVersionsAndChangedIdsAreRefused) {
  ServiceEnv env;
  env.Organization("org-1");
  Principal member = env.User("m@x.example", {{"org-1", MembershipRole::kMember}});
  ASSERT_TRUE(env.directory.PatchOrganization(member, "org-1", Json(R"({"city":"Berlin","version":1})")).ok());
  auto stale = env.directory.PatchOrganization(member, "org-1", Json(R"({"city":"Paris","version":1})"));
  EXPECT_EQ(stale.status().code(), StatusCode::kAborted);
  EXPECT_EQ(*env.store().GetOrganization("org-1")->city.Find("en"), "Berlin");
  EXPECT_EQ(env.directory.PatchOrganization(member, "org-1", Json(R"({"id":"org-2"})")).status().field(), "id");
}

// Regression (issue 15, finding 11): a change or a delete without a version
// silently overwrote whatever had changed meanwhile.
TEST(DirectoryServiceTest, EveryChangeNamesTheVersionItIsBasedOn) {
  ServiceEnv env;
  env.Organization("org-1");
  Principal member = env.User("m@x.example", {{"org-1", MembershipRole::kAdmin}});
  for (const auto& change : {env.directory.PatchOrganization(member, "org-1", Json(R"({"city":"Paris"})")),
                             env.directory.ReplaceOrganization(member, "org-1", Json(kNewOrganization))}) {
    EXPECT_EQ(change.status().field(), "version");
  }
  ASSERT_TRUE(env.directory
                  .CreateOpportunity(member, Json(R"({"id":"opp-1","organization":"org-1","direction":"offer",
                                                      "cooperation":["supply"],"title":{"en":"Filters"}})"))
                  .ok());
  EXPECT_EQ(env.directory.PatchOpportunity(member, "opp-1", Json(R"({"stage":"marketed"})")).status().field(), "version");
  EXPECT_EQ(env.directory.DeleteOpportunity(member, "opp-1", 0).field(), "version");
  EXPECT_EQ(env.directory.DeleteOrganization(member, "org-1", 0).field(), "version");
  EXPECT_EQ(env.store().GetOrganization("org-1")->meta.version, 1);
  EXPECT_TRUE(env.store().GetOpportunity("opp-1").ok());
  // The console's tooling may leave it out.
  EXPECT_TRUE(env.directory.DeleteOpportunity(Principal::System("test"), "opp-1", 0).ok());
}

TEST(DirectoryServiceTest, InvalidInputChangesNothing) {
  ServiceEnv env;
  env.Organization("org-1");
  Principal member = env.User("m@x.example", {{"org-1", MembershipRole::kMember}});
  struct Case {
    const char* patch;
    const char* field;
  } cases[] = {
      {R"({"country":"XX"})", "country"},
      {R"({"kind":"pharma"})", "kind"},
      {R"({"name":null})", "name"},
      {R"({"name":42})", "name"},
      {R"({"therapeutic_areas":["oncology","astrology"]})", "therapeutic_areas[1]"},
      {R"({"city":"Kazan"})", "version"},
  };
  for (const Case& c : cases) {
    auto result = env.directory.PatchOrganization(member, "org-1", Json(c.patch));
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument) << c.patch;
    EXPECT_EQ(result.status().field(), c.field) << c.patch;
  }
  EXPECT_EQ(env.store().GetOrganization("org-1")->meta.version, 1);
}

TEST(DirectoryServiceTest, ListFiltersAndPagesAreChecked) {
  ServiceEnv env;
  env.Organization("org-cn", "CN");
  env.Organization("org-ru", "RU", "hospital");
  auto ru = env.directory.ListOrganizations(Principal::Anonymous(), {.country = "RU"}, {1, 20});
  ASSERT_TRUE(ru.ok());
  EXPECT_EQ(ru->total, 1);
  EXPECT_EQ(env.directory.ListOrganizations({}, {.country = "ZZ"}, {1, 20}).status().field(), "country");
  EXPECT_EQ(env.directory.ListOrganizations({}, {.kind = "pharma"}, {1, 20}).status().field(), "kind");
  EXPECT_EQ(env.directory.ListOrganizations({}, {}, {0, 20}).status().field(), "page");
  EXPECT_EQ(env.directory.ListOrganizations({}, {}, {1, 500}).status().field(), "per_page");
  EXPECT_EQ(env.directory.ListOpportunities({}, {.cooperation = "barter"}, {1, 20}).status().field(), "cooperation");
}

json::object OpportunityJson(const std::string& id, const std::string& org, const std::string& tier) {
  return Json(R"({"id":")" + id + R"(","organization":")" + org +
              R"(","direction":"offer","cooperation":["licensing_out"],"title":{"en":"T"},"confidentiality":")" + tier +
              R"("})");
}

TEST(DirectoryServiceTest, OpportunitiesAreShownByConfidentiality) {
  ServiceEnv env;
  env.Organization("org-1");
  env.Organization("org-2");
  Principal owner = env.User("o@1.example", {{"org-1", MembershipRole::kMember}});
  Principal other = env.User("x@2.example", {{"org-2", MembershipRole::kMember}});
  for (const char* tier : {"public", "members", "cda"}) {
    ASSERT_TRUE(env.directory.CreateOpportunity(owner, OpportunityJson(std::string("p-") + tier, "org-1", tier)).ok());
  }
  EXPECT_EQ(env.directory.ListOpportunities(Principal::Anonymous(), {}, {1, 20})->total, 1);
  EXPECT_EQ(env.directory.ListOpportunities(other, {}, {1, 20})->total, 2);
  EXPECT_EQ(env.directory.ListOpportunities(owner, {}, {1, 20})->total, 3);
  EXPECT_EQ(env.directory.GetOpportunity(Principal::Anonymous(), "p-members").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(env.directory.GetOpportunity(other, "p-cda").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(env.directory.GetOpportunity(owner, "p-cda").ok());
  // Not visible means not changeable either, and still not found.
  EXPECT_EQ(env.directory.PatchOpportunity(other, "p-cda", Json(R"({"stage":"marketed"})")).status().code(),
            StatusCode::kNotFound);
}

TEST(DirectoryServiceTest, OpportunitiesArePostedByMembersOfAnExistingOrganisation) {
  ServiceEnv env;
  env.Organization("org-1");
  env.Organization("org-2");
  Principal member = env.User("m@1.example", {{"org-1", MembershipRole::kMember}});
  auto created = env.directory.CreateOpportunity(member, Json(R"({"organization":"org-1","direction":"request",
      "cooperation":["distribution"],"title":{"zh":"寻找俄罗斯经销商","ru":"Ищем дистрибьютора в России"},
      "target_countries":["ru"]})"));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->id.rfind("opp_", 0), 0u);
  EXPECT_EQ(created->target_countries[0], "RU");
  EXPECT_EQ(created->confidentiality, "public");

  EXPECT_EQ(env.directory.CreateOpportunity(member, OpportunityJson("p-x", "org-2", "public")).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(env.directory.CreateOpportunity(member, OpportunityJson("p-y", "org-404", "public")).status().field(),
            "organization");
  // Moving an opportunity to an organisation one does not belong to is refused.
  EXPECT_EQ(env.directory.PatchOpportunity(member, created->id, Json(R"({"organization":"org-2"})")).status().code(),
            StatusCode::kPermissionDenied);
}

TEST(DirectoryServiceTest, DeletingTakesAnAdminAndNoOpportunities) {
  ServiceEnv env;
  env.Organization("org-1");
  Principal member = env.User("m@1.example", {{"org-1", MembershipRole::kMember}});
  Principal admin = env.User("a@1.example", {{"org-1", MembershipRole::kAdmin}});
  ASSERT_TRUE(env.directory.CreateOpportunity(member, OpportunityJson("p-1", "org-1", "public")).ok());
  EXPECT_EQ(env.directory.DeleteOrganization(member, "org-1", 0).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(env.directory.DeleteOrganization(admin, "org-1", 1).code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(env.directory.DeleteOpportunity(member, "p-1", 1).ok());
  ASSERT_TRUE(env.directory.DeleteOrganization(admin, "org-1", 1).ok());
}

}  // namespace
}  // namespace biobridge::service

namespace biobridge::service {
namespace {

// Regression (issue 15, finding 8): unknown fields were kept without a bound,
// so ten records of ~830 KB each made an anonymous list 7 MB and the server
// half a gigabyte. They are kept up to 16 KiB per record, and refused beyond,
// naming the largest, on every path that stores records.
TEST(DirectoryServiceTest, UnknownFieldsAreKeptUpToABound) {
  ServiceEnv env;
  env.Organization("org-1");
  Principal member = env.User("m@x.example", {{"org-1", MembershipRole::kMember}});
  json::object small = Json(R"({"id":"opp-small","organization":"org-1","direction":"offer","cooperation":["supply"],
                                 "title":{"en":"Filters"}})");
  small["crm_reference"] = std::string(8 * 1024, 'a');
  Result<domain::Opportunity> kept = env.directory.CreateOpportunity(member, small);
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  EXPECT_EQ(kept->extra.at("crm_reference").as_string().size(), 8u * 1024);

  json::object big = small;
  big["id"] = "opp-big";
  big["payload"] = std::string(12 * 1024, 'b');
  Status refused = env.directory.CreateOpportunity(member, big).status();
  EXPECT_EQ(refused.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(refused.field(), "payload");
  EXPECT_EQ(env.store().GetOpportunity("opp-big").status().code(), StatusCode::kNotFound);
  // An update cannot grow it past the bound either, nor can an import.
  json::object grown = Json(R"({"version":1})");
  grown["payload"] = std::string(12 * 1024, 'b');
  EXPECT_EQ(env.directory.PatchOpportunity(member, "opp-small", grown).status().code(), StatusCode::kResourceExhausted);
  json::object line = big;
  line["type"] = "opportunity";
  std::istringstream in(json::serialize(line) + "\n");
  Result<ImportReport> report = env.interchange.ImportJsonLines(Principal::System("test"), in, {});
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->refused.size(), 1u);
  EXPECT_EQ(report->refused[0].status.field(), "payload");
}

}  // namespace
}  // namespace biobridge::service
