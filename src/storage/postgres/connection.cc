#include "storage/postgres/connection.h"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <memory>

#include <poll.h>
#include <cerrno>

namespace biobridge::storage::postgres {
namespace {

// libpq's message on one line: its hint lines joined with "; ", no trailing newline.
std::string Trimmed(const char* message) {
  std::string out;
  for (const char* p = message ? message : ""; *p; ++p) {
    if (*p == '\n') {
      while (p[1] == '\t' || p[1] == ' ') ++p;
      if (p[1] != '\0') out += "; ";
    } else {
      out += *p;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// What a failed statement means to the caller, by its SQLSTATE class.
Status StatementError(const PGresult* result, const ConnectionTarget& target) {
  const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  const std::string code = state ? state : "";
  const std::string message = Trimmed(PQresultErrorMessage(result));
  // Constraints the store did not check first, as SQLite's store reports them.
  if (code.starts_with("23")) return FailedPreconditionError("database constraint failed: " + message);
  if (code == "40001" || code == "40P01") return AbortedError(message);         // serialization, deadlock
  if (code.starts_with("08") || code == "57P01" || code == "57P02" || code == "57P03") {  // connection, shutdown
    return UnavailableError(fmt::format("PostgreSQL at {}: {}", target.shown, message));
  }
  return InternalError(fmt::format("PostgreSQL: {} (SQLSTATE {})", message, code.empty() ? "?" : code));
}

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

bool Succeeded(const PGresult* result) {
  const ExecStatusType status = PQresultStatus(result);
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY ||
         status == PGRES_SINGLE_TUPLE;
}

// libpq's parameter array: each value's text, or null for SQL NULL.
std::vector<const char*> Values(const std::vector<Parameter>& parameters) {
  std::vector<const char*> values;
  values.reserve(parameters.size());
  for (const Parameter& p : parameters) values.push_back(p ? p->c_str() : nullptr);
  return values;
}

std::int64_t Affected(const PGresult* result) {
  const char* affected = PQcmdTuples(const_cast<PGresult*>(result));
  return affected && *affected ? std::stoll(affected) : 0;
}

}  // namespace

const std::string& Rows::Text(std::size_t row, std::size_t column) const {
  static const std::string kEmpty;
  const std::optional<std::string>& value = rows.at(row).at(column);
  return value ? *value : kEmpty;
}

bool IsPostgresUrl(std::string_view text) {
  return text.starts_with("postgresql://") || text.starts_with("postgres://");
}

Result<ConnectionTarget> ParseUrl(std::string_view url) {
  if (!IsPostgresUrl(url)) {
    return InvalidArgumentError("db", "give a postgresql://USER@HOST:PORT/DATABASE URL (or a SQLite file path)");
  }
  ConnectionTarget target;
  target.url = std::string(url);
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(target.url.c_str(), &error);
  if (!options) {
    std::string reason = Trimmed(error);
    PQfreemem(error);
    return InvalidArgumentError("db", fmt::format("not a PostgreSQL URL libpq can read: {}", reason));
  }
  std::string user;
  for (PQconninfoOption* o = options; o->keyword; ++o) {
    if (!o->val) continue;
    const std::string_view key = o->keyword;
    if (key == "host" || key == "hostaddr") target.host = target.host.empty() ? o->val : target.host;
    if (key == "port") target.port = o->val;
    if (key == "dbname") target.database = o->val;
    if (key == "user") user = o->val;
  }
  PQconninfoFree(options);
  if (target.database.empty()) return InvalidArgumentError("db", "the PostgreSQL URL names no database: add /DATABASE");
  if (target.host.empty()) target.host = "localhost";
  if (target.port.empty()) target.port = "5432";
  target.shown = fmt::format("{}{}:{}/{}", user.empty() ? "" : user + "@", target.host, target.port, target.database);
  return target;
}

Result<std::unique_ptr<Connection>> Connection::Open(const ConnectionTarget& target, std::chrono::seconds timeout,
                                                     bool read_only) {
  const std::string seconds = std::to_string(std::max<long long>(1, timeout.count()));
  const char* keys[] = {"dbname", "connect_timeout", "application_name", nullptr};
  const char* values[] = {target.url.c_str(), seconds.c_str(), "biobridge", nullptr};
  PGconn* connection = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  if (!connection) return UnavailableError(fmt::format("cannot reach PostgreSQL at {}: out of memory", target.shown));
  if (PQstatus(connection) != CONNECTION_OK) {
    std::string reason = Trimmed(PQerrorMessage(connection));
    PQfinish(connection);
    return UnavailableError(fmt::format("cannot reach PostgreSQL at {}: {}", target.shown, reason));
  }
  // Notices ("relation already exists, skipping") are not errors: not printed.
  PQsetNoticeProcessor(connection, [](void*, const char*) {}, nullptr);
  std::unique_ptr<Connection> out(new Connection(target, connection));
  // Times are Unix milliseconds in BIGINT columns; text is UTF-8 everywhere.
  // (One round trip; options a URL may carry are left as they are.)
  BB_RETURN_IF_ERROR(out->ExecScript(read_only ? "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; "
                                                 "SET default_transaction_read_only = on"
                                               : "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'"));
  return out;
}

Connection::Connection(ConnectionTarget target, pg_conn* connection)
    : target_(std::move(target)), connection_(connection) {}

Connection::~Connection() {
  statements_.clear();
  streaming_statements_.clear();
  if (connection_) PQfinish(connection_);
}

Status Connection::Lost() const {
  return UnavailableError(fmt::format("lost the connection to PostgreSQL at {}: {}", target_.shown,
                                      Trimmed(PQerrorMessage(connection_))));
}

Status Connection::Failure(const PGresult* result) const {
  if (!result || PQstatus(connection_) == CONNECTION_BAD) return Lost();
  return StatementError(result, target_);
}

Status Connection::Answered(const PGresult* result) {
  if (!result || !Succeeded(result)) return Failure(result);
  ++answered_;
  changes_ = Affected(result);
  return Status::Ok();
}

Result<Rows> Connection::Exec(std::string_view sql, const std::vector<Parameter>& parameters) {
  const std::vector<const char*> values = Values(parameters);
  const std::string statement(sql);
  ResultPtr result(PQexecParams(connection_, statement.c_str(), int(values.size()), nullptr, values.data(), nullptr,
                                nullptr, /*text results=*/0));
  BB_RETURN_IF_ERROR(Answered(result.get()));
  Rows rows;
  const int count = PQntuples(result.get());
  const int columns = PQnfields(result.get());
  rows.rows.reserve(std::size_t(count));
  for (int r = 0; r < count; ++r) {
    std::vector<std::optional<std::string>> row;
    row.reserve(std::size_t(columns));
    for (int c = 0; c < columns; ++c) {
      if (PQgetisnull(result.get(), r, c)) {
        row.emplace_back(std::nullopt);
      } else {
        row.emplace_back(std::string(PQgetvalue(result.get(), r, c), std::size_t(PQgetlength(result.get(), r, c))));
      }
    }
    rows.rows.push_back(std::move(row));
  }
  rows.affected = changes_;
  return rows;
}

Status Connection::ExecScript(std::string_view sql) {
  const std::string script(sql);
  ResultPtr result(PQexec(connection_, script.c_str()));
  return Answered(result.get());
}

void Connection::Rollback() {
  if (connection_ && PQstatus(connection_) == CONNECTION_OK) ResultPtr(PQexec(connection_, "ROLLBACK"));
}

std::string ToPostgresPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 1;
  char quote = 0;  // ' or " while inside a literal or identifier
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote) {
      if (c == quote) quote = 0;  // a doubled quote closes and reopens: the same either way
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      out += '$';
      if (i + 1 < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i + 1]))) {
        int number = 0;
        while (i + 1 < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i + 1]))) {
          number = number * 10 + (sql[++i] - '0');
          out += sql[i];
        }
        next = std::max(next, number + 1);
      } else {
        out += std::to_string(next++);
      }
    } else {
      out += c;
    }
  }
  return out;
}

// A statement prepared on the server under a name of its own, run with
// text parameters. Its rows stay in libpq's result until the next run; a
// streaming one's arrive one at a time (libpq's single-row mode), so that
// reading a whole table takes the memory of one row.
class Connection::PreparedStatement final : public sql::StatementBackend {
 public:
  PreparedStatement(Connection& connection, std::string name, std::string sql, bool streaming)
      : connection_(connection), name_(std::move(name)), sql_(std::move(sql)), streaming_(streaming) {}
  ~PreparedStatement() override { Drain(); }

  void BindText(int index, std::string_view text, bool /*copy*/) override { At(index) = std::string(text); }
  void BindInt(int index, std::int64_t value) override { At(index) = std::to_string(value); }
  void BindNull(int index) override { At(index) = std::nullopt; }

  Result<bool> Step() override {
    if (streaming_) return StepStreaming();
    if (!result_) {
      BB_RETURN_IF_ERROR(Execute());
      row_ = 0;
    } else {
      ++row_;
    }
    return row_ < PQntuples(result_.get());
  }
  std::string_view Text(int column) const override {
    return {PQgetvalue(result_.get(), row_, column), std::size_t(PQgetlength(result_.get(), row_, column))};
  }
  std::int64_t Int(int column) const override {
    const std::string_view text = Text(column);
    if (text == "t") return 1;  // booleans read as 0/1, as SQLite's integers
    if (text == "f" || text.empty()) return 0;
    std::int64_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
  }
  bool IsNull(int column) const override { return PQgetisnull(result_.get(), row_, column) != 0; }
  void Rewind() override {
    Drain();
    result_.reset();
  }
  void Reset() override {
    Rewind();
    parameters_.clear();
  }

 private:
  Parameter& At(int index) {
    if (parameters_.size() < std::size_t(index)) parameters_.resize(std::size_t(index));
    return parameters_[std::size_t(index - 1)];
  }

  Status Prepare() {
    if (prepared_) return Status::Ok();
    ResultPtr prepared(PQprepare(connection_.connection_, name_.c_str(), sql_.c_str(), 0, nullptr));
    BB_RETURN_IF_ERROR(InContext(connection_.Answered(prepared.get())));
    prepared_ = true;
    return Status::Ok();
  }

  Status Execute() {
    BB_RETURN_IF_ERROR(Prepare());
    const std::vector<const char*> values = Values(parameters_);
    result_.reset(PQexecPrepared(connection_.connection_, name_.c_str(), int(values.size()), values.data(), nullptr,
                                 nullptr, 0));
    if (Status answered = connection_.Answered(result_.get()); !answered.ok()) {
      result_.reset();
      return InContext(answered);
    }
    return Status::Ok();
  }

  Result<bool> StepStreaming() {
    pg_conn* pg = connection_.connection_;
    if (!sending_) {
      if (finished_) return false;
      BB_RETURN_IF_ERROR(Prepare());
      const std::vector<const char*> values = Values(parameters_);
      if (!PQsendQueryPrepared(pg, name_.c_str(), int(values.size()), values.data(), nullptr, nullptr, 0)) {
        return InContext(connection_.Lost());
      }
      PQsetSingleRowMode(pg);
      sending_ = true;
    }
    result_.reset(PQgetResult(pg));
    row_ = 0;
    const ExecStatusType status = result_ ? PQresultStatus(result_.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_SINGLE_TUPLE) {
      // The first row counts as the server's answer: rows may be handed on.
      if (!counted_) BB_RETURN_IF_ERROR(connection_.Answered(result_.get()));
      counted_ = true;
      return true;
    }
    Status end = status == PGRES_TUPLES_OK ? Status::Ok() : InContext(connection_.Failure(result_.get()));
    if (end.ok() && !counted_) end = connection_.Answered(result_.get());  // no rows at all
    result_.reset();
    Drain();
    finished_ = true;
    BB_RETURN_IF_ERROR(end);
    return false;
  }

  // Reads what is left of a streaming run (the connection can run nothing
  // else until it has), then is ready to run again.
  void Drain() {
    if (sending_) {
      while (ResultPtr rest{PQgetResult(connection_.connection_)}) {
      }
    }
    sending_ = false;
    counted_ = false;
    finished_ = false;
  }

  // A failure, saying which statement failed.
  Status InContext(const Status& failed) const {
    if (failed.ok()) return failed;
    return Status(failed.code(), fmt::format("{} (in: {:.80})", failed.message(), sql_));
  }

  Connection& connection_;
  const std::string name_;
  const std::string sql_;
  const bool streaming_;
  bool prepared_ = false;
  bool sending_ = false;   // streaming: sent, rows still to read
  bool counted_ = false;   // streaming: this run counted in the connection's answered()
  bool finished_ = false;  // streaming: the last row was read
  std::vector<Parameter> parameters_;
  ResultPtr result_;
  int row_ = 0;
};

Result<sql::Statement> Connection::Prepare(std::string_view sql) { return Prepared(sql, /*streaming=*/false); }

Result<sql::Statement> Connection::PrepareStreaming(std::string_view sql) { return Prepared(sql, /*streaming=*/true); }

Result<sql::Statement> Connection::Prepared(std::string_view sql, bool streaming) {
  auto& cache = streaming ? streaming_statements_ : statements_;
  auto it = cache.find(sql);
  if (it != cache.end()) return sql::Statement(it->second.get());
  const std::size_t number = statements_.size() + streaming_statements_.size() + 1;
  auto prepared = std::make_unique<PreparedStatement>(*this, fmt::format("s{}", number), ToPostgresPlaceholders(sql),
                                                      streaming);
  sql::Statement out(prepared.get());
  cache.emplace(std::string(sql), std::move(prepared));
  return out;
}

Status Connection::BeginWrite() {
  return ExecScript(fmt::format("BEGIN; SELECT pg_advisory_xact_lock({})", kWriteLock));
}

Status Connection::BeginRead() { return ExecScript("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }

Result<std::optional<std::string>> Connection::IndexDefinition(std::string_view name) {
  BB_ASSIGN_OR_RETURN(Rows rows, Exec("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                                      "AND indexname = $1",
                                      {std::string(name)}));
  if (rows.size() == 0) return std::optional<std::string>();
  return std::optional<std::string>(rows.Text(0, 0));
}

Result<std::vector<std::int64_t>> Connection::NewKeys(std::string_view table, std::size_t n) {
  BB_ASSIGN_OR_RETURN(Rows rows, Exec("SELECT nextval(pg_get_serial_sequence($1, 'seq')) FROM generate_series(1, $2)",
                                      {std::string(table), std::to_string(n)}));
  std::vector<std::int64_t> keys;
  keys.reserve(n);
  for (std::size_t i = 0; i < rows.size(); ++i) keys.push_back(std::stoll(rows.Text(i, 0)));
  std::sort(keys.begin(), keys.end());
  return keys;
}

Result<std::int64_t> Connection::AppendRows(std::string_view table, std::span<const std::string_view> columns,
                                            const sql::RowSource& next) {
  std::string sql = fmt::format("COPY {} (", table);
  for (std::size_t i = 0; i < columns.size(); ++i) sql += fmt::format("{}{}", i ? ", " : "", columns[i]);
  sql += ") FROM STDIN";
  ResultPtr started(PQexec(connection_, sql.c_str()));
  if (!started || PQresultStatus(started.get()) != PGRES_COPY_IN) return Failure(started.get());
  std::string buffer;
  const auto flush = [&]() -> Status {
    if (!buffer.empty() && PQputCopyData(connection_, buffer.data(), int(buffer.size())) != 1) return Lost();
    buffer.clear();
    return Status::Ok();
  };
  std::int64_t rows = 0;
  std::vector<sql::Value> row(columns.size());
  Status status = Status::Ok();
  while (status.ok()) {
    Result<bool> more = next(row);
    if (!more.ok()) {
      status = more.status();
      break;
    }
    if (!*more) break;
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) buffer += '\t';
      if (std::holds_alternative<std::monostate>(row[i])) {
        buffer += "\\N";
      } else if (const auto* number = std::get_if<std::int64_t>(&row[i])) {
        fmt::format_to(std::back_inserter(buffer), "{}", *number);
      } else {
        for (char c : std::get<std::string_view>(row[i])) {  // COPY's text format: these four are escaped
          switch (c) {
            case '\\': buffer += "\\\\"; break;
            case '\n': buffer += "\\n"; break;
            case '\r': buffer += "\\r"; break;
            case '\t': buffer += "\\t"; break;
            default: buffer += c;
          }
        }
      }
    }
    buffer += '\n';
    ++rows;
    if (buffer.size() >= (1 << 20)) status = flush();
  }
  if (status.ok()) status = flush();
  PQputCopyEnd(connection_, status.ok() ? nullptr : "BioBridge stopped the copy");
  ResultPtr finished(PQgetResult(connection_));
  while (ResultPtr extra{PQgetResult(connection_)}) {
  }
  if (!status.ok()) return status;
  BB_RETURN_IF_ERROR(Answered(finished.get()));
  return rows;
}

Result<bool> Connection::WaitForNotice(std::chrono::milliseconds timeout) {
  const auto drain = [&] {
    bool any = false;
    while (PGnotify* notice = PQnotifies(connection_)) {
      PQfreemem(notice);
      any = true;
    }
    return any;
  };
  if (!PQconsumeInput(connection_)) return Lost();
  if (drain()) return true;
  pollfd socket{PQsocket(connection_), POLLIN, 0};
  if (socket.fd < 0) return Lost();
  const int ready = ::poll(&socket, 1, static_cast<int>(timeout.count()));
  if (ready < 0 && errno != EINTR) return Lost();
  if (ready <= 0) return false;
  if (!PQconsumeInput(connection_)) return Lost();
  return drain();
}

bool Connection::Usable() const { return connection_ && PQstatus(connection_) == CONNECTION_OK; }

int Connection::ServerMajorVersion() const { return connection_ ? PQserverVersion(connection_) / 10000 : 0; }

}  // namespace biobridge::storage::postgres
