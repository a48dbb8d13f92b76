// Password hashing (argon2id, libsodium) and the one-way hashing of session
// and API tokens, so that the database never holds a usable secret.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace biobridge::service {

class PasswordHasher {
 public:
  enum class Cost {
    kInteractive,  // libsodium's interactive limits (64 MiB, 2 passes): production
    kMinimum,      // the smallest argon2id allows: tests only, where speed matters
  };
  explicit PasswordHasher(Cost cost = Cost::kInteractive);

  // An encoded argon2id hash with its salt and parameters ("$argon2id$v=19$...").
  // kResourceExhausted when the memory for hashing cannot be had.
  Result<std::string> Hash(std::string_view password) const;
  // True when `password` matches `encoded`; false for a wrong password or a
  // malformed hash. Takes the hash's own parameters, whatever the Cost.
  bool Verify(std::string_view encoded, std::string_view password) const;

 private:
  unsigned long long ops_limit_;
  std::size_t mem_limit_;
};

// Rules for new passwords; kInvalidArgument (field "password") saying what to fix.
Status CheckPasswordStrength(std::string_view password);

// Hex BLAKE2b-256 of a random token: the form in which tokens are stored and
// looked up. (Tokens carry 256 random bits, so a fast hash suffices.)
std::string HashToken(std::string_view token);

}  // namespace biobridge::service
