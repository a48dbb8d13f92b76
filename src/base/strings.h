// Small string helpers used across modules.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace biobridge {

// Without leading and trailing spaces, tabs and line breaks.
std::string Trim(std::string_view s);
// ASCII letters lower-cased; other bytes (any UTF-8) unchanged.
std::string AsciiLower(std::string_view s);
std::string AsciiUpper(std::string_view s);
// `s` with &, <, >, " and ' as HTML character references.
std::string EscapeHtml(std::string_view s);
// Splits on `separator`, trimming each part and dropping empty ones.
// `s` with every occurrence of `from` (non-empty) replaced by `to`.
std::string ReplaceAll(std::string_view s, std::string_view from, std::string_view to);

// `s` percent-encoded for a URL's query (RFC 3986: every byte but the
// unreserved A-Z a-z 0-9 - . _ ~).
std::string PercentEncode(std::string_view s);

std::vector<std::string> SplitTrimmed(std::string_view s, char separator);

// Hash for unordered containers keyed by std::string that are looked up by
// std::string_view without building a string (with std::equal_to<>).
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

}  // namespace biobridge
