#include "service/authorization.h"

#include <fmt/format.h>

namespace biobridge::service {

Status RequireSignedIn(const Principal& who, std::string_view to_do) {
  if (who.signed_in()) return Status::Ok();
  return UnauthenticatedError(fmt::format("sign in to {}", to_do));
}

Status RequirePerson(const Principal& who, std::string_view to_do) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, to_do));
  if (!who.user()) return PermissionDeniedError(fmt::format("only a person can {}", to_do));
  return Status::Ok();
}

Status RequirePlatformAdmin(const Principal& who, std::string_view to_do) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, to_do));
  if (who.platform_admin()) return Status::Ok();
  return PermissionDeniedError(fmt::format("only platform admins may {}", to_do));
}

Status RequireMember(const Principal& who, std::string_view organization_id, std::string_view to_do) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, to_do));
  if (who.platform_admin() || who.MemberOf(organization_id)) return Status::Ok();
  return PermissionDeniedError(
      fmt::format("only members of organization '{}' may {}", organization_id, to_do));
}

Status RequireOrganizationAdmin(const Principal& who, std::string_view organization_id, std::string_view to_do) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, to_do));
  if (who.platform_admin() || who.AdminOf(organization_id)) return Status::Ok();
  return PermissionDeniedError(
      fmt::format("only admins of organization '{}' may {}", organization_id, to_do));
}

bool ActsFor(const Principal& who, std::string_view organization_id) {
  return who.is_system() || who.MemberOf(organization_id);
}

Status RequireMemberInPerson(const Principal& who, std::string_view organization_id, std::string_view to_do) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, to_do));
  if (ActsFor(who, organization_id)) return Status::Ok();
  return PermissionDeniedError(fmt::format("only members of organization '{}' may {}{}", organization_id, to_do,
                                           who.platform_admin() ? " (a platform admin does not act in its name)" : ""));
}

Status RequireOrganizationAdminInPerson(const Principal& who, std::string_view organization_id, std::string_view to_do) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, to_do));
  if (who.is_system() || who.AdminOf(organization_id)) return Status::Ok();
  return PermissionDeniedError(fmt::format("only admins of organization '{}' may {}{}", organization_id, to_do,
                                           who.platform_admin() ? " (a platform admin does not act in its name)" : ""));
}

std::vector<std::string> VisibleTiers(const Principal& who) {
  if (who.platform_admin()) return {};
  // Members-only details are for people whose address is verified (or the
  // platform itself): an account is free to make, an address is not.
  if (who.is_system() || (who.user() && who.user()->email_verified_at)) return {"public", "members"};
  return {"public"};
}

bool MayView(const Principal& who, std::string_view organization_id, std::string_view confidentiality) {
  if (who.platform_admin() || who.MemberOf(organization_id)) return true;
  for (const std::string& tier : VisibleTiers(who)) {
    if (tier == confidentiality) return true;
  }
  return false;
}

}  // namespace biobridge::service
