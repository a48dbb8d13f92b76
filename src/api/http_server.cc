#include "api/http_server.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <fmt/format.h>

#include <thread>
#include <vector>

#include "base/json.h"
#include "base/log.h"

namespace biobridge::api {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

const std::string* HttpRequest::QueryParam(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) return &value;
  }
  return nullptr;
}

std::string ErrorBody(std::string_view code, std::string_view message, std::string_view field) {
  json::object error{{"code", code}, {"message", message}};
  error["field"] = field.empty() ? json::value(nullptr) : json::value(field);
  return ToJsonText(json::object{{"error", std::move(error)}});
}

namespace {

constexpr std::size_t kHeaderLimit = 16 * 1024;
constexpr std::size_t kDrainLimit = 64 * 1024 * 1024;

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const HttpServer::Options& options, const HttpServer::Handler& handler)
      : stream_(std::move(socket)), options_(options), handler_(handler) {}

  void Start() {
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::Read, shared_from_this()));
  }

 private:
  void Read() {
    parser_.emplace();
    parser_->body_limit(options_.body_limit);
    parser_->header_limit(kHeaderLimit);
    stream_.expires_after(options_.idle_timeout);
    http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == net::error::operation_aborted ||
        ec == net::error::connection_reset || ec == net::error::eof) {
      return Close();
    }
    if (ec == http::error::body_limit) {
      return SendError(http::status::payload_too_large, "resource_exhausted",
                       fmt::format("the request body is larger than {} bytes; send less", options_.body_limit));
    }
    if (ec == http::error::header_limit) {
      return SendError(http::status::request_header_fields_too_large, "resource_exhausted",
                       "the request headers are too large");
    }
    if (ec) return SendError(http::status::bad_request, "malformed", "malformed HTTP request: " + ec.message());

    const auto& raw = parser_->get();
    HttpRequest request;
    auto target = boost::urls::parse_origin_form(raw.target());
    if (!target) return SendError(http::status::bad_request, "malformed", "malformed request target");
    request.method = std::string(raw.method_string());
    request.path = target->path();
    for (auto param : target->params()) {
      // "?" alone or "&&" leave empty pieces: not parameters.
      if (param.key.empty() && !param.has_value) continue;
      request.query.emplace_back(param.key, param.value);
    }
    request.body = raw.body();
    request.content_type = std::string(raw[http::field::content_type]);
    request.cookie = std::string(raw[http::field::cookie]);
    request.authorization = std::string(raw[http::field::authorization]);

    HttpResponse response = handler_(request);
    Send(response, raw.keep_alive(), raw.version());
  }

  void Send(const HttpResponse& out, bool keep_alive, unsigned version) {
    response_ = {};
    response_.version(version);
    response_.result(static_cast<http::status>(out.status));
    response_.set(http::field::server, "BioBridge");
    response_.set(http::field::content_type, out.content_type);
    for (const auto& [name, value] : out.headers) response_.insert(name, value);
    response_.body() = out.body;
    response_.keep_alive(keep_alive);
    response_.prepare_payload();
    const bool close = !keep_alive;
    http::async_write(stream_, response_,
                      [self = shared_from_this(), close](beast::error_code ec, std::size_t) {
                        if (ec) return self->Close();
                        if (close) return self->Close();
                        self->Read();
                      });
  }

  // Answers a request that cannot be handled, then closes the connection
  // after reading (and dropping) what the client still sends, so that it
  // sees the answer rather than a reset.
  void SendError(http::status status, std::string_view code, const std::string& message) {
    response_ = {};
    response_.version(11);
    response_.result(status);
    response_.set(http::field::server, "BioBridge");
    response_.set(http::field::content_type, "application/json; charset=utf-8");
    response_.body() = ErrorBody(code, message);
    response_.keep_alive(false);
    response_.prepare_payload();
    http::async_write(stream_, response_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->Close();
      beast::error_code ignored;
      self->stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
      self->Drain();
    });
  }

  void Drain() {
    stream_.expires_after(std::chrono::seconds(5));
    stream_.async_read_some(net::buffer(drain_buffer_), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      self->drained_ += n;
      if (ec || self->drained_ > kDrainLimit) return self->Close();
      self->Drain();
    });
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> response_;
  std::array<char, 64 * 1024> drain_buffer_;
  std::size_t drained_ = 0;
  const HttpServer::Options& options_;
  const HttpServer::Handler& handler_;
};

}  // namespace

struct HttpServer::Impl {
  Impl(const Options& o, Handler h) : options(o), handler(std::move(h)), io(o.threads), acceptor(io) {}

  void Accept() {
    acceptor.async_accept(net::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
      if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
      if (!ec) {
        beast::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        std::make_shared<Session>(std::move(socket), options, handler)->Start();
      } else {
        spdlog::warn("accept failed: {}", ec.message());
      }
      Accept();
    });
  }

  Options options;
  Handler handler;
  net::io_context io;
  tcp::acceptor acceptor;
  std::vector<std::thread> threads;
  std::uint16_t port = 0;
  bool stopped = false;
};

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() { Stop(); }

Result<std::unique_ptr<HttpServer>> HttpServer::Start(const Options& options, Handler handler) {
  auto impl = std::make_unique<Impl>(options, std::move(handler));
  beast::error_code ec;
  const auto address = net::ip::make_address(options.address, ec);
  if (ec) return InvalidArgumentError("address", fmt::format("'{}' is not an IP address", options.address));
  const tcp::endpoint endpoint(address, options.port);
  impl->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl->acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(endpoint, ec);
  if (!ec) impl->acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return UnavailableError(fmt::format("cannot listen on {}:{}: {}", options.address, options.port, ec.message()));
  }
  impl->port = impl->acceptor.local_endpoint().port();
  impl->Accept();
  for (int i = 0; i < std::max(1, options.threads); ++i) {
    impl->threads.emplace_back([io = &impl->io] { io->run(); });
  }
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

std::uint16_t HttpServer::port() const { return impl_->port; }

void HttpServer::Stop() {
  if (!impl_ || impl_->stopped) return;
  impl_->stopped = true;
  net::post(impl_->acceptor.get_executor(), [impl = impl_.get()] {
    beast::error_code ignored;
    impl->acceptor.close(ignored);
  });
  impl_->io.stop();
  for (auto& t : impl_->threads) t.join();
}

}  // namespace biobridge::api
