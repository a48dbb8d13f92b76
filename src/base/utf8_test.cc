#include "base/utf8.h"

#include <gtest/gtest.h>

namespace biobridge {
namespace {

TEST(Utf8Test, AcceptsMultilingualText) {
  EXPECT_TRUE(IsValidUtf8("Stroke rehabilitation / 脑卒中康复 / реабилитация после инсульта 🧬"));
  EXPECT_TRUE(IsValidUtf8(""));
}

TEST(Utf8Test, FindsTheFirstInvalidByte) {
  EXPECT_EQ(FindInvalidUtf8("abc\xff"), 3u);
  EXPECT_EQ(FindInvalidUtf8("ok \xc3"), 3u);           // truncated sequence
  EXPECT_EQ(FindInvalidUtf8("\xc0\xaf"), 0u);          // overlong '/'
  EXPECT_EQ(FindInvalidUtf8("x\xed\xa0\x80"), 1u);     // UTF-16 surrogate
  EXPECT_EQ(FindInvalidUtf8("\xf4\x90\x80\x80"), 0u);  // above U+10FFFF
  EXPECT_EQ(FindInvalidUtf8("中\xe4\xb8"), 3u);
}

TEST(Utf8Test, CountsCodePoints) {
  EXPECT_EQ(CountCodePoints("abc"), 3u);
  EXPECT_EQ(CountCodePoints("单克隆"), 3u);
  EXPECT_EQ(CountCodePoints("ёж"), 2u);
}

}  // namespace
TEST(Utf8Test, TruncatesOnCharacterBoundaries) {
  EXPECT_EQ(TruncateUtf8("abc", 5), "abc");
  EXPECT_EQ(TruncateUtf8("abc", 2), "ab");
  EXPECT_EQ(TruncateUtf8("中文", 4), "中");  // 3 bytes each: the second would be cut
  EXPECT_EQ(TruncateUtf8("中文", 6), "中文");
  EXPECT_EQ(TruncateUtf8("中文", 2), "");
  EXPECT_EQ(TruncateUtf8("дa", 1), "");
}

}  // namespace biobridge
