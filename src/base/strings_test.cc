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

namespace biobridge {
namespace {

TEST(StringsTest, ReplacesEveryOccurrence) {
  EXPECT_EQ(ReplaceAll("a\nb\n\nc", "\n", "<br>"), "a<br>b<br><br>c");
  EXPECT_EQ(ReplaceAll("aaa", "aa", "b"), "ba");
  EXPECT_EQ(ReplaceAll("abc", "", "x"), "abc");
  EXPECT_EQ(ReplaceAll("", "a", "b"), "");
}

TEST(StringsTest, PercentEncodesAllButUnreserved) {
  EXPECT_EQ(PercentEncode("CAR-T 细胞"), "CAR-T%20%E7%BB%86%E8%83%9E");
  EXPECT_EQ(PercentEncode("a&b=c/d?e~f_g.h"), "a%26b%3Dc%2Fd%3Fe~f_g.h");
}

}  // namespace
}  // namespace biobridge
