// ExchangeLog: every API request a server answers, written down as one JSON
// line (method, the route's pattern, status, content type, body) so that the
// tests can check each response against its operation in openapi.json
// (tests/openapi/responses.mjs). For tests only: it records response bodies,
// so a production server never turns it on (the environment variable
// BIOBRIDGE_RECORD_EXCHANGES names the directory; unset, nothing is written).
#pragma once

#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "api/http.h"
#include "base/status.h"

namespace biobridge::api {

class ExchangeLog {
 public:
  // A log in a new file of `directory` (one per log, so that processes and
  // servers running side by side never share one).
  static Result<std::unique_ptr<ExchangeLog>> Open(const std::string& directory);
  // The log BIOBRIDGE_RECORD_EXCHANGES asks for, or nullptr when it is unset.
  static Result<std::unique_ptr<ExchangeLog>> FromEnvironment();
  ~ExchangeLog();
  ExchangeLog(const ExchangeLog&) = delete;
  ExchangeLog& operator=(const ExchangeLog&) = delete;

  // `pattern`: the route that answered ("/api/organizations/{id}"). The body
  // is the one before compression. Thread-safe.
  void Record(const HttpRequest& request, std::string_view pattern, const HttpResponse& response);

 private:
  explicit ExchangeLog(std::FILE* file) : file_(file) {}
  std::mutex mutex_;
  std::FILE* file_;
};

}  // namespace biobridge::api
