#include "api/router.h"

namespace biobridge::api {

std::size_t Router::Segments(std::string_view path, std::string_view (&out)[kMaxSegments + 1]) {
  std::size_t count = 0;
  std::size_t start = 0;
  while (start < path.size() && count <= kMaxSegments) {
    if (path[start] == '/') {
      ++start;
      continue;
    }
    const auto end = path.find('/', start);
    out[count++] = path.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (end == std::string_view::npos) break;
    start = end;
  }
  return count;
}

void Router::Add(Route route) {
  std::string_view segments[kMaxSegments + 1];
  const std::size_t count = Segments(route.pattern, segments);
  route.segments.assign(segments, segments + count);
  routes_.push_back(std::move(route));
}

Router::Match Router::Find(std::string_view method, std::string_view path) const {
  Match match;
  std::string_view segments[kMaxSegments + 1];
  const std::size_t count = Segments(path, segments);
  for (const Route& route : routes_) {
    const std::vector<std::string>& pattern = route.segments;
    if (pattern.size() != count) continue;
    bool same = true;
    for (std::size_t i = 0; i < count && same; ++i) {
      const bool parameter = pattern[i].size() > 2 && pattern[i].front() == '{' && pattern[i].back() == '}';
      same = parameter || pattern[i] == segments[i];
    }
    if (!same) continue;
    if (route.method != method) {
      match.allowed_methods.push_back(route.method);
      continue;
    }
    match.route = &route;
    for (std::size_t i = 0; i < count; ++i) {
      if (pattern[i].size() > 2 && pattern[i].front() == '{') {
        match.path_parameters.emplace(pattern[i].substr(1, pattern[i].size() - 2), segments[i]);
      }
    }
    return match;
  }
  return match;
}

}  // namespace biobridge::api
