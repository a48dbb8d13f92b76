// The storage contract on a real PostgreSQL (the cluster CTest starts), and
// what only PostgreSQL's store does: several stores on one database.
#include "storage/postgres/postgres_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "storage/postgres/connection.h"
#include "storage/store_contract_test.h"
#include "tests/support/postgres_database.h"

namespace biobridge::storage::postgres {
namespace {

using ::testing::HasSubstr;

const Timestamp kNow = FromUnixMillis(1'780'000'000'000);

std::unique_ptr<Store> MakePostgresStore(const std::string&, std::shared_ptr<void>& backing) {
  std::shared_ptr<testing::PostgresDatabase> database = testing::PostgresDatabase::Create(/*migrated=*/true);
  if (!database) return nullptr;
  backing = database;
  auto store = PostgresStore::Open({.url = database->url(), .max_read_connections = 2}, kNow);
  if (!store.ok()) {
    ADD_FAILURE() << store.status().ToString();
    return nullptr;
  }
  return std::move(store).value();
}

INSTANTIATE_TEST_SUITE_P(Postgres, StoreContractTest, ::testing::Values(StoreFactory{"postgres", MakePostgresStore}),
                         [](const auto& info) { return info.param.name; });

TEST(PostgresStoreTest, TwoNodesOnOneDatabaseSeeEachOthersWrites) {
  auto database = testing::PostgresDatabase::Create(/*migrated=*/false);
  ASSERT_NE(database, nullptr);
  auto a = PostgresStore::Open({.url = database->url()}, kNow);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  auto b = PostgresStore::Open({.url = database->url()}, kNow);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  domain::Organization o = MinimalOrganization("org-a");
  ASSERT_TRUE((*a)->CreateOrganization(o, {"u", kNow}).ok());
  Result<domain::Organization> seen = (*b)->GetOrganization("org-a");
  ASSERT_TRUE(seen.ok()) << seen.status().ToString();
  EXPECT_EQ(seen->meta.version, 1);
  // Both write; the change log numbers every change once, in commit order.
  ASSERT_TRUE((*b)->CreateOrganization(MinimalOrganization("org-b"), {"u", kNow}).ok());
  ASSERT_TRUE((*a)->CreateOrganization(MinimalOrganization("org-c"), {"u", kNow}).ok());
  Result<std::vector<ChangeRecord>> changes = (*b)->ListChanges(0, 10);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 3u);
  EXPECT_EQ((*changes)[0].entity_id, "org-a");
  EXPECT_EQ((*changes)[1].entity_id, "org-b");
  EXPECT_EQ((*changes)[2].entity_id, "org-c");
  EXPECT_LT((*changes)[0].seq, (*changes)[2].seq);
}

// Two nodes: the lists one has answered follow the other's writes.
TEST(PostgresStoreTest, ListsFollowWritesOfAnotherNode) {
  auto database = testing::PostgresDatabase::Create(/*migrated=*/true);
  ASSERT_NE(database, nullptr);
  auto reader = PostgresStore::Open({.url = database->url()}, kNow);
  auto writer = PostgresStore::Open({.url = database->url()}, kNow);
  ASSERT_TRUE(reader.ok() && writer.ok());
  ExpectListsFollowTheOthersWrites(**reader, **writer);
}

// What a server restart does to a node's connections: every one of them is
// closed by the server. The next read and the next write succeed, on new
// connections, rather than failing once per stale one.
TEST(PostgresStoreTest, ConnectionsTheServerClosedAreReplacedWithoutFailingARequest) {
  auto database = testing::PostgresDatabase::Create(/*migrated=*/true);
  ASSERT_NE(database, nullptr);
  auto store = PostgresStore::Open({.url = database->url(), .max_read_connections = 3}, kNow);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  ASSERT_TRUE((*store)->CreateOrganization(MinimalOrganization("org-before"), {"u", kNow}).ok());
  ASSERT_TRUE((*store)->GetOrganization("org-before").ok());
  auto admin = Connection::Open(*ParseUrl(testing::PostgresServerUrl()));
  ASSERT_TRUE(admin.ok());
  Result<Rows> ended = (*admin)->Exec(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      {database->name()});
  ASSERT_TRUE(ended.ok()) << ended.status().ToString();
  ASSERT_GE(ended->size(), 2u) << "the writer and a reader were connected";
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // (the backends end asynchronously)
  Result<domain::Organization> read = (*store)->GetOrganization("org-before");
  EXPECT_TRUE(read.ok()) << read.status().ToString();
  Result<domain::Organization> written = (*store)->CreateOrganization(MinimalOrganization("org-after"), {"u", kNow});
  EXPECT_TRUE(written.ok()) << written.status().ToString();
  EXPECT_TRUE((*store)->GetOrganization("org-after").ok());
}

TEST(PostgresStoreTest, AnUnreachableServerIsNamedAtOnce) {
  auto store = PostgresStore::Open({.url = "postgresql://biobridge:secret@127.0.0.1:1/biobridge",
                                    .connect_timeout = std::chrono::seconds(2)},
                                   kNow);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(store.status().message(), HasSubstr("127.0.0.1:1"));
  EXPECT_THAT(store.status().message(), ::testing::Not(HasSubstr("secret")));
}

TEST(PostgresStoreTest, BackupSaysHowToBackUpPostgres) {
  auto database = testing::PostgresDatabase::Create(/*migrated=*/true);
  ASSERT_NE(database, nullptr);
  auto store = PostgresStore::Open({.url = database->url()}, kNow);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Status backup = (*store)->BackupTo("/tmp/never-written.db");
  EXPECT_EQ(backup.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(backup.message(), HasSubstr("pg_dump"));
}

}  // namespace
}  // namespace biobridge::storage::postgres
