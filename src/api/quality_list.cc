#include "api/quality_list.h"

#include <algorithm>
#include <cstdlib>

#include "base/strings.h"

namespace biobridge::api {

std::vector<WeightedItem> QualityList(std::string_view header) {
  std::vector<WeightedItem> items;
  for (const std::string& item : SplitTrimmed(header, ',')) {
    const std::size_t semicolon = item.find(';');
    WeightedItem weighted{AsciiLower(Trim(std::string_view(item).substr(0, semicolon))), 1};
    if (weighted.value.empty()) continue;
    if (semicolon != std::string::npos) {
      const std::string parameter = AsciiLower(Trim(std::string_view(item).substr(semicolon + 1)));
      if (parameter.starts_with("q=")) {
        char* end = nullptr;
        const double q = std::strtod(parameter.c_str() + 2, &end);
        weighted.q = end != parameter.c_str() + 2 && q > 0 ? std::min(q, 1.0) : 0;
      }
    }
    items.push_back(std::move(weighted));
  }
  std::stable_sort(items.begin(), items.end(), [](const WeightedItem& a, const WeightedItem& b) { return a.q > b.q; });
  return items;
}

}  // namespace biobridge::api
