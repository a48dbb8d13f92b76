#include "search/snippet.h"

#include "base/utf8.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace biobridge::search {
namespace {

const text::Vocabulary& V() { return text::Vocabulary::Builtin(); }

std::string Marked(const std::vector<SnippetPart>& parts) {
  std::string out;
  for (const SnippetPart& p : parts) out += p.highlight ? "[" + p.text + "]" : p.text;
  return out;
}

TEST(SnippetTest, MarksStemsOfTheQuery) {
  const QueryAnalysis q = AnalyzeQuery("antibody manufacturing", V());
  EXPECT_EQ(Marked(MakeSnippet("We manufacture antibodies in Suzhou.", q, V())),
            "We [manufacture antibodies] in Suzhou.");
}

TEST(SnippetTest, AChineseQueryMarksTheRussianWordsOfItsConcept) {
  const QueryAnalysis q = AnalyzeQuery("单克隆抗体", V());
  EXPECT_EQ(Marked(MakeSnippet("Производство моноклональных антител по GMP.", q, V())),
            "Производство [моноклональных антител] по GMP.");
}

TEST(SnippetTest, MarksANameWrittenInTheOtherScript) {
  const QueryAnalysis q = AnalyzeQuery("ruxolitinib", V());
  EXPECT_EQ(Marked(MakeSnippet("Исследование руксолитиниба при миелофиброзе.", q, V())),
            "Исследование [руксолитиниба] при миелофиброзе.");
  EXPECT_EQ(Marked(MakeSnippet("Ruxolitinib and rivaroxaban.", q, V())), "[Ruxolitinib] and rivaroxaban.");
}

TEST(SnippetTest, MarksHanWordsHoldingAQueryBigram) {
  const QueryAnalysis q = AnalyzeQuery("单克隆", V());
  const std::string marked = Marked(MakeSnippet("公司专注于單克隆抗體药物研发", q, V()));
  EXPECT_THAT(marked, ::testing::HasSubstr("["));
  EXPECT_THAT(marked, ::testing::HasSubstr("克隆"));
}

TEST(SnippetTest, MarksNarrowerConcepts) {
  const QueryAnalysis q = AnalyzeQuery("lung cancer", V());
  EXPECT_EQ(Marked(MakeSnippet("Trials in NSCLC.", q, V())), "Trials in [NSCLC].");
}

TEST(SnippetTest, CutsLongTextAroundTheFirstMark) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "filler words here ";
  text += "vaccine trials ";
  for (int i = 0; i < 40; ++i) text += "more words ";
  const std::vector<SnippetPart> parts = MakeSnippet(text, AnalyzeQuery("vaccine", V()), V(), 80);
  ASSERT_TRUE(HasMatch(parts));
  const std::string marked = Marked(parts);
  EXPECT_EQ(marked.rfind("…", 0), 0u);  // starts with an ellipsis
  EXPECT_THAT(marked, ::testing::HasSubstr("[vaccine]"));
  EXPECT_LE(CountCodePoints(marked), 80u + 4u);
  EXPECT_TRUE(MakeSnippet("", AnalyzeQuery("vaccine", V()), V()).empty());
}

TEST(SnippetTest, NoMarkWhenNothingMatches) {
  EXPECT_FALSE(HasMatch(MakeSnippet("Dental implants", AnalyzeQuery("vaccine", V()), V())));
}

}  // namespace
}  // namespace biobridge::search
