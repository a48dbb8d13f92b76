// WorkerPool: a few threads that run expensive work (password hashing) off
// the threads that serve requests, with a bounded queue so that a flood of
// such work is refused at once rather than piling up (internal to api/).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace biobridge::api {

class WorkerPool {
 public:
  WorkerPool(int threads, std::size_t queue_limit);  // threads may be 0: a pool that is never used
  ~WorkerPool();  // Stop()

  // Queues `task`; false (and `task` dropped) when the queue is full or the
  // pool stopped. Thread-safe.
  bool TrySubmit(std::function<void()> task);
  // Finishes the tasks running, drops those still queued, joins. Idempotent.
  void Stop();

 private:
  void Run();

  std::size_t queue_limit_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace biobridge::api
