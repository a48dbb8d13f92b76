// What a file is, from its bytes (libmagic), never from its name.
//
// Documents may be PDF, images (PNG, JPEG, WebP, GIF) and office documents
// (OOXML and OpenDocument text, spreadsheets and presentations; the older
// binary Word, Excel and PowerPoint formats), plain text and CSV. Anything
// else — an executable, an HTML page, an archive — is refused, whatever its
// name says: a file named deck.pdf that is HTML is HTML.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace biobridge::files {

struct MediaType {
  std::string mime;       // as sent in Content-Type, e.g. "application/pdf"
  std::string extension;  // the usual one, e.g. "pdf" (downloads are named with it)
};

// The type of `bytes` as libmagic reads it ("application/octet-stream" when
// it cannot tell). Thread-safe.
std::string DetectMime(std::string_view bytes);

// The type of `bytes` when it is one documents may be; kInvalidArgument
// (field `field`) naming what it is otherwise.
Result<MediaType> AllowedDocumentType(std::string_view bytes, std::string_view field = "file");

}  // namespace biobridge::files
