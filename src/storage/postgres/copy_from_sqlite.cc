#include "storage/postgres/copy_from_sqlite.h"

#include <fmt/format.h>

#include <set>

#include "storage/postgres/connection.h"
#include "storage/postgres/migrations.h"
#include "storage/sqlite/connection.h"
#include "storage/sqlite/migrations.h"

namespace biobridge::storage::postgres {
namespace {

// Tables that are the engine's own, not the installation's.
bool Skipped(const std::string& table) {
  return table.starts_with("sqlite_") || table == "schema_migrations" || table == "bulk_load_indexes";
}

Result<std::vector<std::string>> SqliteColumns(sqlite::Connection& c, const std::string& table) {
  BB_ASSIGN_OR_RETURN(sql::Statement info, c.Prepare(fmt::format("SELECT name FROM pragma_table_info('{}')", table)));
  std::vector<std::string> columns;
  BB_RETURN_IF_ERROR(sql::AppendTexts(info, columns));
  return columns;
}

Result<std::int64_t> Count(sql::Connection& c, const std::string& table) {
  BB_ASSIGN_OR_RETURN(sql::Statement count, c.Prepare("SELECT COUNT(*) FROM " + table));
  BB_RETURN_IF_ERROR(count.Step().status());
  return count.Int(0);
}

}  // namespace

Result<std::vector<CopiedTable>> CopySqliteToPostgres(const std::string& sqlite_path, const std::string& postgres_url,
                                                      Timestamp now) {
  {
    BB_ASSIGN_OR_RETURN(auto writer, sqlite::Connection::Open(sqlite_path, /*read_only=*/false, false));
    BB_RETURN_IF_ERROR(sqlite::ApplyMigrations(*writer, now).status());
  }
  BB_ASSIGN_OR_RETURN(auto source, sqlite::Connection::Open(sqlite_path, /*read_only=*/true, false));
  BB_ASSIGN_OR_RETURN(ConnectionTarget target, ParseUrl(postgres_url));
  BB_ASSIGN_OR_RETURN(auto destination, Connection::Open(target));
  BB_RETURN_IF_ERROR(ApplyMigrations(*destination, now).status());

  // One snapshot of the whole file.
  BB_ASSIGN_OR_RETURN(sql::Transaction snapshot, sql::Transaction::Begin(*source, sql::Transaction::Kind::kRead));
  std::vector<std::string> names;
  {
    BB_ASSIGN_OR_RETURN(sql::Statement list,
                        source->Prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY rowid"));
    BB_RETURN_IF_ERROR(sql::AppendTexts(list, names));
  }
  std::erase_if(names, Skipped);
  struct Table {
    std::string name;
    std::vector<std::string> columns;
  };
  std::vector<Table> tables;
  for (std::string& name : names) {
    BB_ASSIGN_OR_RETURN(std::vector<std::string> columns, SqliteColumns(*source, name));
    tables.push_back({std::move(name), std::move(columns)});
  }

  // The same tables with the same columns on both sides, and nothing there yet.
  BB_RETURN_IF_ERROR(destination->BeginWrite());
  std::vector<CopiedTable> copied;
  Status done = [&]() -> Status {
    for (const auto& [table, columns] : tables) {
      BB_ASSIGN_OR_RETURN(Rows theirs, destination->Exec("SELECT column_name FROM information_schema.columns WHERE "
                                                         "table_schema = current_schema() AND table_name = $1",
                                                         {table}));
      std::set<std::string> pg_columns;
      for (std::size_t i = 0; i < theirs.size(); ++i) pg_columns.insert(theirs.Text(i, 0));
      if (pg_columns != std::set<std::string>(columns.begin(), columns.end())) {
        return FailedPreconditionError(fmt::format(
            "table {} has other columns in PostgreSQL than in SQLite: this BioBridge cannot move this database", table));
      }
      BB_ASSIGN_OR_RETURN(std::int64_t there, Count(*destination, table));
      if (there > 0) {
        return FailedPreconditionError(fmt::format(
            "the PostgreSQL database at {} has {} rows in {} already: migrate into a new, empty database, before "
            "any BioBridge node has started on it",
            target.shown, there, table));
      }
    }
    for (const auto& [table, columns] : tables) {
      std::string select = "SELECT ";
      for (std::size_t i = 0; i < columns.size(); ++i) select += (i ? ", " : "") + columns[i];
      BB_ASSIGN_OR_RETURN(sql::Statement rows, source->Prepare(select + " FROM " + table));
      const std::vector<std::string_view> names(columns.begin(), columns.end());
      BB_ASSIGN_OR_RETURN(std::int64_t written,
                          destination->AppendRows(table, names, [&](std::vector<sql::Value>& row) -> Result<bool> {
                            BB_ASSIGN_OR_RETURN(bool more, rows.Step());
                            if (!more) return false;
                            for (std::size_t i = 0; i < columns.size(); ++i) {
                              row[i] = rows.IsNull(int(i)) ? sql::Value() : sql::Value(rows.Text(int(i)));
                            }
                            return true;
                          }));
      BB_ASSIGN_OR_RETURN(std::int64_t had, Count(*source, table));
      BB_ASSIGN_OR_RETURN(std::int64_t has, Count(*destination, table));
      if (written != had || has != had) {
        return InternalError(fmt::format("table {}: {} rows in SQLite, {} copied, {} in PostgreSQL; nothing was kept",
                                         table, had, written, has));
      }
      copied.push_back({table, had});
    }
    // New rows are numbered after the copied ones.
    BB_ASSIGN_OR_RETURN(Rows identities,
                        destination->Exec("SELECT table_name, column_name FROM information_schema.columns WHERE "
                                          "table_schema = current_schema() AND is_identity = 'YES'",
                                          {}));
    for (std::size_t i = 0; i < identities.size(); ++i) {
      const std::string& table = identities.Text(i, 0);
      const std::string& column = identities.Text(i, 1);
      BB_RETURN_IF_ERROR(destination
                             ->Exec(fmt::format("SELECT setval(pg_get_serial_sequence('{0}', '{1}'), "
                                                "COALESCE(MAX({1}), 0) + 1, false) FROM {0}",
                                                table, column),
                                    {})
                             .status());
    }
    return destination->Commit();
  }();
  if (!done.ok()) {
    destination->Rollback();
    return done;
  }
  return copied;
}

}  // namespace biobridge::storage::postgres
