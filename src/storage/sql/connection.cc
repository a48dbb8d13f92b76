#include "storage/sql/connection.h"

#include <fmt/format.h>

#include <algorithm>

namespace biobridge::storage::sql {

Status Statement::Run() {
  while (true) {
    BB_ASSIGN_OR_RETURN(bool row, Step());
    if (!row) break;
  }
  backend_->Rewind();
  return Status::Ok();
}

Result<std::int64_t> Statement::RunReturning() {
  BB_ASSIGN_OR_RETURN(bool row, Step());
  if (!row) return InternalError("an INSERT ... RETURNING returned no row");
  const std::int64_t value = Int(0);
  BB_RETURN_IF_ERROR(Run());
  return value;
}

Statement& Statement::BindValue(int index, const Value& value) {
  if (const auto* text = std::get_if<std::string_view>(&value)) return BindUnowned(index, *text);
  if (const auto* number = std::get_if<std::int64_t>(&value)) return Bind(index, *number);
  return BindNull(index);
}

Result<std::int64_t> Connection::AppendRows(std::string_view table, std::span<const std::string_view> columns,
                                            const RowSource& next) {
  std::string names;
  for (std::string_view column : columns) names += fmt::format("{}{}", names.empty() ? "" : ", ", column);
  BB_ASSIGN_OR_RETURN(Statement insert,
                      Prepare(fmt::format("INSERT INTO {} ({}) VALUES ({})", table, names, Placeholders(columns.size()))));
  std::vector<Value> row(columns.size());
  std::int64_t rows = 0;
  while (true) {
    BB_ASSIGN_OR_RETURN(bool more, next(row));
    if (!more) return rows;
    for (std::size_t i = 0; i < row.size(); ++i) insert.BindValue(int(i + 1), row[i]);
    BB_RETURN_IF_ERROR(insert.Run());
    ++rows;
  }
}

Result<bool> Connection::Exists(std::string_view sql, std::string_view value) {
  BB_ASSIGN_OR_RETURN(Statement stmt, Prepare(sql));
  return stmt.Bind(1, value).Step();
}

Result<Transaction> Transaction::Begin(Connection& connection, Kind kind) {
  BB_RETURN_IF_ERROR(kind == Kind::kWrite ? connection.BeginWrite() : connection.BeginRead());
  return Transaction(&connection);
}

Transaction::~Transaction() {
  if (connection_) (void)connection_->RollbackTransaction();
}

Status Transaction::Commit() {
  Status s = connection_->CommitTransaction();
  if (s.ok()) connection_ = nullptr;
  return s;
}

namespace {

// SAVEPOINT statements run once per imported record: prepared, not parsed each time.
Status RunPrepared(Connection& connection, std::string_view sql) {
  BB_ASSIGN_OR_RETURN(Statement stmt, connection.Prepare(sql));
  return stmt.Run();
}

}  // namespace

Result<Savepoint> Savepoint::Begin(Connection& connection) {
  BB_RETURN_IF_ERROR(RunPrepared(connection, "SAVEPOINT record"));
  return Savepoint(&connection);
}

Savepoint::~Savepoint() {
  if (connection_) {
    (void)RunPrepared(*connection_, "ROLLBACK TO record");
    (void)RunPrepared(*connection_, "RELEASE record");
  }
}

Status Savepoint::Release() {
  Status s = RunPrepared(*connection_, "RELEASE record");
  if (s.ok()) connection_ = nullptr;
  return s;
}

Status AppendTexts(Statement& stmt, std::vector<std::string>& out) {
  while (true) {
    BB_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return Status::Ok();
    out.emplace_back(stmt.Text(0));
  }
}

Status ForEachRowWithIdIn(Connection& c, std::string_view select, std::vector<std::string_view> ids,
                          const std::function<Status(const Statement& row)>& visit) {
  constexpr std::size_t kIdsPerQuery = 200;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (ids.empty()) return Status::Ok();
  const std::string sql = fmt::format(fmt::runtime(select), Placeholders(kIdsPerQuery));
  for (std::size_t start = 0; start < ids.size(); start += kIdsPerQuery) {
    BB_ASSIGN_OR_RETURN(Statement query, c.Prepare(sql));  // cached; reset when it goes out of scope
    for (std::size_t i = 0; i < kIdsPerQuery; ++i) {
      // A short last chunk repeats its first id: IN ignores repeats.
      query.BindUnowned(int(i + 1), ids[start + i < ids.size() ? start + i : start]);
    }
    while (true) {
      BB_ASSIGN_OR_RETURN(bool row, query.Step());
      if (!row) break;
      BB_RETURN_IF_ERROR(visit(query));
    }
  }
  return Status::Ok();
}

std::string Placeholders(std::size_t n) {
  std::string p;
  for (std::size_t i = 0; i < n; ++i) p += i ? ", ?" : "?";
  return p;
}

}  // namespace biobridge::storage::sql
