#include "api/web_ui.h"

#include "api/compression.h"

#include <array>
#include <string>
#include <utility>

namespace biobridge::api {

std::string_view WebUiFile(std::string_view path);  // generated from the Vite output (CMakeLists.txt)

namespace {

constexpr std::string_view kIndex = "index.html";
// Scripts, styles and images of the UI's own origin only; nothing inline, no frames.
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

std::string_view ContentType(std::string_view path) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kTypes = {{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".json", "application/json; charset=utf-8"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
  }};
  for (const auto& [extension, type] : kTypes) {
    if (path.ends_with(extension)) return type;
  }
  return "application/octet-stream";
}

// The headers of index.html and of every page made from it.
void AddPageHeaders(HttpResponse& response) {
  response.headers.emplace_back("Cache-Control", "no-cache");  // always revalidated: it names the current assets
  response.headers.emplace_back("Content-Security-Policy", std::string(kContentSecurityPolicy));
  response.headers.emplace_back("Referrer-Policy", "same-origin");
}

HttpResponse FileResponse(std::string_view name, std::string_view bytes, std::string_view accept_encoding) {
  HttpResponse response;
  response.content_type = std::string(ContentType(name));
  response.body = std::string(bytes);
  // The copies compressed at build time, best first.
  for (const auto& [coding, suffix] : {std::pair{"br", ".br"}, std::pair{"gzip", ".gz"}}) {
    if (!AcceptsEncoding(accept_encoding, coding)) continue;
    if (std::string_view packed = WebUiFile(std::string(name) + suffix); !packed.empty()) {
      response.body = std::string(packed);
      response.headers.emplace_back("Content-Encoding", coding);
      break;
    }
  }
  // Every file that has compressed copies varies by what the client accepts.
  if (!WebUiFile(std::string(name) + ".gz").empty()) response.headers.emplace_back("Vary", "Accept-Encoding");
  if (name == kIndex) {
    AddPageHeaders(response);
  } else if (name.starts_with("assets/")) {
    response.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");  // hashed names
  } else {
    response.headers.emplace_back("Cache-Control", "public, max-age=86400");
  }
  return response;
}

}  // namespace

std::optional<HttpResponse> WebUiResponse(std::string_view path, std::string_view accept_encoding) {
  std::string_view name = path;
  while (name.starts_with('/')) name.remove_prefix(1);
  if (name.empty()) name = kIndex;
  if (std::string_view bytes = WebUiFile(name); !bytes.empty()) return FileResponse(name, bytes, accept_encoding);
  const std::string_view last = name.substr(name.rfind('/') == std::string_view::npos ? 0 : name.rfind('/') + 1);
  if (last.find('.') != std::string_view::npos) return std::nullopt;  // a file that is not there
  std::string_view index = WebUiFile(kIndex);
  if (index.empty()) return std::nullopt;
  return FileResponse(kIndex, index, accept_encoding);
}

std::string_view WebUiIndex() { return WebUiFile(kIndex); }

HttpResponse WebUiPage(std::string html) {
  HttpResponse response;
  response.content_type = "text/html; charset=utf-8";
  response.body = std::move(html);
  AddPageHeaders(response);
  return response;
}

}  // namespace biobridge::api
