#include "api/router.h"

namespace biobridge::api {

std::vector<std::string_view> Router::Segments(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (start < path.size()) {
    if (path[start] == '/') {
      ++start;
      continue;
    }
    const auto end = path.find('/', start);
    segments.push_back(path.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end;
  }
  return segments;
}

void Router::Add(Route route) { routes_.push_back(std::move(route)); }

Router::Match Router::Find(std::string_view method, std::string_view path) const {
  Match match;
  const auto segments = Segments(path);
  for (const Route& route : routes_) {
    const auto pattern = Segments(route.pattern);
    if (pattern.size() != segments.size()) continue;
    std::map<std::string, std::string, std::less<>> parameters;
    bool same = true;
    for (std::size_t i = 0; i < pattern.size() && same; ++i) {
      if (pattern[i].size() > 2 && pattern[i].front() == '{' && pattern[i].back() == '}') {
        parameters.emplace(pattern[i].substr(1, pattern[i].size() - 2), segments[i]);
      } else {
        same = pattern[i] == segments[i];
      }
    }
    if (!same) continue;
    if (route.method == method) {
      match.route = &route;
      match.path_parameters = std::move(parameters);
      return match;
    }
    match.allowed_methods.push_back(route.method);
  }
  return match;
}

}  // namespace biobridge::api
