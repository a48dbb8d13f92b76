// The items of an Accept-Language or Accept-Encoding header with their
// weights (RFC 9110 §12.4.2), the one parse both headers share.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace biobridge::api {

struct WeightedItem {
  std::string value;  // lower-case, without its parameters ("zh-tw", "gzip", "*")
  double q = 1;       // 0 means "not acceptable"; a weight that does not parse counts as 0
};

// Every item, highest weight first, items of equal weight in the order sent.
std::vector<WeightedItem> QualityList(std::string_view header);

}  // namespace biobridge::api
