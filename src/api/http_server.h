// HttpServer: an HTTP/1.1 server (Boost.Beast) that hands each request to one
// handler function and writes back its response.
//
// N threads run one io_context; each connection reads a request, calls the
// handler on that thread, writes the response and, with keep-alive, reads
// the next. Requests that `offload` selects (expensive ones: password
// hashing) run on a small pool of their own instead, so that a flood of them
// cannot hold up everything else; when its queue is full they get 503 with
// Retry-After at once.
//
// Framing is strict (RFC 9112 §6): a Transfer-Encoding whose last coding is
// not chunked, or one beside a Content-Length, gets 400 and the connection
// is closed, before any body is read, so that no byte of it can be taken for
// a second request. Requests whose body exceeds `body_limit` get 413 and the
// connection is closed; unparseable requests get 400. HEAD is answered as
// the handler answers GET, with the body's length and without the body.
// The handler must be thread-safe and must not throw.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "api/http.h"
#include "base/status.h"

namespace biobridge::api {

class HttpServer {
 public:
  struct Options {
    std::string address = "127.0.0.1";
    std::uint16_t port = 0;  // 0: the system picks a free port; see port()
    int threads = 2;
    std::size_t body_limit = 1024 * 1024;
    // A larger limit for some requests, decided from the method and path
    // before the body is read (0 or null: body_limit).
    std::function<std::size_t(std::string_view method, std::string_view path)> body_limit_for;
    std::chrono::seconds idle_timeout{30};
    std::function<bool(const HttpRequest&)> offload;  // null: nothing is offloaded
    int offload_threads = 1;
    std::size_t offload_queue = 64;
  };
  using Handler = std::function<HttpResponse(const HttpRequest&)>;

  // Binds, listens and starts serving. kUnavailable when the address cannot
  // be bound (in use, or not an address of this machine).
  static Result<std::unique_ptr<HttpServer>> Start(const Options& options, Handler handler);
  ~HttpServer();  // stops

  std::uint16_t port() const;
  // Stops accepting, closes connections, joins the threads. Idempotent.
  void Stop();

 private:
  struct Impl;
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The body of an error response, {"error":{"code":..,"message":..,"field":..}},
// shared by the server's own errors and the API's.
// {"error":{"code","message","field","language"}}: `language` is the one the message is in.
std::string ErrorBody(std::string_view code, std::string_view message, std::string_view field = {},
                      std::string_view language = "en");

}  // namespace biobridge::api
