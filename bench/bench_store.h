// Opening the database of a benchmark (bench/*.sh made it with biobridge import).
#pragma once

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>

#include "storage/sqlite/sqlite_store.h"
#include "storage/store.h"

namespace biobridge::bench {

inline std::unique_ptr<storage::sqlite::SqliteStore> OpenStore(const std::string& path) {
  auto store = storage::sqlite::SqliteStore::Open(
      {.path = path}, std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
  if (!store.ok()) throw std::runtime_error(store.status().ToString());
  return std::move(store).value();
}

}  // namespace biobridge::bench
