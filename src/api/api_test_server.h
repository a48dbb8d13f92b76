// For the API's tests: the whole service layer (ServiceEnv, a real SQLite
// database in a temp dir) behind the Api and a real HTTP server on a free port.
#pragma once

#include <cctype>
#include <functional>
#include <memory>
#include <regex>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "api/api.h"
#include "api/http_server.h"
#include "tests/support/http_client.h"
#include "tests/support/service_env.h"

namespace biobridge::api {

class ApiTestServer {
 public:
  explicit ApiTestServer(Api::Options options = {})
      : exchange_log_(OpenExchangeLog()),
        api_({env_.accounts, env_.directory, env_.search, env_.match, domain::Taxonomies::Builtin(), env_.pipeline,
              env_.committee, env_.events, env_.invitations, env_.notifications, env_.messages, env_.saved_searches, env_.documents,
              env_.certificates, env_.countries, env_.plans, env_.clock},
             WithExchangeLog(std::move(options), exchange_log_.get())) {
    // As `biobridge serve` runs it: password hashing on a pool of its own.
    auto server = HttpServer::Start({.port = 0,
                                     .threads = 2,
                                     .body_limit_for = [this](std::string_view method,
                                                              std::string_view path) { return api_.BodyLimit(method, path); },
                                     .offload = [this](const HttpRequest& r) { return api_.HashesPassword(r); }},
                                    [this](const HttpRequest& r) { return api_.Handle(r); });
    if (!server.ok()) throw std::runtime_error(server.status().ToString());
    server_ = std::move(server).value();
  }

  testing::HttpClient Client() { return testing::HttpClient("127.0.0.1", server_->port()); }

 protected:
  // Every answer checked against openapi.json when CTest asks (tests/openapi/responses.mjs).
  static std::unique_ptr<ExchangeLog> OpenExchangeLog() {
    auto log = ExchangeLog::FromEnvironment();
    if (!log.ok()) throw std::runtime_error(log.status().ToString());
    return std::move(log).value();
  }
  static Api::Options WithExchangeLog(Api::Options options, ExchangeLog* log) {
    if (options.exchange_log == nullptr) options.exchange_log = log;
    return options;
  }

  std::unique_ptr<ExchangeLog> exchange_log_;
  testing::ServiceEnv env_;
  Api api_;
  std::unique_ptr<HttpServer> server_;
};

// Every operation of the OpenAPI document as {method, target}, each {name}
// in its path filled in by `value(path, name)`: tests that walk the whole API
// cover new routes without being changed.
inline std::vector<std::pair<std::string, std::string>> OpenApiOperations(
    const std::function<std::string(const std::string& path, const std::string& name)>& value) {
  std::vector<std::pair<std::string, std::string>> out;
  const json::value document = json::parse(Api::OpenApiDocument());
  const std::regex parameter(R"(\{([a-z_]+)\})");
  for (const auto& [path_key, item] : document.at("paths").as_object()) {
    const std::string path(path_key);
    std::string target;
    std::size_t last = 0;
    for (std::sregex_iterator m(path.begin(), path.end(), parameter), end; m != end; ++m) {
      target += path.substr(last, static_cast<std::size_t>(m->position()) - last) + value(path, (*m)[1]);
      last = static_cast<std::size_t>(m->position() + m->length());
    }
    target += path.substr(last);
    for (const auto& [method, operation] : item.as_object()) {
      if (method == "parameters") continue;
      std::string upper(method);
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out.emplace_back(upper, target);
    }
  }
  return out;
}

}  // namespace biobridge::api
