#include "domain/taxonomy.h"

#include <gtest/gtest.h>

namespace biobridge::domain {
namespace {

TEST(TaxonomyTest, BuiltinHoldsTheInterchangeVocabulary) {
  const Taxonomies& t = Taxonomies::Builtin();
  for (const char* kind : {"company", "hospital", "university", "research_institute", "investor", "supplier",
                           "distributor", "association", "government", "other"}) {
    EXPECT_TRUE(t.organization_kinds().Contains(kind)) << kind;
  }
  for (const char* type : {"licensing_in", "licensing_out", "co_development", "distribution", "market_entry",
                           "joint_venture", "investment", "supply", "manufacturing", "clinical_trial",
                           "research_collaboration", "technology_transfer", "other"}) {
    EXPECT_TRUE(t.cooperation_types().Contains(type)) << type;
  }
  for (const char* stage : {"discovery", "preclinical", "clinical_phase1", "clinical_phase2", "clinical_phase3",
                            "registration", "marketed", "not_applicable"}) {
    EXPECT_TRUE(t.stages().Contains(stage)) << stage;
  }
  EXPECT_EQ(t.countries().entries().size(), 250u);  // ISO 3166-1 and XK
  EXPECT_EQ(t.languages().entries().size(), 184u);
}

TEST(TaxonomyTest, EveryEntryIsLabelledInEnglishChineseAndRussian) {
  for (const Taxonomy& taxonomy : Taxonomies::Builtin().all()) {
    EXPECT_FALSE(taxonomy.source().empty()) << taxonomy.name();
    for (const TaxonomyEntry& e : taxonomy.entries()) {
      for (const char* language : {"en", "zh", "ru"}) {
        const std::string* label = e.labels.Find(language);
        ASSERT_NE(label, nullptr) << taxonomy.name() << "/" << e.code << " lacks " << language;
        EXPECT_FALSE(label->empty()) << taxonomy.name() << "/" << e.code;
      }
    }
  }
}

TEST(TaxonomyTest, CountriesCarryMembershipGroups) {
  const Taxonomy& countries = Taxonomies::Builtin().countries();
  const TaxonomyEntry* ru = countries.Find("RU");
  ASSERT_NE(ru, nullptr);
  EXPECT_EQ(*ru->labels.Find("zh"), "俄罗斯");
  EXPECT_TRUE(ru->InGroup("sco"));
  EXPECT_TRUE(ru->InGroup("eaeu"));
  EXPECT_FALSE(ru->InGroup("eu"));
  EXPECT_TRUE(countries.Find("CN")->InGroup("ich"));
  EXPECT_TRUE(countries.Find("DE")->InGroup("eu"));
  EXPECT_TRUE(countries.Find("KZ")->InGroup("eaeu"));
  EXPECT_FALSE(countries.Find("IL")->InGroup("sco"));
  std::size_t eu = 0;
  for (const auto& e : countries.entries()) eu += e.InGroup("eu");
  EXPECT_EQ(eu, 27u);
}

TEST(TaxonomyTest, RefusesMalformedData) {
  EXPECT_FALSE(Taxonomy::FromJson("{}").ok());
  auto dup = Taxonomy::FromJson(R"({"taxonomy":"x","entries":[{"code":"a","labels":{"en":"A"}},
                                                               {"code":"a","labels":{"en":"B"}}]})");
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().field(), "x.entries[1]");
  EXPECT_FALSE(Taxonomy::FromJson(R"({"taxonomy":"x","entries":[{"code":"a","labels":{"zh":"甲"}}]})").ok());
}

TEST(TaxonomyTest, ListsCodesForMessages) {
  Taxonomy t("t", "", {{"a", {{"en", "A"}}, {}}, {"b", {{"en", "B"}}, {}}, {"c", {{"en", "C"}}, {}}});
  EXPECT_EQ(t.CodeList(), "a, b, c");
  EXPECT_EQ(t.CodeList(2), "a, b, ...");
}

}  // namespace
}  // namespace biobridge::domain
