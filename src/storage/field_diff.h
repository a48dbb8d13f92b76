// The "what changed" of an audit record, shared by every Store backend.
#pragma once

#include "base/json.h"

namespace biobridge::storage {

// Top-level members that differ between `before` and `after`, as
// {"field": {"before": old, "after": new}}; a side is absent when the field
// was. Diffing against an empty object records a whole record (create) or
// keeps a deleted one in the audit log.
json::object FieldDiff(const json::object& before, const json::object& after);

}  // namespace biobridge::storage
