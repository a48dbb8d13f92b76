// Building the notices a change carries (domain/notification.h): who is
// told, the link, and the names the text shows. Every name put in a notice
// is one each of its recipients may see (public directory names, titles of
// things they are a party to); nothing of a tier above theirs, never who
// reviews or who applied in a double-blind review.
#pragma once

#include <string>
#include <string_view>

#include "base/json.h"
#include "domain/notification.h"
#include "storage/store.h"

namespace biobridge::service::notices {

// An organisation's name as a {"en": ..., "zh": ...} object (the id when the
// organisation is gone).
json::value OrganizationName(storage::Store& store, std::string_view organization_id);
// An opportunity's title, likewise.
json::value OpportunityTitle(storage::Store& store, std::string_view opportunity_id);
// An event's name, likewise.
json::value EventName(storage::Store& store, std::string_view event_id);

// "Name (Organisation)" in each language the organisation's name has.
json::value PersonAt(storage::Store& store, std::string_view person, std::string_view organization_id);

domain::Notice Make(std::string kind, std::string subject_type, std::string subject_id, std::string link,
                    json::object params);

// The notice, addressed to every member of `organization` but `except`.
domain::Notice ToOrganization(domain::Notice notice, std::string organization, std::string except);
// The notice, addressed to `user` (unless it is `except`).
domain::Notice ToUser(domain::Notice notice, std::string user, std::string except);

}  // namespace biobridge::service::notices
