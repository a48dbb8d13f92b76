// JSON parsing with the limits every untrusted document gets, plus small
// helpers for decoders that need to name what they found.
//
// Boost.JSON is the JSON library of BioBridge; its value types are used
// directly (boost::json::value/object/array), aliased here as `json`.
#pragma once

#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace biobridge {

namespace json = boost::json;

struct JsonLimits {
  std::size_t max_depth = 32;
  std::size_t max_string_bytes = 64 * 1024;  // any single string or key
};

// Parses one JSON document. Fails with kMalformed, naming the byte offset and
// line/column, for invalid UTF-8, syntax errors, trailing data and nesting
// deeper than `limits.max_depth`; with kInvalidArgument naming the field for a
// string longer than `limits.max_string_bytes`.
Result<json::value> ParseJson(std::string_view text, const JsonLimits& limits = {});

// "a string", "a number", "an object", ... for messages such as
// "must be a string, got a number".
std::string_view JsonKindName(const json::value& value);

// The value as a whole number, when it is one that an int64 holds; nullopt
// for anything else (a fraction, a string, or a number too large, which
// Boost.JSON would otherwise throw on).
std::optional<std::int64_t> WholeNumber(const json::value& value);

// Compact serialisation.
std::string ToJsonText(const json::value& value);

// Applies an RFC 7396 merge patch: members of `patch` replace those of
// `target`, null members remove them, nested objects merge recursively.
void ApplyMergePatch(json::object& target, const json::object& patch);

}  // namespace biobridge
