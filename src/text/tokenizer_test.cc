#include "text/tokenizer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace biobridge::text {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Stems(std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(text)) out.push_back(t.stem);
  return out;
}

TEST(TokenizeTest, StemsEnglishAndRussian) {
  EXPECT_THAT(Stems("Monoclonal antibodies, manufactured."), ElementsAre("monoclon", "antibodi", "manufactur"));
  EXPECT_EQ(Stem("antibody"), Stem("antibodies"));
  EXPECT_EQ(Stem("антитела"), Stem("антител"));
  EXPECT_EQ(Stem("моноклональные"), Stem("моноклональных"));
  EXPECT_EQ(Tokenize("Лёгкие")[0].stem, Tokenize("легкие")[0].stem);
  // Stems are stable: a stem stems to itself, so forms meet.
  EXPECT_EQ(Stem("энцефалит"), Stem("энцефалита"));
  EXPECT_EQ(Stem(Stem("manufacturing")), Stem("manufacturing"));
}

TEST(TokenizeTest, KeepsByteOffsetsOfTheOriginalText) {
  const std::string text = "ＧＭＰ – Производство";
  const std::vector<Token> tokens = Tokenize(text);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin), "ＧＭＰ");
  EXPECT_EQ(tokens[0].normalized, "gmp");
  EXPECT_TRUE(tokens[0].acronym);
  EXPECT_EQ(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin), "Производство");
  EXPECT_FALSE(tokens[1].acronym);
}

TEST(TokenizeTest, SegmentsChineseByDictionaryIntoRuns) {
  const std::vector<Token> tokens = Tokenize("寻找医院合作伙伴，开展临床试验");
  ASSERT_GE(tokens.size(), 4u);
  for (const Token& t : tokens) EXPECT_EQ(t.kind, TokenKind::kHan);
  EXPECT_EQ(tokens[0].normalized, "寻找");
  const std::vector<HanRun> runs = FindHanRuns(tokens);
  ASSERT_EQ(runs.size(), 2u);  // the comma splits the runs
  EXPECT_EQ(runs[0].text, "寻找医院合作伙伴");
  EXPECT_EQ(runs[1].text, "开展临床试验");
  EXPECT_EQ(runs[1].last_token, tokens.size() - 1);
}

TEST(TokenizeTest, BigramsFindTermsMissingFromTheDictionary) {
  // 单克隆 is not one ICU word, but its bigrams occur in any text holding it.
  const std::vector<std::string> query = HanBigrams("单克隆");
  EXPECT_THAT(query, ElementsAre("单克", "克隆"));
  const std::vector<HanRun> runs = FindHanRuns(Tokenize("我们生产單克隆抗體"));  // traditional in the text
  ASSERT_EQ(runs.size(), 1u);
  const std::vector<std::string> text_bigrams = HanBigrams(runs[0].text);
  for (const std::string& b : query) EXPECT_THAT(text_bigrams, ::testing::Contains(b));
  EXPECT_THAT(HanBigrams("药"), ElementsAre("药"));
}

TEST(TokenizeTest, MixedScriptsAndNumbers) {
  const std::vector<Token> tokens = Tokenize("PD-1抑制剂 для COVID-19");
  std::vector<std::string> normalized;
  for (const Token& t : tokens) normalized.push_back(t.normalized);
  EXPECT_THAT(normalized, ::testing::IsSupersetOf({"pd", "1", "для", "covid", "19"}));
  EXPECT_EQ(tokens[1].kind, TokenKind::kNumber);
}

TEST(TokenizeTest, PunctuationAndEmptyGiveNothing) {
  EXPECT_TRUE(Tokenize("").empty());
  EXPECT_TRUE(Tokenize("!!! ... ，。 — ?").empty());
}

TEST(TokenizeTest, DropsOverlongWords) {
  const std::string longword(200, 'a');
  const std::vector<Token> tokens = Tokenize(longword + " vaccine");
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].stem, "vaccin");
}

TEST(StopWordTest, EnglishAndRussian) {
  EXPECT_TRUE(IsStopWord("the"));
  EXPECT_TRUE(IsStopWord("для"));
  EXPECT_FALSE(IsStopWord("vaccine"));
  EXPECT_FALSE(IsStopWord("рак"));
}

}  // namespace
}  // namespace biobridge::text
