// How organisations, opportunities and collaborations are stored, shared by the parts of
// SqlStore that read and write them. Internal to storage/sql.
//
// All are stored alike: the interchange JSON in `doc`, a few columns to
// filter and sort on, and rows derived from the record in a side table:
// the tags organisations and opportunities carry (area, modality, market,
// cooperation, target country) as integer pairs, the members of a
// collaboration. DirectoryTable<T> says how for each, so that one set of
// functions does create/update/delete/import for all.
//
// Every function that may refuse a record (missing, taken, stale, dangling
// reference) does its checks before its first write, so that a refusal leaves
// nothing to undo; the import path relies on it.
#pragma once

#include <fmt/format.h>

#include <array>
#include <functional>
#include <map>

#include <optional>
#include <type_traits>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "domain/collaboration.h"
#include "domain/opportunity.h"
#include "domain/organization.h"
#include "storage/sql/connection.h"
#include "storage/sql/tag_dictionary.h"
#include "storage/store.h"

namespace biobridge::storage::sql::detail {

// A connection inside a transaction, with the tag ids of its database.
struct DirectoryDb {
  Connection& c;
  const TagDictionary& tags;
};

using Codes = std::set<std::pair<std::string_view, std::string_view>>;  // facet, code (views into a record)

template <typename T>
struct DirectoryTable;

template <>
struct DirectoryTable<domain::Organization> {
  static constexpr std::string_view kEntity = "organization";
  static constexpr std::string_view kTable = "organizations";
  static constexpr std::string_view kTagTable = "organization_tags";
  static constexpr std::string_view kTagKey = "organization_seq";
  static constexpr std::string_view kColumns[] = {"kind", "country", "sort_name"};
  // The values of the columns above (views into `o`, or into `scratch`
  // for computed text).
  static std::array<Value, 3> ColumnValues(const domain::Organization& o, std::string& scratch);
  static Codes CodesOf(const domain::Organization& o);
  static Result<domain::Organization> FromJson(const json::object& doc);
  // Brings the derived rows of the record at `seq` from `before` to `after`
  // (null: none, for a create or a delete).
  static Status WriteDerivedRows(const DirectoryDb& db, std::int64_t seq, const domain::Organization* before,
                                 const domain::Organization* after);
};

template <>
struct DirectoryTable<domain::Opportunity> {
  static constexpr std::string_view kEntity = "opportunity";
  static constexpr std::string_view kTable = "opportunities";
  static constexpr std::string_view kTagTable = "opportunity_tags";
  static constexpr std::string_view kTagKey = "opportunity_seq";
  static constexpr std::string_view kColumns[] = {"organization_id", "direction", "stage", "confidentiality"};
  static std::array<Value, 4> ColumnValues(const domain::Opportunity& o, std::string& scratch);
  static Codes CodesOf(const domain::Opportunity& o);
  static Result<domain::Opportunity> FromJson(const json::object& doc);
  static Status WriteDerivedRows(const DirectoryDb& db, std::int64_t seq, const domain::Opportunity* before,
                                 const domain::Opportunity* after);
};

// Collaborations carry no tags: their derived rows are who took part, in
// collaboration_members, keyed by organisation.
template <>
struct DirectoryTable<domain::Collaboration> {
  static constexpr std::string_view kEntity = "collaboration";
  static constexpr std::string_view kTable = "collaborations";
  static constexpr std::string_view kColumns[] = {"lead", "year"};
  static std::array<Value, 2> ColumnValues(const domain::Collaboration& c, std::string& scratch);
  static Result<domain::Collaboration> FromJson(const json::object& doc);
  static Status WriteDerivedRows(const DirectoryDb& db, std::int64_t seq, const domain::Collaboration* before,
                                 const domain::Collaboration* after);
};

// SQL text of each table, built once from its description.
template <typename T>
struct DirectorySql {
  using Table = DirectoryTable<T>;
  static constexpr int kColumnCount = std::size(Table::kColumns);

  std::string select_by_id =
      fmt::format("SELECT doc, version, created_at, updated_at, seq FROM {} WHERE id = ?", Table::kTable);
  std::string select_all = fmt::format("SELECT doc, version, created_at, updated_at FROM {} ORDER BY id", Table::kTable);
  // For ForEachRowWithIdIn.
  std::string select_by_ids =
      fmt::format("SELECT doc, version, created_at, updated_at, id FROM {} WHERE id IN ({{}})", Table::kTable);
  std::string insert, update;
  std::string delete_row = fmt::format("DELETE FROM {} WHERE seq = ?", Table::kTable);

  DirectorySql() {
    // Parameters: the table's columns, then doc, version, created_at, updated_at, id.
    std::string columns, placeholders, assignments;
    for (int i = 0; i < kColumnCount; ++i) {
      columns += fmt::format("{}, ", Table::kColumns[i]);
      placeholders += fmt::format("?{}, ", i + 1);
      assignments += fmt::format("{} = ?{}, ", Table::kColumns[i], i + 1);
    }
    const int n = kColumnCount;
    insert = fmt::format("INSERT INTO {} ({}doc, version, created_at, updated_at, id) VALUES ({}?{}, ?{}, ?{}, ?{}, ?{}) RETURNING seq",
                         Table::kTable, columns, placeholders, n + 1, n + 2, n + 3, n + 4, n + 5);
    update = fmt::format("UPDATE {} SET {}doc = ?{}, version = ?{}, created_at = ?{}, updated_at = ?{} WHERE id = ?{}",
                         Table::kTable, assignments, n + 1, n + 2, n + 3, n + 4, n + 5);
  }

  static const DirectorySql& Get() {
    static const DirectorySql sql;
    return sql;
  }
};

// SQL text of the tag table of the tables that have one.
template <typename T>
struct TagSql {
  using Table = DirectoryTable<T>;
  static constexpr std::size_t kMaxTagsPerInsert = 16;

  std::string delete_tag = fmt::format("DELETE FROM {} WHERE tag = ? AND {} = ?", Table::kTagTable, Table::kTagKey);
  // INSERT statements for 1..kMaxTagsPerInsert rows: one statement per record.
  std::vector<std::string> insert_tags;

  TagSql() {
    std::string values;
    insert_tags.emplace_back();  // no statement for zero rows
    for (std::size_t rows = 1; rows <= kMaxTagsPerInsert; ++rows) {
      values += rows == 1 ? "(?, ?)" : ", (?, ?)";
      insert_tags.push_back(fmt::format("INSERT INTO {} (tag, {}) VALUES {}", Table::kTagTable, Table::kTagKey, values));
    }
  }

  static const TagSql& Get() {
    static const TagSql sql;
    return sql;
  }
};

// A stored record as read back: its decoded form, its stored JSON and its
// integer key.
template <typename T>
struct StoredRecord {
  T record;
  json::object doc;
  std::int64_t seq = 0;
};

// The meta of the current row of a statement selecting doc, version,
// created_at, updated_at.
inline domain::RecordMeta MetaOfRow(const Statement& row) {
  return {row.Int(1), FromUnixMillis(row.Int(2)), FromUnixMillis(row.Int(3))};
}

// Decodes the current row of a statement selecting doc, version, created_at,
// updated_at; `doc` receives the parsed JSON.
template <typename T>
Result<T> DecodeRow(const Statement& row, json::object& doc) {
  boost::system::error_code ec;
  json::value parsed = json::parse(row.Text(0), ec);
  if (ec || !parsed.is_object()) {
    return InternalError(fmt::format("a stored {} is corrupt", DirectoryTable<T>::kEntity));
  }
  doc = std::move(parsed.get_object());
  BB_ASSIGN_OR_RETURN(T record, DirectoryTable<T>::FromJson(doc));
  record.meta = MetaOfRow(row);
  return record;
}

template <typename T>
Result<T> DecodeRow(const Statement& row) {
  json::object doc;
  return DecodeRow<T>(row, doc);
}

// The stored record with `id`, or nullopt.
template <typename T>
Result<std::optional<StoredRecord<T>>> LoadRecord(Connection& c, std::string_view id) {
  BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare(DirectorySql<T>::Get().select_by_id));
  stmt.Bind(1, id);
  BB_ASSIGN_OR_RETURN(bool found, stmt.Step());
  if (!found) return std::optional<StoredRecord<T>>();
  StoredRecord<T> stored;
  BB_ASSIGN_OR_RETURN(stored.record, DecodeRow<T>(stmt, stored.doc));
  stored.seq = stmt.Int(4);
  return std::optional<StoredRecord<T>>(std::move(stored));
}

// Those of `ids` that are stored, in the order of `ids`.
template <typename T>
Result<std::vector<T>> LoadRecords(Connection& c, const std::vector<std::string>& ids) {
  std::map<std::string, T, std::less<>> found;
  BB_RETURN_IF_ERROR(ForEachRowWithIdIn(c, DirectorySql<T>::Get().select_by_ids,
                                        std::vector<std::string_view>(ids.begin(), ids.end()),
                                        [&](const Statement& row) -> Status {
                                          BB_ASSIGN_OR_RETURN(T record, DecodeRow<T>(row));
                                          found.emplace(row.Text(4), std::move(record));
                                          return Status::Ok();
                                        }));
  std::vector<T> out;
  out.reserve(found.size());
  for (const std::string& id : ids) {
    auto it = found.find(id);
    if (it != found.end()) out.push_back(it->second);
  }
  return out;
}

Status NotFound(std::string_view entity, std::string_view id);

// Opportunities and collaborations may only name organisations that exist:
// kInvalidArgument naming the field otherwise.
using OrganizationExists = std::function<Result<bool>(std::string_view id)>;
Status CheckReferences(const domain::Organization& o, const OrganizationExists& exists);
Status CheckReferences(const domain::Opportunity& o, const OrganizationExists& exists);
Status CheckReferences(const domain::Collaboration& o, const OrganizationExists& exists);
// The same, asking the database.
template <typename T>
Status CheckReferences(Connection& c, const T& record) {
  return CheckReferences(record, [&c](std::string_view id) { return c.Exists("SELECT 1 FROM organizations WHERE id = ?", id); });
}

// The tag ids of a record's codes.
Result<std::set<std::int64_t>> TagIds(const DirectoryDb& db, const Codes& codes);

// Brings a record's rows in its tag table from `before` to `after`.
template <typename T>
Status UpdateTags(const DirectoryDb& db, std::int64_t seq, const Codes& before, const Codes& after) {
  const TagSql<T>& sql = TagSql<T>::Get();
  BB_ASSIGN_OR_RETURN(std::set<std::int64_t> old_tags, TagIds(db, before));
  BB_ASSIGN_OR_RETURN(std::set<std::int64_t> new_tags, TagIds(db, after));
  for (std::int64_t tag : old_tags) {
    if (new_tags.count(tag)) continue;
    BB_ASSIGN_OR_RETURN(Statement stmt, db.c.Prepare(sql.delete_tag));
    BB_RETURN_IF_ERROR(stmt.Bind(1, tag).Bind(2, seq).Run());
  }
  std::vector<std::int64_t> added;
  for (std::int64_t tag : new_tags) {
    if (!old_tags.count(tag)) added.push_back(tag);
  }
  for (std::size_t start = 0; start < added.size(); start += TagSql<T>::kMaxTagsPerInsert) {
    const std::size_t rows = std::min(added.size() - start, TagSql<T>::kMaxTagsPerInsert);
    BB_ASSIGN_OR_RETURN(Statement stmt, db.c.Prepare(sql.insert_tags[rows]));
    for (std::size_t i = 0; i < rows; ++i) stmt.Bind(static_cast<int>(2 * i + 1), added[start + i]).Bind(static_cast<int>(2 * i + 2), seq);
    BB_RETURN_IF_ERROR(stmt.Run());
  }
  return Status::Ok();
}

// Writes the row and its derived rows. `record.meta` holds the new version and
// times; `previous` is the stored record being replaced, if any.
template <typename T>
Status WriteRow(const DirectoryDb& db, const T& record, const std::string& doc, const StoredRecord<T>* previous) {
  using Sql = DirectorySql<T>;
  constexpr int n = Sql::kColumnCount;
  const Sql& sql = Sql::Get();
  std::string scratch;
  BB_ASSIGN_OR_RETURN(Statement row, db.c.Prepare(previous ? sql.update : sql.insert));
  const auto columns = DirectoryTable<T>::ColumnValues(record, scratch);
  for (int i = 0; i < n; ++i) row.BindValue(i + 1, columns[i]);
  row.BindUnowned(n + 1, doc)
      .Bind(n + 2, record.meta.version)
      .Bind(n + 3, ToUnixMillis(record.meta.created_at))
      .Bind(n + 4, ToUnixMillis(record.meta.updated_at))
      .BindUnowned(n + 5, record.id);
  std::int64_t seq = 0;
  if (previous) {
    BB_RETURN_IF_ERROR(row.Run());
    seq = previous->seq;
  } else {
    BB_ASSIGN_OR_RETURN(seq, row.RunReturning());
  }
  return DirectoryTable<T>::WriteDerivedRows(db, seq, previous ? &previous->record : nullptr, &record);
}

// Writes a new record (version 1) whose references were checked. `action`
// names it in the audit log.
template <typename T>
Status WriteNewRecord(const DirectoryDb& db, T& record, const WriteContext& context, std::string_view action);

// A replacement that passed its checks: the new JSON and what changed.
struct Replacement {
  json::object doc;
  json::object diff;
};

// Checks replacing `stored` by `record`; nullopt when no field changed (then
// `record` takes the stored meta).
template <typename T>
Result<std::optional<Replacement>> PlanReplacement(Connection& c, T& record, const StoredRecord<T>& stored);

template <typename T>
Status WriteReplacement(const DirectoryDb& db, T& record, const StoredRecord<T>& stored, const Replacement& plan,
                        const WriteContext& context, std::string_view action);

// The use cases, each inside the caller's write transaction.
template <typename T>
Status CreateRecord(const DirectoryDb& db, T& record, const WriteContext& context);
template <typename T>
Status UpdateRecord(const DirectoryDb& db, T& record, const WriteContext& context);
template <typename T>
Status DeleteRecord(const DirectoryDb& db, std::string_view id, std::int64_t expected_version,
                    const WriteContext& context);
// Creates or replaces; `wrote` tells whether writing had begun when an error came.
template <typename T>
Result<ImportOutcome> UpsertRecord(const DirectoryDb& db, T& record, const WriteContext& context, bool& wrote);

template <typename T>
Status ForEachRecord(Connection& c, const std::function<Status(const T&)>& visit) {
  BB_ASSIGN_OR_RETURN(Statement stmt, c.PrepareStreaming(DirectorySql<T>::Get().select_all));
  while (true) {
    BB_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return Status::Ok();
    BB_ASSIGN_OR_RETURN(T record, DecodeRow<T>(stmt));
    BB_RETURN_IF_ERROR(visit(record));
  }
}

}  // namespace biobridge::storage::sql::detail
