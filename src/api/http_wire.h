// What Boost.Beast reads off the wire, turned into an HttpRequest, and the
// framing rule (RFC 9112 §6) checked before any of a body is read. Shared by
// HttpServer and the fuzz target of the request path (tests/fuzz/), so that
// both run the same code. Internal to api/.
#pragma once

#include <boost/beast/http.hpp>

#include <string>

#include "api/http.h"
#include "base/status.h"

namespace biobridge::api::wire {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;

// Why a request's header leaves its length in doubt, or "" when it does not:
// a Transfer-Encoding whose last coding is not chunked (RFC 9112 §6.3: the
// length cannot be known, and the bytes after it could pass for a second
// request), or one beside a Content-Length.
std::string FramingProblem(const BeastRequest& header);

// kMalformed for a target that is not in origin form ("/path?query").
Result<HttpRequest> ToHttpRequest(const BeastRequest& raw, const std::string& remote_address);

}  // namespace biobridge::api::wire
