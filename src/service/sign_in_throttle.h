// SignInThrottle: slows down password guessing, per account and per address.
//
// Each key (the email as typed, normalised; the client's address) counts its
// failed sign-ins. The first few are free; after that each failure locks the
// key for a delay that doubles (1 s, 2 s, 4 s, ... up to 15 minutes). While a
// key is locked, sign-ins with it are refused at once, without checking the
// password: a right password guessed during the wait is no use, and a flood
// costs no hashing. A success clears the account's count (not the
// address's: one good account does not buy an address more guesses at
// others). Counts are forgotten after a quiet hour.
//
// The state lives in this process (one node); issue 20's several nodes keep
// it in the database. Thread-safe.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "base/status.h"
#include "base/time.h"

namespace biobridge::service {

class SignInThrottle {
 public:
  struct Limits {
    int free_per_account = 5;    // failures before the first delay
    int free_per_address = 20;
    std::chrono::seconds first_delay{1};
    std::chrono::seconds max_delay{15 * 60};
    std::chrono::seconds forget_after{60 * 60};
    std::size_t max_keys = 100'000;  // beyond: the quietest are forgotten
  };

  SignInThrottle() : SignInThrottle(Limits{}) {}
  explicit SignInThrottle(Limits limits) : limits_(limits) {}

  // kTooManyRequests (with retry_after) when the account or the address is
  // locked at `now`; OK otherwise.
  Status Check(std::string_view account, std::string_view address, Timestamp now);
  void Failed(std::string_view account, std::string_view address, Timestamp now);
  void Succeeded(std::string_view account);

 private:
  struct Entry {
    int failures = 0;
    Timestamp last_failure{};
    Timestamp locked_until{};
  };
  void Fail(const std::string& key, int free, Timestamp now);
  // Seconds until `key` may try again; 0 when it may now.
  int LockedFor(const std::string& key, Timestamp now) const;
  void Prune(Timestamp now);

  Limits limits_;
  mutable std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace biobridge::service
