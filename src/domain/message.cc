#include "domain/message.h"

#include <algorithm>

#include <fmt/format.h>

namespace biobridge::domain {

Result<ThreadSubject> ParseThread(std::string_view thread) {
  const std::size_t colon = thread.find(':');
  if (colon != std::string_view::npos) {
    const std::string_view type = thread.substr(0, colon);
    const std::string_view id = thread.substr(colon + 1);
    if (!id.empty() && id.size() <= 64 &&
        std::find(std::begin(kThreadSubjects), std::end(kThreadSubjects), type) != std::end(kThreadSubjects)) {
      return ThreadSubject{std::string(type), std::string(id)};
    }
  }
  return InvalidArgumentError("thread", "name a thread as interest:<id>, deal:<id> or meeting_request:<id>");
}

std::string ThreadName(std::string_view type, std::string_view id) { return fmt::format("{}:{}", type, id); }

std::string GuessLanguage(std::string_view text) {
  std::size_t han = 0, cyrillic = 0, latin = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    char32_t cp = byte;
    std::size_t length = 1;
    if (byte >= 0xF0) { cp = byte & 0x07; length = 4; }
    else if (byte >= 0xE0) { cp = byte & 0x0F; length = 3; }
    else if (byte >= 0xC0) { cp = byte & 0x1F; length = 2; }
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    i += length;
    if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF)) ++han;
    else if (cp >= 0x0400 && cp <= 0x04FF) ++cyrillic;
    else if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) ++latin;
  }
  // A Chinese character carries about as much as a short word: count each
  // as three letters, so that a Chinese sentence quoting "CAR-T" stays Chinese.
  const std::size_t han_weight = han * 3;
  if (han_weight == 0 && cyrillic == 0 && latin == 0) return "";
  if (han_weight >= cyrillic && han_weight >= latin) return "zh";
  if (cyrillic >= latin) return "ru";
  return "en";
}

}  // namespace biobridge::domain
