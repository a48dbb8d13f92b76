// Appending to the audit and change logs inside a write transaction; shared
// by the parts of SqliteStore. Internal to storage/sqlite.
#pragma once

#include <cstdint>
#include <string_view>

#include "base/json.h"
#include "domain/account.h"
#include "storage/sqlite/connection.h"
#include "storage/store.h"

namespace biobridge::storage::sqlite {

Status AppendAudit(Connection& c, const WriteContext& context, std::string_view action,
                   std::string_view entity_type, std::string_view entity_id, const json::object& changes);

Status AppendChange(Connection& c, const WriteContext& context, std::string_view entity_type,
                    std::string_view entity_id, std::string_view operation, std::int64_t version);

// Adds or changes a membership, with its audit and change records; checks
// that the user and the organisation exist. Does nothing when unchanged.
Status WriteMembership(Connection& c, const domain::Membership& membership, const WriteContext& context);

}  // namespace biobridge::storage::sqlite
