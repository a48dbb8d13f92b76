#include "storage/sql/journal_rows.h"

#include <fmt/format.h>

#include "storage/field_diff.h"

namespace biobridge::storage::sql {

Status AppendAudit(Connection& c, const WriteContext& context, std::string_view action,
                   std::string_view entity_type, std::string_view entity_id, const json::object& changes) {
  BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("INSERT INTO audit_log (at, actor, action, entity_type, entity_id, "
                                                "changes) VALUES (?, ?, ?, ?, ?, ?)"));
  const std::string text = changes.empty() ? std::string("{}") : json::serialize(changes);
  return stmt.Bind(1, ToUnixMillis(context.at))
      .BindUnowned(2, context.actor)
      .BindUnowned(3, action)
      .BindUnowned(4, entity_type)
      .BindUnowned(5, entity_id)
      .BindUnowned(6, text)
      .Run();
}

Status AppendChange(Connection& c, const WriteContext& context, std::string_view entity_type,
                    std::string_view entity_id, std::string_view operation, std::int64_t version) {
  BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("INSERT INTO change_log (at, entity_type, entity_id, operation, "
                                                "version) VALUES (?, ?, ?, ?, ?)"));
  return stmt.Bind(1, ToUnixMillis(context.at))
      .BindUnowned(2, entity_type)
      .BindUnowned(3, entity_id)
      .BindUnowned(4, operation)
      .Bind(5, version)
      .Run();
}

Status WriteMembership(Connection& c, const domain::Membership& m, const WriteContext& context) {
  BB_ASSIGN_OR_RETURN(bool user, c.Exists("SELECT 1 FROM users WHERE id = ?", m.user_id));
  if (!user) return NotFoundError(fmt::format("no user has id '{}'", m.user_id));
  BB_ASSIGN_OR_RETURN(bool org, c.Exists("SELECT 1 FROM organizations WHERE id = ?", m.organization_id));
  if (!org) return NotFoundError(fmt::format("no organization has id '{}'", m.organization_id));
  json::object before;
  {
    BB_ASSIGN_OR_RETURN(Statement current,
                        c.Prepare("SELECT role FROM memberships WHERE organization_id = ? AND user_id = ?"));
    BB_ASSIGN_OR_RETURN(bool found, current.Bind(1, m.organization_id).Bind(2, m.user_id).Step());
    if (found) before["role"] = current.Text(0);
  }
  const json::object after{{"role", domain::MembershipRoleName(m.role)}};
  const json::object diff = FieldDiff(before, after);
  if (diff.empty()) return Status::Ok();
  BB_ASSIGN_OR_RETURN(Statement stmt,
                      c.Prepare("INSERT INTO memberships (organization_id, user_id, role) VALUES (?, ?, ?) "
                                "ON CONFLICT (organization_id, user_id) DO UPDATE SET role = excluded.role"));
  BB_RETURN_IF_ERROR(
      stmt.Bind(1, m.organization_id).Bind(2, m.user_id).Bind(3, domain::MembershipRoleName(m.role)).Run());
  const std::string id = fmt::format("{}/{}", m.organization_id, m.user_id);
  BB_RETURN_IF_ERROR(AppendAudit(c, context, before.empty() ? "create" : "update", "membership", id, diff));
  return AppendChange(c, context, "membership", id, "upsert", 0);
}


}  // namespace biobridge::storage::sql
