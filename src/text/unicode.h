// Internal helpers of text/: walking UTF-8 by code point.
#pragma once

#include <cstddef>
#include <string_view>

namespace biobridge::text {

// Calls visit(code_point, byte_begin, byte_end) for each code point of
// valid UTF-8; a malformed byte is visited as U+FFFD of length 1.
template <typename Visit>
void ForEachCodePoint(std::string_view s, Visit&& visit) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    char32_t cp = 0xFFFD;
    if (length == 0 || i + length > s.size()) {
      length = 1;
    } else {
      cp = length == 1 ? c : length == 2 ? (c & 0x1F) : length == 3 ? (c & 0x0F) : (c & 0x07);
      for (std::size_t k = 1; k < length; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    visit(cp, i, i + length);
    i += length;
  }
}

// CJK unified ideographs (the blocks Chinese text uses).
inline bool IsHanCodePoint(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2EBEF) ||
         (c >= 0xF900 && c <= 0xFAFF);
}

}  // namespace biobridge::text
