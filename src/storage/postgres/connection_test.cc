// The PostgreSQL connection and migrations against a real server: the one
// CTest starts for the run (scripts/pg-test-cluster.sh; its URL in the file
// BIOBRIDGE_TEST_POSTGRES names). Each test works in a database of its own.
#include "storage/postgres/connection.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <set>
#include <thread>

#include "storage/postgres/migrations.h"
#include "tests/support/postgres_database.h"

namespace biobridge::storage::postgres {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class PostgresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = testing::PostgresDatabase::Create(/*migrated=*/false);
    ASSERT_NE(database_, nullptr);
    url_ = database_->url();
  }
  std::unique_ptr<Connection> Open() {
    Result<std::unique_ptr<Connection>> c = Connection::Open(*ParseUrl(url_));
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? std::move(*c) : nullptr;
  }

  std::unique_ptr<testing::PostgresDatabase> database_;
  std::string url_;
};

TEST(PostgresUrlTest, OnlyAPostgresqlUrlWithADatabaseAndNeverItsPassword) {
  EXPECT_EQ(ParseUrl("var/biobridge.db").status().field(), "db");
  EXPECT_EQ(ParseUrl("mysql://me@host/db").status().field(), "db");
  EXPECT_THAT(ParseUrl("postgresql://me@db.example.org:5433").status().message(), HasSubstr("no database"));
  Result<ConnectionTarget> t = ParseUrl("postgresql://bridge:s3cret@db.example.org:5433/exchange");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->shown, "bridge@db.example.org:5433/exchange");
  EXPECT_EQ(t->host, "db.example.org");
  EXPECT_EQ(t->port, "5433");
  EXPECT_EQ(t->database, "exchange");
}

TEST(PostgresUrlTest, AServerThatIsNotThereIsNamedAtOnce) {
  // A port nothing listens on: refused at once, with the server and the reason.
  const auto started = std::chrono::steady_clock::now();
  Result<std::unique_ptr<Connection>> c = Connection::Open(*ParseUrl("postgresql://biobridge:pw@127.0.0.1:1/biobridge"), std::chrono::seconds(3));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(c.status().message(), HasSubstr("127.0.0.1:1/biobridge"));
  EXPECT_THAT(c.status().message(), Not(HasSubstr("pw")));
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(4));
}

TEST_F(PostgresTest, StatementsTakeParametersAndMapErrors) {
  std::unique_ptr<Connection> connection = Open();
  ASSERT_NE(connection, nullptr);
  Connection& c = *connection;
  EXPECT_GE(c.ServerMajorVersion(), 15);
  ASSERT_TRUE(c.ExecScript("CREATE TABLE t (id TEXT PRIMARY KEY, note TEXT)").ok());
  Result<Rows> inserted = c.Exec("INSERT INTO t VALUES ($1, $2), ($3, $4)", {"a", "中文 и русский", "b", std::nullopt});
  ASSERT_TRUE(inserted.ok()) << inserted.status().ToString();
  EXPECT_EQ(inserted->affected, 2);
  Result<Rows> read = c.Exec("SELECT id, note FROM t ORDER BY id", {});
  ASSERT_TRUE(read.ok());
  ASSERT_EQ(read->size(), 2u);
  EXPECT_EQ(read->Text(0, 1), "中文 и русский");
  EXPECT_FALSE(read->rows[1][1].has_value());
  // A quote in a parameter is data, never SQL.
  ASSERT_TRUE(c.Exec("INSERT INTO t VALUES ($1, $2)", {"x'); DROP TABLE t; --", "y"}).ok());
  EXPECT_EQ(c.Exec("SELECT count(*) FROM t", {})->Text(0, 0), "3");
  EXPECT_EQ(c.Exec("INSERT INTO t VALUES ($1, $2)", {"a", "again"}).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(c.Exec("SELECT * FROM nowhere", {}).status().code(), StatusCode::kInternal);
  // A failed transaction is rolled back whole.
  ASSERT_TRUE(c.Begin().ok());
  ASSERT_TRUE(c.Exec("INSERT INTO t VALUES ($1, $2)", {"c", "kept?"}).ok());
  EXPECT_FALSE(c.Exec("INSERT INTO t VALUES ($1, $2)", {"c", "twice"}).ok());
  c.Rollback();
  EXPECT_EQ(c.Exec("SELECT count(*) FROM t WHERE id = 'c'", {})->Text(0, 0), "0");
}

TEST(PostgresPlaceholdersTest, QuestionMarksBecomeNumberedOutsideQuotes) {
  EXPECT_EQ(ToPostgresPlaceholders("SELECT a FROM t WHERE b = ? AND c IN (?, ?)"),
            "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)");
  EXPECT_EQ(ToPostgresPlaceholders("WHERE a = ?2 OR b = ?1 OR c = ?"), "WHERE a = $2 OR b = $1 OR c = $3")
      << "numbered as SQLite numbers them";
  EXPECT_EQ(ToPostgresPlaceholders("SELECT '?', \"odd?name\" FROM t WHERE x = ? AND y = 'it''s ?'"),
            "SELECT '?', \"odd?name\" FROM t WHERE x = $1 AND y = 'it''s ?'");
}

// The SQLite store's statement surface, on PostgreSQL.
TEST_F(PostgresTest, StatementsStepThroughRowsLikeTheSqliteStores) {
  std::unique_ptr<Connection> connection = Open();
  ASSERT_NE(connection, nullptr);
  Connection& c = *connection;
  ASSERT_TRUE(c.ExecScript("CREATE TABLE r (seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id TEXT UNIQUE, "
                           "n BIGINT, flag BOOLEAN)").ok());
  for (int i = 1; i <= 3; ++i) {
    sql::Statement insert = *c.Prepare("INSERT INTO r (id, n, flag) VALUES (?, ?, ?) RETURNING seq");
    insert.Bind(1, fmt::format("r{}", i)).Bind(2, std::int64_t{10} * i).Bind(3, i % 2 == 1 ? "true" : "false");
    Result<bool> row = insert.Step();
    ASSERT_TRUE(row.ok() && *row) << row.status().ToString();
    EXPECT_EQ(insert.Int(0), i) << "the new row's key, as SQLite's last_insert_rowid";
  }
  sql::Statement select = *c.Prepare("SELECT id, n, flag, NULL FROM r WHERE n >= ?1 ORDER BY seq");
  select.Bind(1, std::int64_t{20});
  std::vector<std::string> ids;
  for (;;) {
    Result<bool> row = select.Step();
    ASSERT_TRUE(row.ok());
    if (!*row) break;
    ids.emplace_back(select.Text(0));
    EXPECT_EQ(select.Int(2), select.Int(1) == 30 ? 1 : 0);
    EXPECT_TRUE(select.IsNull(3));
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"r2", "r3"}));
  sql::Statement update = *c.Prepare("UPDATE r SET n = n + 1 WHERE id <> ?");
  update.Bind(1, "r1");
  ASSERT_TRUE(update.Run().ok());
  EXPECT_EQ(c.Changes(), 2);
  sql::Statement duplicate = *c.Prepare("INSERT INTO r (id, n, flag) VALUES (?, 0, false)");
  duplicate.Bind(1, "r1");
  EXPECT_EQ(duplicate.Run().code(), StatusCode::kFailedPrecondition);
}

// Reading (for example) a million records keeps one row in memory at a time;
// what is tested here is that the connection behaves as with whole results.
TEST_F(PostgresTest, StreamingStatementsGiveRowsOneByOneAndLeaveTheConnectionReady) {
  std::unique_ptr<Connection> connection = Open();
  ASSERT_NE(connection, nullptr);
  Connection& c = *connection;
  ASSERT_TRUE(c.ExecScript("CREATE TABLE t AS SELECT i FROM generate_series(1, 1000) AS i").ok());
  const auto read_all = [&](std::int64_t from) {
    std::vector<std::int64_t> seen;
    sql::Statement rows = *c.PrepareStreaming("SELECT i FROM t WHERE i >= ? ORDER BY i");
    rows.Bind(1, from);
    while (true) {
      Result<bool> row = rows.Step();
      EXPECT_TRUE(row.ok()) << row.status().ToString();
      if (!row.ok() || !*row) break;
      seen.push_back(rows.Int(0));
    }
    EXPECT_EQ(*rows.Step(), false) << "stays at its end";
    return seen;
  };
  const std::uint64_t answered = c.answered();
  EXPECT_EQ(read_all(1).size(), 1000u);
  EXPECT_GT(c.answered(), answered);
  EXPECT_EQ(read_all(998), (std::vector<std::int64_t>{998, 999, 1000}));
  {  // Left after three rows: the rest is read off, and the connection serves again.
    sql::Statement rows = *c.PrepareStreaming("SELECT i FROM t WHERE i >= ? ORDER BY i");
    rows.Bind(1, std::int64_t{1});
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(*rows.Step());
    EXPECT_EQ(rows.Int(0), 3);
  }
  {
    sql::Statement count = *c.Prepare("SELECT count(*) FROM t");
    ASSERT_TRUE(*count.Step());
    EXPECT_EQ(count.Int(0), 1000);
  }
  // A failure after some rows is the statement's error, after those rows.
  sql::Statement failing = *c.PrepareStreaming("SELECT 1 / (500 - i) FROM generate_series(1, 1000) AS i");
  int rows = 0;
  Result<bool> row = failing.Step();
  while (row.ok() && *row) {
    ++rows;
    row = failing.Step();
  }
  EXPECT_THAT(row.status().message(), HasSubstr("division by zero"));
  // The rows before the failing one came as they were made: a whole result
  // would have brought none.
  EXPECT_EQ(rows, 499);
  EXPECT_EQ(read_all(1000), (std::vector<std::int64_t>{1000}));
}

// Bulk inserts (COPY) keep every character, NULLs and integers; keys handed
// out for them are never handed out again.
TEST_F(PostgresTest, AppendedRowsKeepTheirTextAndNewKeysStayUnique) {
  std::unique_ptr<Connection> connection = Open();
  ASSERT_NE(connection, nullptr);
  Connection& c = *connection;
  ASSERT_TRUE(c.ExecScript("CREATE TABLE r (seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
                           "body TEXT, n BIGINT)").ok());
  ASSERT_TRUE(c.BeginWrite().ok());
  Result<std::vector<std::int64_t>> keys = c.NewKeys("r", 3);
  ASSERT_TRUE(keys.ok()) << keys.status().ToString();
  ASSERT_EQ(keys->size(), 3u);
  EXPECT_TRUE(std::is_sorted(keys->begin(), keys->end()));
  const std::vector<std::string> texts = {"tab\there a\\b\nc\td\re", "Нева 北京 \"q\" 'x' \\N"};
  std::size_t next = 0;
  const std::array<std::string_view, 3> columns{"seq", "body", "n"};
  Result<std::int64_t> appended = c.AppendRows("r", columns, [&](std::vector<sql::Value>& row) -> Result<bool> {
    if (next == 3) return false;
    row[0] = (*keys)[next];
    row[1] = next < 2 ? sql::Value(std::string_view(texts[next])) : sql::Value();
    row[2] = next == 1 ? sql::Value() : sql::Value(std::int64_t{-7} * std::int64_t(next));
    ++next;
    return true;
  });
  ASSERT_TRUE(appended.ok()) << appended.status().ToString();
  EXPECT_EQ(*appended, 3);
  ASSERT_TRUE(c.ExecScript("INSERT INTO r (body) VALUES ('by default')").ok());
  ASSERT_TRUE(c.Commit().ok());
  Result<Rows> stored = c.Exec("SELECT seq, body, n FROM r ORDER BY seq", {});
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->size(), 4u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(stored->Text(i, 0), std::to_string((*keys)[i]));
  EXPECT_EQ(stored->rows[0][1], texts[0]);
  EXPECT_EQ(stored->rows[1][1], texts[1]);
  EXPECT_EQ(stored->rows[2][1], std::nullopt);
  EXPECT_EQ(stored->rows[1][2], std::nullopt);
  EXPECT_EQ(stored->Text(2, 2), "-14");
  EXPECT_EQ(stored->Text(3, 1), "by default");
  EXPECT_GT(std::stoll(stored->Text(3, 0)), (*keys)[2]) << "the default comes after the keys handed out";
}

TEST_F(PostgresTest, MigrationsApplyOnceAndRefuseANewerSchema) {
  std::unique_ptr<Connection> connection = Open();
  ASSERT_NE(connection, nullptr);
  Connection& c = *connection;
  const Timestamp now = FromUnixMillis(1'800'000'000'000);
  Result<int> version = ApplyMigrations(c, now);
  ASSERT_TRUE(version.ok()) << version.status().ToString();
  EXPECT_EQ(*version, Migrations().back().version);
  for (const char* table : {"organizations", "opportunities", "users", "sessions", "api_tokens", "audit_log", "change_log"}) {
    EXPECT_EQ(c.Exec("SELECT to_regclass($1) IS NOT NULL", {std::string(table)})->Text(0, 0), "t") << table;
  }
  EXPECT_EQ(*ApplyMigrations(c, now), *version) << "a second run finds nothing to do";
  EXPECT_EQ(c.Exec("SELECT count(*) FROM schema_migrations", {})->Text(0, 0), std::to_string(Migrations().size()));
  // A newer BioBridge migrated it further: this one refuses, naming both versions, and changes nothing.
  ASSERT_TRUE(c.Exec("INSERT INTO schema_migrations VALUES (99, 'future', 0)", {}).ok());
  Result<int> older = ApplyMigrations(c, now);
  EXPECT_EQ(older.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(older.status().message(), HasSubstr("schema version 99"));
  EXPECT_THAT(older.status().message(), HasSubstr(fmt::format("({})", Migrations().back().version)));
}

TEST_F(PostgresTest, AFailedMigrationLeavesNothingOfItself) {
  std::unique_ptr<Connection> connection = Open();
  ASSERT_NE(connection, nullptr);
  Connection& c = *connection;
  const Migration broken[] = {{1, "first", "CREATE TABLE a (x INTEGER)"},
                              {2, "second", "CREATE TABLE b (x INTEGER); CREATE TABLE broken (x NOSUCHTYPE)"}};
  Result<int> version = ApplyMigrations(c, FromUnixMillis(0), broken);
  ASSERT_FALSE(version.ok());
  EXPECT_THAT(version.status().message(), HasSubstr("migration 2 (second) failed"));
  EXPECT_EQ(c.Exec("SELECT to_regclass('a') IS NOT NULL", {})->Text(0, 0), "t") << "the first stays applied";
  EXPECT_EQ(c.Exec("SELECT to_regclass('b') IS NOT NULL", {})->Text(0, 0), "f") << "nothing of the second";
  EXPECT_EQ(c.Exec("SELECT max(version) FROM schema_migrations", {})->Text(0, 0), "1");
  // The lock was released: another session migrates.
  std::unique_ptr<Connection> other = Open();
  const Migration fixed[] = {{1, "first", "CREATE TABLE a (x INTEGER)"}, {2, "second", "CREATE TABLE b (x INTEGER)"}};
  EXPECT_EQ(*ApplyMigrations(*other, FromUnixMillis(0), fixed), 2);
}

TEST_F(PostgresTest, NodesStartingTogetherMigrateOnce) {
  // One migration slow enough that the second node arrives while it runs.
  const Migration slow[] = {{1, "slow", "SELECT pg_sleep(0.5); CREATE TABLE once (x INTEGER)"}};
  std::vector<Result<int>> results(2, Result<int>(0));
  std::vector<std::thread> nodes;
  for (int i = 0; i < 2; ++i) {
    nodes.emplace_back([&, i] {
      Result<std::unique_ptr<Connection>> c = Connection::Open(*ParseUrl(url_));
      results[std::size_t(i)] = c.ok() ? ApplyMigrations(**c, FromUnixMillis(0), slow) : Result<int>(c.status());
    });
  }
  for (std::thread& t : nodes) t.join();
  for (const Result<int>& r : results) {
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(*r, 1);
  }
  std::unique_ptr<Connection> connection = Open();
  ASSERT_NE(connection, nullptr);
  Connection& c = *connection;
  EXPECT_EQ(c.Exec("SELECT count(*) FROM schema_migrations", {})->Text(0, 0), "1");
}

}  // namespace
}  // namespace biobridge::storage::postgres
