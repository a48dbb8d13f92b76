// SqlStore: regulatory profiles imported by operators (schema
// 0014_regulatory_profiles.sql).
#include <fmt/format.h>

#include "storage/sql/connection.h"
#include "storage/sql/journal_rows.h"
#include "storage/sql/sql_store.h"

namespace biobridge::storage::sql {

Result<std::vector<Store::StoredProfile>> SqlStore::ListRegulatoryProfiles() {
  std::vector<StoredProfile> out;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement rows, c.Prepare("SELECT jurisdiction, doc, updated_by, updated_at, version FROM "
                                                  "regulatory_profiles ORDER BY jurisdiction"));
    while (true) {
      BB_ASSIGN_OR_RETURN(bool row, rows.Step());
      if (!row) return Status::Ok();
      out.push_back({std::string(rows.Text(0)), std::string(rows.Text(1)), std::string(rows.Text(2)),
                     FromUnixMillis(rows.Int(3)), rows.Int(4)});
    }
  }));
  return out;
}

Status SqlStore::PutRegulatoryProfiles(const std::vector<std::pair<std::string, std::string>>& profiles,
                                          const WriteContext& context) {
  return WriteTransaction(context, [&](Connection& c) -> Status {
    for (const auto& [jurisdiction, doc] : profiles) {
      BB_ASSIGN_OR_RETURN(Statement before, c.Prepare("SELECT doc, version FROM regulatory_profiles WHERE jurisdiction = ?"));
      BB_ASSIGN_OR_RETURN(const bool existed, before.Bind(1, jurisdiction).Step());
      const std::string old_doc = existed ? std::string(before.Text(0)) : std::string();
      const std::int64_t version = existed ? before.Int(1) + 1 : 1;
      if (existed && old_doc == doc) continue;  // unchanged
      BB_ASSIGN_OR_RETURN(Statement put, c.Prepare(
          "INSERT INTO regulatory_profiles (jurisdiction, doc, updated_by, updated_at, version) VALUES (?, ?, ?, ?, ?) "
          "ON CONFLICT (jurisdiction) DO UPDATE SET doc = excluded.doc, updated_by = excluded.updated_by, "
          "updated_at = excluded.updated_at, version = excluded.version"));
      BB_RETURN_IF_ERROR(put.Bind(1, jurisdiction).Bind(2, doc).Bind(3, context.actor).Bind(4, ToUnixMillis(context.at))
                             .Bind(5, version).Run());
      BB_RETURN_IF_ERROR(AppendAudit(c, context, existed ? "update" : "create", "regulatory_profile", jurisdiction,
                                     json::object{{"doc", json::object{{"before", existed ? json::value(old_doc)
                                                                                          : json::value(nullptr)},
                                                                       {"after", doc}}}}));
    }
    return Status::Ok();
  });
}

}  // namespace biobridge::storage::sql
