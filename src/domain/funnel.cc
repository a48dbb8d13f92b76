#include "domain/funnel.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>

namespace biobridge::domain {
namespace {

constexpr std::size_t kStages = std::size(kPipeline);

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

double Days(Timestamp from, Timestamp to) {
  return std::chrono::duration<double, std::ratio<86400>>(to - from).count();
}

}  // namespace

Result<Funnel> ComputeFunnel(std::span<const DealHistory> deals) {
  Funnel funnel;
  funnel.deals = static_cast<std::int64_t>(deals.size());
  std::array<std::int64_t, kStages> reached{};
  std::array<std::int64_t, kStages> current{};
  std::array<std::vector<double>, kStages> stays;  // days per deal that left the stage

  for (const DealHistory& deal : deals) {
    if (deal.moves.empty() || deal.moves.front().from.has_value()) {
      return InvalidArgumentError("moves", fmt::format("deal '{}' has no opening move", deal.id));
    }
    std::array<bool, kStages> entered{};
    std::array<double, kStages> days{};
    for (std::size_t k = 0; k < deal.moves.size(); ++k) {
      const DealMove& move = deal.moves[k];
      if (k > 0 && move.at < deal.moves[k - 1].at) {
        return InvalidArgumentError("moves", fmt::format("deal '{}': its moves are out of time order", deal.id));
      }
      if (const std::optional<int> i = PipelineIndex(move.to)) entered[static_cast<std::size_t>(*i)] = true;
      // The stay in the stage this move enters ends with the next move.
      if (k + 1 < deal.moves.size()) {
        if (const std::optional<int> i = PipelineIndex(move.to)) {
          days[static_cast<std::size_t>(*i)] += Days(move.at, deal.moves[k + 1].at);
        }
      }
    }
    const DealMove& last = deal.moves.back();
    const std::optional<int> now = PipelineIndex(last.to);
    if (now) {
      ++current[static_cast<std::size_t>(*now)];
    } else {
      ++funnel.closed;
      ++funnel.closed_by_reason[last.reason];
    }
    for (std::size_t s = 0; s < kStages; ++s) {
      if (!entered[s]) continue;
      ++reached[s];
      if (!now || static_cast<std::size_t>(*now) != s) stays[s].push_back(days[s]);
    }
  }

  for (std::size_t s = 0; s < kStages; ++s) {
    StageFigures figures;
    figures.stage = kPipeline[s];
    figures.reached = reached[s];
    figures.current = current[s];
    if (s + 1 < kStages && reached[s] > 0) {
      figures.conversion = static_cast<double>(reached[s + 1]) / static_cast<double>(reached[s]);
    }
    figures.left = static_cast<std::int64_t>(stays[s].size());
    if (!stays[s].empty()) figures.median_days = Median(stays[s]);
    funnel.stages.push_back(figures);
  }
  return funnel;
}

}  // namespace biobridge::domain
