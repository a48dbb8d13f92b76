#include "storage/field_diff.h"

namespace biobridge::storage {

json::object FieldDiff(const json::object& before, const json::object& after) {
  json::object diff;
  for (const auto& member : before) {
    const json::value* now = after.if_contains(member.key());
    if (now && *now == member.value()) continue;
    json::object change{{"before", member.value()}};
    if (now) change["after"] = *now;
    diff[member.key()] = std::move(change);
  }
  for (const auto& member : after) {
    if (before.contains(member.key())) continue;
    diff[member.key()] = json::object{{"after", member.value()}};
  }
  return diff;
}

}  // namespace biobridge::storage
