#include "search/analysis.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace biobridge::search {
namespace {

using ::testing::Contains;
using ::testing::Key;
using ::testing::Not;

const text::Vocabulary& V() { return text::Vocabulary::Builtin(); }

std::set<std::string> ConceptIds(const TermProfile& p) {
  std::set<std::string> ids;
  for (const auto& [c, w] : p.concepts) ids.insert(V().concepts()[c].id);
  return ids;
}

TEST(AnalyzeTextTest, StemsBigramsLongHanWordsAndConcepts) {
  const TermProfile p = AnalyzeText("GMP production of monoclonal antibodies; 生产单克隆抗体", 1.0, V());
  EXPECT_THAT(p.terms, Contains(Key("antibodi")));
  EXPECT_THAT(p.terms, Contains(Key("单克")));
  EXPECT_THAT(p.terms, Contains(Key("克隆")));
  EXPECT_THAT(p.terms, Not(Contains(Key("of"))));  // function word
  EXPECT_THAT(ConceptIds(p), ::testing::IsSupersetOf({"gmp", "monoclonal_antibody"}));
  // Two mentions of one concept weigh twice.
  EXPECT_DOUBLE_EQ(p.concepts.at(static_cast<std::uint32_t>(V().IndexOf("monoclonal_antibody"))), 2.0);
}

TEST(AnalyzeTextTest, BroaderConceptsGetHalfTheWeight) {
  const TermProfile p = AnalyzeText("NSCLC", 2.0, V());
  EXPECT_DOUBLE_EQ(p.concepts.at(static_cast<std::uint32_t>(V().IndexOf("nsclc"))), 2.0);
  EXPECT_DOUBLE_EQ(p.concepts.at(static_cast<std::uint32_t>(V().IndexOf("lung_cancer"))), 1.0);
}

TEST(AnalyzeRecordTest, TitlesWeighMoreThanDescriptions) {
  domain::Opportunity o;
  o.title = {{"en", "Vaccine"}};
  o.description = {{"en", "We develop a vaccine and a diagnostic."}};
  const TermProfile p = AnalyzeOpportunity(o, V());
  EXPECT_DOUBLE_EQ(p.terms.at("vaccin"), 4.0);  // 3 (title) + 1 (description)
  EXPECT_DOUBLE_EQ(p.terms.at("diagnost"), 1.0);
}

TEST(AnalyzeQueryTest, UnitsAreConceptsWordsAndHanRuns) {
  const QueryAnalysis q = AnalyzeQuery("单克隆抗体 生产 Almaty", V());
  EXPECT_EQ(q.language, "zh");
  ASSERT_EQ(q.units.size(), 3u);
  EXPECT_EQ(q.units[0].surface, "单克隆抗体");
  EXPECT_EQ(V().concepts()[static_cast<std::size_t>(q.units[0].concept_index)].id, "monoclonal_antibody");
  EXPECT_THAT(q.units[0].terms, ::testing::ElementsAre("单克", "克隆", "隆抗", "抗体"));
  EXPECT_EQ(q.units[1].surface, "生产");
  EXPECT_TRUE(q.units[1].han);
  EXPECT_EQ(q.units[1].concept_index, -1);
  EXPECT_EQ(q.units[2].surface, "Almaty");
  EXPECT_THAT(q.stems, Contains("almati"));
}

TEST(AnalyzeQueryTest, NothingToSearchFor) {
  EXPECT_TRUE(AnalyzeQuery("", V()).empty());
  EXPECT_TRUE(AnalyzeQuery("?!... ，。", V()).empty());
  EXPECT_TRUE(AnalyzeQuery("the of and", V()).empty());
  EXPECT_FALSE(AnalyzeQuery("hiv", V()).empty());
}

}  // namespace
}  // namespace biobridge::search
