#include "storage/sql/list_cache.h"

#include <gtest/gtest.h>

namespace biobridge::storage::sql {
namespace {

ListCache::Rows RowsOf(std::size_t n, std::size_t bytes_each) {
  ListCache::Rows rows;
  for (std::size_t i = 0; i < n; ++i) rows.push_back({std::string(bytes_each, 'x'), {}});
  return rows;
}

TEST(ListCacheTest, AnswersOnlyForTheSnapshotItWasToldAbout) {
  ListCache cache(1 << 20);
  cache.RememberTotal("count", 7, 42);
  EXPECT_EQ(cache.FindTotal("count", 7), 42);
  EXPECT_EQ(cache.FindTotal("count", 8), std::nullopt);  // a change since
  EXPECT_EQ(cache.FindTotal("other", 7), std::nullopt);
  cache.RememberPage("page", 7, RowsOf(2, 10));
  ASSERT_NE(cache.FindPage("page", 7), nullptr);
  EXPECT_EQ(cache.FindPage("page", 7)->size(), 2u);
  EXPECT_EQ(cache.FindPage("page", 6), nullptr);
}

TEST(ListCacheTest, AReaderOfAnOlderSnapshotFinishingLastDoesNotReplaceANewerAnswer) {
  ListCache cache(1 << 20);
  cache.RememberTotal("count", 9, 5);
  cache.RememberTotal("count", 8, 4);
  EXPECT_EQ(cache.FindTotal("count", 9), 5);
  EXPECT_EQ(cache.FindTotal("count", 8), std::nullopt);
  cache.RememberPage("page", 9, RowsOf(3, 10));
  cache.RememberPage("page", 8, RowsOf(1, 10));
  EXPECT_EQ(cache.FindPage("page", 9)->size(), 3u);
}

TEST(ListCacheTest, PagesStayWithinTheirBytesAndNothingIsKeptWhenTurnedOff) {
  ListCache cache(64 << 10);
  cache.RememberPage("too big", 1, RowsOf(1, 65 << 10));
  EXPECT_EQ(cache.FindPage("too big", 1), nullptr);
  for (int i = 0; i < 10; ++i) cache.RememberPage("page " + std::to_string(i), 1, RowsOf(1, 10 << 10));
  int kept = 0;
  for (int i = 0; i < 10; ++i) kept += cache.FindPage("page " + std::to_string(i), 1) != nullptr;
  EXPECT_GE(kept, 1);
  EXPECT_LE(kept, 6);  // 64 KiB holds at most six pages of 10 KiB
  EXPECT_NE(cache.FindPage("page 9", 1), nullptr);  // the newest is there

  ListCache off(0);
  EXPECT_FALSE(off.enabled());
  off.RememberTotal("count", 1, 3);
  off.RememberPage("page", 1, RowsOf(1, 10));
  EXPECT_EQ(off.FindTotal("count", 1), std::nullopt);
  EXPECT_EQ(off.FindPage("page", 1), nullptr);
}

}  // namespace
}  // namespace biobridge::storage::sql
