// People and their roles.
//
// Platform-wide roles belong to the user (platform admin, expert, event
// organiser); organisation roles belong to a membership (organisation admin
// or member). Only members of an organisation, or a platform admin, may
// change the organisation and its opportunities; organisation admins also
// manage its members.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/record.h"

namespace biobridge::domain {

enum class MembershipRole { kAdmin, kMember };

std::string_view MembershipRoleName(MembershipRole role);  // "admin", "member"
bool ParseMembershipRole(std::string_view name, MembershipRole& role);

struct User {
  std::string id;
  std::string email;         // lower case, unique
  std::string display_name;
  std::string preferred_language = "en";
  std::string time_zone = "UTC";  // IANA; digests are sent at 08:00 in it
  bool platform_admin = false;
  bool expert = false;
  bool event_organiser = false;
  // When the person showed they read mail at `email` (a link mailed to it);
  // until then nothing is given to them on the strength of the address.
  std::optional<Timestamp> email_verified_at;
  RecordMeta meta;

  friend bool operator==(const User&, const User&) = default;
};

struct Membership {
  std::string user_id;
  std::string organization_id;
  MembershipRole role = MembershipRole::kMember;

  friend bool operator==(const Membership&, const Membership&) = default;
};

}  // namespace biobridge::domain
