#include "service/principal.h"

namespace biobridge::service {

Principal Principal::System(std::string task) {
  Principal p;
  p.system_task_ = std::move(task);
  return p;
}

Principal Principal::ForUser(domain::User user, const std::vector<domain::Membership>& memberships) {
  Principal p;
  p.user_ = std::move(user);
  for (const auto& m : memberships) p.memberships_[m.organization_id] = m.role;
  return p;
}

bool Principal::MemberOf(std::string_view organization_id) const {
  return memberships_.find(organization_id) != memberships_.end();
}

bool Principal::AdminOf(std::string_view organization_id) const {
  auto it = memberships_.find(organization_id);
  return it != memberships_.end() && it->second == domain::MembershipRole::kAdmin;
}

std::vector<std::string> Principal::organization_ids() const {
  std::vector<std::string> ids;
  for (const auto& [id, role] : memberships_) ids.push_back(id);
  return ids;
}

std::string Principal::Language(std::string_view requested) const {
  if (!requested.empty()) return std::string(requested);
  return user_ && !user_->preferred_language.empty() ? user_->preferred_language : "en";
}

std::string Principal::actor() const {
  if (is_system()) return "system:" + system_task_;
  if (user_) return user_->id;
  return "anonymous";
}

}  // namespace biobridge::service
