// Status and Result<T>: the one error vocabulary of BioBridge.
//
// Every call that can fail returns a Status (no value) or a Result<T> (a value
// or a Status). Exceptions do not cross module boundaries. A Status carries a
// code, a message written for the person who has to fix the problem, and,
// when a single input field is at fault, the path of that field
// ("certifications[1].expires"), so that the API and the UI can point at it.
//
// Only api/ maps codes to HTTP statuses and only cli/ maps them to exit codes,
// each in one table.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace biobridge {

enum class StatusCode {
  kOk,
  kMalformed,           // input that cannot be parsed: bad JSON, bad UTF-8, bad CSV
  kInvalidArgument,     // parsed input that breaks a rule: wrong type, unknown code
  kNotFound,
  kAlreadyExists,
  kAborted,             // a concurrent change won (version mismatch); retry
  kFailedPrecondition,  // the system is not in a state that allows the call
  kUnauthenticated,
  kPermissionDenied,
  kResourceExhausted,   // input over a size limit
  kTooManyRequests,     // slow down: too many attempts (retry_after() says when to try again)
  kUnavailable,
  kInternal,
};

// Stable snake_case name of a code, used in API error bodies and logs.
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  static Status Ok() { return {}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // Path of the input field at fault, or empty.
  const std::string& field() const { return field_; }
  // For kTooManyRequests: whole seconds until an attempt may succeed.
  int retry_after() const { return retry_after_; }
  Status WithRetryAfter(int seconds) const {
    Status copy = *this;
    copy.retry_after_ = seconds;
    return copy;
  }

  // Returns a copy whose field path is `prefix` + "." + field (or `prefix`
  // alone), for errors raised by a nested decoder.
  Status WithFieldPrefix(std::string_view prefix) const;

  // "invalid_argument: country: unknown country code 'XX'" for logs and tests.
  std::string ToString() const;

  friend bool operator==(const Status&, const Status&) = default;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string field_;
  int retry_after_ = 0;
};

inline Status MalformedError(std::string message, std::string field = {}) {
  return {StatusCode::kMalformed, std::move(message), std::move(field)};
}
inline Status InvalidArgumentError(std::string field, std::string message) {
  return {StatusCode::kInvalidArgument, std::move(message), std::move(field)};
}
inline Status NotFoundError(std::string message) {
  return {StatusCode::kNotFound, std::move(message)};
}
inline Status AlreadyExistsError(std::string message, std::string field = {}) {
  return {StatusCode::kAlreadyExists, std::move(message), std::move(field)};
}
inline Status AbortedError(std::string message) {
  return {StatusCode::kAborted, std::move(message)};
}
inline Status FailedPreconditionError(std::string message) {
  return {StatusCode::kFailedPrecondition, std::move(message)};
}
inline Status UnauthenticatedError(std::string message) {
  return {StatusCode::kUnauthenticated, std::move(message)};
}
inline Status PermissionDeniedError(std::string message) {
  return {StatusCode::kPermissionDenied, std::move(message)};
}
inline Status ResourceExhaustedError(std::string message, std::string field = {}) {
  return {StatusCode::kResourceExhausted, std::move(message), std::move(field)};
}
inline Status TooManyRequestsError(std::string message, int retry_after_seconds) {
  return Status(StatusCode::kTooManyRequests, std::move(message)).WithRetryAfter(retry_after_seconds);
}
inline Status UnavailableError(std::string message) {
  return {StatusCode::kUnavailable, std::move(message)};
}
inline Status InternalError(std::string message) {
  return {StatusCode::kInternal, std::move(message)};
}

// A value of type T, or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : state_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(state_).ok() && "Result needs a value or an error");
  }

  bool ok() const { return std::holds_alternative<T>(state_); }
  // The error; OK when the result holds a value.
  Status status() const { return ok() ? Status() : std::get<Status>(state_); }

  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace biobridge

#define BB_CONCAT_INNER_(a, b) a##b
#define BB_CONCAT_(a, b) BB_CONCAT_INNER_(a, b)

// Returns from the current function when `expr` (a Status) is not OK.
#define BB_RETURN_IF_ERROR(expr)                          \
  do {                                                    \
    ::biobridge::Status bb_status_ = (expr);              \
    if (!bb_status_.ok()) return bb_status_;              \
  } while (false)

// `BB_ASSIGN_OR_RETURN(auto x, Call());` declares x from a Result's value, or
// returns the Result's error from the current function.
#define BB_ASSIGN_OR_RETURN(lhs, expr) \
  BB_ASSIGN_OR_RETURN_IMPL_(BB_CONCAT_(bb_result_, __LINE__), lhs, expr)
#define BB_ASSIGN_OR_RETURN_IMPL_(result, lhs, expr) \
  auto result = (expr);                              \
  if (!result.ok()) return result.status();          \
  lhs = std::move(result).value()
