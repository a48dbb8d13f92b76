#include "api/errors.h"

#include <algorithm>
#include <atomic>

#include "api/error_text.h"
#include "api/http_server.h"
#include "base/log.h"

namespace biobridge::api {

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return 200;
    case StatusCode::kMalformed: return 400;
    case StatusCode::kInvalidArgument: return 422;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kAlreadyExists: return 409;
    case StatusCode::kAborted: return 409;
    case StatusCode::kFailedPrecondition: return 409;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kResourceExhausted: return 413;
    case StatusCode::kTooManyRequests: return 429;
    case StatusCode::kUnavailable: return 503;
    case StatusCode::kInternal: return 500;
  }
  return 500;
}

namespace {

// The error body with its message in `language` when the catalogue has it.
std::string LocalizedErrorBody(std::string_view code, const std::string& message, std::string_view field,
                               std::string_view language) {
  if (std::optional<std::string> told = TranslateErrorMessage(message, language)) {
    return ErrorBody(code, *told, field, language);
  }
  return ErrorBody(code, message, field, "en");
}

}  // namespace

HttpResponse ErrorResponse(const Status& status, std::string_view language) {
  HttpResponse response;
  response.status = HttpStatusFor(status.code());
  static std::atomic<std::uint64_t> next_reference{1};
  if (status.code() == StatusCode::kInternal) {
    const std::uint64_t reference = next_reference++;
    spdlog::error("internal error (reference {}): {}", reference, status.message());
    response.body = LocalizedErrorBody(
        StatusCodeName(status.code()),
        fmt::format("an internal error occurred (reference {}); the server log has the details", reference), {}, language);
    return response;
  }
  if (status.code() == StatusCode::kUnavailable) {
    // What is unavailable (a database server's address, a statement) is for
    // the operator's log, not for whoever asked.
    const std::uint64_t reference = next_reference++;
    spdlog::warn("unavailable (reference {}): {}", reference, status.message());
    response.headers.emplace_back("Retry-After", "1");
    response.body = LocalizedErrorBody(
        StatusCodeName(status.code()),
        fmt::format("BioBridge cannot answer this for a moment (reference {}); try again shortly", reference), {}, language);
    return response;
  }
  if (status.code() == StatusCode::kTooManyRequests) {
    response.headers.emplace_back("Retry-After", std::to_string(std::max(1, status.retry_after())));
  }
  response.body = LocalizedErrorBody(StatusCodeName(status.code()), status.message(), status.field(), language);
  return response;
}

}  // namespace biobridge::api
