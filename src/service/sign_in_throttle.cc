#include "service/sign_in_throttle.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace biobridge::service {

namespace {

std::string AccountKey(std::string_view account) { return fmt::format("account:{}", account); }
std::string AddressKey(std::string_view address) { return fmt::format("address:{}", address); }

}  // namespace

int SignInThrottle::LockedFor(const std::string& key, Timestamp now) const {
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.locked_until <= now) return 0;
  const auto wait = std::chrono::ceil<std::chrono::seconds>(it->second.locked_until - now);
  return static_cast<int>(std::max<std::int64_t>(1, wait.count()));
}

Status SignInThrottle::Check(std::string_view account, std::string_view address, Timestamp now) {
  std::lock_guard lock(mutex_);
  const int wait = std::max(account.empty() ? 0 : LockedFor(AccountKey(account), now),
                            address.empty() ? 0 : LockedFor(AddressKey(address), now));
  if (wait == 0) return Status::Ok();
  return TooManyRequestsError(
      fmt::format("too many failed sign-ins; wait {} second{} before trying again", wait, wait == 1 ? "" : "s"), wait);
}

void SignInThrottle::Fail(const std::string& key, int free, Timestamp now) {
  Entry& e = entries_[key];
  if (e.failures > 0 && now - e.last_failure > limits_.forget_after) e.failures = 0;
  ++e.failures;
  e.last_failure = now;
  const int over = e.failures - free;
  if (over <= 0) return;
  // Doubling from the first delay, capped (the shift is bounded so it cannot overflow).
  const auto delay = std::min<std::chrono::seconds>(limits_.max_delay, limits_.first_delay * (1LL << std::min(over - 1, 20)));
  e.locked_until = now + delay;
}

void SignInThrottle::Failed(std::string_view account, std::string_view address, Timestamp now) {
  std::lock_guard lock(mutex_);
  if (!account.empty()) Fail(AccountKey(account), limits_.free_per_account, now);
  if (!address.empty()) Fail(AddressKey(address), limits_.free_per_address, now);
  if (entries_.size() > limits_.max_keys) Prune(now);
}

void SignInThrottle::Succeeded(std::string_view account) {
  std::lock_guard lock(mutex_);
  entries_.erase(AccountKey(account));
}

void SignInThrottle::Prune(Timestamp now) {
  for (auto it = entries_.begin(); it != entries_.end();) {
    const bool quiet = now - it->second.last_failure > limits_.forget_after && it->second.locked_until <= now;
    it = quiet ? entries_.erase(it) : std::next(it);
  }
  if (entries_.size() <= limits_.max_keys) return;
  // Still too many (a flood of distinct keys): forget the oldest unlocked half.
  std::vector<std::pair<Timestamp, std::string>> by_age;
  for (const auto& [key, e] : entries_) {
    if (e.locked_until <= now) by_age.emplace_back(e.last_failure, key);
  }
  std::sort(by_age.begin(), by_age.end());
  for (std::size_t i = 0; i < by_age.size() / 2; ++i) entries_.erase(by_age[i].second);
}

}  // namespace biobridge::service
