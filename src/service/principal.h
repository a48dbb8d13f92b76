// Principal: who is asking. Every service call takes one and authorises
// against it; handlers build it from the session cookie or API token, the CLI
// uses a system principal.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/account.h"

namespace biobridge::service {

class Principal {
 public:
  static Principal Anonymous() { return Principal(); }
  // The platform itself acting for an operator at the console (imports,
  // bootstrap): every right, recorded in the audit log as "system:<task>".
  static Principal System(std::string task);
  static Principal ForUser(domain::User user, const std::vector<domain::Membership>& memberships);

  bool signed_in() const { return user_.has_value() || !system_task_.empty(); }
  bool is_system() const { return !system_task_.empty(); }
  bool platform_admin() const { return is_system() || (user_ && user_->platform_admin); }
  const domain::User* user() const { return user_ ? &*user_ : nullptr; }
  bool MemberOf(std::string_view organization_id) const;
  bool AdminOf(std::string_view organization_id) const;
  std::vector<std::string> organization_ids() const;
  // The audit log's "who": the user id, or "system:<task>", or "anonymous".
  std::string actor() const;
  // The language a view for this person is worded in: `requested` when
  // given, else the account's preferred one, else English.
  std::string Language(std::string_view requested = "") const;

 private:
  std::optional<domain::User> user_;
  std::string system_task_;
  std::map<std::string, domain::MembershipRole, std::less<>> memberships_;
};

}  // namespace biobridge::service
