#include "storage/sql/connection.h"

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

Result<bool> Connection::Exists(std::string_view sql, std::string_view value) {
  BB_ASSIGN_OR_RETURN(Statement stmt, Prepare(sql));
  return stmt.Bind(1, value).Step();
}

Result<Transaction> Transaction::Begin(Connection& connection, Kind kind) {
  BB_RETURN_IF_ERROR(kind == Kind::kWrite ? connection.BeginWrite() : connection.BeginRead());
  return Transaction(&connection);
}

Transaction::~Transaction() {
  if (connection_) (void)connection_->Exec("ROLLBACK");
}

Status Transaction::Commit() {
  Status s = connection_->Exec("COMMIT");
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

std::string Placeholders(std::size_t n) {
  std::string p;
  for (std::size_t i = 0; i < n; ++i) p += i ? ", ?" : "?";
  return p;
}

}  // namespace biobridge::storage::sql
