// Tables that hold whole documents: each row is an entity's interchange JSON
// (`doc`) beside the columns it is looked up by, with `seq`, `id`,
// `version` and times. Shared by the parts of SqliteStore that store
// documents (the committee, events). Internal to storage/sqlite.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "domain/record.h"
#include "storage/sqlite/connection.h"
#include "storage/store.h"

namespace biobridge::storage::sqlite {

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


}  // namespace biobridge::storage::sqlite
