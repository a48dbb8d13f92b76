// The funnel of a set of deals, from their recorded moves: how many reached
// each stage, how many are there now, the share that went on to the next
// stage, and how long deals stay in each. Programme operators are judged by
// it ("evaluated 80 projects, reached cooperation intentions with 30").
//
// Which deals count (a programme's, an organisation's, those opened in a
// period) is the caller's choice; this computes the figures of the ones given.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/deal.h"

namespace biobridge::domain {

struct DealHistory {
  std::string id;
  std::vector<DealMove> moves;  // oldest first; the first one opens the deal (from == nullopt)
};

struct StageFigures {
  DealStage stage = DealStage::kContact;
  std::int64_t reached = 0;  // deals that entered the stage at least once
  std::int64_t current = 0;  // deals at the stage now
  // reached(next stage) / reached(this stage); nullopt for the last stage
  // and when no deal reached this one.
  std::optional<double> conversion;
  // Over the deals that have left the stage: the median of the days each
  // spent in it (all its stays added up); nullopt when none has left it.
  std::optional<double> median_days;
  std::int64_t left = 0;  // how many deals that median is over
};

struct Funnel {
  std::int64_t deals = 0;
  std::vector<StageFigures> stages;  // the six open stages, in pipeline order
  std::int64_t closed = 0;           // deals closed now
  std::map<std::string, std::int64_t> closed_by_reason;
};

// kInvalidArgument naming the deal when its moves do not start with an
// opening move or are out of time order: the figures would be wrong.
Result<Funnel> ComputeFunnel(std::span<const DealHistory> deals);

}  // namespace biobridge::domain
