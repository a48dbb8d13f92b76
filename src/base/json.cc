#include "base/json.h"

#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <cstring>
#include <cmath>
#include <iterator>

#include "base/utf8.h"

namespace biobridge {
namespace {

std::string Position(std::string_view text, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return fmt::format("at byte {} (line {}, column {})", offset, line, column);
}

// Finds the first string or key over the limit, returning its field path.
bool FindLongString(const json::value& value, std::size_t limit, std::string& path) {
  switch (value.kind()) {
    case json::kind::string:
      return value.get_string().size() > limit;
    case json::kind::array: {
      const auto& array = value.get_array();
      for (std::size_t i = 0; i < array.size(); ++i) {
        std::string inner;
        if (FindLongString(array[i], limit, inner)) {
          path = fmt::format("[{}]{}{}", i, inner.empty() || inner[0] == '[' ? "" : ".", inner);
          return true;
        }
      }
      return false;
    }
    case json::kind::object:
      for (const auto& member : value.get_object()) {
        std::string inner;
        if (member.key().size() > limit || FindLongString(member.value(), limit, inner)) {
          path = std::string(member.key().substr(0, 64));
          if (!inner.empty()) {
            if (inner[0] != '[') path += '.';
            path += inner;
          }
          return true;
        }
      }
      return false;
    default:
      return false;
  }
}

}  // namespace

Result<json::value> ParseJson(std::string_view text, const JsonLimits& limits) {
  json::parse_options options;
  options.max_depth = limits.max_depth;
  options.allow_invalid_utf8 = false;  // the parser checks UTF-8 as it goes
  json::parser parser(json::storage_ptr(), options);
  boost::system::error_code ec;
  std::size_t consumed = parser.write_some(text.data(), text.size(), ec);
  if (ec) {
    // Only a failed parse pays for a scan, to name the offending byte.
    if (auto bad = FindInvalidUtf8(text)) {
      return MalformedError(fmt::format("the document is not valid UTF-8: invalid byte sequence {}",
                                        Position(text, *bad)));
    }
  } else if (consumed < text.size()) {
    // Only whitespace may follow the document.
    auto first = text.substr(consumed).find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos) {
      return MalformedError(fmt::format("unexpected data after the JSON document {}",
                                        Position(text, consumed + first)));
    }
  }
  if (ec == json::error::too_deep) {
    return MalformedError(fmt::format("JSON nested deeper than {} levels {}", limits.max_depth,
                                      Position(text, consumed)));
  }
  if (ec) {
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
      return MalformedError("the document is empty; send a JSON value");
    }
    return MalformedError(fmt::format("invalid JSON {}: {}", Position(text, consumed), ec.message()));
  }
  json::value value = parser.release();
  std::string path;
  if (FindLongString(value, limits.max_string_bytes, path)) {
    return InvalidArgumentError(
        path, fmt::format("text longer than {} bytes; shorten it", limits.max_string_bytes));
  }
  return value;
}

std::optional<std::int64_t> WholeNumber(const json::value& value) {
  if (value.is_int64()) return value.get_int64();
  if (value.is_uint64() && value.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(value.get_uint64());
  }
  return std::nullopt;
}

std::string_view JsonKindName(const json::value& value) {
  switch (value.kind()) {
    case json::kind::null: return "null";
    case json::kind::bool_: return "a boolean";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_: return "a number";
    case json::kind::string: return "a string";
    case json::kind::array: return "an array";
    case json::kind::object: return "an object";
  }
  return "a value";
}

namespace {

// Whether any of the 8 bytes in `v` needs escaping: a control character
// (below 0x20), '"' or '\\' (bit tricks on a word at a time; bytes of
// multi-byte UTF-8 characters never match).
bool NeedsEscape(std::uint64_t v) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
  auto has_zero = [](std::uint64_t x) { return (x - kOnes) & ~x & kHighs; };
  const std::uint64_t below_space = (v - kOnes * 0x20) & ~v & kHighs;
  return (below_space | has_zero(v ^ (kOnes * '"')) | has_zero(v ^ (kOnes * '\\'))) != 0;
}

void AppendString(std::string& out, std::string_view text) {
  out += '"';
  const char* p = text.data();
  const char* const end = p + text.size();
  const char* plain = p;  // start of the run of characters copied as they are
  while (p < end) {
    if (end - p >= 8) {
      std::uint64_t word;
      std::memcpy(&word, p, sizeof word);
      if (!NeedsEscape(word)) {
        p += 8;
        continue;
      }
    }
    const unsigned char c = static_cast<unsigned char>(*p);
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++p;
      continue;
    }
    out.append(plain, p);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
    }
    plain = ++p;
  }
  out.append(plain, end);
  out += '"';
}

// std::to_chars writes the shortest text that reads back as the same number.
template <typename Number>
void AppendNumber(std::string& out, Number n) {
  char buffer[32];
  const std::to_chars_result end = std::to_chars(buffer, buffer + sizeof buffer, n);
  out.append(buffer, end.ptr);
}

void Append(std::string& out, const json::value& value) {
  switch (value.kind()) {
    case json::kind::null: out += "null"; break;
    case json::kind::bool_: out += value.get_bool() ? "true" : "false"; break;
    case json::kind::int64: AppendNumber(out, value.get_int64()); break;
    case json::kind::uint64: AppendNumber(out, value.get_uint64()); break;
    case json::kind::double_: {
      // The shortest text that reads back as the same number, as people
      // write it ("7", "99.998"), not Boost's "7E0" and "9.9998E1".
      const double d = value.get_double();
      if (std::isfinite(d)) {
        AppendNumber(out, d);
      } else {
        out += "null";
      }
      break;
    }
    case json::kind::string: AppendString(out, value.get_string()); break;
    case json::kind::array: {
      out += '[';
      bool first = true;
      for (const json::value& item : value.get_array()) {
        if (!first) out += ',';
        first = false;
        Append(out, item);
      }
      out += ']';
      break;
    }
    case json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& member : value.get_object()) {
        if (!first) out += ',';
        first = false;
        AppendString(out, member.key());
        out += ':';
        Append(out, member.value());
      }
      out += '}';
      break;
    }
  }
}

}  // namespace

std::string ToJsonText(const json::value& value) {
  std::string out;
  out.reserve(1024);
  Append(out, value);
  return out;
}

void ApplyMergePatch(json::object& target, const json::object& patch) {
  for (const auto& member : patch) {
    if (member.value().is_null()) {
      target.erase(member.key());
    } else if (member.value().is_object()) {
      auto it = target.find(member.key());
      if (it == target.end() || !it->value().is_object()) {
        target[member.key()] = json::object();
        it = target.find(member.key());
      }
      ApplyMergePatch(it->value().as_object(), member.value().get_object());
    } else {
      target[member.key()] = member.value();
    }
  }
}

}  // namespace biobridge
