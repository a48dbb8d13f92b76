#include "text/spelling.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace biobridge::text {
namespace {

using ::testing::ElementsAre;
using ::testing::Optional;

constexpr std::string_view kSmall = R"({"vocabulary": "small", "category": "disease", "source": "tests", "concepts": [
  {"id": "centre", "en": ["National research centre of cardiology"], "zh": ["国家研究中心"], "ru": ["Центр сердца"]},
  {"id": "cardio", "en": ["Cardiology", "heart disease"], "zh": ["心脏病学", "心脏病"], "ru": ["Кардиология", "болезни сердца"]},
  {"id": "cardiomyopathy", "en": ["Cardiomyopathy"], "zh": ["心肌病"], "ru": ["Кардиомиопатия"]},
  {"id": "plasma", "en": ["Convalescent plasma"], "zh": ["康复者血浆", "恢复期血浆"], "ru": ["Плазма реконвалесцентов"]},
  {"id": "hiv", "en": ["HIV"], "zh": ["艾滋病病毒"], "ru": ["ВИЧ"]},
  {"id": "stents", "en": ["Stents", "coronary stents"], "zh": ["支架"], "ru": ["Стенты", "коронарные стенты"]}
]})";

Vocabulary Small() {
  std::string_view files[] = {kSmall};
  return Vocabulary::FromJson(files).value();  // a broken file fails every test here
}

std::vector<std::string> Ids(const Vocabulary& v, const std::vector<std::uint32_t>& indexes) {
  std::vector<std::string> ids;
  for (std::uint32_t i : indexes) ids.push_back(v.concepts()[i].id);
  return ids;
}

TEST(EditDistanceTest, CountsAddedDroppedChangedAndSwappedLetters) {
  EXPECT_EQ(EditDistance(U"cardiology", U"cardiology", 2), 0u);
  EXPECT_EQ(EditDistance(U"cardiolgy", U"cardiology", 2), 1u);   // dropped
  EXPECT_EQ(EditDistance(U"cardioloogy", U"cardiology", 2), 1u);  // added
  EXPECT_EQ(EditDistance(U"kardiology", U"cardiology", 2), 1u);   // changed
  EXPECT_EQ(EditDistance(U"cardiolgoy", U"cardiology", 2), 1u);   // swapped
  EXPECT_EQ(EditDistance(U"kitten", U"sitting", 3), 3u);
  EXPECT_EQ(EditDistance(U"kitten", U"sitting", 2), 3u) << "beyond the bound: bound + 1";
  EXPECT_EQ(EditDistance(U"a", U"abcdef", 2), 3u);
  EXPECT_EQ(EditDistance(U"", U"ab", 2), 2u);
  // Longer than any indexed word: rows on the heap instead of the stack.
  EXPECT_EQ(EditDistance(std::u32string(100, U'a'), std::u32string(99, U'a') + U"b", 2), 1u);
}

TEST(SpellerTest, CorrectsMisspeltLabelWordsInEnglishAndRussian) {
  const Vocabulary v = Small();
  const Speller speller(v);
  EXPECT_THAT(speller.Correct("cardiolgy"), Optional(std::string("cardiology")));
  EXPECT_THAT(speller.Correct("Cardiolgoy"), Optional(std::string("cardiology")));
  EXPECT_THAT(speller.Correct("кардиолгия"), Optional(std::string("кардиология")));
  EXPECT_THAT(speller.Correct("cardimyopaty"), Optional(std::string("cardiomyopathy"))) << "two edits in a long word";
  EXPECT_THAT(speller.Correct("stnts"), Optional(std::string("stents")));
  EXPECT_THAT(speller.Correct("Stentys"), Optional(std::string("stents"))) << "a name or a typo: the caller decides";
}

TEST(SpellerTest, LeavesKnownShortAndFarWordsAlone) {
  const Vocabulary v = Small();
  const Speller speller(v);
  EXPECT_EQ(speller.Correct("cardiology"), std::nullopt);
  EXPECT_EQ(speller.Correct("Stent"), std::nullopt) << "a form of a label word (same stem)";
  EXPECT_EQ(speller.Correct("стентов"), std::nullopt);
  EXPECT_EQ(speller.Correct("hcv"), std::nullopt) << "three letters: too short to correct";
  EXPECT_EQ(speller.Correct("stnt"), std::nullopt) << "four letters allow one edit only";
  EXPECT_EQ(speller.Correct("cardimyopty"), std::nullopt) << "three edits";
  EXPECT_EQ(speller.Correct("xyzzy"), std::nullopt);
  EXPECT_EQ(speller.Correct("heart disease"), std::nullopt) << "one word at a time";
  EXPECT_EQ(speller.Correct("心脏"), std::nullopt) << "Chinese has no spelling";
}

TEST(SpellerTest, FindsConceptsByWordAndByTheBeginningOfOne) {
  const Vocabulary v = Small();
  const Speller speller(v);
  EXPECT_THAT(Ids(v, speller.ConceptsWithWord("cardiology", 5)), ElementsAre("cardio", "centre"))
      << "the concept whose label is the word itself first";
  EXPECT_THAT(Ids(v, speller.ConceptsWithWord("Cardio", 5)), ElementsAre("cardio", "centre", "cardiomyopathy"))
      << "shorter label words first";
  EXPECT_THAT(Ids(v, speller.ConceptsWithWord("кардио", 5)), ElementsAre("cardio", "cardiomyopathy"));
  EXPECT_THAT(Ids(v, speller.ConceptsWithWord("cardio", 1)), ElementsAre("cardio"));
  EXPECT_TRUE(speller.ConceptsWithWord("car", 5).empty()) << "three letters begin too many words";
}

TEST(SpellerTest, RelatesChineseToConceptsSharingCharacterPairs) {
  const Vocabulary v = Small();
  const Speller speller(v);
  EXPECT_THAT(Ids(v, speller.ConceptsLikeHan("康复者血浆疗法", 5)), ElementsAre("plasma"));
  EXPECT_THAT(Ids(v, speller.ConceptsLikeHan("心脏病治疗", 5)), ElementsAre("cardio"));
  EXPECT_TRUE(speller.ConceptsLikeHan("支持", 5).empty()) << "no pair in common";
}

TEST(SpellerTest, TheBuiltinVocabularyCorrectsCommonTypos) {
  const Speller speller(Vocabulary::Builtin());
  EXPECT_THAT(speller.Correct("pulmonolgy"), Optional(std::string("pulmonology")));
  EXPECT_THAT(speller.Correct("онкалогия"), Optional(std::string("онкология")));
}

}  // namespace
}  // namespace biobridge::text
