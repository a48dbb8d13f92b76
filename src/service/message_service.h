// MessageService: messages between the parties of an interest, a deal or a
// meeting request (domain/message.h).
//
// Who reads and writes a thread follows from its subject: the members of
// both organisations of an interest or a deal; the delegates of a meeting
// request (the two sides and the colleagues joining them). Nobody else,
// neither a platform admin nor an event's organiser nor a programme's
// operator: to them the thread does not exist (kNotFound, as for a subject
// that does not exist) — unless a party adds the operator of the programme
// the subject belongs to (the deal's, the interest's, the event's): then
// that organisation's members read and write there as a guest. Writing
// tells everyone else in the thread (message_received).
//
// Errors (beyond service/context.h's): kNotFound for a thread the caller is
// not in (the same as a thread that does not exist); kPermissionDenied for
// adding others when not a party; kFailedPrecondition for adding the
// programme's operator to a thread whose subject has no programme;
// kInvalidArgument naming the body (empty, too long) or the thread id.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "domain/message.h"
#include "domain/notification.h"
#include "service/context.h"
#include "service/principal.h"

namespace biobridge::service {

struct MessageView {
  domain::Message message;
  std::string author_name;        // the person's display name
  std::string organization_name;  // of the party they wrote for, in the viewer's language
  bool mine = false;
};

struct ThreadView {
  std::string thread;
  std::string title;  // what the thread is about, in the viewer's language
  std::string link;   // the subject's page
  std::vector<MessageView> messages;  // oldest first
  std::int64_t read_seq = 0;          // the last message the viewer had read before this view
  std::int64_t unread = 0;
  std::vector<std::string> guests;  // names of the guest organisations, in the viewer's language
  std::string operator_to_add;      // the operator the viewer may add ("" when none)
};

// One thread in a person's list of conversations.
struct ThreadSummary {
  std::string thread;
  std::string title;
  std::string link;
  MessageView last;  // the newest message
  std::int64_t unread = 0;  // messages of others after the last one read
};

class MessageService {
 public:
  static constexpr int kMaxMessagesPerView = 500;

  explicit MessageService(const ServiceContext& context) : context_(context) {}

  // The viewer's conversations (threads they were written to or wrote in
  // and may still read), the most recently active first, at most `limit`
  // (1..kMaxThreadsPerList).
  Result<std::vector<ThreadSummary>> List(const Principal& who, std::int64_t limit, std::string_view language = "");
  static constexpr int kMaxThreadsPerList = 100;

  // The thread's messages after `after` (0: all, up to kMaxMessagesPerView).
  Result<ThreadView> Read(const Principal& who, std::string_view thread, std::int64_t after,
                          std::string_view language = "");
  // Body: {"body": text, "language": "en"|"zh"|"ru"|... (optional: guessed from the script)}.
  Result<MessageView> Post(const Principal& who, std::string_view thread, const json::object& body);
  // A party adds the operator of the subject's programme as a guest (told
  // with added_to_thread, as are the other parties). kFailedPrecondition
  // when there is no programme or its operator takes part already;
  // kPermissionDenied for a guest.
  Result<ThreadView> AddOperator(const Principal& who, std::string_view thread);
  // Body: {"up_to": message id}. Marks the thread read for the viewer.
  Status MarkRead(const Principal& who, std::string_view thread, const json::object& body);

 private:
  struct Parties;
  Result<Parties> PartiesOf(const Principal& who, std::string_view thread);
  std::string OperatorToAdd(const Parties& p) const;
  static std::string Title(const Parties& p, std::string_view language);
  std::string OrganizationNameOf(const Parties& p, std::string_view organization, std::string_view language) const;
  static domain::Notice ToOthers(const Parties& p, domain::Notice notice, const Principal& who);

  const ServiceContext& context_;
};

}  // namespace biobridge::service
