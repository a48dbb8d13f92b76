// The words of notifications and mails, in English, Chinese and Russian.
//
// A notification holds a kind and params (names and titles, each either a
// string or a {"en": ..., "zh": ..., "ru": ...} object); its text is made
// when it is read or mailed, in the reader's language, so that a name
// written in several languages reaches each reader in theirs.
#pragma once

#include <string>
#include <string_view>

#include "base/json.h"
#include "domain/notification.h"

namespace biobridge::service {

// "en", "zh" or "ru": the language of `requested`, English for any other.
std::string_view MailLanguage(std::string_view requested);

struct NotificationText {
  std::string title;  // one line: what happened
  std::string body;   // a sentence or two more, may be empty
};

NotificationText RenderNotification(const domain::Notification& notification, std::string_view language);

// A word of the mail's frame in `language`: "open" (the link), "why"
// (why the mail came), "unsubscribe", "digest_subject" ({count}),
// "greeting", "footer". Unknown keys come back as themselves.
std::string MailPhrase(std::string_view key, std::string_view language);

// The name in a param in `language` (a string, or the best variant of a
// localized object); empty when absent.
std::string ParamText(const json::object& params, std::string_view key, std::string_view language);

}  // namespace biobridge::service
