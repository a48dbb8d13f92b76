#include "text/normalize.h"

#include <gtest/gtest.h>

namespace biobridge::text {
namespace {

TEST(NormalizeTextTest, FoldsCaseAndWidth) {
  EXPECT_EQ(NormalizeText("Monoclonal ANTIBODIES"), "monoclonal antibodies");
  EXPECT_EQ(NormalizeText("ＧＭＰ１２３"), "gmp123");  // full-width letters and digits
  EXPECT_EQ(NormalizeText("Straße"), "strasse");       // full case folding
  EXPECT_EQ(NormalizeText("ﬁbrosis"), "fibrosis");     // ligature
}

TEST(NormalizeTextTest, FoldsRussianYo) {
  EXPECT_EQ(NormalizeText("Лёгкие ЁЖ"), "легкие еж");
}

TEST(NormalizeTextTest, ConvertsTraditionalChinese) {
  EXPECT_EQ(NormalizeText("單克隆抗體"), "单克隆抗体");
  EXPECT_EQ(NormalizeText("醫療器械"), "医疗器械");
  EXPECT_EQ(NormalizeText("单克隆抗体"), "单克隆抗体");  // simplified stays
  EXPECT_EQ(ToSimplifiedChinese("臺灣 Taiwan"), "台湾 Taiwan");
}

TEST(NormalizeWordTest, AgreesWithNormalizeText) {
  for (std::string_view word : {"Лёгкие", "АНТИТЕЛА", "單克隆抗體", "单克隆", "ＧＭＰ", "Straße", "mRNA", "ǅ", "Ёж"}) {
    EXPECT_EQ(NormalizeWord(word, /*convert_chinese=*/true), NormalizeText(word)) << word;
  }
  EXPECT_EQ(NormalizeWord("單克隆", /*convert_chinese=*/false), "單克隆");  // the caller knows there is nothing to convert
}

TEST(DetectLanguageTest, UsesTheDominantScript) {
  EXPECT_EQ(DetectLanguage("北京脑卒中康复设备"), "zh");
  EXPECT_EQ(DetectLanguage("Производство моноклональных антител"), "ru");
  EXPECT_EQ(DetectLanguage("GMP manufacturing of biologics"), "en");
  // Mixed: the script with most letters wins, not the first one seen.
  EXPECT_EQ(DetectLanguage("ISO 13485 认证的医疗器械生产企业"), "zh");
  EXPECT_EQ(DetectLanguage("PD-1 ингибиторы для онкологии"), "ru");
  EXPECT_EQ(DetectLanguage("東京メディカル"), "ja");
  EXPECT_EQ(DetectLanguage("서울대학교병원"), "ko");
  EXPECT_EQ(DetectLanguage("12345 !!! ..."), "");
  EXPECT_EQ(DetectLanguage(""), "");
}

}  // namespace
}  // namespace biobridge::text
