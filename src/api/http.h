// HTTP requests and responses as the API sees them: plain values, decoded,
// with no trace of the HTTP library, so that handlers and tests need not
// know Boost.Beast.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace biobridge::api {

struct HttpRequest {
  std::string method;  // "GET", "POST", ... ("HEAD" is answered as GET, without the body)
  std::string path;    // percent-decoded, without the query
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  std::string body;
  std::string content_type;
  std::string cookie;           // the Cookie header as sent
  std::string authorization;    // the Authorization header as sent
  std::string origin;           // Origin, when the browser sent one
  std::string sec_fetch_site;   // Sec-Fetch-Site: "same-origin", "cross-site", ...
  std::string host;             // Host
  std::string user_agent;       // User-Agent
  std::string accept_language;  // Accept-Language, as sent
  std::string accept_encoding;  // Accept-Encoding, as sent
  std::string remote_address;   // the peer's IP address

  // The value of the first query parameter `name`, or nullptr.
  const std::string* QueryParam(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Type/Length
};

}  // namespace biobridge::api
