#include "api/http_server.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <fmt/format.h>

#include <thread>
#include <vector>

#include "base/json.h"
#include "api/http_wire.h"
#include "api/worker_pool.h"
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

namespace wire {

std::string FramingProblem(const BeastRequest& header) {
  const auto encoding = header.find(http::field::transfer_encoding);
  if (encoding == header.end()) return {};
  std::string_view codings = encoding->value();
  const auto comma = codings.rfind(',');
  std::string_view last = comma == std::string_view::npos ? codings : codings.substr(comma + 1);
  while (!last.empty() && (last.front() == ' ' || last.front() == '\t')) last.remove_prefix(1);
  while (!last.empty() && (last.back() == ' ' || last.back() == '\t')) last.remove_suffix(1);
  if (!beast::iequals(last, "chunked")) {
    return "Transfer-Encoding must end with chunked; the request's length cannot be known";
  }
  if (header.find(http::field::content_length) != header.end()) {
    return "send either Transfer-Encoding or Content-Length, not both";
  }
  return {};
}

Result<HttpRequest> ToHttpRequest(const BeastRequest& raw, const std::string& remote_address) {
  auto target = boost::urls::parse_origin_form(raw.target());
  if (!target) return MalformedError("malformed request target");
  HttpRequest request;
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
  request.origin = std::string(raw[http::field::origin]);
  request.sec_fetch_site = std::string(raw["Sec-Fetch-Site"]);
  request.host = std::string(raw[http::field::host]);
  request.user_agent = std::string(raw[http::field::user_agent]);
  request.accept_language = std::string(raw[http::field::accept_language]);
  request.accept_encoding = std::string(raw[http::field::accept_encoding]);
  request.remote_address = remote_address;
  return request;
}

}  // namespace wire

std::string ErrorBody(std::string_view code, std::string_view message, std::string_view field, std::string_view language) {
  json::object error{{"code", code}, {"message", message}};
  error["field"] = field.empty() ? json::value(nullptr) : json::value(field);
  error["language"] = language;
  return ToJsonText(json::object{{"error", std::move(error)}});
}

namespace {

constexpr std::size_t kHeaderLimit = 16 * 1024;
constexpr std::size_t kDrainLimit = 64 * 1024 * 1024;

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const HttpServer::Options& options, const HttpServer::Handler& handler, WorkerPool& pool)
      : stream_(std::move(socket)), options_(options), handler_(handler), pool_(pool) {
    beast::error_code ec;
    const auto peer = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_address_ = peer.address().to_string();
  }

  void Start() {
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::Read, shared_from_this()));
  }

 private:
  void Read() {
    parser_.emplace();
    // With limits per route, the header is read without one (Beast would
    // hold its Content-Length to the default) and OnHeader sets the route's.
    if (options_.body_limit_for) {
      parser_->body_limit(boost::none);
    } else {
      parser_->body_limit(options_.body_limit);
    }
    parser_->header_limit(kHeaderLimit);
    stream_.expires_after(options_.idle_timeout);
    // The header first: framing is checked before a byte of the body is read.
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  // True when the read ended the connection or was answered with an error.
  bool ReadFailed(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == net::error::operation_aborted ||
        ec == net::error::connection_reset || ec == net::error::eof) {
      Close();
      return true;
    }
    if (ec == http::error::body_limit) {
      SendError(http::status::payload_too_large, "resource_exhausted",
                fmt::format("the request body is larger than {} bytes; send less", body_limit_));
      return true;
    }
    if (ec == http::error::header_limit) {
      SendError(http::status::request_header_fields_too_large, "resource_exhausted", "the request headers are too large");
      return true;
    }
    if (ec) {
      SendError(http::status::bad_request, "malformed", "malformed HTTP request: " + ec.message());
      return true;
    }
    return false;
  }

  void OnHeader(beast::error_code ec, std::size_t) {
    if (ReadFailed(ec)) return;
    if (const std::string problem = wire::FramingProblem(parser_->get()); !problem.empty()) {
      return SendError(http::status::bad_request, "malformed", problem);
    }
    body_limit_ = options_.body_limit;
    if (options_.body_limit_for) {
      const std::string_view target = parser_->get().target();
      const std::size_t limit =
          options_.body_limit_for(parser_->get().method_string(), target.substr(0, target.find('?')));
      if (limit > 0) body_limit_ = limit;
      parser_->body_limit(body_limit_);  // a chunked body is held to it as it is read
      // A larger Content-Length is refused before a byte of the body is read.
      if (const auto length = parser_->content_length(); length && *length > body_limit_) {
        SendError(http::status::payload_too_large, "resource_exhausted",
                  fmt::format("the request body is larger than {} bytes; send less", body_limit_));
        return;
      }
    }
    // A client that asked may send the body now (curl waits a second for this
    // before sending anything larger than 1 MB).
    if (const auto expect = parser_->get().find(http::field::expect);
        expect != parser_->get().end() && beast::iequals(expect->value(), "100-continue") &&
        parser_->get().version() == 11 && !parser_->is_done()) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                       [self = shared_from_this()](beast::error_code ec, std::size_t) {
                         if (ec) return self->Close();
                         self->ReadBody();
                       });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    // Beast reads as much as the buffer has room for, at least 512 bytes: a
    // large body is read in large pieces (the room is given back after).
    if (const auto length = parser_->content_length(); length && *length > kLargeBody) buffer_.reserve(kLargeReads);
    http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, std::size_t) {
    if (ReadFailed(ec)) return;
    if (buffer_.capacity() >= kLargeReads) buffer_.shrink_to_fit();
    const auto& raw = parser_->get();
    Result<HttpRequest> parsed = wire::ToHttpRequest(raw, remote_address_);
    if (!parsed.ok()) return SendError(http::status::bad_request, "malformed", parsed.status().message());
    HttpRequest request = std::move(parsed).value();
    const Reply reply{raw.keep_alive(), raw.version(), raw.method() == http::verb::head};
    if (options_.offload && options_.offload(request)) {
      auto self = shared_from_this();
      const bool queued = pool_.TrySubmit([self, request = std::move(request), reply] {
        HttpResponse response = self->handler_(request);
        net::post(self->stream_.get_executor(),
                  [self, response = std::move(response), reply] { self->Send(response, reply); });
      });
      if (!queued) {
        HttpResponse busy;
        busy.status = 503;
        busy.body = ErrorBody("unavailable", "the server is busy; try again in a few seconds");
        busy.headers.emplace_back("Retry-After", "2");
        Send(busy, reply);
      }
      return;
    }
    Send(handler_(request), reply);
  }

  struct Reply {
    bool keep_alive;
    unsigned version;
    bool head;  // send the headers only
  };

  void Send(const HttpResponse& out, const Reply& reply) {
    response_ = {};
    response_.version(reply.version);
    response_.result(static_cast<http::status>(out.status));
    response_.set(http::field::server, "BioBridge");
    if (!out.content_type.empty()) response_.set(http::field::content_type, out.content_type);
    for (const auto& [name, value] : out.headers) response_.insert(name, value);
    response_.body() = out.body;
    response_.keep_alive(reply.keep_alive);
    response_.prepare_payload();
    if (reply.head) response_.body().clear();  // Content-Length stays that of the body not sent
    const bool close = !reply.keep_alive;
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
  static constexpr std::uint64_t kLargeBody = 64 * 1024;
  static constexpr std::size_t kLargeReads = 256 * 1024;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> response_;
  std::array<char, 64 * 1024> drain_buffer_;
  std::size_t drained_ = 0;
  std::size_t body_limit_ = 0;  // of the request being read
  std::string remote_address_;
  const HttpServer::Options& options_;
  const HttpServer::Handler& handler_;
  WorkerPool& pool_;
};

}  // namespace

struct HttpServer::Impl {
  Impl(const Options& o, Handler h)
      : options(o), handler(std::move(h)), pool(o.offload ? o.offload_threads : 0, o.offload_queue), io(o.threads),
        acceptor(io) {}

  void Accept() {
    acceptor.async_accept(net::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
      if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
      if (!ec) {
        beast::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        std::make_shared<Session>(std::move(socket), options, handler, pool)->Start();
      } else {
        spdlog::warn("accept failed: {}", ec.message());
      }
      Accept();
    });
  }

  Options options;
  Handler handler;
  WorkerPool pool;  // before io: the tasks it runs post to io
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
  impl_->pool.Stop();  // its tasks post their answers to io, which must still run
  net::post(impl_->acceptor.get_executor(), [impl = impl_.get()] {
    beast::error_code ignored;
    impl->acceptor.close(ignored);
  });
  impl_->io.stop();
  for (auto& t : impl_->threads) t.join();
}

}  // namespace biobridge::api
