// Reading the members of a JSON request body that the services take whole
// (internal to service/): each error names the member.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/status.h"

namespace biobridge::service {

// A string member: trimmed; "" when absent and optional; at most
// `max_length` characters.
Result<std::string> Text(const json::object& body, std::string_view key, bool required, std::size_t max_length = 200);

// "version": the version the caller based a change on; 0 when absent.
Result<std::int64_t> Version(const json::object& body);
// The same, required.
Result<std::int64_t> RequiredVersion(const json::object& body);

// kInvalidArgument naming the first member that is not one of `known`.
Status UnknownFields(const json::object& body, std::initializer_list<std::string_view> known);

// A true/false member; false when absent.
Result<bool> Flag(const json::object& body, std::string_view key);

}  // namespace biobridge::service
