// UTF-8 checks used wherever outside text enters BioBridge (HTTP bodies,
// import files), so that invalid bytes are refused with their position
// instead of being stored.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace biobridge {

// Offset of the first byte that does not start a well-formed UTF-8 sequence
// (overlong forms, surrogates and code points above U+10FFFF are ill-formed),
// or nullopt when the whole text is valid.
std::optional<std::size_t> FindInvalidUtf8(std::string_view text);

inline bool IsValidUtf8(std::string_view text) { return !FindInvalidUtf8(text).has_value(); }

// Number of code points in valid UTF-8 text (what a person counts as
// characters for length limits, close enough for CJK and Cyrillic).
std::size_t CountCodePoints(std::string_view text);

// The longest prefix of valid UTF-8 `text` of at most `max_bytes` that ends
// on a character boundary.
std::string_view TruncateUtf8(std::string_view text, std::size_t max_bytes);

}  // namespace biobridge
