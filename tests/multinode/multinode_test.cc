// Several nodes, one database: two real `biobridge serve` processes on one
// PostgreSQL database (the cluster CTest starts), each with its own search
// index and the documents' files shared. A session made on one works on the
// other; what one writes the other reads, and finds by search once its
// index has followed the change log; scheduled jobs run on one node at a
// time and pass to the other when it dies; a node killed with SIGKILL under
// writes loses nothing it acknowledged, and the other keeps serving.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "base/json.h"
#include "storage/postgres/connection.h"
#include "tests/support/http_client.h"
#include "tests/support/postgres_database.h"
#include "tests/support/server_process.h"
#include "tests/support/temp_dir.h"
#include "storage/store.h"

namespace biobridge {
namespace {

using testing::ClientResponse;
using testing::HttpClient;
using testing::ServerProcess;

constexpr const char* kAdminEmail = "admin@nodes.example";
constexpr const char* kAdminPassword = "two nodes admin password";
constexpr const char* kMarker = "nodesmarkerword";

std::unique_ptr<ServerProcess> StartNode(const std::string& db, const std::string& search_dir,
                                         const std::string& files_dir) {
  return std::make_unique<ServerProcess>(
      BB_BIOBRIDGE,
      std::vector<std::string>{"--db", db, "--search-dir", search_dir, "--files-dir", files_dir, "--threads", "2",
                               "--jobs-interval", "1", "--log-level", "warn"},
      std::vector<std::pair<std::string, std::string>>{{"BIOBRIDGE_ADMIN_EMAIL", kAdminEmail},
                                                       {"BIOBRIDGE_ADMIN_PASSWORD", kAdminPassword}});
}

// The process holding the scheduled jobs' lease now (0: none holds it).
pid_t JobsHolder(const std::string& url) {
  auto c = storage::postgres::Connection::Open(*storage::postgres::ParseUrl(url));
  if (!c.ok()) return 0;
  auto rows = (*c)->Exec("SELECT holder FROM leases WHERE name = 'scheduled_jobs' AND until > $1",
                         {std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                             std::chrono::system_clock::now().time_since_epoch())
                                             .count())});
  if (!rows.ok() || rows->size() == 0) return 0;
  const std::string& holder = rows->Text(0, 0);  // host:pid:random
  const auto first = holder.find(':'), second = holder.find(':', first + 1);
  return static_cast<pid_t>(std::stol(holder.substr(first + 1, second - first - 1)));
}

// Polls `done` every 20 ms for up to `limit`; the time it took, or -1.
template <typename F>
double SecondsUntil(F done, std::chrono::seconds limit = std::chrono::seconds(15)) {
  const auto start = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - start < limit) {
    if (done()) return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return -1;
}

std::int64_t Found(ServerProcess& node, const std::string& words) {
  ClientResponse r = node.Client().Get(fmt::format("/api/search?q={}&type=opportunity&per_page=1", words));
  return r.status == 200 ? r.Json().at("total").as_int64() : -1;
}

TEST(MultiNodeTest, TwoNodesServeOneDatabaseAndSurviveLosingOne) {
  auto database = testing::PostgresDatabase::Create(/*migrated=*/false);
  ASSERT_NE(database, nullptr);
  testing::TempDir dir;
  const std::string files = dir.File("files");

  // Both start at once on an empty database: one migrates while the other waits.
  std::unique_ptr<ServerProcess> a, b;
  std::thread start_b([&] { b = StartNode(database->url(), dir.File("search-b"), files); });
  a = StartNode(database->url(), dir.File("search-a"), files);
  start_b.join();
  ASSERT_TRUE(a && b);

  // A session made on one node is good on the other.
  HttpClient admin_a = a->Client();
  ASSERT_TRUE(admin_a.SignIn(kAdminEmail, kAdminPassword));
  HttpClient admin_b = b->Client();
  admin_b.set_session_cookie(admin_a.session_cookie());
  ASSERT_EQ(admin_b.Get("/api/me").status, 200);

  // Written on A, read on B at once, and found by B's search once it followed.
  ASSERT_EQ(admin_a.Post("/api/organizations",
                         R"({"id":"org-nodes","name":{"en":"Two Nodes Ltd"},"kind":"company","country":"KZ"})")
                .status,
            201);
  ASSERT_EQ(b->Client().Get("/api/organizations/org-nodes").status, 200);
  ClientResponse posted = admin_a.Post(
      "/api/opportunities",
      fmt::format(R"({{"organization":"org-nodes","direction":"offer","cooperation":["supply"],
                     "title":{{"en":"{} first post"}}}})",
                  kMarker));
  ASSERT_EQ(posted.status, 201) << posted.body;
  const double followed = SecondsUntil([&] { return Found(*b, kMarker) == 1; });
  ASSERT_GE(followed, 0) << "node B's search never found what node A wrote";
  std::printf("node B found node A's write after %.3f s\n", followed);

  // The scheduled jobs run on one node; when it dies, the other takes them over.
  pid_t holder = 0;
  ASSERT_GE(SecondsUntil([&] { return (holder = JobsHolder(database->url())) != 0; }), 0);
  ASSERT_TRUE(holder == a->pid() || holder == b->pid()) << "held by " << holder;
  ServerProcess& survivor = holder == a->pid() ? *b : *a;
  ServerProcess& victim = holder == a->pid() ? *a : *b;

  // Four writers on the node that is about to die.
  const pid_t victim_pid = victim.pid();
  const testing::WritesUnderKill writes = testing::KillUnderWrites(
      victim, admin_a.session_cookie(), "/api/opportunities", 4, std::chrono::milliseconds(600), [](int w, int n) {
        return fmt::format(R"({{"organization":"org-nodes","direction":"request","cooperation":["licensing_in"],
                             "title":{{"en":"{} writer {} number {}"}}}})",
                           kMarker, w, n);
      });
  const std::set<std::string>& acknowledged = writes.acknowledged;
  ASSERT_GT(acknowledged.size(), 10u) << "the writers got writes in before the kill; " << writes.refused
                                       << " refused, the first: " << writes.first_refusal;

  // Every acknowledged write is on the survivor, and its search finds them all.
  for (const std::string& id : acknowledged) {
    ASSERT_EQ(survivor.Client().Get("/api/opportunities/" + id).status, 200) << "acknowledged, then lost: " << id;
  }
  const std::int64_t stored =
      survivor.Client().Get("/api/opportunities?organization=org-nodes&per_page=1").Json().at("total").as_int64();
  EXPECT_GE(stored, static_cast<std::int64_t>(acknowledged.size()) + 1);
  EXPECT_GE(SecondsUntil([&] { return Found(survivor, kMarker) == stored; }), 0)
      << "the survivor's index follows every write of the dead node";

  // The survivor keeps taking writes, and takes the jobs over once the dead
  // node's lease (three intervals) runs out.
  HttpClient admin_survivor = survivor.Client();
  admin_survivor.set_session_cookie(admin_a.session_cookie());
  EXPECT_EQ(admin_survivor.Post("/api/opportunities",
                                fmt::format(R"({{"organization":"org-nodes","direction":"offer","cooperation":["supply"],
                                               "title":{{"en":"{} after the kill"}}}})",
                                            kMarker))
                .status,
            201);
  EXPECT_GE(SecondsUntil([&] { return JobsHolder(database->url()) == survivor.pid(); }), 0)
      << "the jobs stayed with the dead node " << victim_pid;
  std::printf("%zu writes acknowledged by the killed node; %lld stored, all found on the survivor\n",
              acknowledged.size(), static_cast<long long>(stored));
}

}  // namespace
}  // namespace biobridge
