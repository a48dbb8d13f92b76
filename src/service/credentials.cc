#include "service/credentials.h"

#include <sodium.h>

#include <array>
#include <cstdlib>

#include "base/utf8.h"

namespace biobridge::service {

PasswordHasher::PasswordHasher(Cost cost) {
  if (sodium_init() < 0) std::abort();
  if (cost == Cost::kInteractive) {
    ops_limit_ = crypto_pwhash_OPSLIMIT_INTERACTIVE;
    mem_limit_ = crypto_pwhash_MEMLIMIT_INTERACTIVE;
  } else {
    ops_limit_ = crypto_pwhash_OPSLIMIT_MIN;
    mem_limit_ = crypto_pwhash_MEMLIMIT_MIN;
  }
}

Result<std::string> PasswordHasher::Hash(std::string_view password) const {
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), ops_limit_, mem_limit_,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return ResourceExhaustedError("not enough memory to hash the password; retry later");
  }
  return std::string(out.data());
}

bool PasswordHasher::Verify(std::string_view encoded, std::string_view password) const {
  if (encoded.size() >= crypto_pwhash_STRBYTES) return false;
  std::array<char, crypto_pwhash_STRBYTES> hash{};
  std::copy(encoded.begin(), encoded.end(), hash.begin());
  return crypto_pwhash_str_verify(hash.data(), password.data(), password.size()) == 0;
}

Status CheckPasswordStrength(std::string_view password) {
  const std::size_t length = CountCodePoints(password);
  if (length < 10) {
    return InvalidArgumentError("password", "use at least 10 characters; a few unrelated words work well");
  }
  if (password.size() > 1024) return InvalidArgumentError("password", "use at most 1024 bytes");
  return Status::Ok();
}

std::string HashToken(std::string_view token) {
  std::array<unsigned char, 32> digest;
  crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  std::array<char, 65> hex;
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), 64);
}

}  // namespace biobridge::service
