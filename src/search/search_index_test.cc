#include "search/search_index.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_store.h"
#include "tests/support/temp_dir.h"
#include "storage/store.h"

namespace biobridge::search {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

const text::Vocabulary& V() { return text::Vocabulary::Builtin(); }

Timestamp Now() { return *ParseTimestamp("2026-11-23T09:00:00Z"); }

class SearchIndexTest : public ::testing::TestWithParam<bool /*on disk*/> {
 protected:
  void SetUp() override {
    auto store = storage::sqlite::SqliteStore::Open({.path = dir_.File("biobridge.db")}, Now());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    OpenIndex();
    // Each record is written in one language only.
    AddOrganization("org-ru-clinic", "RU", "hospital", {{"ru", "Сеть клиник «Здоровье»"}},
                    {{"ru", "Сеть многопрофильных клиник в Москве. Проводим клинические исследования лекарственных "
                            "препаратов и медицинских изделий."}},
                    {"oncology"});
    AddOrganization("org-cn-device", "CN", "company", {{"zh", "苏州康复器械有限公司"}},
                    {{"zh", "医疗器械生产企业，生产康复机器人，拥有ISO 13485认证。"}}, {"rehabilitation"});
    AddOrganization("org-de-mab", "DE", "company", {{"en", "Rhein Biologics"}},
                    {{"en", "CDMO for monoclonal antibodies under EU GMP."}}, {"oncology"});
    AddOpportunity("opp-cn-trial", "org-cn-device", "request", {"clinical_trial"},
                   {{"zh", "寻找医院合作开展临床试验"}}, {{"zh", "我们的康复机器人需要在俄罗斯进行临床试验。"}}, "public");
    AddOpportunity("opp-de-secret", "org-de-mab", "offer", {"manufacturing"}, {{"en", "Antibody fill-finish slot"}},
                   {{"en", "Confidential capacity for monoclonal antibodies."}}, "cda");
    Sync();
  }

  void OpenIndex() {
    index_.reset();
    auto index = GetParam() ? SearchIndex::Open(dir_.File("search"), V()) : SearchIndex::OpenInMemory(V());
    ASSERT_TRUE(index.ok()) << index.status().ToString();
    index_ = std::move(index).value();
  }

  void Sync() {
    auto applied = index_->CatchUp(*store_);
    ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  }

  void AddOrganization(const std::string& id, const std::string& country, const std::string& kind,
                       domain::LocalizedText name, domain::LocalizedText description, std::vector<std::string> areas) {
    domain::Organization o;
    o.id = id;
    o.country = country;
    o.kind = kind;
    o.name = std::move(name);
    o.description = std::move(description);
    o.therapeutic_areas = std::move(areas);
    ASSERT_TRUE(store_->CreateOrganization(o, {"test", Now()}).ok());
  }

  void AddOpportunity(const std::string& id, const std::string& org, const std::string& direction,
                      std::vector<std::string> cooperation, domain::LocalizedText title,
                      domain::LocalizedText description, const std::string& tier) {
    domain::Opportunity o;
    o.id = id;
    o.organization_id = org;
    o.direction = direction;
    o.cooperation = std::move(cooperation);
    o.title = std::move(title);
    o.description = std::move(description);
    o.confidentiality = tier;
    ASSERT_TRUE(store_->CreateOpportunity(o, {"test", Now()}).ok());
  }

  SearchResult Find(std::string_view q, SearchFilter filter = {}, bool facets = false) {
    const QueryAnalysis analysis = AnalyzeQuery(q, V());
    SearchRequest request{.query = &analysis, .filter = std::move(filter), .facets = facets};
    auto result = index_->Search(request);
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    return result.ok() ? *result : SearchResult{};
  }

  static std::vector<std::string> Ids(const SearchResult& r) {
    std::vector<std::string> ids;
    for (const SearchHit& h : r.hits) ids.push_back(h.id);
    return ids;
  }

  static SearchFilter Outsider() { return {.visible_tiers = {"public", "members"}}; }

  biobridge::testing::TempDir dir_;
  std::unique_ptr<storage::sqlite::SqliteStore> store_;
  std::unique_ptr<SearchIndex> index_;
};

TEST_P(SearchIndexTest, ChineseQueryFindsRussianTextThroughConcepts) {
  // "clinical trials" in Chinese; the clinic network writes only Russian.
  const SearchResult r = Find("临床试验", {.type = RecordType::kOrganization});
  EXPECT_THAT(Ids(r), ElementsAre("org-ru-clinic"));
}

TEST_P(SearchIndexTest, RussianQueryFindsChineseAndEnglishText) {
  EXPECT_THAT(Ids(Find("реабилитационные роботы")), ::testing::Contains("org-cn-device"));
  EXPECT_THAT(Ids(Find("моноклональные антитела", Outsider())), ElementsAre("org-de-mab"));
}

TEST_P(SearchIndexTest, EnglishQueryFindsChineseText) {
  EXPECT_THAT(Ids(Find("ISO 13485 medical device manufacturer")), ::testing::Contains("org-cn-device"));
}

// A medicine the vocabulary does not know, written as Russian writes it by
// sound: the search box finds it from either script, and a record that has
// both spellings scores no more than one that has one.
TEST_P(SearchIndexTest, ANameFindsItsSpellingInTheOtherScript) {
  AddOrganization("org-ru-hem", "RU", "hospital", {{"ru", "Гематологический центр"}},
                  {{"ru", "Клинические исследования руксолитиниба при миелофиброзе."}}, {"hematology"});
  AddOrganization("org-en-hem", "GB", "hospital", {{"en", "Haematology Unit"}},
                  {{"en", "Ruxolitinib trials in myelofibrosis."}}, {"hematology"});
  AddOrganization("org-both", "KZ", "hospital", {{"en", "Steppe Clinic"}},
                  {{"en", "Ruxolitinib trials."}, {"ru", "Исследования руксолитиниба."}}, {"hematology"});
  Sync();
  EXPECT_THAT(Ids(Find("ruxolitinib")), UnorderedElementsAre("org-ru-hem", "org-en-hem", "org-both"));
  EXPECT_THAT(Ids(Find("руксолитиниб")), UnorderedElementsAre("org-ru-hem", "org-en-hem", "org-both"));
  const SearchResult r = Find("ruxolitinib");
  ASSERT_EQ(r.hits.size(), 3u);
  double both = 0, english = 0;
  for (const SearchHit& h : r.hits) {
    if (h.id == "org-both") both = h.score;
    if (h.id == "org-en-hem") english = h.score;
  }
  EXPECT_LE(both, english * 1.5) << "two spellings of one word are not two matches";
  // Short words have no skeleton: nothing found by sound alone.
  EXPECT_THAT(Ids(Find("центр")), ElementsAre("org-ru-hem"));
}

// An index built with another vocabulary says so until it is rebuilt: its
// records carry concept terms today's queries do not ask for.
TEST_P(SearchIndexTest, AnIndexBuiltWithAnotherVocabularyAsksToBeRebuilt) {
  EXPECT_TRUE(index_->analysis_is_current());
  if (!GetParam()) return;  // an index in memory does not outlive its vocabulary
  constexpr std::string_view kOther = R"({"vocabulary": "other", "category": "disease", "source": "tests",
    "concepts": [{"id": "clinics", "en": ["Clinics"], "zh": ["诊所诊所"], "ru": ["Клиники"]}]})";
  std::string_view files[] = {kOther};
  const text::Vocabulary other = text::Vocabulary::FromJson(files).value();
  EXPECT_NE(other.fingerprint(), V().fingerprint());
  index_.reset();
  {
    auto stale = SearchIndex::Open(dir_.File("search"), other);
    ASSERT_TRUE(stale.ok()) << stale.status().ToString();
    EXPECT_FALSE((*stale)->analysis_is_current());
    ASSERT_TRUE((*stale)->CatchUp(*store_).ok());
    EXPECT_FALSE((*stale)->analysis_is_current()) << "catching up does not make old records new";
    ASSERT_TRUE((*stale)->Rebuild(*store_, 1).ok());
    EXPECT_TRUE((*stale)->analysis_is_current());
  }
  OpenIndex();  // today's vocabulary again: the index was rebuilt with the other one
  EXPECT_FALSE(index_->analysis_is_current());
  ASSERT_TRUE(index_->Rebuild(*store_, 1).ok());
  EXPECT_TRUE(index_->analysis_is_current());
  EXPECT_THAT(Ids(Find("临床试验", {.type = RecordType::kOrganization})), ElementsAre("org-ru-clinic"));
}

TEST_P(SearchIndexTest, TraditionalChineseQueryFindsSimplifiedText) {
  EXPECT_THAT(Ids(Find("醫療器械")), ::testing::Contains("org-cn-device"));
}

TEST_P(SearchIndexTest, FiltersAndFacets) {
  const SearchResult all = Find("monoclonal antibodies clinical trials rehabilitation", {}, true);
  EXPECT_EQ(all.total, 5);
  EXPECT_THAT(all.facets.at("type"), UnorderedElementsAre(FacetValue{"organization", 3}, FacetValue{"opportunity", 2}));
  const std::vector<FacetValue>& countries = all.facets.at("country");
  ASSERT_FALSE(countries.empty());
  EXPECT_EQ(countries[0].value, "CN");  // the device maker and its request
  EXPECT_EQ(countries[0].count, 2);
  EXPECT_THAT(Ids(Find("monoclonal antibodies clinical trials", {.country = "RU"})), ElementsAre("org-ru-clinic"));
  EXPECT_THAT(Ids(Find("临床试验", {.cooperation = "clinical_trial"})), ElementsAre("opp-cn-trial"));
  EXPECT_THAT(Ids(Find("临床试验", {.exclude_ids = {"org-ru-clinic", "opp-cn-trial"}})), ElementsAre());
}

TEST_P(SearchIndexTest, HiddenOpportunitiesAreNeitherFoundNorCounted) {
  const SearchResult outsider = Find("antibody", Outsider(), true);
  EXPECT_THAT(Ids(outsider), ElementsAre("org-de-mab"));
  EXPECT_EQ(outsider.total, 1);
  for (const FacetValue& v : outsider.facets.at("type")) EXPECT_NE(v.value, "opportunity");
  SearchFilter own = Outsider();
  own.own_organization_ids = {"org-de-mab"};
  EXPECT_THAT(Ids(Find("antibody", own)), UnorderedElementsAre("org-de-mab", "opp-de-secret"));
}

TEST_P(SearchIndexTest, FollowsUpdatesAndDeletes) {
  const std::int64_t seq = index_->applied_change_seq();
  EXPECT_EQ(seq, *store_->LatestChangeSeq());
  // The organisation moves: its opportunity's country filter follows.
  auto org = store_->GetOrganization("org-cn-device");
  org->country = "KZ";
  ASSERT_TRUE(store_->UpdateOrganization(*org, {"test", Now()}).ok());
  Sync();
  EXPECT_THAT(Ids(Find("临床试验", {.country = "KZ"})), UnorderedElementsAre("opp-cn-trial"));
  ASSERT_TRUE(store_->DeleteOpportunity("opp-cn-trial", 0, {"test", Now()}).ok());
  Sync();
  EXPECT_THAT(Ids(Find("临床试验", {.country = "KZ"})), ElementsAre());
  EXPECT_GT(index_->applied_change_seq(), seq);
  EXPECT_EQ(index_->document_count(), 4);
}

TEST_P(SearchIndexTest, RebuildGivesTheSameIndex) {
  const std::vector<std::string> before = Ids(Find("临床试验 antibody", Outsider()));
  ASSERT_TRUE(index_->Rebuild(*store_, 2).ok());
  EXPECT_EQ(Ids(Find("临床试验 antibody", Outsider())), before);
  EXPECT_EQ(index_->document_count(), 5);
  EXPECT_EQ(index_->applied_change_seq(), *store_->LatestChangeSeq());
}

TEST_P(SearchIndexTest, ProfileSearchRanksByWeightedTerms) {
  TermProfile profile = AnalyzeText("monoclonal antibodies GMP", 1.0, V());
  SearchRequest request{.profile = &profile, .filter = {.type = RecordType::kOrganization}};
  auto result = index_->Search(request);
  ASSERT_TRUE(result.ok());
  ASSERT_FALSE(result->hits.empty());
  EXPECT_EQ(result->hits[0].id, "org-de-mab");
  EXPECT_EQ(result->hits[0].organization_id, "org-de-mab");
}

// A medicine no vocabulary lists, written by sound in Russian, finds the
// English record naming it, and the other way round (text/transliterate.h).
TEST_P(SearchIndexTest, ProfileSearchMeetsMedicineNamesAcrossCyrillicAndLatin) {
  AddOrganization("org-il-piclidenoson", "IL", "company", {{"en", "Galilee Adenosine Therapeutics"}},
                  {{"en", "Phase 3 programme of piclidenoson in psoriasis."}}, {});
  AddOrganization("org-ru-ruxolitinib", "RU", "company", {{"ru", "Волга Фарма"}},
                  {{"ru", "Воспроизведенный руксолитиниб для гематологии."}}, {});
  Sync();
  auto first_of = [&](std::string_view need) {
    TermProfile profile = AnalyzeText(need, 1.0, V());
    SearchRequest request{.profile = &profile, .filter = {.type = RecordType::kOrganization}};
    auto result = index_->Search(request);
    EXPECT_TRUE(result.ok());
    return result.ok() && !result->hits.empty() ? result->hits[0].id : std::string("(nothing)");
  };
  EXPECT_EQ(first_of("Ищем партнера по пиклиденосону"), "org-il-piclidenoson");
  EXPECT_EQ(first_of("generic ruxolitinib"), "org-ru-ruxolitinib");
  // A word is not matched twice in its own script: the English spelling
  // scores the English record no higher than its word alone would.
  TermProfile english = AnalyzeText("piclidenoson", 1.0, V());
  EXPECT_EQ(english.terms.count("TLPKLDNSN"), 1u);
  SearchRequest request{.profile = &english, .filter = {.type = RecordType::kOrganization}};
  auto with_key = index_->Search(request);
  english.terms.erase("TLPKLDNSN");
  auto without_key = index_->Search(request);
  ASSERT_TRUE(with_key.ok() && without_key.ok());
  ASSERT_FALSE(with_key->hits.empty());
  EXPECT_DOUBLE_EQ(with_key->hits[0].score, without_key->hits[0].score);
}

INSTANTIATE_TEST_SUITE_P(Backends, SearchIndexTest, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "OnDisk" : "InMemory"; });

TEST(SearchIndexOnDiskTest, KeepsItsPlaceAcrossReopeningAndRefusesASecondWriter) {
  biobridge::testing::TempDir dir;
  auto store = storage::sqlite::SqliteStore::Open({.path = dir.File("b.db")}, Now());
  ASSERT_TRUE(store.ok());
  domain::Organization o;
  o.id = "org-1";
  o.country = "CN";
  o.kind = "company";
  o.name = {{"en", "Vaccine maker"}};
  ASSERT_TRUE((*store)->CreateOrganization(o, {"test", Now()}).ok());
  {
    auto index = SearchIndex::Open(dir.File("search"), V());
    ASSERT_TRUE(index.ok());
    EXPECT_EQ(*(*index)->CatchUp(**store), 1);
    auto second = SearchIndex::Open(dir.File("search"), V());
    EXPECT_EQ(second.status().code(), StatusCode::kUnavailable);
  }
  auto index = SearchIndex::Open(dir.File("search"), V());
  ASSERT_TRUE(index.ok());
  EXPECT_EQ(*(*index)->CatchUp(**store), 0);  // nothing new
  EXPECT_EQ((*index)->document_count(), 1);
}

}  // namespace
}  // namespace biobridge::search
