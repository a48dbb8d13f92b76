#include "api/compression.h"

#include <zlib.h>

#include <algorithm>
#include <cstdlib>

#include "base/strings.h"

namespace biobridge::api {

bool AcceptsEncoding(std::string_view accept_encoding, std::string_view coding) {
  for (const std::string& item : SplitTrimmed(accept_encoding, ',')) {
    const std::size_t semicolon = item.find(';');
    const std::string name = AsciiLower(Trim(std::string_view(item).substr(0, semicolon)));
    if (name != coding && name != "*") continue;
    if (semicolon == std::string::npos) return true;
    const std::string parameter = AsciiLower(Trim(std::string_view(item).substr(semicolon + 1)));
    if (!parameter.starts_with("q=")) return true;
    return std::strtod(parameter.c_str() + 2, nullptr) > 0;
  }
  return false;
}

std::optional<std::string> Gzip(std::string_view data, int level) {
  z_stream stream{};
  // 15 + 16: a gzip wrapper around the deflate stream.
  if (deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return std::nullopt;
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&stream, Z_FINISH);
  const std::size_t written = stream.total_out;
  deflateEnd(&stream);
  if (result != Z_STREAM_END) return std::nullopt;
  out.resize(written);
  return out;
}

void CompressJson(const HttpRequest& request, HttpResponse& response) {
  if (!response.content_type.starts_with("application/json")) return;
  response.headers.emplace_back("Vary", "Accept-Encoding");
  if (response.body.size() < kCompressFrom || !AcceptsEncoding(request.accept_encoding, "gzip")) return;
  const bool encoded = std::any_of(response.headers.begin(), response.headers.end(),
                                   [](const auto& header) { return AsciiLower(header.first) == "content-encoding"; });
  if (encoded) return;
  std::optional<std::string> gzipped = Gzip(response.body);
  if (!gzipped || gzipped->size() >= response.body.size()) return;
  response.body = std::move(*gzipped);
  response.headers.emplace_back("Content-Encoding", "gzip");
}

}  // namespace biobridge::api
