#include "storage/field_diff.h"

#include <gtest/gtest.h>

namespace biobridge::storage {
namespace {

TEST(FieldDiffTest, RecordsChangedAddedAndRemovedFields) {
  json::object before = json::parse(R"({"a":1,"b":{"en":"x"},"c":[1]})").as_object();
  json::object after = json::parse(R"({"a":1,"b":{"en":"y"},"d":true})").as_object();
  EXPECT_EQ(json::value(FieldDiff(before, after)),
            json::parse(R"({"b":{"before":{"en":"x"},"after":{"en":"y"}},"c":{"before":[1]},"d":{"after":true}})"));
  EXPECT_TRUE(FieldDiff(before, before).empty());
}

}  // namespace
}  // namespace biobridge::storage
