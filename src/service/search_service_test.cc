#include "service/search_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/service_env.h"

namespace biobridge::service {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

json::object Json(std::string_view text) { return json::parse(text).as_object(); }

class SearchServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_.Organization("org-ru", "RU", "hospital");
    env_.Organization("org-cn", "CN", "company");
    owner_ = env_.User("owner@example.cn", {{"org-cn", domain::MembershipRole::kAdmin}});
    ru_admin_ = env_.User("admin@example.ru", {{"org-ru", domain::MembershipRole::kAdmin}});
    // The Russian clinic describes itself in Russian only.
    ASSERT_TRUE(env_.directory
                    .PatchOrganization(ru_admin_, "org-ru", Json(R"({"name": {"en": null, "ru": "Клиника «Здоровье»"},
                        "description": {"ru": "Сеть клиник в Москве. Проводим клинические исследования медицинских изделий."},
                        "version": 1})"))
                    .ok());
    // The Chinese maker posts in Chinese only; one post is for members with a CDA only.
    ASSERT_TRUE(env_.directory
                    .CreateOpportunity(owner_, Json(R"({"id": "opp-trial", "organization": "org-cn", "direction": "request",
                        "cooperation": ["clinical_trial"], "title": {"zh": "寻找医院开展临床试验"},
                        "description": {"zh": "康复机器人需要在俄罗斯开展临床试验。"}})"))
                    .ok());
    ASSERT_TRUE(env_.directory
                    .CreateOpportunity(owner_, Json(R"({"id": "opp-secret", "organization": "org-cn", "direction": "offer",
                        "cooperation": ["licensing_out"], "confidentiality": "cda", "title": {"zh": "秘密临床试验数据"},
                        "description": {"zh": "临床试验数据授权。"}})"))
                    .ok());
  }

  Result<SearchPage> Find(const Principal& who, SearchParams params) { return env_.search.Search(who, params); }
  // The Chinese maker posts `opportunity` (JSON).
  bool Post(std::string_view opportunity) { return env_.directory.CreateOpportunity(owner_, Json(opportunity)).ok(); }

  static std::vector<std::string> Ids(const SearchPage& page) {
    std::vector<std::string> ids;
    for (const SearchItem& i : page.items) ids.push_back(i.record.id);
    return ids;
  }

  biobridge::testing::ServiceEnv env_;
  Principal owner_;
  Principal ru_admin_;
};

TEST_F(SearchServiceTest, AChineseQueryFindsTheRussianClinicAndMarksWhy) {
  auto page = Find(Principal::Anonymous(), {.q = "临床试验", .type = "organization"});
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->query_language, "zh");
  EXPECT_EQ(page->language, "zh");
  EXPECT_THAT(page->query_concepts, ElementsAre("coop_clinical_trial"));
  ASSERT_THAT(Ids(*page), ElementsAre("org-ru"));
  const SearchItem& item = page->items[0];
  EXPECT_EQ(item.record.title, "Клиника «Здоровье»");  // no Chinese variant: the one there is
  EXPECT_EQ(item.record.title_language, "ru");
  EXPECT_EQ(item.snippet_language, "ru");
  ASSERT_TRUE(search::HasMatch(item.snippet));
  std::string marked;
  for (const auto& p : item.snippet) marked += p.highlight ? "[" + p.text + "]" : p.text;
  EXPECT_THAT(marked, HasSubstr("[клинические исследования]"));
  EXPECT_THAT(item.matched_concepts, ElementsAre("coop_clinical_trial"));
}

TEST_F(SearchServiceTest, ConfidentialPostsStayWithTheirOrganisation) {
  auto outsider = Find(ru_admin_, {.q = "临床试验"});
  ASSERT_TRUE(outsider.ok());
  EXPECT_THAT(Ids(*outsider), ::testing::UnorderedElementsAre("org-ru", "opp-trial"));
  EXPECT_EQ(outsider->total, 2);
  auto owner = Find(owner_, {.q = "临床试验"});
  ASSERT_TRUE(owner.ok());
  EXPECT_THAT(Ids(*owner), ::testing::Contains("opp-secret"));
  EXPECT_EQ(owner->total, 3);
}

TEST_F(SearchServiceTest, WritesAreSearchableBeforeTheyAreAnswered) {
  ASSERT_TRUE(env_.directory
                  .CreateOpportunity(owner_, Json(R"({"id": "opp-new", "organization": "org-cn", "direction": "offer",
                      "cooperation": ["distribution"], "title": {"en": "Wound dressings for distributors"}})"))
                  .ok());
  auto page = Find(Principal::Anonymous(), {.q = "перевязочные материалы"});  // Russian for wound dressings
  ASSERT_TRUE(page.ok());
  EXPECT_THAT(Ids(*page), ElementsAre("opp-new"));
  ASSERT_TRUE(env_.directory.DeleteOpportunity(owner_, "opp-new", 1).ok());
  // Gone (what is found now is about what dressings are a kind of, and says so).
  EXPECT_THAT(Ids(*Find(Principal::Anonymous(), {.q = "перевязочные материалы"})), Not(::testing::Contains("opp-new")));
}

TEST_F(SearchServiceTest, FacetsAndPages) {
  auto page = Find(Principal::Anonymous(), {.q = "临床试验", .per_page = 1});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 2);
  EXPECT_EQ(page->items.size(), 1u);
  EXPECT_THAT(page->facets.at("country"),
              ::testing::UnorderedElementsAre(search::FacetValue{"RU", 1}, search::FacetValue{"CN", 1}));
  EXPECT_EQ(Find(Principal::Anonymous(), {.q = "临床试验", .page = 2, .per_page = 1})->items.size(), 1u);
  EXPECT_EQ(Ids(*Find(Principal::Anonymous(), {.q = "临床试验", .country = "ru"})), std::vector<std::string>{"org-ru"});
}

TEST_F(SearchServiceTest, BadInputIsRefusedNamingTheParameter) {
  auto field_of = [&](SearchParams p) {
    auto r = Find(Principal::Anonymous(), p);
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    return r.status().field() + ": " + r.status().message();
  };
  EXPECT_THAT(field_of({.q = "   "}), HasSubstr("q: "));
  EXPECT_THAT(field_of({.q = std::string(501, 'a')}), HasSubstr("q: q is 501 characters long"));
  EXPECT_THAT(field_of({.q = "?!… ，。"}), HasSubstr("q: q has no words"));
  EXPECT_THAT(field_of({.q = "the and of"}), HasSubstr("q: q has no words"));
  EXPECT_THAT(field_of({.q = "vaccine", .lang = "xx"}), HasSubstr("lang: unknown language 'xx'"));
  EXPECT_THAT(field_of({.q = "vaccine", .type = "person"}), HasSubstr("type: "));
  EXPECT_THAT(field_of({.q = "vaccine", .country = "ZZ"}), HasSubstr("country: unknown code"));
  EXPECT_THAT(field_of({.q = "vaccine", .stage = "phase9"}), HasSubstr("stage: unknown code"));
  EXPECT_THAT(field_of({.q = "vaccine", .page = 0}), HasSubstr("page: "));
  EXPECT_THAT(field_of({.q = "vaccine", .per_page = 101}), HasSubstr("per_page: "));
  EXPECT_THAT(field_of({.q = "临床试验", .page = 3, .per_page = 1}), HasSubstr("page: page 3 is past the last page, 2"));
  EXPECT_THAT(field_of({.q = "vaccine", .page = 2}), HasSubstr("page: there are no results"));
  EXPECT_THAT(field_of({.q = "vaccine", .page = 101, .per_page = 100}), HasSubstr("page: only the first 10000"));
  // A query that finds nothing on page 1 is not an error.
  auto none = Find(Principal::Anonymous(), {.q = "vaccine"});
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->total, 0);
}

// A search for a known concept never comes back empty when records about
// what it is a kind of exist: CAR-T finds cell therapy, a Russian derivation
// finds the word it comes from; the page says what it searched for instead.
TEST_F(SearchServiceTest, NothingAsTypedSearchesForWhatTheQueryIsAbout) {
  ASSERT_TRUE(Post(R"({"id": "opp-cells", "organization": "org-cn", "direction": "offer",
                      "cooperation": ["manufacturing"], "title": {"en": "Cell therapy manufacturing under GMP"}})"));
  ASSERT_TRUE(Post(R"({"id": "opp-stents", "organization": "org-cn", "direction": "offer",
                      "cooperation": ["distribution"], "title": {"en": "Drug-eluting coronary stents"}})"));
  for (const char* q : {"CAR-T 细胞治疗", "CAR-T"}) {
    auto page = Find(Principal::Anonymous(), {.q = q});
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    EXPECT_THAT(Ids(*page), ElementsAre("opp-cells")) << q;
    EXPECT_THAT(page->broadened_to, ElementsAre("car_t", "cell_therapy")) << q;
  }
  auto stenting = Find(Principal::Anonymous(), {.q = "стентирование"});
  ASSERT_TRUE(stenting.ok());
  ASSERT_FALSE(stenting->items.empty());
  EXPECT_EQ(stenting->items[0].record.id, "opp-stents");
  EXPECT_EQ(stenting->broadened_to.front(), "dev_stents");
  // Found as typed: nothing broadened.
  auto typed = Find(Principal::Anonymous(), {.q = "cell therapy"});
  ASSERT_TRUE(typed.ok());
  EXPECT_THAT(Ids(*typed), ::testing::Contains("opp-cells"));
  EXPECT_TRUE(typed->broadened_to.empty());
  // Nothing known: nothing invented.
  auto nothing = Find(Principal::Anonymous(), {.q = "xyzzy"});
  ASSERT_TRUE(nothing.ok());
  EXPECT_EQ(nothing->total, 0);
  EXPECT_TRUE(nothing->broadened_to.empty());
  EXPECT_TRUE(nothing->did_you_mean.empty());
  EXPECT_TRUE(nothing->suggestions.empty());
}

// A misspelt word gets "did you mean" from the vocabulary, and concepts near
// what was typed are offered — each only when it finds something for the
// viewer, so neither says what hidden records hold.
TEST_F(SearchServiceTest, NothingFoundOffersACorrectionAndNearbyConcepts) {
  ASSERT_TRUE(Post(R"({"id": "opp-heart", "organization": "org-cn", "direction": "offer",
                      "cooperation": ["licensing_out"], "title": {"en": "Cardiology imaging software"}})"));
  ASSERT_TRUE(Post(R"({"id": "opp-stentys", "organization": "org-cn", "direction": "offer",
                      "cooperation": ["distribution"], "title": {"en": "Stentys self-apposing devices"}})"));
  // Found by another word: the misspelt one is still put right, and its
  // concepts are not offered (there are results to look at).
  auto typo = Find(Principal::Anonymous(), {.q = "Cardiolgy software"});
  ASSERT_TRUE(typo.ok()) << typo.status().ToString();
  ASSERT_EQ(typo->total, 1) << "software matches as typed";
  EXPECT_EQ(typo->did_you_mean, "cardiology software");
  EXPECT_TRUE(typo->suggestions.empty());
  // A word one letter from a label word ("stents") that records use as
  // spelt is a name, not a misspelling.
  auto name = Find(Principal::Anonymous(), {.q = "Stentys"});
  ASSERT_TRUE(name.ok());
  EXPECT_THAT(Ids(*name), ElementsAre("opp-stentys"));
  EXPECT_TRUE(name->did_you_mean.empty());

  auto page = Find(Principal::Anonymous(), {.q = "Cardiolgy imagng"});
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->total, 0);
  EXPECT_EQ(page->did_you_mean, "cardiology imaging");
  EXPECT_THAT(page->suggestions, ::testing::Contains("area_cardiovascular"));
  auto corrected = Find(Principal::Anonymous(), {.q = page->did_you_mean});
  ASSERT_TRUE(corrected.ok());
  EXPECT_THAT(Ids(*corrected), ElementsAre("opp-heart"));

  // Russian, and the beginning of a word.
  auto ru = Find(Principal::Anonymous(), {.q = "кардиолоия"});
  ASSERT_TRUE(ru.ok());
  EXPECT_EQ(ru->did_you_mean, "кардиология");
  // A dropped vowel keeps a word's sound skeleton: кардиолгия finds the
  // English record by sound, and is put right all the same.
  auto by_sound = Find(Principal::Anonymous(), {.q = "кардиолгия"});
  ASSERT_TRUE(by_sound.ok());
  EXPECT_THAT(Ids(*by_sound), ElementsAre("opp-heart"));
  EXPECT_EQ(by_sound->did_you_mean, "кардиология");
  auto prefix = Find(Principal::Anonymous(), {.q = "cardio"});
  ASSERT_TRUE(prefix.ok());
  EXPECT_TRUE(prefix->did_you_mean.empty()) << "a beginning is not a misspelling";
  EXPECT_THAT(prefix->suggestions, ::testing::Contains("area_cardiovascular"));

  // Chinese: concepts whose labels share character pairs.
  auto zh = Find(Principal::Anonymous(), {.q = "心脏学"});
  ASSERT_TRUE(zh.ok());
  EXPECT_EQ(zh->total, 0);
  EXPECT_THAT(zh->suggestions, ::testing::Contains("area_cardiovascular"));

  // A correction or concept that finds nothing is not offered: here the
  // only record about it is for members with a CDA, which its owner sees.
  ASSERT_TRUE(Post(R"({"id": "opp-lungs", "organization": "org-cn", "direction": "offer",
                      "cooperation": ["licensing_out"], "confidentiality": "cda",
                      "title": {"en": "Pulmonology inhaler platform"}})"));
  auto hidden = Find(Principal::Anonymous(), {.q = "pulmonolgy"});
  ASSERT_TRUE(hidden.ok());
  EXPECT_EQ(hidden->total, 0);
  EXPECT_TRUE(hidden->did_you_mean.empty());
  EXPECT_THAT(hidden->suggestions, Not(::testing::Contains("area_respiratory")));
  auto own = Find(owner_, {.q = "pulmonolgy"});
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(own->did_you_mean, "pulmonology");
  EXPECT_THAT(own->suggestions, ::testing::Contains("area_respiratory"));
  // Later pages have nothing to offer: the first one said it.
  EXPECT_EQ(Find(owner_, {.q = "pulmonolgy", .page = 2}).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace biobridge::service
