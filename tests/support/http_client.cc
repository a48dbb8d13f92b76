#include "tests/support/http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <array>

#include "base/strings.h"

namespace biobridge::testing {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

std::string ClientResponse::Header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

json::value ClientResponse::Json() const {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  return ec ? json::value(nullptr) : v;
}

std::string ClientResponse::ErrorCode() const {
  json::value v = Json();
  if (!v.is_object() || !v.as_object().contains("error")) return {};
  const json::value& code = v.at("error").at("code");
  return code.is_string() ? std::string(code.as_string()) : std::string();
}

std::string ClientResponse::ErrorField() const {
  json::value v = Json();
  if (!v.is_object() || !v.as_object().contains("error")) return {};
  const json::value& field = v.at("error").at("field");
  return field.is_string() ? std::string(field.as_string()) : std::string();
}

ClientResponse HttpClient::Send(const std::string& method, const std::string& target, const std::string& body,
                                const std::vector<std::pair<std::string, std::string>>& headers) {
  net::io_context io;
  tcp::resolver resolver(io);
  beast::tcp_stream stream(io);
  stream.connect(resolver.resolve(host_, std::to_string(port_)));

  http::request<http::string_body> request{http::string_to_verb(method), target, 11};
  request.set(http::field::host, host_ + ":" + std::to_string(port_));
  // As the UI and any JSON client do: whatever changes something is JSON.
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    request.set(http::field::content_type, "application/json");
  }
  if (!cookie_.empty()) request.set(http::field::cookie, cookie_);
  if (!bearer_.empty()) request.set(http::field::authorization, "Bearer " + bearer_);
  for (const auto& [name, value] : headers) request.set(name, value);
  request.body() = body;
  request.prepare_payload();

  beast::error_code write_error;
  http::write(stream, request, write_error);  // the server may answer before reading it all
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  if (method == "HEAD") parser.skip(true);  // a Content-Length, but no body
  http::read(stream, buffer, parser);
  const auto& raw = parser.get();

  ClientResponse response;
  response.status = raw.result_int();
  response.body = raw.body();
  for (const auto& field : raw) {
    response.headers.emplace(AsciiLower(std::string(field.name_string())), std::string(field.value()));
  }
  for (auto [it, end] = response.headers.equal_range("set-cookie"); it != end; ++it) {
    const std::string& value = it->second;
    if (value.rfind("bb_session=", 0) != 0) continue;
    const std::string cookie = value.substr(0, value.find(';'));
    cookie_ = cookie == "bb_session=" ? "" : cookie;
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  return response;
}

std::string HttpClient::SendRaw(const std::string& bytes) {
  net::io_context io;
  tcp::resolver resolver(io);
  beast::tcp_stream stream(io);
  stream.connect(resolver.resolve(host_, std::to_string(port_)));
  beast::error_code ec;
  net::write(stream.socket(), net::buffer(bytes), ec);
  std::string received;
  std::array<char, 4096> chunk;
  stream.expires_after(std::chrono::seconds(5));
  while (true) {
    const std::size_t n = stream.read_some(net::buffer(chunk), ec);
    received.append(chunk.data(), n);
    if (ec) break;  // closed (or timed out)
  }
  return received;
}

bool HttpClient::SignIn(const std::string& email, const std::string& password) {
  json::object body{{"email", email}, {"password", password}};
  return Post("/api/auth/signin", json::serialize(body)).status == 200;
}

}  // namespace biobridge::testing
