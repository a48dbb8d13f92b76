#include "domain/account.h"

namespace biobridge::domain {

std::string_view MembershipRoleName(MembershipRole role) {
  return role == MembershipRole::kAdmin ? "admin" : "member";
}

bool ParseMembershipRole(std::string_view name, MembershipRole& role) {
  if (name == "admin") {
    role = MembershipRole::kAdmin;
  } else if (name == "member") {
    role = MembershipRole::kMember;
  } else {
    return false;
  }
  return true;
}

}  // namespace biobridge::domain
