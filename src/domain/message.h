// Messages between the parties of an interest, a deal or a meeting request.
//
// A thread is named by its subject, "interest:<id>", "deal:<id>" or
// "meeting_request:<id>"; who may read and write it follows from the
// subject (its parties), never from who wrote in it. Messages are kept in
// the language they were written in, which is marked.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "base/time.h"

namespace biobridge::domain {

inline constexpr std::string_view kThreadSubjects[] = {"interest", "deal", "meeting_request"};
inline constexpr std::size_t kMaxMessageCodePoints = 20000;

struct Message {
  std::int64_t seq = 0;  // its id; increasing in the order written
  std::string thread;
  std::string author;               // user id
  std::string author_organization;  // the party the author wrote for
  std::string body;
  std::string language;  // "en", "zh", "ru", or another ISO 639-1 code; "" unknown
  Timestamp created_at{};

  friend bool operator==(const Message&, const Message&) = default;
};

// "deal:deal_1" → {"deal", "deal_1"}; kInvalidArgument ("thread") for
// anything else.
struct ThreadSubject {
  std::string type;
  std::string id;
};
Result<ThreadSubject> ParseThread(std::string_view thread);
std::string ThreadName(std::string_view type, std::string_view id);


}  // namespace biobridge::domain
