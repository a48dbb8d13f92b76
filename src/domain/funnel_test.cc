#include "domain/funnel.h"

#include <gtest/gtest.h>

namespace biobridge::domain {
namespace {

Timestamp Day(int day) { return FromUnixMillis(1767225600000LL + static_cast<std::int64_t>(day) * 86400000LL); }

// A deal opened on day `days[0]` at contact, then moved to each stage on its day.
DealHistory Deal(std::string id, std::vector<std::pair<int, DealStage>> path, std::string close_reason = {}) {
  DealHistory deal{std::move(id), {}};
  std::optional<DealStage> from;
  for (const auto& [day, to] : path) {
    DealMove move{from, to, "user-1", Day(day), "", to == DealStage::kClosed ? close_reason : ""};
    deal.moves.push_back(move);
    from = to;
  }
  return deal;
}

// Five deals whose figures are worked out by hand below.
std::vector<DealHistory> FixedDeals() {
  using S = DealStage;
  return {
      Deal("d1", {{0, S::kContact}, {10, S::kCda}, {20, S::kEvaluation}, {50, S::kIntention}, {80, S::kAgreement}}),
      Deal("d2", {{0, S::kContact}, {5, S::kCda}, {15, S::kEvaluation}, {45, S::kClosed}}, "no_fit"),
      Deal("d3", {{0, S::kContact}, {3, S::kClosed}}, "unresponsive"),
      // Back from evaluation to cda once, then on to intention.
      Deal("d4", {{0, S::kContact}, {4, S::kCda}, {10, S::kEvaluation}, {12, S::kCda}, {20, S::kEvaluation},
                  {30, S::kIntention}}),
      Deal("d5", {{0, S::kContact}}),
  };
}

TEST(FunnelTest, FiguresOfAFixedSetOfDeals) {
  const std::vector<DealHistory> deals = FixedDeals();
  Result<Funnel> funnel = ComputeFunnel(deals);
  ASSERT_TRUE(funnel.ok()) << funnel.status().message();
  EXPECT_EQ(funnel->deals, 5);
  EXPECT_EQ(funnel->closed, 2);
  EXPECT_EQ(funnel->closed_by_reason, (std::map<std::string, std::int64_t>{{"no_fit", 1}, {"unresponsive", 1}}));
  ASSERT_EQ(funnel->stages.size(), 6u);

  struct Expected {
    DealStage stage;
    std::int64_t reached, current;
    std::optional<double> conversion, median_days;
    std::int64_t left;
  };
  const Expected expected[] = {
      // contact: d1..d5; left by d1 (10 days), d2 (5), d3 (3), d4 (4): median 4.5.
      {DealStage::kContact, 5, 1, 3.0 / 5, 4.5, 4},
      // cda: d1 (10 days), d2 (10), d4 (6 + 8, two stays): median 10.
      {DealStage::kCda, 3, 0, 3.0 / 3, 10.0, 3},
      // evaluation: d1 (30), d2 (30, then closed), d4 (2 + 10): median 30.
      {DealStage::kEvaluation, 3, 0, 2.0 / 3, 30.0, 3},
      // intention: d1 left after 30 days; d4 is still there.
      {DealStage::kIntention, 2, 1, 1.0 / 2, 30.0, 1},
      // agreement: d1 is there; nobody went on.
      {DealStage::kAgreement, 1, 1, 0.0, std::nullopt, 0},
      {DealStage::kImplementation, 0, 0, std::nullopt, std::nullopt, 0},
  };
  for (std::size_t i = 0; i < 6; ++i) {
    const StageFigures& got = funnel->stages[i];
    const Expected& want = expected[i];
    SCOPED_TRACE(std::string(DealStageName(want.stage)));
    EXPECT_EQ(got.stage, want.stage);
    EXPECT_EQ(got.reached, want.reached);
    EXPECT_EQ(got.current, want.current);
    ASSERT_EQ(got.conversion.has_value(), want.conversion.has_value());
    if (want.conversion) {
      EXPECT_DOUBLE_EQ(*got.conversion, *want.conversion);
    }
    ASSERT_EQ(got.median_days.has_value(), want.median_days.has_value());
    if (want.median_days) {
      EXPECT_DOUBLE_EQ(*got.median_days, *want.median_days);
    }
    EXPECT_EQ(got.left, want.left);
  }
}

TEST(FunnelTest, NoDealsGiveZeroesNotNaN) {
  Result<Funnel> funnel = ComputeFunnel({});
  ASSERT_TRUE(funnel.ok());
  EXPECT_EQ(funnel->deals, 0);
  for (const StageFigures& s : funnel->stages) {
    EXPECT_EQ(s.reached, 0);
    EXPECT_FALSE(s.conversion.has_value());
    EXPECT_FALSE(s.median_days.has_value());
  }
}

TEST(FunnelTest, HistoriesThatCannotBeRightAreRefused) {
  std::vector<DealHistory> no_opening = {DealHistory{"x", {}}};
  EXPECT_EQ(ComputeFunnel(no_opening).status().code(), StatusCode::kInvalidArgument);

  std::vector<DealHistory> backwards = {Deal("y", {{10, DealStage::kContact}, {5, DealStage::kCda}})};
  Result<Funnel> refused = ComputeFunnel(backwards);
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("deal 'y'"), std::string::npos);
}

}  // namespace
}  // namespace biobridge::domain
