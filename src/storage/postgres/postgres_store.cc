#include "storage/postgres/postgres_store.h"

#include <fmt/format.h>

#include "storage/postgres/connection.h"
#include "storage/postgres/migrations.h"
#include "storage/sql/tag_dictionary.h"

namespace biobridge::storage::postgres {

Result<std::unique_ptr<PostgresStore>> PostgresStore::Open(const Options& options, Timestamp now) {
  BB_ASSIGN_OR_RETURN(ConnectionTarget target, ParseUrl(options.url));
  BB_ASSIGN_OR_RETURN(auto writer, Connection::Open(target, options.connect_timeout));
  BB_ASSIGN_OR_RETURN(int version, ApplyMigrations(*writer, now));
  BB_ASSIGN_OR_RETURN(auto tags, LoadTags(*writer));
  auto open = [target, timeout = options.connect_timeout](bool read_only) {
    return [target, timeout, read_only]() -> Result<std::unique_ptr<sql::Connection>> {
      BB_ASSIGN_OR_RETURN(auto connection, Connection::Open(target, timeout, read_only));
      return std::unique_ptr<sql::Connection>(std::move(connection));
    };
  };
  return std::unique_ptr<PostgresStore>(new PostgresStore(std::move(writer), open(/*read_only=*/true),
                                                          options.max_read_connections, std::move(tags), version,
                                                          options.list_cache_bytes, open(/*read_only=*/false), target,
                                                          options.connect_timeout));
}

PostgresStore::PostgresStore(std::unique_ptr<sql::Connection> writer, OpenConnection open_reader, int max_readers,
                             std::unique_ptr<sql::TagDictionary> tags, int schema_version,
                             std::size_t list_cache_bytes, OpenConnection reopen_writer, ConnectionTarget target,
                             std::chrono::seconds connect_timeout)
    : SqlStore(std::move(writer), std::move(open_reader), max_readers, std::move(tags), schema_version,
               list_cache_bytes, std::move(reopen_writer)),
      target_(std::move(target)),
      connect_timeout_(connect_timeout) {}

Result<bool> PostgresStore::WaitForChanges(std::chrono::milliseconds timeout) {
  std::lock_guard lock(listener_mutex_);
  if (listener_ && !listener_->Usable()) listener_.reset();
  if (!listener_) {
    BB_ASSIGN_OR_RETURN(listener_, Connection::Open(target_, connect_timeout_, /*read_only=*/true));
    BB_RETURN_IF_ERROR(listener_->ExecScript("LISTEN biobridge_changes"));
  }
  Result<bool> woken = listener_->WaitForNotice(timeout);
  if (!woken.ok()) listener_.reset();
  return woken;
}

Status PostgresStore::BackupTo(const std::string& path) {
  return FailedPreconditionError(
      fmt::format("BioBridge backs up only its embedded SQLite database; back up PostgreSQL with its own tools, e.g. "
                  "pg_dump --format=custom --file={} DATABASE (see docs/operations.md)",
                  path));
}

}  // namespace biobridge::storage::postgres
