#include "base/random.h"

#include <sodium.h>

#include <array>
#include <cstdlib>
#include <cstring>

namespace biobridge {

SecureRandom::SecureRandom() {
  if (sodium_init() < 0) std::abort();  // no safe way to go on without a CSPRNG
}

void SecureRandom::Fill(std::span<std::uint8_t> out) { randombytes_buf(out.data(), out.size()); }

void SeededRandom::Fill(std::span<std::uint8_t> out) {
  std::lock_guard lock(mutex_);
  std::size_t i = 0;
  while (i < out.size()) {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    for (int b = 0; b < 8 && i < out.size(); ++b, ++i) out[i] = static_cast<std::uint8_t>(z >> (8 * b));
  }
}

std::string NewId(RandomSource& random, std::string_view prefix) {
  static constexpr char kAlphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";  // no i, l, o, u
  std::array<std::uint8_t, 8> bytes;
  random.Fill(bytes);
  std::uint64_t bits;
  std::memcpy(&bits, bytes.data(), sizeof bits);
  std::string id(prefix);
  for (int i = 0; i < 12; ++i) {
    id += kAlphabet[bits & 31];
    bits >>= 5;
  }
  return id;
}

std::string NewSecretToken(RandomSource& random) {
  std::array<std::uint8_t, 32> bytes;
  random.Fill(bytes);
  char encoded[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(encoded, sizeof encoded, bytes.data(), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return encoded;
}

}  // namespace biobridge
