// SearchFollower: keeps this node's search index in step with the change
// records other processes and nodes write (this node's own writes are
// indexed as they commit: SyncSearchIndex). A thread waits on
// Store::WaitForChanges — woken at once by PostgreSQL's notices, and at
// least every `poll` in case one was missed or the engine sends none — and
// then catches the index up from the change log. A failure (the database
// unreachable) is logged and retried at the next round.
#pragma once

#include <atomic>
#include <chrono>
#include <thread>

#include "service/context.h"

namespace biobridge::service {

class SearchFollower {
 public:
  explicit SearchFollower(const ServiceContext& context) : context_(context) {}
  ~SearchFollower() { Stop(); }
  SearchFollower(const SearchFollower&) = delete;
  SearchFollower& operator=(const SearchFollower&) = delete;

  void Start(std::chrono::milliseconds poll = std::chrono::milliseconds(250));
  // Returns within one `poll`.
  void Stop();

 private:
  const ServiceContext& context_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace biobridge::service
