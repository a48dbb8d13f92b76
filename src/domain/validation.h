// Rules a record must meet before it is stored, checked against the
// vocabularies. Each failure is kInvalidArgument with the path of the field
// at fault and a message that says how to fix it; the first failure found is
// returned.
#pragma once

#include <string_view>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <iterator>

#include "base/status.h"
#include "domain/collaboration.h"
#include "domain/opportunity.h"
#include "domain/organization.h"
#include "domain/committee.h"
#include "domain/programme.h"
#include "domain/taxonomy.h"

namespace biobridge::domain {

// Limits on what one record may hold (code points for text).
struct RecordLimits {
  static constexpr std::size_t kIdLength = 64;
  static constexpr std::size_t kNameLength = 300;
  static constexpr std::size_t kCityLength = 200;
  static constexpr std::size_t kDescriptionLength = 20000;
  static constexpr std::size_t kListItems = 50;
  static constexpr std::size_t kListItemLength = 200;
  static constexpr std::size_t kUrlLength = 500;
  static constexpr std::size_t kCollaborationMembers = 1000;  // the largest consortia have a few hundred
};

// kInvalidArgument naming `field` unless `value` is one of `choices` (one of
// the code lists in domain/); the message lists them.
template <typename Range>
Status CheckOneOf(std::string_view field, std::string_view value, std::string_view what, const Range& choices) {
  if (std::find(std::begin(choices), std::end(choices), value) != std::end(choices)) return Status::Ok();
  return InvalidArgumentError(std::string(field),
                              fmt::format("unknown {} '{}'; use one of: {}", what, value, fmt::join(choices, ", ")));
}

// Fields a record carries that BioBridge does not know are kept as they came
// (DESIGN.md), up to kMaxUnknownFieldBytes of JSON in all per record; beyond
// that kResourceExhausted names the largest, so that nobody can store (and
// have every list serve) megabytes of data BioBridge does not use. Every
// Validate* of a record with unknown fields checks it.
inline constexpr std::size_t kMaxUnknownFieldBytes = 16 * 1024;
Status CheckUnknownFields(const json::object& extra);

// Ids given by clients (imports, or API creates that name one): 1 to 64
// characters of letters, digits and . _ : - starting with a letter or digit.
Status ValidateRecordId(std::string_view id, std::string_view field = "id");

// Every field of the organisation except `id` (which may still be empty when
// the server is to assign one).
Status ValidateOrganization(const Organization& organization, const Taxonomies& taxonomies);

// Every field of the opportunity except `id`; the existence of the
// organisation it names is checked by the store.
Status ValidateOpportunity(const Opportunity& opportunity, const Taxonomies& taxonomies);

// Every field of the collaboration except `id`: two or more distinct
// organisation ids, the lead among them; the existence of the organisations
// is checked by the store.
Status ValidateCollaboration(const Collaboration& collaboration, const Taxonomies& taxonomies);
// A name in some language, a kind from kProgrammeKinds, an operator id.
Status ValidateProgramme(const Programme& programme, const Taxonomies& taxonomies);

// The expert committee (domain/committee.h). Texts within limits, known
// codes, a conflict naming exactly one of organisation, person, programme.
Status ValidateExpert(const Expert& expert, const Taxonomies& taxonomies);
// A title in some language; language one of en, zh, ru; documents named.
Status ValidateReviewProject(const ReviewProject& project, const Taxonomies& taxonomies);
// k >= 1, 0 <= min_load <= max_load, a blind mode, a rubric of distinct ids
// with positive weights.
Status ValidateCommitteeSettings(const CommitteeSettings& settings, const Taxonomies& taxonomies);
// Scores only for rubric criteria, each between kMinScore and kMaxScore. A
// draft may be partial; a submitted review scores every criterion and
// recommends an outcome.
Status ValidateReview(const Review& review, const CommitteeSettings& settings);

}  // namespace biobridge::domain
