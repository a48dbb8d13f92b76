#include "api/exchange_log.h"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "base/json.h"

namespace biobridge::api {

Result<std::unique_ptr<ExchangeLog>> ExchangeLog::Open(const std::string& directory) {
  static std::atomic<int> next{0};
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) return InternalError(fmt::format("cannot create {}: {}", directory, error.message()));
  const std::string path = fmt::format("{}/{}-{}.jsonl", directory, ::getpid(), next++);
  std::FILE* file = std::fopen(path.c_str(), "w");
  if (file == nullptr) return InternalError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
  return std::unique_ptr<ExchangeLog>(new ExchangeLog(file));
}

Result<std::unique_ptr<ExchangeLog>> ExchangeLog::FromEnvironment() {
  const char* directory = std::getenv("BIOBRIDGE_RECORD_EXCHANGES");
  if (directory == nullptr || *directory == '\0') return std::unique_ptr<ExchangeLog>();
  return Open(directory);
}

ExchangeLog::~ExchangeLog() { std::fclose(file_); }

void ExchangeLog::Record(const HttpRequest& request, std::string_view pattern, const HttpResponse& response) {
  json::object line{{"method", request.method},
                    {"path", request.path},
                    {"pattern", pattern},
                    {"status", response.status},
                    {"content_type", response.content_type}};
  // A JSON body goes in as JSON; any other (a calendar, a file) only by its size.
  if (response.content_type.starts_with("application/json") && !response.body.empty()) {
    auto body = ParseJson(response.body, {.max_depth = 256, .max_string_bytes = response.body.size()});
    line["body"] = body.ok() ? std::move(*body) : json::value(response.body);
    if (!body.ok()) line["body_unparsable"] = true;
  } else {
    line["body_bytes"] = response.body.size();
  }
  const std::string text = ToJsonText(line) + "\n";
  std::lock_guard lock(mutex_);
  std::fwrite(text.data(), 1, text.size(), file_);
  std::fflush(file_);
}

}  // namespace biobridge::api
