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
// The state lives in the database (Store::RecordSignInFailure and the rest),
// so that every process serving it counts the same failures and honours the
// same locks. A check costs one read per key and a failure one write: a
// flood of guesses is held back by the password hashing before it reaches
// the database, and a locked key is refused before hashing. The scheduled
// jobs prune quiet keys (PruneSignInFailures). Thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "base/status.h"
#include "base/time.h"

#include "domain/queries.h"

namespace biobridge::storage {
class Store;  // storage/store.h, included by the .cc files that use it: callers above need not
struct WriteContext;
}  // namespace biobridge::storage

namespace biobridge::service {

class SignInThrottle {
 public:
  struct Limits {
    int free_per_account = 5;    // failures before the first delay
    int free_per_address = 20;
    std::chrono::seconds first_delay{1};
    std::chrono::seconds max_delay{15 * 60};
    std::chrono::seconds forget_after{60 * 60};
  };

  explicit SignInThrottle(storage::Store& store) : SignInThrottle(store, Limits{}) {}
  SignInThrottle(storage::Store& store, Limits limits) : store_(store), limits_(limits) {}

  // kTooManyRequests (with retry_after) when the account or the address is
  // locked at `now`; OK otherwise.
  Status Check(std::string_view account, std::string_view address, Timestamp now);
  // Counts a failure of both; a key past its free failures is locked.
  Status Failed(std::string_view account, std::string_view address, Timestamp now);
  Status Succeeded(std::string_view account);

 private:
  Status Fail(const std::string& key, int free, Timestamp now);

  storage::Store& store_;
  Limits limits_;
};

}  // namespace biobridge::service
