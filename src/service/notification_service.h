// NotificationService: a person's inbox, their mail preferences, and the
// outbox as the platform admin sees it.
//
// Notifications are written by the services that make the changes
// (service/notices.h), in the change's transaction; this service reads them
// for their recipient only, worded in the reader's language. A person sees
// their own notifications and nobody else's, not even a platform admin.
//
// Errors (beyond service/context.h's): kInvalidArgument naming the field of
// a preference (a kind that does not exist, a rhythm, a security kind that
// cannot be turned off); every call needs a person (kUnauthenticated).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/json.h"
#include "domain/notification.h"
#include "service/context.h"
#include "service/notification_text.h"
#include "service/principal.h"

namespace biobridge::service {

struct InboxItem {
  domain::Notification notification;
  NotificationText text;
};

struct Inbox {
  std::vector<InboxItem> items;  // newest first
  std::int64_t unread = 0;
  std::int64_t next_before = 0;  // the cursor of the next (older) page; 0 when this is the last
};

struct NotificationPreference {
  std::string kind;
  domain::Rhythm rhythm;
  domain::Rhythm default_rhythm;
  bool mandatory = false;
};

class NotificationService {
 public:
  static constexpr int kMaxPageSize = 100;

  explicit NotificationService(const ServiceContext& context) : context_(context) {}

  // The viewer's notifications older than `before` (0: from the newest).
  Result<Inbox> List(const Principal& who, std::int64_t before, std::int64_t limit, bool unread_only,
                     std::string_view language = "");
  // Body: {"ids": [..]} marks those; {"all": true, "up_to": id} marks all up
  // to the id the reader saw (without "up_to": all). Returns the unread count.
  Result<std::int64_t> MarkRead(const Principal& who, const json::object& body);

  // Every kind with the viewer's rhythm for it.
  Result<std::vector<NotificationPreference>> Preferences(const Principal& who);
  // Body: {"<kind>": "<rhythm>", ...}; all or nothing is checked first.
  Result<std::vector<NotificationPreference>> SetPreferences(const Principal& who, const json::object& body);

  // One-click unsubscribe (service/mail_service.h): the kind turned off.
  Result<std::string> Unsubscribe(std::string_view token);

  // The mail outbox, newest first: platform admins only (the operator's view
  // of what was and was not delivered).
  Result<domain::Page<domain::OutboxMail>> Outbox(const Principal& who, const domain::PageRequest& page);

 private:
  const ServiceContext& context_;
};

}  // namespace biobridge::service
