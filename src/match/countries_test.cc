#include "match/countries.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace biobridge::match {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Named(std::string_view text) {
  return CountriesNamedIn(text, domain::Taxonomies::Builtin());
}

TEST(CountriesNamedInTest, FindsNamesInThreeLanguages) {
  EXPECT_THAT(Named("Distributors wanted in Kazakhstan and Uzbekistan"), ElementsAre("KZ", "UZ"));
  EXPECT_THAT(Named("寻找俄罗斯医院"), ElementsAre("RU"));
  EXPECT_THAT(Named("Ищем партнеров в России и Белоруссии"), ElementsAre("RU", "BY"));  // inflected
  EXPECT_THAT(Named("Clinical sites in the Russian Federation or Russia"), ElementsAre("RU"));
  EXPECT_THAT(Named("United States and United Kingdom"), ElementsAre("US", "GB"));
}

TEST(CountriesNamedInTest, TheLongestNameWins) {
  EXPECT_THAT(Named("白俄罗斯和俄罗斯"), ElementsAre("BY", "RU"));
  EXPECT_THAT(Named("中国台湾省"), ElementsAre("TW"));
  EXPECT_THAT(Named("monoclonal antibodies"), ElementsAre());
}

}  // namespace
}  // namespace biobridge::match
