// The web UI: the files that tsc and Vite built from web/, compiled into the
// binary (src/api/CMakeLists.txt), served for every GET outside /api/.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "api/http.h"

namespace biobridge::api {

// The response for GET `path`: the built file at that path (long-cached when
// its name carries a content hash, under /assets/); index.html for "/" and
// for the UI's own addresses ("/organizations/org-1": no file extension),
// which the UI routes in the browser; nullopt for a missing file.
// A file is sent brotli- or gzip-compressed (its copy made at build time)
// when `accept_encoding` accepts it, with "Vary: Accept-Encoding".
std::optional<HttpResponse> WebUiResponse(std::string_view path, std::string_view accept_encoding = {});

// The built index.html (empty when the UI was not built in).
std::string_view WebUiIndex();
// A page made from index.html, with its headers (no-cache, the Content-Security-Policy).
HttpResponse WebUiPage(std::string html);

}  // namespace biobridge::api
