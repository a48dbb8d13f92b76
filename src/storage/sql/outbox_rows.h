// The outbox: the notifications and mails a write asks for, written inside
// its transaction. Internal to storage/sql.
#pragma once

#include "storage/sql/connection.h"
#include "storage/store.h"

namespace biobridge::storage::sql {

// Writes a notification for every recipient of every notice of `context`
// (members of its organisations now, its users, never its `except`), with a
// mail in the outbox for those who want the kind at once, and the mails of
// `context`.
Status WriteOutbox(Connection& c, const WriteContext& context);

// Appends one mail to the outbox, due at `context.at`.
Status InsertMail(Connection& c, const MailRequest& mail, Timestamp at);

}  // namespace biobridge::storage::sql
