#include "service/notification_service.h"

#include <fmt/format.h>

#include "service/authorization.h"
#include "service/directory_service.h"
#include "service/mail_service.h"
#include "service/request_body.h"
#include "storage/store.h"

namespace biobridge::service {
namespace {

Result<std::vector<std::int64_t>> Ids(const json::value& value) {
  if (!value.is_array()) return InvalidArgumentError("ids", "give a list of notification ids");
  if (value.get_array().size() > 1000) return InvalidArgumentError("ids", "mark at most 1000 at a time");
  std::vector<std::int64_t> ids;
  for (const json::value& id : value.get_array()) {
    const std::optional<std::int64_t> n = WholeNumber(id);
    if (!n || *n <= 0) return InvalidArgumentError("ids", "each id is a positive whole number");
    ids.push_back(*n);
  }
  return ids;
}

}  // namespace

Result<Inbox> NotificationService::List(const Principal& who, std::int64_t before, std::int64_t limit, bool unread_only,
                                        std::string_view language) {
  BB_RETURN_IF_ERROR(RequirePerson(who, "have notifications"));
  if (limit < 1 || limit > kMaxPageSize) {
    return InvalidArgumentError("limit", fmt::format("use 1 to {}", kMaxPageSize));
  }
  if (before < 0) return InvalidArgumentError("before", "use the cursor of the previous page");
  // One more than asked tells whether an older page exists.
  BB_ASSIGN_OR_RETURN(storage::NotificationPage page,
                      context_.store.ListNotifications(
                          {.recipient = who.user()->id, .before_seq = before, .limit = static_cast<int>(limit) + 1,
                           .unread_only = unread_only}));
  Inbox inbox;
  inbox.unread = page.unread;
  if (static_cast<std::int64_t>(page.items.size()) > limit) {
    page.items.resize(static_cast<std::size_t>(limit));
    inbox.next_before = page.items.back().seq;
  }
  const std::string lang = who.Language(language);
  for (domain::Notification& n : page.items) {
    NotificationText text = RenderNotification(n, lang);
    inbox.items.push_back({std::move(n), std::move(text)});
  }
  return inbox;
}

Result<std::int64_t> NotificationService::MarkRead(const Principal& who, const json::object& body) {
  BB_RETURN_IF_ERROR(RequirePerson(who, "have notifications"));
  BB_RETURN_IF_ERROR(UnknownFields(body, {"ids", "all", "up_to"}));
  BB_ASSIGN_OR_RETURN(bool all, Flag(body, "all"));
  std::vector<std::int64_t> ids;
  std::int64_t up_to = 0;
  if (all == body.contains("ids")) {
    return InvalidArgumentError("ids", "give either \"ids\" to mark or \"all\": true");
  }
  if (all) {
    if (const json::value* v = body.if_contains("up_to")) {
      const std::optional<std::int64_t> n = WholeNumber(*v);
      if (!n || *n <= 0) return InvalidArgumentError("up_to", "the id of the newest notification you saw");
      up_to = *n;
    }
  } else {
    BB_ASSIGN_OR_RETURN(ids, Ids(body.at("ids")));
    if (ids.empty()) return InvalidArgumentError("ids", "name at least one notification");
  }
  BB_RETURN_IF_ERROR(
      context_.store.MarkNotificationsRead(who.user()->id, ids, up_to, context_.clock.Now()).status());
  BB_ASSIGN_OR_RETURN(storage::NotificationPage page,
                      context_.store.ListNotifications({.recipient = who.user()->id, .limit = 1}));
  return page.unread;
}

Result<std::vector<NotificationPreference>> NotificationService::Preferences(const Principal& who) {
  BB_RETURN_IF_ERROR(RequirePerson(who, "choose how notifications reach them"));
  BB_ASSIGN_OR_RETURN(auto chosen, context_.store.ListNotificationPreferences(who.user()->id));
  std::vector<NotificationPreference> out;
  for (std::string_view kind : domain::kNotificationKinds) {
    NotificationPreference p{std::string(kind), domain::DefaultRhythm(kind), domain::DefaultRhythm(kind),
                             domain::IsMandatoryKind(kind)};
    for (const auto& [k, rhythm] : chosen) {
      if (k == kind && !p.mandatory) p.rhythm = rhythm;
    }
    out.push_back(std::move(p));
  }
  return out;
}

Result<std::vector<NotificationPreference>> NotificationService::SetPreferences(const Principal& who,
                                                                               const json::object& body) {
  BB_RETURN_IF_ERROR(RequirePerson(who, "choose how notifications reach them"));
  std::vector<std::pair<std::string, domain::Rhythm>> changes;
  for (const auto& [key, value] : body) {
    const std::string kind(key);
    if (!domain::IsNotificationKind(kind)) {
      return InvalidArgumentError(kind, fmt::format("'{}' is not a kind of notification", kind));
    }
    if (!value.is_string()) return InvalidArgumentError(kind, "give immediately, daily, weekly or never");
    BB_ASSIGN_OR_RETURN(domain::Rhythm rhythm, domain::ParseRhythm(value.get_string(), kind));
    if (domain::IsMandatoryKind(kind) && rhythm != domain::DefaultRhythm(kind)) {
      return InvalidArgumentError(kind, "security notices always come at once: they cannot be turned off");
    }
    changes.emplace_back(kind, rhythm);
  }
  const storage::WriteContext write{who.actor(), context_.clock.Now()};
  for (const auto& [kind, rhythm] : changes) {
    BB_RETURN_IF_ERROR(context_.store.PutNotificationPreference(who.user()->id, kind, rhythm, write));
  }
  return Preferences(who);
}

Result<std::string> NotificationService::Unsubscribe(std::string_view token) {
  return service::Unsubscribe(context_, token);
}

Result<storage::Page<storage::OutboxMail>> NotificationService::Outbox(const Principal& who,
                                                                     const storage::PageRequest& page) {
  BB_RETURN_IF_ERROR(RequirePlatformAdmin(who, "see the mail outbox"));
  BB_RETURN_IF_ERROR(ValidatePageRequest(page, DirectoryService::kMaxPerPage));
  return context_.store.ListMail(page);
}

}  // namespace biobridge::service
