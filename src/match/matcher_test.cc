#include "match/matcher.h"

#include <algorithm>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "domain/codec.h"
#include "storage/sqlite/sqlite_store.h"
#include "tests/support/temp_dir.h"
#include "storage/store.h"

namespace biobridge::match {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::Not;

Timestamp Now() { return *ParseTimestamp("2026-11-23T09:00:00Z"); }

// A small directory where each party writes in its own language only.
constexpr const char* kDirectory[] = {
    R"({"type":"organization","id":"cn-rehab","name":{"zh":"苏州康复器械有限公司"},"kind":"company","country":"CN",
        "description":{"zh":"医疗器械生产企业，生产上肢康复机器人，拥有ISO 13485认证。"},"therapeutic_areas":["rehabilitation","neurology"]})",
    R"({"type":"organization","id":"ru-clinic","name":{"ru":"Клиника восстановительной медицины"},"kind":"hospital","country":"RU",
        "description":{"ru":"Сеть клиник реабилитации после инсульта. Проводим клинические исследования медицинских изделий."},
        "therapeutic_areas":["rehabilitation","neurology"]})",
    R"({"type":"organization","id":"ru-pharma","name":{"ru":"ФармаСинтез"},"kind":"company","country":"RU",
        "description":{"ru":"Производство дженериков."},"therapeutic_areas":["oncology"]})",
    R"({"type":"organization","id":"kz-distributor","name":{"ru":"Иртыш Медикал"},"kind":"distributor","country":"KZ",
        "description":{"ru":"Дистрибьютор медицинских изделий в Казахстане и Узбекистане."},"markets":["KZ","UZ"],
        "certifications":[{"name":"ISO 13485","expires":"2028-01-31"}]})",
    R"({"type":"organization","id":"kz-expired","name":{"en":"Steppe Devices"},"kind":"distributor","country":"KZ",
        "description":{"en":"Distributor of medical devices in Kazakhstan."},
        "certifications":[{"name":"ISO 13485","expires":"2025-01-31"}]})",
    R"({"type":"organization","id":"de-biotech","name":{"en":"Rhein Antibodies"},"kind":"company","country":"DE",
        "description":{"en":"Developer of monoclonal antibodies for oncology."},"therapeutic_areas":["oncology"]})",
    R"({"type":"organization","id":"il-investor","name":{"en":"Carmel Ventures"},"kind":"investor","country":"IL",
        "description":{"en":"Venture fund for medical devices."}})",
    R"({"type":"opportunity","id":"opp-cn-trial","organization":"cn-rehab","direction":"request","cooperation":["clinical_trial"],
        "title":{"zh":"寻找俄罗斯医院开展康复机器人临床试验"},"description":{"zh":"我们的上肢康复机器人需要在俄罗斯进行临床试验。"},
        "therapeutic_areas":["rehabilitation"],"target_countries":["RU"],"stage":"clinical_phase2"})",
    R"({"type":"opportunity","id":"opp-cn-distribution","organization":"cn-rehab","direction":"request","cooperation":["distribution"],
        "title":{"zh":"寻找哈萨克斯坦医疗器械经销商"},"description":{"zh":"经销商需具备ISO 13485认证。"},
        "target_countries":["KZ"]})",
    R"({"type":"opportunity","id":"opp-de-license","organization":"de-biotech","direction":"offer","cooperation":["licensing_out"],
        "title":{"en":"Anti-PD-1 monoclonal antibody for licensing"},"description":{"en":"Phase 2 antibody, rights for Russia and the CIS."},
        "therapeutic_areas":["oncology"],"target_countries":["RU"],"stage":"clinical_phase2"})",
    R"({"type":"opportunity","id":"opp-ru-license-in","organization":"ru-pharma","direction":"request","cooperation":["licensing_in"],
        "title":{"ru":"Ищем лицензию на моноклональные антитела для онкологии"},"description":{"ru":"Готовы зарегистрировать препарат в России."},
        "therapeutic_areas":["oncology"],"stage":"clinical_phase3"})",
    R"({"type":"opportunity","id":"opp-ru-secret","organization":"ru-pharma","direction":"request","cooperation":["licensing_in"],
        "title":{"ru":"Конфиденциальный запрос на антитела"},"therapeutic_areas":["oncology"],"confidentiality":"cda"})",
};

class MatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = storage::sqlite::SqliteStore::Open({.path = dir_.File("b.db")}, Now());
    ASSERT_TRUE(store.ok());
    store_ = std::move(store).value();
    for (const char* line : kDirectory) {
      json::object o = json::parse(line).as_object();
      if (o.at("type") == "organization") {
        auto org = domain::OrganizationFromJson(o);
        ASSERT_TRUE(org.ok()) << org.status().ToString();
        ASSERT_TRUE(store_->CreateOrganization(*org, {"test", Now()}).ok());
      } else {
        auto opp = domain::OpportunityFromJson(o);
        ASSERT_TRUE(opp.ok()) << opp.status().ToString();
        ASSERT_TRUE(store_->CreateOpportunity(*opp, {"test", Now()}).ok());
      }
    }
    index_ = std::move(search::SearchIndex::OpenInMemory(text::Vocabulary::Builtin())).value();
    ASSERT_TRUE(index_->CatchUp(*store_).ok());
    matcher_ = std::make_unique<Matcher>(*index_, domain::Taxonomies::Builtin());
  }

  MatchOptions Outsider() const {
    return {.top = 10, .visible_tiers = {"public", "members"}, .today = *ParseDate("2026-11-23")};
  }

  std::vector<Candidate> ForOpportunity(const std::string& id) {
    auto o = store_->GetOpportunity(id);
    auto owner = store_->GetOrganization(o->organization_id);
    auto result = matcher_->ForOpportunity(*o, *owner, Outsider());
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    return result.ok() ? *result : std::vector<Candidate>{};
  }

  static std::vector<std::string> Ids(const std::vector<Candidate>& cs) {
    std::vector<std::string> ids;
    for (const Candidate& c : cs) ids.push_back(c.id);
    return ids;
  }

  static const Reason* FindReason(const Candidate& c, std::string_view code) {
    for (const Reason& r : c.reasons) {
      if (r.code == code) return &r;
    }
    return nullptr;
  }

  biobridge::testing::TempDir dir_;
  std::unique_ptr<storage::sqlite::SqliteStore> store_;
  std::unique_ptr<search::SearchIndex> index_;
  std::unique_ptr<Matcher> matcher_;
};

TEST_F(MatcherTest, AChineseTrialRequestFindsTheRussianClinicFirst) {
  const std::vector<Candidate> matches = ForOpportunity("opp-cn-trial");
  ASSERT_FALSE(matches.empty());
  EXPECT_EQ(matches[0].id, "ru-clinic");
  const Candidate& top = matches[0];
  ASSERT_NE(FindReason(top, "partner_kind"), nullptr);
  EXPECT_THAT(FindReason(top, "partner_kind")->items, ElementsAre("hospital", "clinical_trial"));
  ASSERT_NE(FindReason(top, "target_market"), nullptr);
  EXPECT_THAT(FindReason(top, "target_market")->items, ElementsAre("RU"));
  ASSERT_NE(FindReason(top, "shared_concepts"), nullptr);
  EXPECT_THAT(FindReason(top, "shared_concepts")->items, Contains("coop_clinical_trial"));
  EXPECT_THAT(FindReason(top, "therapeutic_area")->items, ElementsAre("rehabilitation"));
  // Scores are the sum of the reasons and fall in [0, 1], best first.
  double sum = 0;
  for (const Reason& r : top.reasons) sum += r.contribution;
  EXPECT_DOUBLE_EQ(top.score, sum);
  EXPECT_LE(top.score, 1.0);
  for (std::size_t i = 1; i < matches.size(); ++i) EXPECT_GE(matches[i - 1].score, matches[i].score);
  // Never the source's own organisation.
  for (const Candidate& c : matches) EXPECT_NE(c.organization_id, "cn-rehab");
}

TEST_F(MatcherTest, ADistributionRequestFindsTheDistributorInTheTargetMarketWithAValidCertificate) {
  const std::vector<Candidate> matches = ForOpportunity("opp-cn-distribution");
  ASSERT_GE(matches.size(), 2u);
  EXPECT_EQ(matches[0].id, "kz-distributor");
  EXPECT_THAT(FindReason(matches[0], "certification")->items, ElementsAre("iso_13485"));
  // The other distributor's ISO 13485 expired: no certification reason, ranked lower.
  for (const Candidate& c : matches) {
    if (c.id == "kz-expired") {
      EXPECT_EQ(FindReason(c, "certification"), nullptr);
    }
  }
}

TEST_F(MatcherTest, LicensingOutMeetsLicensingInAcrossLanguages) {
  const std::vector<Candidate> matches = ForOpportunity("opp-de-license");
  ASSERT_FALSE(matches.empty());
  EXPECT_EQ(matches[0].id, "opp-ru-license-in");
  ASSERT_NE(FindReason(matches[0], "complementary_cooperation"), nullptr);
  EXPECT_THAT(FindReason(matches[0], "complementary_cooperation")->items, ElementsAre("licensing_out", "licensing_in"));
  EXPECT_NE(FindReason(matches[0], "stage"), nullptr);  // phase 2 and phase 3 are adjacent
  // The CDA-only request is not proposed to someone outside its organisation.
  EXPECT_THAT(Ids(matches), Not(Contains("opp-ru-secret")));
}

TEST_F(MatcherTest, AnOrganisationFindsPostsLookingForItsKind) {
  auto clinic = store_->GetOrganization("ru-clinic");
  auto result = matcher_->ForOrganization(*clinic, Outsider());
  ASSERT_TRUE(result.ok());
  ASSERT_FALSE(result->empty());
  EXPECT_EQ((*result)[0].id, "opp-cn-trial");
  EXPECT_NE(FindReason((*result)[0], "looks_for_your_kind"), nullptr);
  EXPECT_NE(FindReason((*result)[0], "targets_your_country"), nullptr);
}

TEST_F(MatcherTest, AmongGivenOrganisationsEveryOneIsRankedAndNoOther) {
  auto clinic = store_->GetOrganization("ru-clinic");
  MatchOptions options = Outsider();
  options.only = search::RecordType::kOrganization;
  options.among_organizations = {"cn-rehab", "il-investor"};
  auto result = matcher_->ForOrganization(*clinic, options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  std::set<std::string> found;
  for (const Candidate& c : *result) found.insert(c.organization_id);
  EXPECT_EQ(found, (std::set<std::string>{"cn-rehab", "il-investor"}))
      << "both are ranked, however weakly they match, and nothing else is";
}

// A long list (a large event's organisations) is applied per candidate
// instead of as one query term per organisation: the same answer.
TEST_F(MatcherTest, ALongListOfOrganisationsRanksTheSameAsAShortOne) {
  auto clinic = store_->GetOrganization("ru-clinic");
  MatchOptions options = Outsider();
  options.only = search::RecordType::kOrganization;
  options.among_organizations = {"cn-rehab", "il-investor"};
  for (int i = 0; i < 1000; ++i) options.among_organizations.push_back(fmt::format("absent-{}", i));
  auto result = matcher_->ForOrganization(*clinic, options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  std::set<std::string> found;
  for (const Candidate& c : *result) found.insert(c.organization_id);
  EXPECT_EQ(found, (std::set<std::string>{"cn-rehab", "il-investor"}));
}

TEST_F(MatcherTest, AFreeTextNeedInRussianFindsChineseAndEnglishRecords) {
  auto result = matcher_->ForText("Ищем инвестора для производителя медицинских изделий", Outsider());
  ASSERT_TRUE(result.ok());
  ASSERT_FALSE(result->empty());
  EXPECT_EQ((*result)[0].id, "il-investor");
  EXPECT_THAT(FindReason((*result)[0], "partner_kind")->items, ElementsAre("investor", "investment"));
  EXPECT_EQ(matcher_->ForText("?!", Outsider()).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(MatcherTest, PastPartnersAndTheirPartnersRankHigherAndSayWhy) {
  // Rhein Antibodies worked twice with the Kazakh distributor, which worked
  // with the investor; neither is about antibodies, so text alone misses them.
  auto joint = [](std::string id, std::vector<std::string> orgs, int year) {
    domain::Collaboration c;
    c.id = std::move(id);
    c.year = year;
    c.organizations = std::move(orgs);
    return storage::DirectoryRecord(std::move(c));
  };
  std::vector<storage::DirectoryRecord> records{joint("j1", {"de-biotech", "kz-distributor"}, 2021),
                                                joint("j2", {"kz-distributor", "de-biotech"}, 2024),
                                                joint("j3", {"kz-distributor", "il-investor"}, 2023)};
  for (const auto& outcome : store_->ImportRecords(records, {"test", Now()})) ASSERT_TRUE(outcome.ok());
  auto history = LoadPartnerHistory(*store_, "de-biotech");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->direct.count("kz-distributor"), 1u);
  EXPECT_EQ(history->direct.at("kz-distributor").joint, 2);
  EXPECT_EQ(history->direct.at("kz-distributor").latest_year, 2024);
  ASSERT_EQ(history->indirect.count("il-investor"), 1u);
  EXPECT_DOUBLE_EQ(history->indirect.at("il-investor").strength, 1.0);

  auto o = store_->GetOpportunity("opp-de-license");
  auto owner = store_->GetOrganization("de-biotech");
  MatchOptions options = Outsider();
  options.only = search::RecordType::kOrganization;
  auto without = matcher_->ForOpportunity(*o, *owner, options);
  ASSERT_TRUE(without.ok());
  options.history = &*history;
  auto with = matcher_->ForOpportunity(*o, *owner, options);
  ASSERT_TRUE(with.ok());
  auto rank = [](const std::vector<Candidate>& cs, std::string_view id) {
    for (std::size_t i = 0; i < cs.size(); ++i) {
      if (cs[i].id == id) return static_cast<int>(i);
    }
    return 1000;
  };
  // The Russian licensee the text finds stays first; the past partners move up.
  EXPECT_EQ((*with)[0].id, "ru-pharma");
  EXPECT_LT(rank(*with, "kz-distributor"), rank(*without, "kz-distributor"));
  EXPECT_LT(rank(*with, "il-investor"), rank(*without, "il-investor"));
  const Reason* worked = FindReason((*with)[static_cast<std::size_t>(rank(*with, "kz-distributor"))], "worked_together");
  ASSERT_NE(worked, nullptr);
  EXPECT_THAT(worked->items, ElementsAre("2", "2024"));
  // Two joint works give 0.8, halved: Kazakhstan is not the market the licence is for (RU).
  EXPECT_DOUBLE_EQ(worked->contribution, kWeights.history * 0.8 * 0.5);

  // A need for Kazakhstan keeps the full weight for the Kazakh partner.
  domain::Opportunity kz_need = *o;
  kz_need.target_countries = {"KZ"};
  auto for_kz = matcher_->ForOpportunity(kz_need, *owner, options);
  ASSERT_TRUE(for_kz.ok());
  ASSERT_FALSE(for_kz->empty());
  EXPECT_EQ((*for_kz)[0].id, "kz-distributor");
  EXPECT_DOUBLE_EQ(FindReason((*for_kz)[0], "worked_together")->contribution, kWeights.history * 0.8);
  const Candidate& investor = (*with)[static_cast<std::size_t>(rank(*with, "il-investor"))];
  ASSERT_NE(FindReason(investor, "partners_in_common"), nullptr);
  EXPECT_THAT(FindReason(investor, "partners_in_common")->items, ElementsAre("1"));
}

TEST_F(MatcherTest, APastPartnerWhosePostTheTextFoundIsProposedToo) {
  // The investor's post is about antibodies, its profile is not: the text
  // finds the post only. The organisation still competes, once, by history.
  domain::Opportunity post;
  post.id = "opp-il-antibodies";
  post.organization_id = "il-investor";
  post.direction = "offer";
  post.cooperation = {"investment"};
  post.title = {{"en", "Investment in monoclonal antibody licensing deals for oncology"}};
  ASSERT_TRUE(store_->CreateOpportunity(post, {"test", Now()}).ok());
  domain::Collaboration joint;
  joint.id = "j1";
  joint.organizations = {"de-biotech", "il-investor"};
  std::vector<storage::DirectoryRecord> records{joint};
  ASSERT_TRUE(store_->ImportRecords(records, {"test", Now()})[0].ok());
  ASSERT_TRUE(index_->CatchUp(*store_).ok());
  auto history = LoadPartnerHistory(*store_, "de-biotech");
  ASSERT_TRUE(history.ok());

  auto o = store_->GetOpportunity("opp-de-license");
  auto owner = store_->GetOrganization("de-biotech");
  MatchOptions options = Outsider();
  options.history = &*history;
  auto matches = matcher_->ForOpportunity(*o, *owner, options);
  ASSERT_TRUE(matches.ok());
  std::vector<std::string> ids = Ids(*matches);
  EXPECT_THAT(ids, Contains("opp-il-antibodies"));
  EXPECT_THAT(ids, Contains("il-investor"));
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end()) << "a record proposed twice";
}

TEST_F(MatcherTest, ReasonsReadInTheViewersLanguage) {
  const domain::Taxonomies& t = domain::Taxonomies::Builtin();
  const text::Vocabulary& v = text::Vocabulary::Builtin();
  const Reason market{"target_market", 0.15, {"RU"}};
  EXPECT_EQ(ExplainReason(market, "en", v, t), "Based in Russian Federation, your target market");
  EXPECT_EQ(ExplainReason(market, "zh", v, t), "位于您的目标市场：俄罗斯");
  EXPECT_EQ(ExplainReason(market, "ru", v, t), "Находится в целевой для вас стране: Российская Федерация");
  const Reason kind{"partner_kind", 0.2, {"hospital", "clinical_trial"}};
  EXPECT_EQ(ExplainReason(kind, "zh", v, t), "医院或诊所：正是临床试验所需要的合作方");
  const Reason concepts{"shared_concepts", 0.3, {"coop_clinical_trial", "rehabilitation_equipment"}};
  EXPECT_EQ(ExplainReason(concepts, "ru", v, t), "Общие темы: Клинические исследования, Реабилитационное оборудование");
  EXPECT_EQ(ExplainReason(concepts, "de", v, t), "Both are about Clinical trials, Rehabilitation equipment");
  const Reason worked{"worked_together", 0.24, {"2", "2024"}};
  EXPECT_EQ(ExplainReason(worked, "en", v, t), "Worked with you before: 2 joint projects, the latest in 2024");
  EXPECT_EQ(ExplainReason(worked, "zh", v, t), "曾与您合作：共同项目2个，最近一次在2024年");
  EXPECT_EQ(ExplainReason(worked, "ru", v, t), "Уже работали с вами: совместных проектов — 2, последний — в 2024 г.");
  EXPECT_EQ(ExplainReason({"worked_together", 0.18, {"1", ""}}, "en", v, t), "Worked with you before: 1 joint project");
  EXPECT_EQ(ExplainReason({"partners_in_common", 0.1, {"3"}}, "ru", v, t), "Общих с вами партнеров: 3");
  // Read by anyone but the source's own members, no reason says "you".
  const Reason country{"targets_your_country", 0.1, {"CN"}};
  EXPECT_EQ(ExplainReason(country, "en", v, t), "Looking for partners in China, where you are");
  EXPECT_EQ(ExplainReason(country, "en", v, t, Addressee::kOther), "Looking for partners in China, where this organisation is");
  EXPECT_EQ(ExplainReason(worked, "en", v, t, Addressee::kOther),
            "Worked with this organisation before: 2 joint projects, the latest in 2024");
  const std::vector<Reason> all = {market, kind, concepts, worked, country, {"partners_in_common", 0.1, {"3"}},
                                   {"offer_meets_request", 0.3, {"distribution"}},
                                   {"request_meets_offer", 0.3, {"distribution"}},
                                   {"looks_for_your_kind", 0.2, {"distributor", "distribution"}},
                                   {"market_presence", 0.1, {"KZ"}}, {"certification", 0.1, {"iso_13485"}},
                                   {"wants_what_you_bring", 0.14, {"KZ"}}, {"brings_what_you_want", 0.14, {"RU"}}};
  for (const Reason& r : all) {
    for (const char* language : {"en", "zh", "ru"}) {
      const std::string sentence = ExplainReason(r, language, v, t, Addressee::kOther);
      for (const char* you : {"you", "You", "您", "вас", "ваш", "Ваш"}) {
        EXPECT_EQ(sentence.find(you), std::string::npos) << r.code << " in " << language << ": " << sentence;
      }
    }
  }
}

}  // namespace
}  // namespace biobridge::match
