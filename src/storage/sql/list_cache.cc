#include "storage/sql/list_cache.h"

namespace biobridge::storage::sql {

namespace {

std::size_t SizeOf(std::string_view key, const ListCache::Rows& rows) {
  std::size_t bytes = key.size() + sizeof(rows) + rows.capacity() * sizeof(domain::RecordJson);
  for (const domain::RecordJson& row : rows) bytes += row.json.capacity();
  return bytes;
}

}  // namespace

std::optional<std::int64_t> ListCache::FindTotal(std::string_view key, std::int64_t change_seq) const {
  std::lock_guard lock(mutex_);
  auto it = totals_.find(key);
  if (it == totals_.end() || it->second.change_seq != change_seq) return std::nullopt;
  return it->second.value;
}

void ListCache::RememberTotal(std::string_view key, std::int64_t change_seq, std::int64_t total) {
  if (!enabled()) return;
  std::lock_guard lock(mutex_);
  auto it = totals_.find(key);
  if (it == totals_.end()) {
    if (totals_.size() >= kTotals) totals_.clear();
    totals_.emplace(std::string(key), Entry<std::int64_t>{change_seq, total});
  } else if (it->second.change_seq < change_seq) {  // (a reader of an older snapshot may finish last)
    it->second = {change_seq, total};
  }
}

std::shared_ptr<const ListCache::Rows> ListCache::FindPage(std::string_view key, std::int64_t change_seq) const {
  std::lock_guard lock(mutex_);
  auto it = pages_.find(key);
  if (it == pages_.end() || it->second.change_seq != change_seq) return nullptr;
  return it->second.value;
}

void ListCache::RememberPage(std::string_view key, std::int64_t change_seq, Rows rows) {
  const std::size_t bytes = SizeOf(key, rows);
  if (bytes > page_bytes_) return;
  auto shared = std::make_shared<const Rows>(std::move(rows));
  std::lock_guard lock(mutex_);
  auto it = pages_.find(key);
  if (it != pages_.end()) {
    if (it->second.change_seq < change_seq) {
      pages_size_ = pages_size_ - SizeOf(key, *it->second.value) + bytes;
      it->second = {change_seq, std::move(shared)};
    }
    return;
  }
  if (pages_size_ + bytes > page_bytes_) {
    pages_.clear();
    pages_size_ = 0;
  }
  pages_.emplace(std::string(key), Entry<std::shared_ptr<const Rows>>{change_seq, std::move(shared)});
  pages_size_ += bytes;
}

}  // namespace biobridge::storage::sql
