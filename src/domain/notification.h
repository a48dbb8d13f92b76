// Notifications: what another person should know about, as data.
//
// A change that someone else should learn of (an interest received, a deal
// moved, a meeting request answered, a review assigned, ...) carries one or
// more Notices; the store writes them in the same transaction as the change
// (the outbox), one Notification per person entitled to see it, and, for
// those who want it at once, a mail to send. A notice never carries more
// than every one of its recipients may see: names of organisations and
// titles they are a party to, never a reviewer's identity or a tier above
// theirs. Text is made from `kind` and `params` in the reader's language
// when it is read or mailed (service/notification_text.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "base/time.h"

namespace biobridge::domain {

// Every kind of notification. A person chooses, per kind, how it reaches
// them by mail (a Rhythm); some kinds cannot be turned off.
inline constexpr std::string_view kNotificationKinds[] = {
    "interest_received",      "interest_accepted",   "interest_declined",  "deal_moved",
    "agreement_awaiting",     "meeting_requested",   "meeting_answered",   "schedule_published",
    "meeting_moved",          "meeting_cancelled",   "review_assigned",    "review_reminder",
    "decision_made",          "invitation_received", "invitation_answered", "message_received",
    "saved_search_match",     "added_to_thread",     "certificate_expiring", "certificate_expired",
    "certificate_verified",   "security",            "meeting_time_proposed", "meeting_time_declined",
    "review_withdrawn",
};

// How notifications of a kind reach a person by mail (the inbox has them all).
enum class Rhythm { kImmediately, kDaily, kWeekly, kNever };
std::string_view RhythmName(Rhythm rhythm);  // "immediately", "daily", "weekly", "never"
Result<Rhythm> ParseRhythm(std::string_view name, std::string_view field);

bool IsNotificationKind(std::string_view kind);
// Kinds a person cannot silence (mail about their own account's security).
bool IsMandatoryKind(std::string_view kind);
// The rhythm of a kind for a person who has not chosen one.
Rhythm DefaultRhythm(std::string_view kind);

// What a change asks the store to write: one notice to an audience. Every
// member of `organizations` at commit time and every one of `users` gets a
// notification, except `except` (the person who acted).
struct Notice {
  std::string kind;
  std::string subject_type;  // "interest", "deal", "meeting_request", "event", "review_project", "invitation", ...
  std::string subject_id;
  std::string link;          // the path of the thing in the web UI, e.g. "/deals/deal_1"
  json::object params;       // what the text names (see notification_text.h)
  std::vector<std::string> users;
  std::vector<std::string> organizations;
  std::string except;
  // The rhythm this notice is mailed in, when the recipient chose it for
  // the thing itself (a saved search's own rhythm) rather than for the
  // kind; a person who chose never for the kind still gets no mail.
  std::optional<Rhythm> rhythm;
};

// One person's notification.
struct Notification {
  std::int64_t seq = 0;  // its id, and the cursor of the inbox (newest first)
  std::string recipient;  // user id
  std::string kind;
  std::string subject_type;
  std::string subject_id;
  std::string link;
  json::object params;
  Timestamp created_at{};
  std::optional<Timestamp> read_at;

  friend bool operator==(const Notification&, const Notification&) = default;
};

}  // namespace biobridge::domain
