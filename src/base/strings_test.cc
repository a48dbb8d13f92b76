#include "base/strings.h"

#include <gtest/gtest.h>

namespace biobridge {
namespace {

TEST(StringsTest, TrimsWhitespace) {
  EXPECT_EQ(Trim("  a b \n"), "a b");
  EXPECT_EQ(Trim(" \t "), "");
  EXPECT_EQ(Trim("北京"), "北京");
}

TEST(StringsTest, ChangesAsciiCaseOnly) {
  EXPECT_EQ(AsciiLower("Li.Wei@Example.ORG"), "li.wei@example.org");
  EXPECT_EQ(AsciiUpper("cn"), "CN");
  EXPECT_EQ(AsciiLower("Москва"), "Москва");
}

TEST(StringsTest, SplitsAndTrims) {
  EXPECT_EQ(SplitTrimmed(" a | b ||c ", '|'), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(SplitTrimmed("", '|').empty());
}

}  // namespace
}  // namespace biobridge
