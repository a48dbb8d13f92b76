#include "storage/sqlite/journal_rows.h"

namespace biobridge::storage::sqlite {

Status AppendAudit(Connection& c, const WriteContext& context, std::string_view action,
                   std::string_view entity_type, std::string_view entity_id, const json::object& changes) {
  BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("INSERT INTO audit_log (at, actor, action, entity_type, entity_id, "
                                                "changes) VALUES (?, ?, ?, ?, ?, ?)"));
  return stmt.Bind(1, ToUnixMillis(context.at))
      .Bind(2, context.actor)
      .Bind(3, action)
      .Bind(4, entity_type)
      .Bind(5, entity_id)
      .Bind(6, json::serialize(changes))
      .Run();
}

Status AppendChange(Connection& c, const WriteContext& context, std::string_view entity_type,
                    std::string_view entity_id, std::string_view operation, std::int64_t version) {
  BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("INSERT INTO change_log (at, entity_type, entity_id, operation, "
                                                "version) VALUES (?, ?, ?, ?, ?)"));
  return stmt.Bind(1, ToUnixMillis(context.at))
      .Bind(2, entity_type)
      .Bind(3, entity_id)
      .Bind(4, operation)
      .Bind(5, version)
      .Run();
}

}  // namespace biobridge::storage::sqlite
