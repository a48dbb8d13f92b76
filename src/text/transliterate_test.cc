#include "text/transliterate.h"

#include <gtest/gtest.h>

#include "text/tokenizer.h"

namespace biobridge::text {
namespace {

// The key of a word as the index sees it: its stem.
std::string KeyOf(std::string_view word) {
  const std::vector<Token> tokens = Tokenize(word);
  return tokens.size() == 1 ? SoundSkeletonOf(tokens[0].stem).key : std::string("(not one word)");
}

TEST(SoundSkeletonTest, RussianMedicineNamesMeetTheirLatinOriginals) {
  const std::pair<std::string_view, std::string_view> pairs[] = {
      {"hydroxychloroquine", "гидроксихлорохина"},  // genitive, as in "плацебо гидроксихлорохина"
      {"tocilizumab", "тоцилизумаб"},
      {"favipiravir", "фавипиравира"},
      {"azithromycin", "азитромицином"},
      {"ivermectin", "ивермектин"},
      {"sarilumab", "сарилумаба"},
      {"thymalfasin", "тимальфазин"},
      {"ruxolitinib", "руксолитиниб"},
      {"remdesivir", "ремдесивир"},
      {"Pembrolizumab", "Пембролизумаб"},
      {"rheumatology", "ревматология"},
  };
  for (const auto& [latin, russian] : pairs) {
    const std::string key = KeyOf(latin);
    EXPECT_FALSE(key.empty()) << latin;
    EXPECT_EQ(key, KeyOf(russian)) << latin << " / " << russian;
  }
  EXPECT_EQ(SoundSkeletonOf("hydroxychloroquine").key, "KDRKSKLRKN");
  EXPECT_EQ(SoundSkeletonOf("hydroxychloroquine").script, Script::kLatin);
  EXPECT_EQ(SoundSkeletonOf("гидроксихлорохин").script, Script::kCyrillic);
}

TEST(SoundSkeletonTest, DifferentWordsDoNotMeet) {
  EXPECT_NE(KeyOf("tocilizumab"), KeyOf("сарилумаб"));
  EXPECT_NE(KeyOf("efficacy"), KeyOf("эффективность"));
  EXPECT_NE(KeyOf("hydroxychloroquine"), KeyOf("хлорохин"));
}

TEST(SoundSkeletonTest, ShortMixedAndOtherWordsHaveNoKey) {
  EXPECT_EQ(SoundSkeletonOf("vaccine").key, SoundSkeletonOf("вакцина").key);  // V K S N: seven letters, four classes
  EXPECT_TRUE(KeyOf("vaccines").empty());  // its stem, vaccin, is too short
  EXPECT_TRUE(SoundSkeletonOf("therapy").key.empty());   // T R P: three classes
  EXPECT_TRUE(SoundSkeletonOf("plasma").key.empty());    // six letters
  EXPECT_TRUE(SoundSkeletonOf("covid19x").key.empty());  // a digit
  EXPECT_TRUE(SoundSkeletonOf("hôpitaux").key.empty());  // a letter outside basic Latin
  EXPECT_TRUE(SoundSkeletonOf("тоцилизумabc").key.empty());  // two scripts (an odd number of bytes)
  EXPECT_TRUE(SoundSkeletonOf("тоцилизумab").key.empty());   // two scripts (an even number)
  EXPECT_TRUE(SoundSkeletonOf("тоцилизумабx").key.empty());
  EXPECT_TRUE(SoundSkeletonOf("tocilizumаб").key.empty());
  EXPECT_TRUE(SoundSkeletonOf("单克隆抗体药物").key.empty());
  EXPECT_EQ(SoundSkeletonOf("").script, Script::kOther);
}

}  // namespace
}  // namespace biobridge::text
