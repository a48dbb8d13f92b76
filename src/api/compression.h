// Compressed answers: the web UI's files precompressed at build time
// (brotli and gzip copies beside them), and large JSON answers gzipped as
// they leave.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "api/http.h"

namespace biobridge::api {

// Whether an Accept-Encoding header accepts `coding` ("gzip", "br"): named
// (or "*") with a weight above 0.
bool AcceptsEncoding(std::string_view accept_encoding, std::string_view coding);

// `data` as a gzip member (RFC 1952), or nothing when zlib fails.
std::optional<std::string> Gzip(std::string_view data, int level = 5);

// JSON answers this long or longer are gzipped for clients that accept it:
// below it, the header and the work cost more than the bytes saved.
inline constexpr std::size_t kCompressFrom = 1024;

// Gzips `response` in place when it is JSON of kCompressFrom bytes or more,
// not encoded already, and the request accepts gzip; says "Vary:
// Accept-Encoding" on every JSON answer, compressed or not.
void CompressJson(const HttpRequest& request, HttpResponse& response);

}  // namespace biobridge::api
