#include "domain/localized_text.h"

#include <gtest/gtest.h>

namespace biobridge::domain {
namespace {

TEST(LocalizedTextTest, KeepsOrderAndReplacesVariants) {
  LocalizedText t{{"zh", "康复"}, {"en", "Rehabilitation"}};
  t.Set("ru", "Реабилитация");
  t.Set("en", "Rehab");
  ASSERT_EQ(t.variants().size(), 3u);
  EXPECT_EQ(t.variants()[0].first, "zh");
  EXPECT_EQ(*t.Find("en"), "Rehab");
  EXPECT_EQ(t.Find("de"), nullptr);
}

TEST(LocalizedTextTest, BestFallsBackInOrder) {
  LocalizedText t{{"ru", "Больница"}, {"en", "Hospital"}};
  EXPECT_EQ(t.Best({"zh", "en"}), "Hospital");
  EXPECT_EQ(t.Best({"zh"}), "Больница");
  EXPECT_EQ(LocalizedText().Best({"en"}), "");
}

TEST(LocalizedTextTest, GuessesLanguageFromScript) {
  EXPECT_EQ(GuessLanguageByScript("北京脑卒中康复设备"), "zh");
  EXPECT_EQ(GuessLanguageByScript("Санкт-Петербург"), "ru");
  EXPECT_EQ(GuessLanguageByScript("Tel Aviv"), "en");
  EXPECT_EQ(GuessLanguageByScript("東京メディカル"), "ja");
  EXPECT_EQ(GuessLanguageByScript("서울"), "ko");
  EXPECT_EQ(GuessLanguageByScript("ירושלים"), "he");
}

}  // namespace
}  // namespace biobridge::domain
