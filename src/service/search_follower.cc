#include "service/search_follower.h"

#include "storage/store.h"

#include <spdlog/spdlog.h>

namespace biobridge::service {

void SearchFollower::Start(std::chrono::milliseconds poll) {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this, poll] {
    bool failing = false;  // log a failure once, not every round
    while (!stopping_) {
      Result<bool> woken = context_.store.WaitForChanges(poll);
      if (stopping_) break;
      Status round = woken.ok() ? context_.search.CatchUp(context_.store).status() : woken.status();
      if (!round.ok() && !failing) spdlog::warn("search index cannot follow the database: {}", round.ToString());
      if (round.ok() && failing) spdlog::info("search index follows the database again");
      failing = !round.ok();
      if (!woken.ok()) std::this_thread::sleep_for(poll);  // (an unreachable database answers at once)
    }
  });
}

void SearchFollower::Stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

}  // namespace biobridge::service
