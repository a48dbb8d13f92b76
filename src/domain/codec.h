// The interchange form of records (DESIGN.md, "Interchange format"): the JSON
// objects that import/export read and write one per line, and that the API
// sends and receives.
//
// Encoding writes `type` first, then the known fields in a fixed order
// (omitting empty ones), then unknown fields in their original order.
// Decoding checks shape only (types of values) and names the field at fault;
// rules that need the vocabularies live in validation.h. Unknown fields are
// kept in `extra`. The server-maintained fields `created_at` and `updated_at`
// are ignored on input; `version` is read, for optimistic concurrency.
#pragma once

#include <string_view>

#include "base/json.h"
#include "base/status.h"
#include "domain/collaboration.h"
#include "domain/programme.h"
#include "domain/localized_text.h"
#include "domain/opportunity.h"
#include "domain/organization.h"

namespace biobridge::domain {

inline constexpr std::string_view kOrganizationType = "organization";
inline constexpr std::string_view kOpportunityType = "opportunity";
inline constexpr std::string_view kCollaborationType = "collaboration";
inline constexpr std::string_view kProgrammeType = "programme";

json::object ToJson(const Organization& organization);
json::object ToJson(const Opportunity& opportunity);
json::object ToJson(const Collaboration& collaboration);
json::object ToJson(const Programme& programme);
json::object ToJson(const LocalizedText& text);
// Adds "version", "created_at" and "updated_at" (the API's view of a record).
void AddMeta(json::object& object, const RecordMeta& meta);

// kInvalidArgument naming the field for values of the wrong type, or a "type"
// other than the record's.
Result<Organization> OrganizationFromJson(const json::object& object);
Result<Opportunity> OpportunityFromJson(const json::object& object);
Result<Collaboration> CollaborationFromJson(const json::object& object);
Result<Programme> ProgrammeFromJson(const json::object& object);
// Accepts {"en": "...", ...} or, as shorthand, a plain string whose language
// is guessed from its script.
Result<LocalizedText> LocalizedTextFromJson(const json::value& value);

}  // namespace biobridge::domain
