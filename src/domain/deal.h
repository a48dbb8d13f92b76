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
#include "domain/record.h"

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

enum class InterestStatus { kPending, kAccepted, kDeclined };
std::string_view InterestStatusName(InterestStatus status);  // "pending", "accepted", "declined"
bool ParseInterestStatus(std::string_view name, InterestStatus& status);

// An expression of interest: an organisation tells another that it would
// like to talk, about one of the other's opportunities or in general.
struct Interest {
  std::string id;
  std::string from_organization;
  std::string to_organization;  // the one that decides
  std::string opportunity_id;   // empty: interest in the organisation itself
  // The programme the deal will belong to, chosen by the sender among those
  // the opportunity is in (or the event's, for a meeting's follow-up); empty:
  // none.
  std::string programme_id;
  std::string message;
  InterestStatus status = InterestStatus::kPending;
  std::string decline_reason;   // one of kDeclineReasons when declined
  std::string decision_note;
  std::string created_by;       // user ids
  std::string decided_by;
  std::optional<Timestamp> decided_at;
  std::string deal_id;          // the deal its acceptance opened
  RecordMeta meta;
  friend bool operator==(const Interest&, const Interest&) = default;
};

// One party's acceptance of the confidentiality agreement of a deal: which
// text (version and SHA-256 of the exact text shown), who, when.
struct CdaAcceptance {
  std::string organization_id;
  std::string user_id;
  std::string text_version;
  std::string text_sha256;
  Timestamp at;
  friend bool operator==(const CdaAcceptance&, const CdaAcceptance&) = default;
};

// A cooperation under way between the organisation that expressed interest
// (initiator) and the one that accepted it (recipient).
// What the parties write about a deal: what it is, what it may be worth,
// and who takes the next step by when. Either party may change it.
struct DealDetails {
  std::string title;
  std::optional<std::int64_t> value;  // in whole units of `currency`
  std::string currency;               // ISO 4217 ("USD", "CNY", "RUB", "EUR"); given with a value
  std::string next_step;
  std::optional<Date> due;            // when the next step is due
  std::string contact;                // user id: who takes it, a member of either party
  std::string contact_name;           // their display name when they were named
  friend bool operator==(const DealDetails&, const DealDetails&) = default;
};

inline constexpr std::size_t kDealTitleLength = 200;
inline constexpr std::size_t kDealNextStepLength = 500;
inline constexpr std::int64_t kMaxDealValue = 1'000'000'000'000'000;  // 10^15

// kInvalidArgument naming the field: the lengths above, a currency of three
// capital letters with every value (and none without), a value from 0 to
// kMaxDealValue. Whether the contact belongs to a party is the service's to check.
Status ValidateDealDetails(const DealDetails& details);

struct Deal {
  std::string id;
  std::string interest_id;
  std::string opportunity_id;  // empty when the interest was in the organisation
  std::string programme_id;    // empty when outside any programme
  std::string initiator;
  std::string recipient;
  DealStage stage = DealStage::kContact;
  std::optional<DealStage> closed_in;  // the stage it closed in, while closed
  std::string close_reason;
  std::vector<DealMove> moves;         // oldest first; the first opened it
  std::vector<CdaAcceptance> cda;      // at most one per party, in order of acceptance
  DealDetails details;
  RecordMeta meta;

  // Both parties accepted the same version of the agreement.
  bool HasCda() const;
  bool IsParty(std::string_view organization_id) const {
    return organization_id == initiator || organization_id == recipient;
  }
  friend bool operator==(const Deal&, const Deal&) = default;
};

}  // namespace biobridge::domain
