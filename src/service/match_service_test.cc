#include "service/match_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "tests/support/service_env.h"

namespace biobridge::service {
namespace {

using ::testing::HasSubstr;

json::object Json(std::string_view text) { return json::parse(text).as_object(); }

class MatchServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_.Organization("org-kz", "KZ", "distributor");
    env_.Organization("org-cn", "CN", "company");
    owner_ = env_.User("owner@example.cn", {{"org-cn", domain::MembershipRole::kAdmin}});
    Principal kz = env_.User("kz@example.kz", {{"org-kz", domain::MembershipRole::kAdmin}});
    ASSERT_TRUE(env_.directory
                    .PatchOrganization(kz, "org-kz", Json(R"({"name": {"en": null, "ru": "Иртыш Медикал"},
                        "description": {"ru": "Дистрибьютор медицинских изделий в Казахстане."}, "version": 1})"))
                    .ok());
    ASSERT_TRUE(env_.directory
                    .CreateOpportunity(owner_, Json(R"({"id": "opp-dist", "organization": "org-cn", "direction": "request",
                        "cooperation": ["distribution"], "title": {"zh": "寻找哈萨克斯坦医疗器械经销商"},
                        "target_countries": ["KZ"]})"))
                    .ok());
    ASSERT_TRUE(env_.directory
                    .CreateOpportunity(owner_, Json(R"({"id": "opp-cda", "organization": "org-cn", "direction": "request",
                        "cooperation": ["distribution"], "title": {"zh": "保密：医疗器械经销"}, "confidentiality": "cda"})"))
                    .ok());
  }

  biobridge::testing::ServiceEnv env_;
  Principal owner_;
};

TEST_F(MatchServiceTest, ReasonsAreWrittenInTheViewersLanguage) {
  auto zh = env_.match.ForOpportunity(Principal::Anonymous(), "opp-dist", {});
  ASSERT_TRUE(zh.ok()) << zh.status().ToString();
  EXPECT_EQ(zh->language, "zh");  // the language of the post
  EXPECT_EQ(zh->source.id, "opp-dist");
  ASSERT_FALSE(zh->items.empty());
  const MatchItem& top = zh->items[0];
  EXPECT_EQ(top.record.id, "org-kz");
  EXPECT_EQ(top.record.title, "Иртыш Медикал");
  std::vector<std::string> texts;
  for (const MatchReason& r : top.reasons) texts.push_back(r.text);
  EXPECT_THAT(texts, ::testing::Contains("位于其目标市场：哈萨克斯坦"));  // a visitor is not the one looking
  auto en = env_.match.ForOpportunity(Principal::Anonymous(), "opp-dist", {.lang = "en"});
  ASSERT_TRUE(en.ok());
  texts.clear();
  for (const MatchReason& r : en->items[0].reasons) texts.push_back(r.text);
  EXPECT_THAT(texts, ::testing::Contains("Based in Kazakhstan, a target market here"));
  // The request's own organisation reads "your".
  auto mine = env_.match.ForOpportunity(owner_, "opp-dist", {.lang = "en"});
  ASSERT_TRUE(mine.ok());
  texts.clear();
  for (const MatchReason& r : mine->items[0].reasons) texts.push_back(r.text);
  EXPECT_THAT(texts, ::testing::Contains("Based in Kazakhstan, your target market"));
}

TEST_F(MatchServiceTest, OrganisationAndTextEntryPoints) {
  auto org = env_.match.ForOrganization(Principal::Anonymous(), "org-kz", {.lang = "ru"});
  ASSERT_TRUE(org.ok());
  ASSERT_FALSE(org->items.empty());
  EXPECT_EQ(org->items[0].record.id, "opp-dist");
  auto text = env_.match.ForText(Principal::Anonymous(), "Ищем дистрибьютора медицинских изделий в Казахстане", {});
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text->language, "ru");
  ASSERT_FALSE(text->items.empty());
  EXPECT_EQ(text->source.id, "");
}

TEST_F(MatchServiceTest, PastJointWorkFromTheStoreIsAReason) {
  env_.Organization("org-ru", "RU", "hospital");  // nothing in common with the post but a past trial
  std::istringstream collaboration(
      R"({"type":"collaboration","id":"c-1","year":2023,"organizations":["org-cn","org-ru"]})");
  auto imported = env_.interchange.ImportJsonLines(Principal::System("test"), collaboration, {});
  ASSERT_TRUE(imported.ok());
  ASSERT_TRUE(imported->refused.empty()) << imported->refused[0].status.ToString();
  auto result = env_.match.ForOpportunity(owner_, "opp-dist", {.lang = "en", .type = "organization"});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  const MatchItem* ru = nullptr;
  for (const MatchItem& item : result->items) {
    if (item.record.id == "org-ru") ru = &item;
  }
  ASSERT_NE(ru, nullptr) << "the past partner is proposed although the text does not find it";
  ASSERT_FALSE(ru->reasons.empty());
  EXPECT_EQ(ru->reasons[0].code, "worked_together");
  EXPECT_EQ(ru->reasons[0].text, "Worked with you before: 1 joint project, the latest in 2023");
  auto seen_by_visitor = env_.match.ForOpportunity(Principal::Anonymous(), "opp-dist", {.lang = "en", .type = "organization"});
  ASSERT_TRUE(seen_by_visitor.ok());
  for (const MatchItem& item : seen_by_visitor->items) {
    if (item.record.id == "org-ru") {
      EXPECT_EQ(item.reasons[0].text, "Worked with this organisation before: 1 joint project, the latest in 2023");
    }
  }
}

TEST_F(MatchServiceTest, HiddenSourcesAndBadParametersAreRefused) {
  EXPECT_EQ(env_.match.ForOpportunity(Principal::Anonymous(), "opp-cda", {}).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(env_.match.ForOpportunity(owner_, "opp-cda", {}).ok());
  EXPECT_EQ(env_.match.ForOpportunity(Principal::Anonymous(), "opp-none", {}).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(env_.match.ForOrganization(Principal::Anonymous(), "org-none", {}).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(env_.match.ForOpportunity(Principal::Anonymous(), "opp-dist", {.top = 0}).status().field(), "top");
  EXPECT_EQ(env_.match.ForOpportunity(Principal::Anonymous(), "opp-dist", {.top = 51}).status().field(), "top");
  EXPECT_EQ(env_.match.ForOpportunity(Principal::Anonymous(), "opp-dist", {.lang = "xx"}).status().field(), "lang");
  EXPECT_EQ(env_.match.ForOrganization(Principal::Anonymous(), "org-kz", {.type = "x"}).status().field(), "type");
  EXPECT_THAT(env_.match.ForText(Principal::Anonymous(), "  ", {}).status().message(), HasSubstr("describe"));
  EXPECT_EQ(env_.match.ForText(Principal::Anonymous(), "...!!!", {}).status().field(), "text");
  EXPECT_EQ(env_.match.ForText(Principal::Anonymous(), std::string(4001, 'a'), {}).status().field(), "text");
  // Candidates are only what the viewer may see: the CDA post is not proposed to outsiders.
  auto org = env_.match.ForOrganization(Principal::Anonymous(), "org-kz", {});
  for (const MatchItem& i : org->items) EXPECT_NE(i.record.id, "opp-cda");
}

}  // namespace
}  // namespace biobridge::service
