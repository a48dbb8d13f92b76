// Writes inside a write transaction that several parts of SqlStore make:
// appending to the audit and change logs, and the effects an accepted
// invitation applies. Internal to storage/sql.
#pragma once

#include <cstdint>
#include <string_view>

#include "base/json.h"
#include "domain/account.h"
#include "domain/event.h"
#include "storage/sql/connection.h"
#include "storage/store.h"

namespace biobridge::storage::sql {

Status AppendAudit(Connection& c, const WriteContext& context, std::string_view action,
                   std::string_view entity_type, std::string_view entity_id, const json::object& changes);

Status AppendChange(Connection& c, const WriteContext& context, std::string_view entity_type,
                    std::string_view entity_id, std::string_view operation, std::int64_t version);

// Adds or changes a membership, with its audit and change records; checks
// that the user and the organisation exist. Does nothing when unchanged.
Status WriteMembership(Connection& c, const domain::Membership& membership, const WriteContext& context);

// A new delegate (sql_store_events.cc), checked and audited; sets its meta.
Status InsertDelegate(Connection& c, domain::Delegate& delegate, const WriteContext& context);

// Places an opportunity in a programme (sql_store_pipeline.cc), audited;
// nothing happens when it is there already. kNotFound for a missing
// programme, kInvalidArgument ("opportunity") for a missing opportunity.
Status InsertProgrammeOpportunity(Connection& c, std::string_view programme_id, std::string_view opportunity_id,
                                  const WriteContext& context);

}  // namespace biobridge::storage::sql
