// A blocking HTTP/1.1 client for tests that talk to a real server over
// loopback. Keeps the session cookie it is given, like a browser would.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "base/json.h"

namespace biobridge::testing {

struct ClientResponse {
  int status = 0;
  std::string body;
  std::multimap<std::string, std::string> headers;  // names lower-cased

  // The first value of header `name` (lower case), or "".
  std::string Header(const std::string& name) const;
  // The body parsed as JSON (null when it is not JSON).
  json::value Json() const;
  // error.code / error.field of an error body ("" when absent).
  std::string ErrorCode() const;
  std::string ErrorField() const;
};

class HttpClient {
 public:
  HttpClient(std::string host, std::uint16_t port) : host_(std::move(host)), port_(port) {}

  ClientResponse Get(const std::string& target) { return Send("GET", target); }
  ClientResponse Post(const std::string& target, const std::string& body) { return Send("POST", target, body); }
  ClientResponse Put(const std::string& target, const std::string& body) { return Send("PUT", target, body); }
  ClientResponse Patch(const std::string& target, const std::string& body) { return Send("PATCH", target, body); }
  ClientResponse Delete(const std::string& target) { return Send("DELETE", target); }

  // One request on a fresh connection. Sends the kept cookie and bearer
  // token; keeps a session cookie the server sets (and forgets a cleared one).
  ClientResponse Send(const std::string& method, const std::string& target, const std::string& body = "",
                      const std::vector<std::pair<std::string, std::string>>& headers = {});

  // Writes `bytes` as they are on a fresh connection and returns everything
  // the server sends until it closes the connection (or 5 s pass).
  std::string SendRaw(const std::string& bytes);

  // POST /api/auth/signin; true when it succeeded.
  bool SignIn(const std::string& email, const std::string& password);

  void set_bearer(std::string token) { bearer_ = std::move(token); }
  const std::string& session_cookie() const { return cookie_; }
  void set_session_cookie(std::string cookie) { cookie_ = std::move(cookie); }

 private:
  std::string host_;
  std::uint16_t port_;
  std::string cookie_;  // "bb_session=..."
  std::string bearer_;
};

}  // namespace biobridge::testing
