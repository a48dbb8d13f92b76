// Crash safety, as a test: the real `biobridge serve` takes concurrent writes
// from four clients and is killed with SIGKILL at a moment the seed picks;
// restarted on the same files, it must still have every write it
// acknowledged (with a 201), and its search index must agree with its
// database (every stored opportunity found, no other). Three rounds on the
// same database, each adding writes and a kill.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "base/json.h"
#include "tests/support/http_client.h"
#include "tests/support/server_process.h"
#include "tests/support/temp_dir.h"

namespace biobridge {
namespace {

using testing::ClientResponse;
using testing::HttpClient;

constexpr const char* kAdminEmail = "admin@crash.example";
constexpr const char* kAdminPassword = "crash test admin password";
// A word no other record has: search finds exactly the test's opportunities.
constexpr const char* kMarker = "crashmarkerword";

// `biobridge serve` on `db`, with the test's platform admin.
class Server : public testing::ServerProcess {
 public:
  explicit Server(const std::string& db)
      : ServerProcess(BB_BIOBRIDGE, {"--db", db, "--threads", "2", "--log-level", "warn"},
                      {{"BIOBRIDGE_ADMIN_EMAIL", kAdminEmail}, {"BIOBRIDGE_ADMIN_PASSWORD", kAdminPassword}}) {}
};

HttpClient Admin(const Server& server) {
  HttpClient client = server.Client();
  if (!client.SignIn(kAdminEmail, kAdminPassword)) throw std::runtime_error("the admin cannot sign in");
  return client;
}

TEST(CrashTest, EveryAcknowledgedWriteSurvivesSigkillAndTheIndexAgrees) {
  testing::TempDir dir;
  const std::string db = dir.File("crash.db");
  std::mt19937 seed(20261204);
  std::set<std::string> acknowledged;
  for (int round = 0; round < 3; ++round) {
    SCOPED_TRACE(fmt::format("round {}", round));
    Server server(db);
    HttpClient admin = Admin(server);
    if (round == 0) {
      ASSERT_EQ(admin.Post("/api/organizations", R"({"id":"org-crash","name":{"en":"Crash Test Ltd"},"kind":"company","country":"CN"})")
                    .status,
                201);
    }
    // What survived the last kill is all there, and found.
    for (const std::string& id : acknowledged) {
      ASSERT_EQ(server.Client().Get("/api/opportunities/" + id).status, 200) << "acknowledged, then lost: " << id;
    }
    const auto stored = [&] { return server.Client().Get("/api/opportunities?organization=org-crash&per_page=1").Json().at("total").as_int64(); };
    const auto found = [&] {
      return server.Client().Get(fmt::format("/api/search?q={}&type=opportunity&per_page=1", kMarker)).Json().at("total").as_int64();
    };
    EXPECT_GE(stored(), static_cast<std::int64_t>(acknowledged.size()));
    EXPECT_EQ(found(), stored()) << "the search index follows the database after a crash";

    // Four writers, until the server dies under them.
    const std::chrono::milliseconds delay(std::uniform_int_distribution<>(300, 900)(seed));
    testing::WritesUnderKill writes =
        testing::KillUnderWrites(server, admin.session_cookie(), "/api/opportunities", 4, delay, [&](int w, int n) {
          return fmt::format(R"({{"organization":"org-crash","direction":"offer","cooperation":["supply"],
                               "title":{{"en":"{} round {} writer {} number {}"}}}})",
                             kMarker, round, w, n);
        });
    acknowledged.merge(writes.acknowledged);
  }
  ASSERT_GT(acknowledged.size(), 30u) << "the writers got writes in before the kills";
  // The last round's writes, after a last restart.
  Server server(db);
  for (const std::string& id : acknowledged) {
    ASSERT_EQ(server.Client().Get("/api/opportunities/" + id).status, 200) << "acknowledged, then lost: " << id;
  }
  const std::int64_t stored = server.Client().Get("/api/opportunities?organization=org-crash&per_page=1").Json().at("total").as_int64();
  const std::int64_t found =
      server.Client().Get(fmt::format("/api/search?q={}&type=opportunity&per_page=1", kMarker)).Json().at("total").as_int64();
  EXPECT_GE(stored, static_cast<std::int64_t>(acknowledged.size()));
  EXPECT_EQ(found, stored);
  std::printf("%zu writes acknowledged across 3 kills; %lld stored, %lld found\n", acknowledged.size(),
              static_cast<long long>(stored), static_cast<long long>(found));
}

}  // namespace
}  // namespace biobridge
