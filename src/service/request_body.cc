#include "service/request_body.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "base/strings.h"
#include "base/utf8.h"

namespace biobridge::service {

Result<std::string> Text(const json::object& body, std::string_view key, bool required, std::size_t max_length) {
  const json::value* value = body.if_contains(key);
  if (value == nullptr || value->is_null()) {
    if (required) return InvalidArgumentError(std::string(key), fmt::format("\"{}\" is required", key));
    return std::string();
  }
  if (!value->is_string()) {
    return InvalidArgumentError(std::string(key), fmt::format("\"{}\" must be a string, not {}", key,
                                                              JsonKindName(*value)));
  }
  std::string text = Trim(value->as_string());
  if (required && text.empty()) return InvalidArgumentError(std::string(key), fmt::format("\"{}\" is empty", key));
  if (const std::size_t length = CountCodePoints(text); length > max_length) {
    return InvalidArgumentError(std::string(key), fmt::format("is {} characters long; the limit is {}", length,
                                                              max_length));
  }
  return text;
}

Result<std::int64_t> Version(const json::object& body) {
  const json::value* value = body.if_contains("version");
  if (value == nullptr || value->is_null()) return std::int64_t{0};
  if (!value->is_int64() || value->as_int64() < 1) {
    return InvalidArgumentError("version", "\"version\" must be a whole number from 1: the version you saw");
  }
  return value->as_int64();
}

Result<std::int64_t> RequiredVersion(const json::object& body) {
  BB_ASSIGN_OR_RETURN(std::int64_t version, Version(body));
  if (version == 0) return InvalidArgumentError("version", "give the version you read, for safe concurrent edits");
  return version;
}

Result<bool> Flag(const json::object& body, std::string_view key) {
  const json::value* value = body.if_contains(key);
  if (value == nullptr || value->is_null()) return false;
  if (!value->is_bool()) return InvalidArgumentError(std::string(key), "must be true or false");
  return value->get_bool();
}

Status UnknownFields(const json::object& body, std::initializer_list<std::string_view> known) {
  for (const auto& [key, value] : body) {
    if (std::find(known.begin(), known.end(), std::string_view(key)) == known.end()) {
      return InvalidArgumentError(std::string(key), fmt::format("unknown field \"{}\"; use: {}",
                                                                std::string_view(key), fmt::join(known, ", ")));
    }
  }
  return Status::Ok();
}

}  // namespace biobridge::service
