// What every stored record carries besides its own fields.
#pragma once

#include <cstdint>

#include "base/time.h"

namespace biobridge::domain {

struct RecordMeta {
  // Starts at 1 and grows by one with every committed change; an update that
  // names an older version is refused (optimistic concurrency).
  std::int64_t version = 0;
  Timestamp created_at{};
  Timestamp updated_at{};

  friend bool operator==(const RecordMeta&, const RecordMeta&) = default;
};

}  // namespace biobridge::domain
