#include "files/media_type.h"

#include <magic.h>

#include <fmt/format.h>

#include <array>
#include <mutex>

namespace biobridge::files {
namespace {

// One libmagic handle, loaded once (loading the database takes a while);
// libmagic handles are not thread-safe, so calls take turns.
class Magic {
 public:
  Magic() : cookie_(magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_NO_CHECK_ELF)) {
    if (cookie_ && magic_load(cookie_, nullptr) != 0) {
      magic_close(cookie_);
      cookie_ = nullptr;
    }
  }
  ~Magic() {
    if (cookie_) magic_close(cookie_);
  }
  std::string Detect(std::string_view bytes) {
    std::lock_guard lock(mutex_);
    if (!cookie_ || bytes.empty()) return "application/octet-stream";
    const char* found = magic_buffer(cookie_, bytes.data(), bytes.size());
    return found ? std::string(found) : "application/octet-stream";
  }

 private:
  magic_t cookie_;
  std::mutex mutex_;
};

struct Allowed {
  std::string_view mime;
  std::string_view extension;
};

constexpr std::array kAllowed = {
    Allowed{"application/pdf", "pdf"},
    Allowed{"image/png", "png"},
    Allowed{"image/jpeg", "jpg"},
    Allowed{"image/webp", "webp"},
    Allowed{"image/gif", "gif"},
    Allowed{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"},
    Allowed{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"},
    Allowed{"application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"},
    Allowed{"application/vnd.oasis.opendocument.text", "odt"},
    Allowed{"application/vnd.oasis.opendocument.spreadsheet", "ods"},
    Allowed{"application/vnd.oasis.opendocument.presentation", "odp"},
    Allowed{"application/msword", "doc"},
    Allowed{"application/vnd.ms-excel", "xls"},
    Allowed{"application/vnd.ms-powerpoint", "ppt"},
    Allowed{"text/plain", "txt"},
    Allowed{"text/csv", "csv"},
};

}  // namespace

std::string DetectMime(std::string_view bytes) {
  static Magic magic;
  return magic.Detect(bytes);
}

Result<MediaType> AllowedDocumentType(std::string_view bytes, std::string_view field) {
  const std::string mime = DetectMime(bytes);
  for (const Allowed& a : kAllowed) {
    if (a.mime == mime) return MediaType{mime, std::string(a.extension)};
  }
  return InvalidArgumentError(std::string(field),
                              fmt::format("the file is {}, which cannot be a document; send a PDF, an image (PNG, JPEG, "
                                          "WebP, GIF), an office document, plain text or CSV",
                                          mime));
}

}  // namespace biobridge::files
