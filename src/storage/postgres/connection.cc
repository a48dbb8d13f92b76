#include "storage/postgres/connection.h"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <memory>

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
  if (code == "23505") return AlreadyExistsError(message);                      // unique_violation
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

}  // namespace

const std::string& Rows::Text(std::size_t row, std::size_t column) const {
  static const std::string kEmpty;
  const std::optional<std::string>& value = rows.at(row).at(column);
  return value ? *value : kEmpty;
}

Result<ConnectionTarget> ParseUrl(std::string_view url) {
  if (!url.starts_with("postgresql://") && !url.starts_with("postgres://")) {
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

Result<Connection> Connection::Open(const ConnectionTarget& target, std::chrono::seconds timeout) {
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
  Connection out(target, connection);
  // Times are Unix milliseconds in BIGINT columns; text is UTF-8 everywhere.
  BB_RETURN_IF_ERROR(out.ExecScript("SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'"));
  return out;
}

Connection::Connection(ConnectionTarget target, pg_conn* connection)
    : target_(std::move(target)), connection_(connection) {}

Connection::Connection(Connection&& other) noexcept
    : target_(std::move(other.target_)), connection_(std::exchange(other.connection_, nullptr)) {}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    if (connection_) PQfinish(connection_);
    target_ = std::move(other.target_);
    connection_ = std::exchange(other.connection_, nullptr);
  }
  return *this;
}

Connection::~Connection() {
  if (connection_) PQfinish(connection_);
}

Result<Rows> Connection::Exec(std::string_view sql, const std::vector<Parameter>& parameters) {
  std::vector<const char*> values;
  values.reserve(parameters.size());
  for (const Parameter& p : parameters) values.push_back(p ? p->c_str() : nullptr);
  const std::string statement(sql);
  ResultPtr result(PQexecParams(connection_, statement.c_str(), int(values.size()), nullptr, values.data(), nullptr,
                                nullptr, /*text results=*/0));
  if (!result) {
    return UnavailableError(fmt::format("PostgreSQL at {}: {}", target_.shown, Trimmed(PQerrorMessage(connection_))));
  }
  const ExecStatusType status = PQresultStatus(result.get());
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    if (PQstatus(connection_) == CONNECTION_BAD) {
      return UnavailableError(fmt::format("lost the connection to PostgreSQL at {}: {}", target_.shown,
                                          Trimmed(PQerrorMessage(connection_))));
    }
    return StatementError(result.get(), target_);
  }
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
  if (const char* affected = PQcmdTuples(result.get()); affected && *affected) rows.affected = std::stoll(affected);
  return rows;
}

Status Connection::ExecScript(std::string_view sql) {
  const std::string script(sql);
  ResultPtr result(PQexec(connection_, script.c_str()));
  if (!result) {
    return UnavailableError(fmt::format("PostgreSQL at {}: {}", target_.shown, Trimmed(PQerrorMessage(connection_))));
  }
  const ExecStatusType status = PQresultStatus(result.get());
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) return Status::Ok();
  if (PQstatus(connection_) == CONNECTION_BAD) {
    return UnavailableError(fmt::format("lost the connection to PostgreSQL at {}: {}", target_.shown,
                                        Trimmed(PQerrorMessage(connection_))));
  }
  return StatementError(result.get(), target_);
}

void Connection::Rollback() {
  if (connection_ && PQstatus(connection_) == CONNECTION_OK) ResultPtr(PQexec(connection_, "ROLLBACK"));
}

std::string ToPostgresPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 1;
  char quote = 0;  // ' or " while inside a literal or identifier
  for (char c : sql) {
    if (quote) {
      if (c == quote) quote = 0;  // a doubled quote closes and reopens: the same either way
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      out += '$';
      out += std::to_string(next++);
    } else {
      out += c;
    }
  }
  return out;
}

Parameter& Statement::At(int index) {
  if (index < 1) index = 1;
  if (parameters_.size() < std::size_t(index)) parameters_.resize(std::size_t(index));
  return parameters_[std::size_t(index - 1)];
}

Statement& Statement::Bind(int index, std::string_view text) {
  At(index) = std::string(text);
  return *this;
}

Statement& Statement::Bind(int index, std::int64_t value) {
  At(index) = std::to_string(value);
  return *this;
}

Statement& Statement::BindNull(int index) {
  At(index) = std::nullopt;
  return *this;
}

Result<bool> Statement::Step() {
  if (!ran_) {
    BB_ASSIGN_OR_RETURN(rows_, connection_.Exec(sql_, parameters_));
    ran_ = true;
    next_ = 0;
  } else {
    ++next_;
  }
  return next_ < rows_.size();
}

Status Statement::Run() {
  for (;;) {
    BB_ASSIGN_OR_RETURN(bool row, Step());
    if (!row) return Status::Ok();
  }
}

std::string_view Statement::Text(int column) const { return rows_.Text(next_, std::size_t(column)); }

std::int64_t Statement::Int(int column) const {
  const std::string& text = rows_.Text(next_, std::size_t(column));
  if (text == "t") return 1;  // booleans read as 0/1, as SQLite's integers
  if (text == "f" || text.empty()) return 0;
  return std::stoll(text);
}

bool Statement::IsNull(int column) const { return !rows_.rows.at(next_).at(std::size_t(column)).has_value(); }

int Connection::ServerMajorVersion() const { return connection_ ? PQserverVersion(connection_) / 10000 : 0; }

}  // namespace biobridge::storage::postgres
