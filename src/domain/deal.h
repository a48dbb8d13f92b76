// The deal pipeline: the stages a cooperation goes through from a first
// contact to a signed agreement, the moves allowed between them, and the
// reasons an expression of interest is declined or a deal closed.
//
//   contact → cda → evaluation → intention → agreement → implementation
//      └────────┴────────┴────────────┴──────────┴─────────────┴→ closed (with a reason)
//
// A deal moves forward one stage at a time, or back one stage (talks reopen
// after a failed evaluation, say); it closes from any open stage with a
// reason, and a closed deal reopens at the stage it was closed in. Moving
// into or beyond `cda` also needs a confidentiality agreement that both
// parties accepted: the service checks that, as it depends on stored
// agreements (CheckMove takes whether there is one).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/time.h"

namespace biobridge::domain {

enum class DealStage { kContact, kCda, kEvaluation, kIntention, kAgreement, kImplementation, kClosed };

// The open stages in pipeline order (kClosed is not one of them).
inline constexpr DealStage kPipeline[] = {DealStage::kContact,   DealStage::kCda,       DealStage::kEvaluation,
                                          DealStage::kIntention, DealStage::kAgreement, DealStage::kImplementation};

std::string_view DealStageName(DealStage stage);  // "contact", "cda", ... "closed"
// kInvalidArgument (field `field`) naming the stages when `name` is none of them.
Result<DealStage> ParseDealStage(std::string_view name, std::string_view field = "stage");
// 0 for contact ... 5 for implementation; nullopt for closed.
std::optional<int> PipelineIndex(DealStage stage);

// Why a deal closed. kCompleted only from implementation: the work was done.
inline constexpr std::string_view kCloseReasons[] = {
    "completed", "no_fit", "terms_not_agreed", "regulatory", "funding", "priorities_changed", "unresponsive", "other"};
// Why an expression of interest was declined (the list).
inline constexpr std::string_view kDeclineReasons[] = {"too_early", "benefit_unclear", "route_to_market_unclear",
                                                       "not_a_priority", "other"};

bool IsCloseReason(std::string_view reason);
bool IsDeclineReason(std::string_view reason);

// One recorded move of a deal: who, when, from where to where, and why.
struct DealMove {
  std::optional<DealStage> from;  // nullopt for the move that opened the deal
  DealStage to = DealStage::kContact;
  std::string actor;              // user id
  Timestamp at;
  std::string note;
  std::string reason;             // close reason when `to` is kClosed
  friend bool operator==(const DealMove&, const DealMove&) = default;
};

// Whether a deal at `from` may move to `to`. `closed_in` is the stage a
// closed deal was closed in (for reopening); `reason` the close reason;
// `has_cda` whether both parties accepted a confidentiality agreement.
// kFailedPrecondition saying which moves are allowed, or kInvalidArgument
// (field "reason") for a missing or unknown close reason.
Status CheckMove(DealStage from, DealStage to, std::optional<DealStage> closed_in, std::string_view reason,
                 bool has_cda);

// The stages a deal at `from` may move to (for the UI's buttons), given the
// same facts as CheckMove; closing is included when allowed.
std::vector<DealStage> AllowedMoves(DealStage from, std::optional<DealStage> closed_in, bool has_cda);

}  // namespace biobridge::domain
