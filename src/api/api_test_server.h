// For the API's tests: the whole service layer (ServiceEnv, a real SQLite
// database in a temp dir) behind the Api and a real HTTP server on a free port.
#pragma once

#include <memory>
#include <stdexcept>

#include "api/api.h"
#include "api/http_server.h"
#include "tests/support/http_client.h"
#include "tests/support/service_env.h"

namespace biobridge::api {

class ApiTestServer {
 public:
  ApiTestServer()
      : api_({env_.accounts, env_.directory, env_.search, env_.match, domain::Taxonomies::Builtin(), env_.pipeline},
             {}) {
    auto server = HttpServer::Start({.port = 0, .threads = 2}, [this](const HttpRequest& r) { return api_.Handle(r); });
    if (!server.ok()) throw std::runtime_error(server.status().ToString());
    server_ = std::move(server).value();
  }

  testing::HttpClient Client() { return testing::HttpClient("127.0.0.1", server_->port()); }

 protected:
  testing::ServiceEnv env_;
  Api api_;
  std::unique_ptr<HttpServer> server_;
};

}  // namespace biobridge::api
