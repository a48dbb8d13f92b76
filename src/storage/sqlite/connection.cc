#include "storage/sqlite/connection.h"

#include <fmt/format.h>

#include <filesystem>

namespace biobridge::storage::sqlite {

class Connection::CachedStatement final : public sql::StatementBackend {
 public:
  explicit CachedStatement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~CachedStatement() override { sqlite3_finalize(stmt_); }

  void BindText(int index, std::string_view text, bool copy) override {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), copy ? SQLITE_TRANSIENT : SQLITE_STATIC);
  }
  void BindInt(int index, std::int64_t value) override { sqlite3_bind_int64(stmt_, index, value); }
  void BindNull(int index) override { sqlite3_bind_null(stmt_, index); }
  Result<bool> Step() override;
  std::string_view Text(int column) const override {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    if (!text) return {};
    return {text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
  }
  std::int64_t Int(int column) const override { return sqlite3_column_int64(stmt_, column); }
  bool IsNull(int column) const override { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  void Rewind() override { sqlite3_reset(stmt_); }
  void Reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

 private:
  sqlite3_stmt* stmt_;
};

Result<bool> Connection::CachedStatement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3* db = sqlite3_db_handle(stmt_);
  const std::string message = fmt::format("{} (in: {:.80})", sqlite3_errmsg(db), sqlite3_sql(stmt_));
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
    return UnavailableError("the database is busy; retry: " + message);
  }
  if ((rc & 0xFF) == SQLITE_CONSTRAINT) {
    return FailedPreconditionError("database constraint failed: " + message);
  }
  return InternalError("database error: " + message);
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, bool read_only,
                                                     bool synchronous_full) {
  sqlite3* db = nullptr;
  const int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                    SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return UnavailableError(fmt::format("cannot open the database '{}': {}", path, message));
  }
  std::unique_ptr<Connection> connection(new Connection(db));
  sqlite3_extended_result_codes(db, 1);
  // Writers wait up to 5 s for another process's write to finish (e.g. an
  // import running beside the server) instead of failing at once.
  sqlite3_busy_timeout(db, 5000);
  // Pages are read through a 256 MiB memory map rather than a read() per page.
  std::string setup = "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; PRAGMA mmap_size = 268435456;";
  if (!read_only) {
    // WAL: readers never block the writer nor each other. NORMAL is durable
    // against application crashes; FULL also against power loss.
    // The writer gets a 64 MiB page cache, so that a batch of imports fits in
    // memory until it commits instead of spilling pages mid-transaction.
    setup += "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 16384; PRAGMA cache_size = -65536;";
    setup += synchronous_full ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;";
  } else {
    setup += "PRAGMA query_only = ON;";
  }
  BB_RETURN_IF_ERROR(connection->Exec(setup));
  return connection;
}

Connection::Connection(sqlite3* db) : db_(db) {}

Connection::~Connection() {
  statements_.clear();  // finalised before the database closes
  sqlite3_close(db_);
}

Status Connection::BackupTo(const std::string& path) {
  if (std::filesystem::exists(path)) return AlreadyExistsError(fmt::format("'{}' exists already", path));
  sqlite3* target = nullptr;
  if (sqlite3_open_v2(path.c_str(), &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    const std::string message = target ? sqlite3_errmsg(target) : "out of memory";
    sqlite3_close(target);
    return UnavailableError(fmt::format("cannot create '{}': {}", path, message));
  }
  sqlite3_backup* backup = sqlite3_backup_init(target, "main", db_, "main");
  int rc = backup ? SQLITE_OK : sqlite3_errcode(target);
  if (backup) {
    // All pages in one step: the copy is of one moment (a reader's snapshot).
    while ((rc = sqlite3_backup_step(backup, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(10);
    sqlite3_backup_finish(backup);
  }
  const std::string message = sqlite3_errmsg(target);
  sqlite3_close(target);
  if (rc != SQLITE_DONE) {
    std::filesystem::remove(path);
    return InternalError(fmt::format("backing up into '{}' failed: {}", path, message));
  }
  return Status::Ok();
}

Status Connection::Exec(std::string_view sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &error);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string message = error ? error : sqlite3_errstr(rc);
  sqlite3_free(error);
  if ((rc & 0xFF) == SQLITE_BUSY || (rc & 0xFF) == SQLITE_LOCKED) {
    return UnavailableError("the database is busy; retry: " + message);
  }
  return InternalError(fmt::format("database error: {} (in: {:.80})", message, sql));
}

Result<Statement> Connection::Prepare(std::string_view sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) return Statement(it->second.get());
  std::string key(sql);
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT,
                                    &stmt, nullptr);
  if (rc != SQLITE_OK) return LastError("cannot prepare a statement");
  auto cached = std::make_unique<CachedStatement>(stmt);
  Statement out(cached.get());
  statements_.emplace(std::move(key), std::move(cached));
  return out;
}

Status Connection::RunCached(std::string_view sql) {
  BB_ASSIGN_OR_RETURN(Statement stmt, Prepare(sql));
  return stmt.Run();
}

Result<std::optional<std::string>> Connection::IndexDefinition(std::string_view name) {
  BB_ASSIGN_OR_RETURN(Statement find, Prepare("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?"));
  BB_ASSIGN_OR_RETURN(bool exists, find.Bind(1, name).Step());
  if (!exists) return std::optional<std::string>();
  return std::optional<std::string>(std::string(find.Text(0)));
}

Result<std::vector<std::int64_t>> Connection::NewKeys(std::string_view table, std::size_t n) {
  BB_ASSIGN_OR_RETURN(Statement largest, Prepare(fmt::format("SELECT COALESCE(MAX(seq), 0) FROM {}", table)));
  BB_RETURN_IF_ERROR(largest.Step().status());
  std::vector<std::int64_t> keys(n);
  for (std::size_t i = 0; i < n; ++i) keys[i] = largest.Int(0) + std::int64_t(i) + 1;
  return keys;
}

Status Connection::LastError(std::string_view what) const {
  const int rc = sqlite3_errcode(db_) & 0xFF;
  std::string message = fmt::format("{}: {}", what, sqlite3_errmsg(db_));
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) return UnavailableError(std::move(message));
  return InternalError(std::move(message));
}

}  // namespace biobridge::storage::sqlite
