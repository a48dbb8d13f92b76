// Router: maps a method and a path to a handler. Patterns are written as in
// the OpenAPI document ("/api/organizations/{id}"); each {name} matches one
// path segment and is handed to the handler. The route table also serves to
// check the OpenAPI document against what the server really answers.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/http.h"
#include "base/status.h"

namespace biobridge::api {

struct RequestContext;
using Handler = std::function<Result<HttpResponse>(RequestContext&)>;

struct Route {
  std::string method;
  std::string pattern;
  std::vector<std::string> query_parameters;  // the ones the route accepts
  Handler handler;
  // The handler hashes a password (sign-in, registration, a password change,
  // a new user): the server runs it on its offload pool.
  bool hashes_password = false;
  // Reached from a mail (RFC 8058 one-click unsubscribe): a POST from any
  // origin, with any body (a mail provider's form), and no session; the
  // capability is the signed token in the URL.
  bool from_mail = false;
  // Takes a file as the body (Content-Type: application/octet-stream, which
  // no other site can send without a preflight) of up to `body_limit` bytes,
  // instead of JSON of up to the server's default.
  bool takes_file = false;
  std::size_t body_limit = 0;
  std::vector<std::string> segments;  // of the pattern; filled in by Router::Add
};

class Router {
 public:
  void Add(Route route);

  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string, std::less<>> path_parameters;
    // When no route matched: the methods the path does accept (for 405).
    std::vector<std::string> allowed_methods;
  };
  Match Find(std::string_view method, std::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  // The segments of a path, as views into it; at most kMaxSegments (a longer
  // path matches no route).
  static constexpr std::size_t kMaxSegments = 16;
  static std::size_t Segments(std::string_view path, std::string_view (&out)[kMaxSegments + 1]);
  std::vector<Route> routes_;
};

}  // namespace biobridge::api
