#include "service/sign_in_throttle.h"
#include "storage/store.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace biobridge::service {

namespace {

std::string AccountKey(std::string_view account) { return fmt::format("account:{}", account); }
std::string AddressKey(std::string_view address) { return fmt::format("address:{}", address); }

}  // namespace

Status SignInThrottle::Check(std::string_view account, std::string_view address, Timestamp now) {
  std::vector<std::string> keys;
  if (!account.empty()) keys.push_back(AccountKey(account));
  if (!address.empty()) keys.push_back(AddressKey(address));
  if (keys.empty()) return Status::Ok();
  BB_ASSIGN_OR_RETURN(Timestamp until, store_.SignInLockedUntil(keys));
  if (until <= now) return Status::Ok();
  const auto seconds = std::chrono::ceil<std::chrono::seconds>(until - now);
  const int wait = static_cast<int>(std::max<std::int64_t>(1, seconds.count()));
  return TooManyRequestsError(
      fmt::format("too many failed sign-ins; wait {} second{} before trying again", wait, wait == 1 ? "" : "s"), wait);
}

Status SignInThrottle::Fail(const std::string& key, int free, Timestamp now) {
  BB_ASSIGN_OR_RETURN(int failures, store_.RecordSignInFailure(key, now, now - limits_.forget_after));
  const int over = failures - free;
  if (over <= 0) return Status::Ok();
  // Doubling from the first delay, capped (the shift is bounded so it cannot overflow).
  const auto delay = std::min<std::chrono::seconds>(limits_.max_delay, limits_.first_delay * (1LL << std::min(over - 1, 20)));
  return store_.LockSignIn(key, now + delay);
}

Status SignInThrottle::Failed(std::string_view account, std::string_view address, Timestamp now) {
  if (!account.empty()) BB_RETURN_IF_ERROR(Fail(AccountKey(account), limits_.free_per_account, now));
  if (!address.empty()) BB_RETURN_IF_ERROR(Fail(AddressKey(address), limits_.free_per_address, now));
  return Status::Ok();
}

Status SignInThrottle::Succeeded(std::string_view account) { return store_.ClearSignInFailures(AccountKey(account)); }

}  // namespace biobridge::service
