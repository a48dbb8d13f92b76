#include "domain/deal.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>

#include "base/utf8.h"

namespace biobridge::domain {
namespace {

constexpr std::array<std::string_view, 7> kStageNames = {"contact",   "cda",            "evaluation", "intention",
                                                         "agreement", "implementation", "closed"};

std::vector<std::string_view> Names(const std::vector<DealStage>& stages) {
  std::vector<std::string_view> names;
  for (DealStage s : stages) names.push_back(DealStageName(s));
  return names;
}

// The moves the pipeline's shape allows, before any check of reasons or agreements.
std::vector<DealStage> Neighbours(DealStage from, std::optional<DealStage> closed_in) {
  if (from == DealStage::kClosed) {
    if (closed_in && *closed_in != DealStage::kClosed) return {*closed_in};
    return {};
  }
  const int i = *PipelineIndex(from);
  std::vector<DealStage> out;
  if (i + 1 < static_cast<int>(std::size(kPipeline))) out.push_back(kPipeline[i + 1]);
  if (i > 0) out.push_back(kPipeline[i - 1]);
  out.push_back(DealStage::kClosed);
  return out;
}

bool NeedsCda(DealStage stage) {
  const std::optional<int> i = PipelineIndex(stage);
  return i && *i >= *PipelineIndex(DealStage::kCda);
}

}  // namespace

std::string_view DealStageName(DealStage stage) { return kStageNames[static_cast<std::size_t>(stage)]; }

Result<DealStage> ParseDealStage(std::string_view name, std::string_view field) {
  for (std::size_t i = 0; i < kStageNames.size(); ++i) {
    if (kStageNames[i] == name) return static_cast<DealStage>(i);
  }
  return InvalidArgumentError(std::string(field), fmt::format("unknown deal stage '{}'; use one of: {}", name,
                                                              fmt::join(kStageNames, ", ")));
}

std::optional<int> PipelineIndex(DealStage stage) {
  if (stage == DealStage::kClosed) return std::nullopt;
  return static_cast<int>(stage);
}

bool IsCloseReason(std::string_view reason) {
  return std::find(std::begin(kCloseReasons), std::end(kCloseReasons), reason) != std::end(kCloseReasons);
}

bool IsDeclineReason(std::string_view reason) {
  return std::find(std::begin(kDeclineReasons), std::end(kDeclineReasons), reason) != std::end(kDeclineReasons);
}

Status CheckMove(DealStage from, DealStage to, std::optional<DealStage> closed_in, std::string_view reason,
                 bool has_cda) {
  if (from == to) {
    return FailedPreconditionError(fmt::format("the deal is already at '{}'", DealStageName(to)));
  }
  const std::vector<DealStage> shape = Neighbours(from, closed_in);
  if (std::find(shape.begin(), shape.end(), to) == shape.end()) {
    if (shape.empty()) return FailedPreconditionError("this closed deal cannot be reopened");
    return FailedPreconditionError(fmt::format("a deal at '{}' cannot move to '{}'; it can move to: {}",
                                               DealStageName(from), DealStageName(to), fmt::join(Names(shape), ", ")));
  }
  if (to == DealStage::kClosed) {
    if (reason.empty()) {
      return InvalidArgumentError("reason", fmt::format("say why the deal closes: one of {}",
                                                        fmt::join(kCloseReasons, ", ")));
    }
    if (!IsCloseReason(reason)) {
      return InvalidArgumentError("reason", fmt::format("unknown close reason '{}'; use one of: {}", reason,
                                                        fmt::join(kCloseReasons, ", ")));
    }
    if (reason == "completed" && from != DealStage::kImplementation) {
      return InvalidArgumentError("reason", "only a deal in implementation closes as completed");
    }
  } else if (!reason.empty()) {
    return InvalidArgumentError("reason", "a reason is given only when a deal closes");
  }
  if (to != DealStage::kClosed && NeedsCda(to) && !has_cda) {
    return FailedPreconditionError(fmt::format(
        "moving to '{}' needs a confidentiality agreement accepted by both parties; accept one in the deal first",
        DealStageName(to)));
  }
  return Status::Ok();
}

std::vector<DealStage> AllowedMoves(DealStage from, std::optional<DealStage> closed_in, bool has_cda) {
  std::vector<DealStage> out;
  for (DealStage to : Neighbours(from, closed_in)) {
    // Closing needs only a reason, which the caller will give.
    const std::string_view reason = to == DealStage::kClosed ? "other" : "";
    if (CheckMove(from, to, closed_in, reason, has_cda).ok()) out.push_back(to);
  }
  return out;
}

std::string_view InterestStatusName(InterestStatus status) {
  switch (status) {
    case InterestStatus::kPending: return "pending";
    case InterestStatus::kAccepted: return "accepted";
    case InterestStatus::kDeclined: return "declined";
  }
  return "pending";
}

bool ParseInterestStatus(std::string_view name, InterestStatus& status) {
  for (InterestStatus s : {InterestStatus::kPending, InterestStatus::kAccepted, InterestStatus::kDeclined}) {
    if (InterestStatusName(s) == name) {
      status = s;
      return true;
    }
  }
  return false;
}

Status ValidateDealDetails(const DealDetails& d) {
  if (CountCodePoints(d.title) > kDealTitleLength) {
    return InvalidArgumentError("title", fmt::format("is {} characters long; the limit is {}", CountCodePoints(d.title),
                                                     kDealTitleLength));
  }
  if (CountCodePoints(d.next_step) > kDealNextStepLength) {
    return InvalidArgumentError("next_step", fmt::format("is {} characters long; the limit is {}",
                                                         CountCodePoints(d.next_step), kDealNextStepLength));
  }
  if (d.value) {
    if (*d.value < 0 || *d.value > kMaxDealValue) {
      return InvalidArgumentError("value.amount", fmt::format("must be between {} and {}, got {}", 0, kMaxDealValue, *d.value));
    }
    const bool code = d.currency.size() == 3 &&
                      std::all_of(d.currency.begin(), d.currency.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (!code) {
      return InvalidArgumentError("value.currency", "give the currency as an ISO 4217 code such as USD, CNY, RUB or EUR");
    }
  } else if (!d.currency.empty()) {
    return InvalidArgumentError("value.amount", "give the amount with its currency");
  }
  return Status::Ok();
}

bool Deal::HasCda() const {
  const auto by = [&](std::string_view organization) {
    return std::find_if(cda.begin(), cda.end(), [&](const CdaAcceptance& a) { return a.organization_id == organization; });
  };
  const auto a = by(initiator);
  const auto b = by(recipient);
  return a != cda.end() && b != cda.end() && a->text_version == b->text_version && a->text_sha256 == b->text_sha256;
}

}  // namespace biobridge::domain
