// Tables that hold whole documents: each row is an entity's interchange JSON
// (`doc`) beside the columns it is looked up by, with `seq`, `id`,
// `version` and times. Shared by the parts of SqlStore that store
// documents (the committee, events). Internal to storage/sql.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "domain/record.h"
#include "storage/sql/connection.h"
#include "storage/store.h"

namespace biobridge::storage::sql {

struct DocTable {
  std::string_view table;
  std::string_view entity;  // in the audit log
  std::string_view noun;    // in messages
  std::vector<std::string_view> columns;  // looked-up columns, after id
};

struct StoredDoc {
  json::object doc;
  domain::RecordMeta meta;
};

// The rows `where` selects (a WHERE clause with ? for each value), in order of `seq`.
Result<std::vector<StoredDoc>> SelectDocs(Connection& c, const DocTable& t, std::string_view where,
                                          const std::vector<std::string>& values);
Result<std::optional<StoredDoc>> SelectDoc(Connection& c, const DocTable& t, std::string_view id);
// A new row at version 1, audited; kAlreadyExists (field "id") for a taken id.
Status InsertDoc(Connection& c, const DocTable& t, std::string_view id, const std::vector<std::string>& columns,
                 const json::object& doc, const WriteContext& context);
// Replaces the document at `expected_version` (kAborted otherwise, kNotFound
// without a row), audited with a field diff; returns the new version.
Result<std::int64_t> ReplaceDoc(Connection& c, const DocTable& t, std::string_view id,
                                const std::vector<std::string>& columns, const json::object& doc,
                                std::int64_t expected_version, const WriteContext& context);

// The entity a stored document decodes to, with its version and times.
template <typename T, typename Decode>
Result<T> Decoded(const StoredDoc& stored, Decode decode) {
  BB_ASSIGN_OR_RETURN(T value, decode(stored.doc));
  value.meta = stored.meta;
  return value;
}


// How one kind of entity is stored in its document table.
template <typename T>
struct Kind {
  const DocTable& table;
  std::string (*id)(const T&);
  json::object (*encode)(const T&);
  Result<T> (*decode)(const json::object&);
  std::vector<std::string> (*columns)(const T&);  // the table's looked-up columns, in order
  Status (*check)(Connection&, const T&);          // the rows it names exist (or other rules)
};

// kInvalidArgument naming `field` unless `sql` (one ? for `id`) finds a row.
Status CheckReference(Connection& c, std::string_view sql, std::string_view id, std::string_view field,
                      std::string_view noun);

// Writes `value` as a new row (version 1), after its check; sets its meta.
template <typename T>
Status CreateIn(Connection& c, const Kind<T>& kind, T& value, const WriteContext& context) {
  BB_RETURN_IF_ERROR(kind.check(c, value));
  value.meta = {1, context.at, context.at};
  return InsertDoc(c, kind.table, kind.id(value), kind.columns(value), kind.encode(value), context);
}

// Replaces the row of `value` at `expected_version`, after its check; sets its meta.
template <typename T>
Status UpdateIn(Connection& c, const Kind<T>& kind, T& value, std::int64_t expected_version, const WriteContext& context) {
  BB_RETURN_IF_ERROR(kind.check(c, value));
  const std::string id = kind.id(value);
  BB_ASSIGN_OR_RETURN(std::int64_t version, ReplaceDoc(c, kind.table, id, kind.columns(value), kind.encode(value),
                                                       expected_version, context));
  BB_ASSIGN_OR_RETURN(std::optional<StoredDoc> stored, SelectDoc(c, kind.table, id));
  if (!stored) return InternalError("a row written in this transaction is gone");
  value.meta = {version, stored->meta.created_at, context.at};
  return Status::Ok();
}

// Creates (expected_version 0) or replaces.
template <typename T>
Status PutIn(Connection& c, const Kind<T>& kind, T& value, std::int64_t expected_version, const WriteContext& context) {
  return expected_version == 0 ? CreateIn(c, kind, value, context) : UpdateIn(c, kind, value, expected_version, context);
}

// The rows `where` selects, decoded, in order of `seq`.
template <typename T>
Result<std::vector<T>> ListIn(Connection& c, const Kind<T>& kind, std::string_view where,
                              const std::vector<std::string>& values) {
  BB_ASSIGN_OR_RETURN(std::vector<StoredDoc> rows, SelectDocs(c, kind.table, where, values));
  std::vector<T> out;
  for (const StoredDoc& row : rows) {
    BB_ASSIGN_OR_RETURN(T value, Decoded<T>(row, kind.decode));
    out.push_back(std::move(value));
  }
  return out;
}

}  // namespace biobridge::storage::sql
