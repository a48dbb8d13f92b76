// What list queries answered, remembered per store with the newest change
// record of the snapshot they were answered in (internal to storage/): the
// totals of every list, and the rows of pages sent as stored (RecordJson).
//
// Why that is exact, not merely recent: every write to what a list reads
// (directory records and their tags) appends a change record in the same
// transaction, and writers on every node commit one at a time in the order
// of their change records (Connection::BeginWrite). So two snapshots whose
// newest change record is the same see the same rows. A reader looks up its
// snapshot's newest change record (one index step) and finds what another
// reader of the same state already counted or read; any write, here or on
// another node or process, moves that record on and the next reader asks the
// database again.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/strings.h"
#include "domain/queries.h"

namespace biobridge::storage::sql {

class ListCache {
 public:
  using Rows = std::vector<domain::RecordJson>;

  // At most `page_bytes` of page rows and kTotals totals; 0 turns it off
  // (every list asks the database).
  explicit ListCache(std::size_t page_bytes) : page_bytes_(page_bytes) {}
  static constexpr std::size_t kDefaultBytes = 32 << 20;
  bool enabled() const { return page_bytes_ > 0; }

  // The total of the count query `key` (its SQL and arguments) in a snapshot
  // whose newest change record is `change_seq`; nullopt when not known.
  std::optional<std::int64_t> FindTotal(std::string_view key, std::int64_t change_seq) const;
  void RememberTotal(std::string_view key, std::int64_t change_seq, std::int64_t total);

  // The rows of the page query `key` in such a snapshot; null when not known.
  std::shared_ptr<const Rows> FindPage(std::string_view key, std::int64_t change_seq) const;
  void RememberPage(std::string_view key, std::int64_t change_seq, Rows rows);

  // When either is full, all of it is forgotten at once (the next change
  // record makes it stale anyway).
  static constexpr std::size_t kTotals = 4096;

 private:
  template <typename V>
  struct Entry {
    std::int64_t change_seq;
    V value;
  };
  template <typename V>
  using Map = std::unordered_map<std::string, Entry<V>, StringHash, std::equal_to<>>;

  const std::size_t page_bytes_;
  mutable std::mutex mutex_;
  Map<std::int64_t> totals_;                   // guarded by mutex_
  Map<std::shared_ptr<const Rows>> pages_;     // guarded by mutex_
  std::size_t pages_size_ = 0;                 // bytes of pages_'s keys and rows; guarded by mutex_
};

}  // namespace biobridge::storage::sql
