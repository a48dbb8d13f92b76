#include "storage/sql/doc_tables.h"

#include <fmt/format.h>

#include "storage/field_diff.h"
#include "storage/sql/journal_rows.h"

namespace biobridge::storage::sql {
namespace {

Result<StoredDoc> DecodeRow(const Statement& row, const DocTable& t) {
  BB_ASSIGN_OR_RETURN(json::value doc, ParseJson(row.Text(0), {.max_depth = 64, .max_string_bytes = 1 << 20}));
  if (!doc.is_object()) return InternalError(fmt::format("a stored {} is not a JSON object", t.noun));
  return StoredDoc{std::move(doc.as_object()),
                   {row.Int(1), FromUnixMillis(row.Int(2)), FromUnixMillis(row.Int(3))}};
}

}  // namespace

Result<std::vector<StoredDoc>> SelectDocs(Connection& c, const DocTable& t, std::string_view where,
                                          const std::vector<std::string>& values) {
  BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare(fmt::format("SELECT doc, version, created_at, updated_at FROM {} {} "
                                                            "ORDER BY seq",
                                                            t.table, where)));
  for (std::size_t i = 0; i < values.size(); ++i) stmt.Bind(int(i + 1), values[i]);
  std::vector<StoredDoc> out;
  while (true) {
    BB_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return out;
    BB_ASSIGN_OR_RETURN(StoredDoc d, DecodeRow(stmt, t));
    out.push_back(std::move(d));
  }
}

Result<std::optional<StoredDoc>> SelectDoc(Connection& c, const DocTable& t, std::string_view id) {
  BB_ASSIGN_OR_RETURN(std::vector<StoredDoc> found, SelectDocs(c, t, "WHERE id = ?", {std::string(id)}));
  if (found.empty()) return std::optional<StoredDoc>();
  return std::optional<StoredDoc>(std::move(found.front()));
}

Status InsertDoc(Connection& c, const DocTable& t, std::string_view id, const std::vector<std::string>& columns,
                 const json::object& doc, const WriteContext& context) {
  BB_ASSIGN_OR_RETURN(bool taken, c.Exists(fmt::format("SELECT 1 FROM {} WHERE id = ?", t.table), id));
  if (taken) return AlreadyExistsError(fmt::format("a {} with id '{}' exists", t.noun, id), "id");
  std::string names = "id", marks = "?";
  for (std::string_view column : t.columns) names += fmt::format(", {}", column), marks += ", ?";
  BB_ASSIGN_OR_RETURN(Statement stmt,
                      c.Prepare(fmt::format("INSERT INTO {} ({}, doc, version, created_at, updated_at) VALUES ({}, ?, 1, "
                                            "?, ?)",
                                            t.table, names, marks)));
  int i = 1;
  stmt.Bind(i++, id);
  for (const std::string& value : columns) stmt.Bind(i++, value);
  BB_RETURN_IF_ERROR(stmt.Bind(i, json::serialize(doc))
                         .Bind(i + 1, ToUnixMillis(context.at))
                         .Bind(i + 2, ToUnixMillis(context.at))
                         .Run());
  return AppendAudit(c, context, "create", t.entity, id, FieldDiff({}, doc));
}

Result<std::int64_t> ReplaceDoc(Connection& c, const DocTable& t, std::string_view id,
                                const std::vector<std::string>& columns, const json::object& doc,
                                std::int64_t expected_version, const WriteContext& context) {
  BB_ASSIGN_OR_RETURN(std::optional<StoredDoc> current, SelectDoc(c, t, id));
  if (!current) return NotFoundError(fmt::format("no {} has id '{}'", t.noun, id));
  if (current->meta.version != expected_version) {
    return AbortedError(fmt::format("the {} changed (version {} now, not {}); reload it", t.noun, current->meta.version,
                                    expected_version));
  }
  std::string sets;
  for (std::string_view column : t.columns) sets += fmt::format("{} = ?, ", column);
  BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare(fmt::format("UPDATE {} SET {}doc = ?, version = ?, updated_at = ? "
                                                            "WHERE id = ?",
                                                            t.table, sets)));
  int i = 1;
  for (const std::string& value : columns) stmt.Bind(i++, value);
  const std::int64_t version = expected_version + 1;
  BB_RETURN_IF_ERROR(
      stmt.Bind(i, json::serialize(doc)).Bind(i + 1, version).Bind(i + 2, ToUnixMillis(context.at)).Bind(i + 3, id).Run());
  BB_RETURN_IF_ERROR(AppendAudit(c, context, "update", t.entity, id, FieldDiff(current->doc, doc)));
  return version;
}

Status CheckReference(Connection& c, std::string_view sql, std::string_view id, std::string_view field,
                      std::string_view noun) {
  BB_ASSIGN_OR_RETURN(bool found, c.Exists(sql, id));
  return found ? Status::Ok() : InvalidArgumentError(std::string(field), fmt::format("no {} has id '{}'", noun, id));
}

}  // namespace biobridge::storage::sql
