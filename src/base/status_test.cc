#include "base/status.h"

#include <gtest/gtest.h>

#include <memory>
#include <set>

namespace biobridge {
namespace {

Result<int> Half(int n) {
  if (n % 2 != 0) return InvalidArgumentError("n", "must be even");
  return n / 2;
}

Result<int> Quarter(int n) {
  BB_ASSIGN_OR_RETURN(int half, Half(n));
  BB_ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

Status CheckPositive(int n) {
  if (n <= 0) return FailedPreconditionError("not positive");
  return Status::Ok();
}

Status CheckBoth(int a, int b) {
  BB_RETURN_IF_ERROR(CheckPositive(a));
  BB_RETURN_IF_ERROR(CheckPositive(b));
  return Status::Ok();
}

TEST(StatusTest, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "ok");
}

TEST(StatusTest, CarriesCodeMessageAndField) {
  Status s = InvalidArgumentError("country", "unknown country code 'XX'");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "country");
  EXPECT_EQ(s.ToString(), "invalid_argument: country: unknown country code 'XX'");
}

TEST(StatusTest, FieldPrefixBuildsPaths) {
  EXPECT_EQ(InvalidArgumentError("expires", "x").WithFieldPrefix("certifications[1]").field(),
            "certifications[1].expires");
  EXPECT_EQ(InvalidArgumentError("[2]", "x").WithFieldPrefix("therapeutic_areas").field(),
            "therapeutic_areas[2]");
  EXPECT_EQ(InvalidArgumentError("", "x").WithFieldPrefix("name").field(), "name");
  EXPECT_TRUE(Status::Ok().WithFieldPrefix("name").field().empty());
}

TEST(ResultTest, PropagatesValuesAndErrors) {
  EXPECT_EQ(*Quarter(8), 2);
  Result<int> odd = Quarter(6);  // 6 -> 3 -> error
  ASSERT_FALSE(odd.ok());
  EXPECT_EQ(odd.status().field(), "n");
  EXPECT_TRUE(Quarter(4).status().ok());
}

TEST(ResultTest, HoldsMoveOnlyValues) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(7);
  ASSERT_TRUE(r.ok());
  std::unique_ptr<int> p = std::move(r).value();
  EXPECT_EQ(*p, 7);
}

TEST(StatusTest, ReturnIfErrorStopsAtFirstFailure) {
  EXPECT_TRUE(CheckBoth(1, 2).ok());
  EXPECT_EQ(CheckBoth(1, -2).code(), StatusCode::kFailedPrecondition);
}

TEST(StatusTest, EveryCodeHasADistinctName) {
  std::set<std::string_view> names;
  for (int c = 0; c <= static_cast<int>(StatusCode::kInternal); ++c) {
    names.insert(StatusCodeName(static_cast<StatusCode>(c)));
  }
  EXPECT_EQ(names.size(), static_cast<std::size_t>(StatusCode::kInternal) + 1);
  EXPECT_EQ(names.count("unknown"), 0u);
}

}  // namespace
}  // namespace biobridge
