// Randomness behind ids and secrets. Production code uses SecureRandom
// (libsodium's CSPRNG); tests inject SeededRandom so that ids are repeatable.
#pragma once

#include <cstdint>
#include <mutex>
#include <span>
#include <string>
#include <string_view>

namespace biobridge {

class RandomSource {
 public:
  virtual ~RandomSource() = default;
  // Fills `out` with random bytes. Thread-safe.
  virtual void Fill(std::span<std::uint8_t> out) = 0;
};

// Cryptographically secure; suitable for session and API tokens.
class SecureRandom final : public RandomSource {
 public:
  SecureRandom();  // initialises libsodium; aborts if it cannot
  void Fill(std::span<std::uint8_t> out) override;
};

// Deterministic for a given seed (splitmix64); never for secrets.
class SeededRandom final : public RandomSource {
 public:
  explicit SeededRandom(std::uint64_t seed) : state_(seed) {}
  void Fill(std::span<std::uint8_t> out) override;

 private:
  std::mutex mutex_;
  std::uint64_t state_;
};

// A new record id: `prefix` followed by 12 characters of lowercase base32
// (60 random bits), e.g. "org_k3v9w2m4q7x1".
std::string NewId(RandomSource& random, std::string_view prefix);

// A new secret: 32 random bytes as unpadded base64url (43 characters).
std::string NewSecretToken(RandomSource& random);

}  // namespace biobridge
