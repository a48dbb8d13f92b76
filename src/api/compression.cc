#include "api/compression.h"

#include <zlib.h>

#include <algorithm>

#include "api/quality_list.h"
#include "base/strings.h"

namespace biobridge::api {

bool AcceptsEncoding(std::string_view accept_encoding, std::string_view coding) {
  // The coding named outright decides; else "*" does.
  std::optional<double> any;
  for (const WeightedItem& item : QualityList(accept_encoding)) {
    if (item.value == coding) return item.q > 0;
    if (item.value == "*" && !any) any = item.q;
  }
  return any.value_or(0) > 0;
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
