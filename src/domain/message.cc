#include "domain/message.h"

#include <algorithm>

#include <fmt/format.h>

namespace biobridge::domain {

Result<ThreadSubject> ParseThread(std::string_view thread) {
  const std::size_t colon = thread.find(':');
  if (colon != std::string_view::npos) {
    const std::string_view type = thread.substr(0, colon);
    const std::string_view id = thread.substr(colon + 1);
    if (!id.empty() && id.size() <= 64 &&
        std::find(std::begin(kThreadSubjects), std::end(kThreadSubjects), type) != std::end(kThreadSubjects)) {
      return ThreadSubject{std::string(type), std::string(id)};
    }
  }
  return InvalidArgumentError("thread", "name a thread as interest:<id>, deal:<id> or meeting_request:<id>");
}

std::string ThreadName(std::string_view type, std::string_view id) { return fmt::format("{}:{}", type, id); }

}  // namespace biobridge::domain
