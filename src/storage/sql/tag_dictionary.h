// TagDictionary: small integer ids for the (facet, code) pairs that directory
// records are filtered by ("area"/"oncology", "target"/"RU", ...). The code
// tables store (tag, record seq) integer pairs: much cheaper to insert and
// search than text keys, which matters for bulk imports. Internal to
// storage/sql.
//
// Every code of the built-in vocabularies gets its id when the store opens
// and stays in memory (ids are never deleted, so a cached id never goes
// stale). Other codes get an id the first time a record uses them; those are
// looked up in the database each time, because the transaction that created
// them may yet roll back. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "base/status.h"
#include "storage/sql/connection.h"

namespace biobridge::storage::sql {

class TagDictionary {
 public:
  // Gives every built-in code an id (in its own transaction on `writer`) and
  // loads them all.
  Status Load(Connection& writer);

  // The id of (facet, code), or nullopt when no record ever used it.
  Result<std::optional<std::int64_t>> Find(Connection& c, std::string_view facet, std::string_view code) const;
  // The id of (facet, code), creating it (inside the caller's transaction).
  Result<std::int64_t> FindOrCreate(Connection& writer, std::string_view facet, std::string_view code) const;

 private:
  // facet -> code -> id; read-only after Load.
  std::map<std::string, std::map<std::string, std::int64_t, std::less<>>, std::less<>> loaded_;
};

}  // namespace biobridge::storage::sql
