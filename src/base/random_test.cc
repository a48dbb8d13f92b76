#include "base/random.h"

#include <gtest/gtest.h>

#include <set>

namespace biobridge {
namespace {

TEST(RandomTest, SeededRandomIsRepeatable) {
  SeededRandom a(42), b(42), c(43);
  EXPECT_EQ(NewId(a, "org_"), NewId(b, "org_"));
  EXPECT_NE(NewId(a, "org_"), NewId(c, "org_"));
}

TEST(RandomTest, IdsHaveThePrefixAndAreDistinct) {
  SecureRandom random;
  std::set<std::string> ids;
  for (int i = 0; i < 1000; ++i) {
    std::string id = NewId(random, "opp_");
    ASSERT_EQ(id.size(), 16u);
    ASSERT_EQ(id.rfind("opp_", 0), 0u);
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 1000u);
}

TEST(RandomTest, SecretTokensAreUrlSafe) {
  SecureRandom random;
  std::string token = NewSecretToken(random);
  EXPECT_EQ(token.size(), 43u);
  EXPECT_EQ(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  EXPECT_NE(token, NewSecretToken(random));
}

}  // namespace
}  // namespace biobridge
