#include "storage/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "storage/sqlite/migrations.h"
#include "storage/store_contract_test.h"
#include "tests/support/temp_dir.h"

namespace biobridge::storage::sqlite {
namespace {

const Timestamp kNow = FromUnixMillis(1'780'000'000'000);

std::unique_ptr<Store> MakeSqliteStore(const std::string& directory, std::shared_ptr<void>&) {
  auto store = SqliteStore::Open({.path = directory + "/biobridge.db"}, kNow);
  if (!store.ok()) {
    ADD_FAILURE() << store.status().ToString();
    return nullptr;
  }
  return std::move(store).value();
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContractTest, ::testing::Values(StoreFactory{"sqlite", MakeSqliteStore}),
                         [](const auto& info) { return info.param.name; });

// Reads one value with a separate connection, as an operator would with sqlite3.
std::string QueryText(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* stmt = nullptr;
  std::string value;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
    value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return value;
}

TEST(SqliteStoreTest, DataSurvivesReopening) {
  testing::TempDir dir;
  const std::string path = dir.File("b.db");
  {
    auto store = SqliteStore::Open({.path = path}, kNow);
    ASSERT_TRUE(store.ok());
    domain::Organization o;
    o.id = "org-1";
    o.name = {{"ru", "Клиника"}};
    o.kind = "hospital";
    o.country = "RU";
    ASSERT_TRUE((*store)->CreateOrganization(o, {"u", kNow}).ok());
  }
  auto reopened = SqliteStore::Open({.path = path}, kNow);
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ(*(*reopened)->GetOrganization("org-1")->name.Find("ru"), "Клиника");
  EXPECT_EQ((*reopened)->schema_version(), Migrations().back().version);
}

// Another process writing to the same file (an import beside the server):
// the lists this store has answered follow its writes too.
TEST(SqliteStoreTest, ListsFollowWritesOfAnotherStoreOnTheSameFile) {
  testing::TempDir dir;
  const std::string path = dir.File("b.db");
  auto reader = SqliteStore::Open({.path = path}, kNow);
  auto writer = SqliteStore::Open({.path = path}, kNow);
  ASSERT_TRUE(reader.ok() && writer.ok());
  ExpectListsFollowTheOthersWrites(**reader, **writer);
}

TEST(SqliteStoreTest, UsesWalAndRecordsMigrations) {
  testing::TempDir dir;
  const std::string path = dir.File("b.db");
  auto store = SqliteStore::Open({.path = path}, kNow);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ(QueryText(path, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(QueryText(path, "SELECT group_concat(version || ':' || name) FROM schema_migrations"), "1:initial,2:collaborations,3:pipeline,4:programmes,5:committee,6:events,7:schedules,8:consent,9:notifications,10:saved_searches,11:thread_guests,12:documents,13:certificates,14:regulatory_profiles,15:plans,16:review_project_documents,17:leases,18:sign_in_failures,19:deal_details");
}

TEST(SqliteStoreTest, RefusesADatabaseFromANewerVersion) {
  testing::TempDir dir;
  const std::string path = dir.File("b.db");
  ASSERT_TRUE(SqliteStore::Open({.path = path}, kNow).ok());
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db, "INSERT INTO schema_migrations VALUES (99, 'future', 0)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  auto store = SqliteStore::Open({.path = path}, kNow);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(store.status().message().find("99"), std::string::npos);
}

TEST(SqliteStoreTest, ReportsAnUnopenablePath) {
  auto store = SqliteStore::Open({.path = "/nonexistent-dir/sub/b.db"}, kNow);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(store.status().message().find("/nonexistent-dir/sub/b.db"), std::string::npos);
}

}  // namespace
}  // namespace biobridge::storage::sqlite

namespace biobridge::storage::sqlite {
namespace {

// A write that fails half-way through a record (here: a trigger refusing its
// audit record) must roll back that record alone, through the savepoint path.
TEST(SqliteStoreTest, AWriteFailingHalfWayRollsBackThatRecordOnly) {
  testing::TempDir dir;
  const std::string path = dir.File("b.db");
  auto store = SqliteStore::Open({.path = path}, kNow);
  ASSERT_TRUE(store.ok());
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  ASSERT_EQ(sqlite3_exec(db,
                         "CREATE TRIGGER refuse_boom BEFORE INSERT ON audit_log WHEN NEW.entity_id = 'boom' "
                         "BEGIN SELECT RAISE(ABORT, 'refused by a test trigger'); END;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);

  auto org = [](const char* id) {
    domain::Organization o;
    o.id = id;
    o.name = {{"en", id}};
    o.kind = "company";
    o.country = "CN";
    o.therapeutic_areas = {"oncology"};
    return o;
  };
  std::vector<DirectoryRecord> batch = {org("first"), org("boom"), org("last")};
  auto outcomes = (*store)->ImportRecords(batch, {"system:test", kNow});
  ASSERT_EQ(outcomes.size(), 3u);
  EXPECT_TRUE(outcomes[0].ok());
  EXPECT_FALSE(outcomes[1].ok());
  EXPECT_NE(outcomes[1].status().message().find("refused by a test trigger"), std::string::npos);
  EXPECT_TRUE(outcomes[2].ok());
  EXPECT_TRUE((*store)->GetOrganization("first").ok());
  EXPECT_TRUE((*store)->GetOrganization("last").ok());
  // Nothing of the refused record stayed: no row, no codes, no change record.
  EXPECT_EQ((*store)->GetOrganization("boom").status().code(), StatusCode::kNotFound);
  EXPECT_EQ((*store)->ListOrganizations({.therapeutic_area = "oncology"}, {1, 10})->total, 2);
  EXPECT_EQ((*store)->ListChanges(0, 10)->size(), 2u);
}

}  // namespace
}  // namespace biobridge::storage::sqlite

namespace biobridge::storage::sqlite {
namespace {

int CountIndexes(const std::string& path) {
  return std::stoi(QueryText(path, "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL"));
}

// A bulk load cut short (the process died) leaves its indexes dropped; the
// next open builds them again.
TEST(SqliteStoreTest, ABulkLoadCutShortIsFinishedByTheNextOpen) {
  testing::TempDir dir;
  const std::string path = dir.File("b.db");
  int indexes = 0;
  {
    auto store = SqliteStore::Open({.path = path}, kNow);
    ASSERT_TRUE(store.ok());
    indexes = CountIndexes(path);
    ASSERT_TRUE((*store)->StartBulkLoad().ok());
    EXPECT_EQ(CountIndexes(path), indexes - 7);
    EXPECT_EQ(QueryText(path, "SELECT COUNT(*) FROM bulk_load_indexes"), "7");
  }  // closed without FinishBulkLoad
  auto reopened = SqliteStore::Open({.path = path}, kNow);
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ(CountIndexes(path), indexes);
  EXPECT_EQ(QueryText(path, "SELECT COUNT(*) FROM bulk_load_indexes"), "0");
}

}  // namespace
}  // namespace biobridge::storage::sqlite
