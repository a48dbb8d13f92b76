// The rules of who may do what, in one place. Each returns OK or the error to
// send: kUnauthenticated when signing in would help, kPermissionDenied when
// it would not.
#pragma once

#include <string_view>

#include "base/status.h"
#include "service/principal.h"

namespace biobridge::service {

Status RequireSignedIn(const Principal& who, std::string_view to_do);
// Signed in as a person (not the platform itself): what is personal, such
// as one's inbox or saved searches.
Status RequirePerson(const Principal& who, std::string_view to_do);
Status RequirePlatformAdmin(const Principal& who, std::string_view to_do);
// Members (any role) of the organisation, or platform admins.
Status RequireMember(const Principal& who, std::string_view organization_id, std::string_view to_do);
// Admins of the organisation, or platform admins.
Status RequireOrganizationAdmin(const Principal& who, std::string_view organization_id, std::string_view to_do);

// Acting in an organisation's name (posting for it, expressing or answering
// interest, moving its deals, accepting an agreement, inviting members,
// submitting projects) is for its own members (admins, for
// RequireOrganizationAdminInPerson), or the console acting on the operator's
// instruction. A platform admin moderates (reads, corrects, removes) but
// does not speak for an organisation: kPermissionDenied saying so.
// Whether `who` may act in the organisation's name: its member, or the console.
bool ActsFor(const Principal& who, std::string_view organization_id);
Status RequireMemberInPerson(const Principal& who, std::string_view organization_id, std::string_view to_do);
Status RequireOrganizationAdminInPerson(const Principal& who, std::string_view organization_id, std::string_view to_do);

// Confidentiality tiers of other organisations' opportunities that `who` may
// see: "public" for everyone, "members" once signed in; a platform admin sees
// every tier (returned as an empty list, meaning no restriction). Members see
// every tier of their own organisations' opportunities.
std::vector<std::string> VisibleTiers(const Principal& who);
bool MayView(const Principal& who, std::string_view organization_id, std::string_view confidentiality);

}  // namespace biobridge::service
