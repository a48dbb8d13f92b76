// Fuzz target: a request body as the API reads it (ParseJson with the API's
// limits), then every record codec and its validation. An oracle beyond "no
// crash": what decodes and validates must encode, decode and encode again to
// the same record (the interchange format round-trips).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "base/json.h"
#include "domain/codec.h"
#include "domain/committee.h"
#include "domain/event.h"
#include "domain/invitation.h"
#include "domain/taxonomy.h"
#include "domain/validation.h"

namespace {

using namespace biobridge;

// The record's JSON without its unknown fields. (Those are kept as Boost.JSON
// 1.81 parses and prints them, and its parser does not round numbers
// correctly: a fraction may move by one unit in the last place the first time
// it is stored, then stays. Found by this target; the known fields hold no
// fractions that matter, and the unknown ones are checked for stability.)
template <typename Record>
std::string Known(Record record) {
  if constexpr (requires { record.extra; }) record.extra = {};
  return json::serialize(domain::ToJson(record));
}

template <typename Decode, typename Validate>
void RoundTrip(const json::object& object, Decode decode, Validate validate) {
  auto first = decode(object);
  if (!first.ok() || !validate(*first).ok()) return;
  const std::string once = json::serialize(domain::ToJson(*first));
  auto second = decode(json::parse(once).as_object());
  if (!second.ok()) std::abort();  // what BioBridge wrote, it cannot read back
  if (Known(*second) != Known(*first)) std::abort();
  // Stored twice, everything stays as it is.
  const std::string twice = json::serialize(domain::ToJson(*second));
  auto third = decode(json::parse(twice).as_object());
  if (!third.ok() || json::serialize(domain::ToJson(*third)) != twice) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Result<json::value> parsed = ParseJson(text, JsonLimits{});
  if (!parsed.ok() || !parsed->is_object()) return 0;
  const json::object& object = parsed->as_object();
  const domain::Taxonomies& t = domain::Taxonomies::Builtin();
  RoundTrip(object, domain::OrganizationFromJson, [&](const auto& o) { return domain::ValidateOrganization(o, t); });
  RoundTrip(object, domain::OpportunityFromJson, [&](const auto& o) { return domain::ValidateOpportunity(o, t); });
  RoundTrip(object, domain::CollaborationFromJson, [&](const auto& c) { return domain::ValidateCollaboration(c, t); });
  RoundTrip(object, domain::ProgrammeFromJson, [&](const auto& p) { return domain::ValidateProgramme(p, t); });
  RoundTrip(object, domain::ExpertFromJson, [&](const auto& e) { return domain::ValidateExpert(e, t); });
  RoundTrip(object, domain::ReviewProjectFromJson, [&](const auto& p) { return domain::ValidateReviewProject(p, t); });
  RoundTrip(object, domain::EventFromJson, [](const auto& e) { return domain::ValidateEvent(e); });
  RoundTrip(object, domain::InvitationFromJson, [](const auto& i) { return domain::ValidateInvitation(i); });
  (void)domain::DelegateFromJson(object);
  (void)domain::MeetingRequestFromJson(object);
  (void)domain::ScheduleFromJson(object);
  (void)domain::CommitteeFromJson(object);
  (void)domain::ReviewFromJson(object);
  if (auto plan = domain::SlotPlanFromJson(object); plan.ok()) (void)domain::PlanSlots(*plan);
  return 0;
}
