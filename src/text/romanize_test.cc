#include "text/romanize.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace biobridge::text {
namespace {

TEST(RomanizeTest, RussianNamesAreWrittenAsBgnPcgnWithoutPrimes) {
  EXPECT_EQ(RomanizeRussian("Национальный медицинский исследовательский центр имени В. А. Алмазова"),
            "Natsionalnyy meditsinskiy issledovatelskiy tsentr imeni V. A. Almazova");
  EXPECT_EQ(RomanizeRussian("Биокад"), "Biokad");
  EXPECT_EQ(RomanizeRussian("Объединённый институт ядерных исследований"),
            "Obyedinënnyy institut yadernykh issledovaniy");
  // Capitals, abbreviations and the punctuation around them keep their form.
  EXPECT_EQ(RomanizeRussian("ФГБУ «НМИЦ онкологии им. Н.Н. Блохина»"), "FGBU «NMITS onkologii im. N.N. Blokhina»");
}

TEST(RomanizeTest, OtherScriptsPassThrough) {
  EXPECT_EQ(RomanizeRussian("Shanghai Jiao Tong University"), "Shanghai Jiao Tong University");
  EXPECT_EQ(RomanizeRussian("上海交通大学"), "上海交通大学");
  EXPECT_FALSE(HasCyrillic("上海交通大学 Shanghai"));
  EXPECT_TRUE(HasCyrillic("ООО «Герофарм»"));
  EXPECT_EQ(RomanizeRussian("BIOCAD (Биокад)"), "BIOCAD (Biokad)");
}

TEST(RomanizeTest, ThreadsRomanizeAtOnce) {
  std::vector<std::thread> threads;
  std::vector<std::string> results(4);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&results, i] {
      for (int n = 0; n < 200; ++n) results[static_cast<std::size_t>(i)] = RomanizeRussian("Герофарм");
    });
  }
  for (std::thread& t : threads) t.join();
  for (const std::string& r : results) EXPECT_EQ(r, "Gerofarm");
}

}  // namespace
}  // namespace biobridge::text
