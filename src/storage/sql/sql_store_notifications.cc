// SqlStore: notifications, their preferences, the mail outbox and
// messages (schema 0009_notifications.sql). The outbox itself is written by
// every write (outbox_rows.h).
#include <fmt/format.h>

#include "storage/sql/connection.h"
#include "storage/sql/journal_rows.h"
#include "storage/sql/outbox_rows.h"
#include "storage/sql/sql_store.h"

namespace biobridge::storage::sql {
namespace {

json::object ObjectOf(std::string_view text) {
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec || !value.is_object()) return {};
  return std::move(value.get_object());
}

constexpr std::string_view kNotificationColumns =
    "seq, recipient, kind, subject_type, subject_id, link, params, created_at, read_at";

domain::Notification NotificationOf(const Statement& row) {
  domain::Notification n;
  n.seq = row.Int(0);
  n.recipient = row.Text(1);
  n.kind = row.Text(2);
  n.subject_type = row.Text(3);
  n.subject_id = row.Text(4);
  n.link = row.Text(5);
  n.params = ObjectOf(row.Text(6));
  n.created_at = FromUnixMillis(row.Int(7));
  if (!row.IsNull(8)) n.read_at = FromUnixMillis(row.Int(8));
  return n;
}

constexpr std::string_view kMailColumns =
    "seq, recipient_user, to_address, kind, language, payload, created_at, state, attempts, next_attempt_at, "
    "last_error, sent_at";

OutboxMail MailOf(const Statement& row) {
  OutboxMail m;
  m.seq = row.Int(0);
  m.recipient_user = row.Text(1);
  m.to_address = row.Text(2);
  m.kind = row.Text(3);
  m.language = row.Text(4);
  m.payload = ObjectOf(row.Text(5));
  m.created_at = FromUnixMillis(row.Int(6));
  m.state = row.Text(7);
  m.attempts = static_cast<int>(row.Int(8));
  m.next_attempt_at = FromUnixMillis(row.Int(9));
  m.last_error = row.Text(10);
  if (!row.IsNull(11)) m.sent_at = FromUnixMillis(row.Int(11));
  return m;
}

template <typename T, typename Decode>
Status Collect(Statement& stmt, std::vector<T>& out, Decode decode) {
  while (true) {
    BB_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return Status::Ok();
    out.push_back(decode(stmt));
  }
}

// The user has read the thread up to `seq` (never back); no row for no such user.
Status MarkRead(Connection& c, std::string_view user_id, std::string_view thread, std::int64_t seq) {
  BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare(
      "INSERT INTO thread_reads (user_id, thread, read_seq) SELECT id, ?, ? FROM users WHERE id = ? "
      "ON CONFLICT (user_id, thread) DO UPDATE SET read_seq = CASE WHEN excluded.read_seq > thread_reads.read_seq "
      "THEN excluded.read_seq ELSE thread_reads.read_seq END"));
  return stmt.Bind(1, thread).Bind(2, seq).Bind(3, user_id).Run();
}

domain::Message MessageOf(const Statement& row) {
  return domain::Message{row.Int(0),          std::string(row.Text(1)), std::string(row.Text(2)),
                         std::string(row.Text(3)), std::string(row.Text(4)), std::string(row.Text(5)),
                         FromUnixMillis(row.Int(6))};
}

}  // namespace

Result<NotificationPage> SqlStore::ListNotifications(const NotificationQuery& query) {
  NotificationPage page;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    const std::string sql = fmt::format(
        "SELECT {} FROM notifications WHERE recipient = ? AND seq < ? {} ORDER BY seq DESC LIMIT ?",
        kNotificationColumns, query.unread_only ? "AND read_at IS NULL" : "");
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare(sql));
    stmt.Bind(1, query.recipient)
        .Bind(2, query.before_seq > 0 ? query.before_seq : std::numeric_limits<std::int64_t>::max())
        .Bind(3, std::int64_t{query.limit});
    BB_RETURN_IF_ERROR(Collect(stmt, page.items, NotificationOf));
    BB_ASSIGN_OR_RETURN(Statement unread,
                        c.Prepare("SELECT COUNT(*) FROM notifications WHERE recipient = ? AND read_at IS NULL"));
    BB_RETURN_IF_ERROR(unread.Bind(1, query.recipient).Step().status());
    page.unread = unread.Int(0);
    return Status::Ok();
  }, /*snapshot=*/true));
  return page;
}

Result<bool> SqlStore::HasNotification(std::string_view recipient, std::string_view kind,
                                          std::string_view subject_id) {
  bool found = false;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("SELECT 1 FROM notifications WHERE recipient = ? AND kind = ? AND "
                                                  "subject_id = ? LIMIT 1"));
    BB_ASSIGN_OR_RETURN(found, stmt.Bind(1, recipient).Bind(2, kind).Bind(3, subject_id).Step());
    return Status::Ok();
  }));
  return found;
}

Result<std::vector<domain::Notification>> SqlStore::GetNotifications(std::string_view recipient,
                                                                        const std::vector<std::int64_t>& seqs) {
  std::vector<domain::Notification> out;
  if (seqs.empty()) return out;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement stmt,
                        c.Prepare(fmt::format("SELECT {} FROM notifications WHERE recipient = ? AND seq IN ({}) "
                                              "ORDER BY seq",
                                              kNotificationColumns, Placeholders(seqs.size()))));
    stmt.Bind(1, recipient);
    for (std::size_t i = 0; i < seqs.size(); ++i) stmt.Bind(static_cast<int>(i) + 2, seqs[i]);
    return Collect(stmt, out, NotificationOf);
  }));
  return out;
}

Result<std::int64_t> SqlStore::MarkNotificationsRead(std::string_view recipient,
                                                        const std::vector<std::int64_t>& seqs,
                                                        std::int64_t up_to_seq, Timestamp at) {
  std::int64_t changed = 0;
  BB_RETURN_IF_ERROR(WriteTransaction([&](Connection& c) -> Status {
    if (seqs.empty()) {
      BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("UPDATE notifications SET read_at = ? WHERE recipient = ? AND "
                                                    "read_at IS NULL AND seq <= ?"));
      BB_RETURN_IF_ERROR(stmt.Bind(1, ToUnixMillis(at))
                             .Bind(2, recipient)
                             .Bind(3, up_to_seq > 0 ? up_to_seq : std::numeric_limits<std::int64_t>::max())
                             .Run());
    } else {
      BB_ASSIGN_OR_RETURN(Statement stmt,
                          c.Prepare(fmt::format("UPDATE notifications SET read_at = ? WHERE recipient = ? AND "
                                                "read_at IS NULL AND seq IN ({})",
                                                Placeholders(seqs.size()))));
      stmt.Bind(1, ToUnixMillis(at)).Bind(2, recipient);
      for (std::size_t i = 0; i < seqs.size(); ++i) stmt.Bind(static_cast<int>(i) + 3, seqs[i]);
      BB_RETURN_IF_ERROR(stmt.Run());
    }
    changed = c.Changes();
    return Status::Ok();
  }));
  return changed;
}

Result<std::vector<std::pair<std::string, domain::Rhythm>>> SqlStore::ListNotificationPreferences(
    std::string_view user_id) {
  std::vector<std::pair<std::string, domain::Rhythm>> out;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("SELECT kind, rhythm FROM notification_preferences "
                                                  "WHERE user_id = ? ORDER BY kind"));
    stmt.Bind(1, user_id);
    while (true) {
      BB_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) return Status::Ok();
      BB_ASSIGN_OR_RETURN(domain::Rhythm rhythm, domain::ParseRhythm(stmt.Text(1), "rhythm"));
      out.emplace_back(std::string(stmt.Text(0)), rhythm);
    }
  }));
  return out;
}

Status SqlStore::PutNotificationPreference(std::string_view user_id, std::string_view kind, domain::Rhythm rhythm,
                                              const WriteContext& context) {
  if (!domain::IsNotificationKind(kind)) {
    return InvalidArgumentError("kind", fmt::format("'{}' is not a kind of notification", kind));
  }
  return WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(bool user, c.Exists("SELECT 1 FROM users WHERE id = ?", user_id));
    if (!user) return NotFoundError(fmt::format("no user has id '{}'", user_id));
    json::object before;
    {
      BB_ASSIGN_OR_RETURN(Statement current, c.Prepare("SELECT rhythm FROM notification_preferences "
                                                       "WHERE user_id = ? AND kind = ?"));
      BB_ASSIGN_OR_RETURN(bool found, current.Bind(1, user_id).Bind(2, kind).Step());
      before["rhythm"] = found ? std::string(current.Text(0))
                               : std::string(domain::RhythmName(domain::DefaultRhythm(kind)));
    }
    const std::string after(domain::RhythmName(rhythm));
    if (before["rhythm"].as_string() == after) return Status::Ok();
    BB_ASSIGN_OR_RETURN(Statement put, c.Prepare(
        "INSERT INTO notification_preferences (user_id, kind, rhythm) VALUES (?, ?, ?) "
        "ON CONFLICT (user_id, kind) DO UPDATE SET rhythm = excluded.rhythm"));
    BB_RETURN_IF_ERROR(put.Bind(1, user_id).Bind(2, kind).Bind(3, after).Run());
    json::object changes{{"rhythm", json::object{{"before", before["rhythm"]}, {"after", after}}}};
    return AppendAudit(c, context, "update", "notification_preference", fmt::format("{}/{}", user_id, kind), changes);
  });
}

Result<std::vector<Store::DigestCandidate>> SqlStore::PendingDigests() {
  std::vector<DigestCandidate> out;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare(
        "SELECT n.recipient, n.mail, MIN(n.created_at), u.time_zone FROM notifications n JOIN users u "
        "ON u.id = n.recipient WHERE n.mail IN ('daily', 'weekly') GROUP BY n.recipient, n.mail, u.time_zone "
        "ORDER BY n.recipient"));
    while (true) {
      BB_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) return Status::Ok();
      BB_ASSIGN_OR_RETURN(domain::Rhythm rhythm, domain::ParseRhythm(stmt.Text(1), "rhythm"));
      out.push_back({std::string(stmt.Text(0)), rhythm, FromUnixMillis(stmt.Int(2)), std::string(stmt.Text(3))});
    }
  }));
  return out;
}

Result<int> SqlStore::QueueDigest(std::string_view user_id, domain::Rhythm rhythm, Timestamp before, Timestamp at) {
  int count = 0;
  BB_RETURN_IF_ERROR(WriteTransaction([&](Connection& c) -> Status {
    const std::string_view state = domain::RhythmName(rhythm);
    json::array seqs;
    {
      BB_ASSIGN_OR_RETURN(Statement pending, c.Prepare("SELECT seq FROM notifications WHERE mail = ? AND recipient = ? "
                                                       "AND created_at < ? ORDER BY seq"));
      pending.Bind(1, state).Bind(2, user_id).Bind(3, ToUnixMillis(before));
      while (true) {
        BB_ASSIGN_OR_RETURN(bool row, pending.Step());
        if (!row) break;
        seqs.push_back(pending.Int(0));
      }
    }
    if (seqs.empty()) return Status::Ok();
    BB_ASSIGN_OR_RETURN(Statement user, c.Prepare("SELECT email, preferred_language FROM users WHERE id = ?"));
    BB_ASSIGN_OR_RETURN(bool found, user.Bind(1, user_id).Step());
    if (!found) return NotFoundError(fmt::format("no user has id '{}'", user_id));
    const MailRequest mail{std::string(user_id), std::string(user.Text(0)), "digest", std::string(user.Text(1)),
                           json::object{{"notifications", seqs}, {"rhythm", state}}};
    BB_ASSIGN_OR_RETURN(Statement mark, c.Prepare("UPDATE notifications SET mail = 'digested' WHERE mail = ? AND "
                                                  "recipient = ? AND created_at < ?"));
    BB_RETURN_IF_ERROR(mark.Bind(1, state).Bind(2, user_id).Bind(3, ToUnixMillis(before)).Run());
    count = static_cast<int>(seqs.size());
    return InsertMail(c, mail, at);
  }));
  return count;
}

Result<std::vector<OutboxMail>> SqlStore::DueMail(Timestamp now, int limit) {
  std::vector<OutboxMail> out;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement stmt,
                        c.Prepare(fmt::format("SELECT {} FROM mail_outbox WHERE state = 'pending' AND "
                                              "next_attempt_at <= ? ORDER BY next_attempt_at, seq LIMIT ?",
                                              kMailColumns)));
    stmt.Bind(1, ToUnixMillis(now)).Bind(2, std::int64_t{limit});
    return Collect(stmt, out, MailOf);
  }));
  return out;
}

Status SqlStore::RecordMailAttempt(std::int64_t seq, const MailAttempt& attempt) {
  return WriteTransaction([&](Connection& c) -> Status {
    // A sent mail's one-time token is dropped from the outbox.
    const std::string_view without_token = c.dialect() == sql::Dialect::kPostgres
                                               ? "(payload::jsonb - 'token')::text"
                                               : "json_remove(payload, '$.token')";
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare(fmt::format(
        "UPDATE mail_outbox SET attempts = attempts + 1, state = ?1, last_error = ?2, next_attempt_at = ?3, "
        "sent_at = ?4, payload = CASE WHEN ?6 THEN {} ELSE payload END WHERE seq = ?5 AND state = 'pending'",
        without_token)));
    const std::string_view state = attempt.sent ? "sent" : attempt.retry_at ? "pending" : "failed";
    stmt.Bind(1, state).Bind(2, attempt.error)
        .Bind(3, ToUnixMillis(attempt.retry_at.value_or(attempt.at)))
        .Bind(5, seq);
    if (attempt.sent) stmt.Bind(4, ToUnixMillis(attempt.at)); else stmt.BindNull(4);
    // A link's secret is kept only until it is sent (or given up on).
    stmt.Bind(6, std::int64_t{attempt.sent || !attempt.retry_at});
    BB_RETURN_IF_ERROR(stmt.Run());
    if (c.Changes() == 0) return NotFoundError(fmt::format("no pending mail has seq {}", seq));
    return Status::Ok();
  });
}

Result<Page<OutboxMail>> SqlStore::ListMail(const PageRequest& request) {
  Page<OutboxMail> page;
  page.page = request.page;
  page.per_page = request.per_page;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement count, c.Prepare("SELECT COUNT(*) FROM mail_outbox"));
    BB_RETURN_IF_ERROR(count.Step().status());
    page.total = count.Int(0);
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare(fmt::format(
                                            "SELECT {} FROM mail_outbox ORDER BY seq DESC LIMIT ? OFFSET ?", kMailColumns)));
    stmt.Bind(1, std::int64_t{request.per_page})
        .Bind(2, std::int64_t{request.per_page} * (request.page - 1));
    return Collect(stmt, page.items, MailOf);
  }, /*snapshot=*/true));
  return page;
}

Result<domain::Message> SqlStore::PostMessage(domain::Message message, const WriteContext& context) {
  BB_RETURN_IF_ERROR(domain::ParseThread(message.thread).status());
  message.created_at = context.at;
  BB_RETURN_IF_ERROR(WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement insert, c.Prepare(
        "INSERT INTO messages (thread, author, author_organization, body, language, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?) RETURNING seq"));
    BB_ASSIGN_OR_RETURN(message.seq, insert.BindUnowned(1, message.thread)
                           .BindUnowned(2, message.author)
                           .BindUnowned(3, message.author_organization)
                           .BindUnowned(4, message.body)
                           .BindUnowned(5, message.language)
                           .Bind(6, ToUnixMillis(message.created_at))
                           .RunReturning());
    // The writer has read what they wrote.
    BB_RETURN_IF_ERROR(MarkRead(c, message.author, message.thread, message.seq));
    // The body is not audited (it is the record itself, kept as written).
    return AppendAudit(c, context, "create", "message", std::to_string(message.seq),
                       json::object{{"thread", json::object{{"after", message.thread}}}});
  }));
  return message;
}

Result<std::vector<domain::Message>> SqlStore::ListMessages(std::string_view thread, std::int64_t after_seq,
                                                               int limit) {
  std::vector<domain::Message> out;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare(
        "SELECT seq, thread, author, author_organization, body, language, created_at FROM messages "
        "WHERE thread = ? AND seq > ? ORDER BY seq LIMIT ?"));
    stmt.Bind(1, thread).Bind(2, after_seq).Bind(3, std::int64_t{limit});
    return Collect(stmt, out, MessageOf);
  }));
  return out;
}

Result<std::vector<domain::Message>> SqlStore::LastMessagesOfThreadsFor(std::string_view user_id, int limit) {
  std::vector<domain::Message> out;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare(
        "WITH mine (thread) AS ("
        "  SELECT subject_id FROM notifications WHERE recipient = ?1 AND subject_type = 'thread' "
        "  UNION SELECT thread FROM messages WHERE author = ?1) "
        "SELECT m.seq, m.thread, m.author, m.author_organization, m.body, m.language, m.created_at FROM messages m "
        "JOIN (SELECT max(seq) AS last FROM messages WHERE thread IN (SELECT thread FROM mine) GROUP BY thread) l "
        "ON m.seq = l.last ORDER BY m.seq DESC LIMIT ?2"));
    stmt.Bind(1, user_id).Bind(2, std::int64_t{limit});
    return Collect(stmt, out, MessageOf);
  }));
  return out;
}

Result<std::int64_t> SqlStore::ThreadReadSeq(std::string_view user_id, std::string_view thread) {
  std::int64_t seq = 0;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("SELECT read_seq FROM thread_reads WHERE user_id = ? AND thread = ?"));
    BB_ASSIGN_OR_RETURN(bool row, stmt.Bind(1, user_id).Bind(2, thread).Step());
    if (row) seq = stmt.Int(0);
    return Status::Ok();
  }));
  return seq;
}

Status SqlStore::MarkThreadRead(std::string_view user_id, std::string_view thread, std::int64_t seq) {
  return WriteTransaction([&](Connection& c) -> Status {
    BB_RETURN_IF_ERROR(MarkRead(c, user_id, thread, seq));
    if (c.Changes() == 0) return NotFoundError(fmt::format("no user has id '{}'", user_id));
    return Status::Ok();
  });
}

Result<bool> SqlStore::AddThreadGuest(std::string_view thread, std::string_view organization_id,
                                         const WriteContext& context) {
  bool added = true;
  const Status written = WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(bool exists, c.Exists("SELECT 1 FROM organizations WHERE id = ?", organization_id));
    if (!exists) return NotFoundError(fmt::format("no organisation has id '{}'", organization_id));
    BB_ASSIGN_OR_RETURN(Statement insert, c.Prepare("INSERT INTO thread_guests (thread, organization_id, "
                                                    "added_by, added_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"));
    BB_RETURN_IF_ERROR(
        insert.Bind(1, thread).Bind(2, organization_id).Bind(3, context.actor).Bind(4, ToUnixMillis(context.at)).Run());
    if (c.Changes() == 0) {
      added = false;
      return AlreadyExistsError("a guest already");  // rolls back: no notices either
    }
    return AppendAudit(c, context, "create", "thread_guest", fmt::format("{}/{}", thread, organization_id), {});
  });
  if (!added) return false;
  BB_RETURN_IF_ERROR(written);
  return true;
}

Result<std::vector<std::string>> SqlStore::ThreadGuests(std::string_view thread) {
  std::vector<std::string> out;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement select, c.Prepare("SELECT organization_id FROM thread_guests WHERE thread = ? "
                                                    "ORDER BY added_at, organization_id"));
    select.Bind(1, thread);
    return AppendTexts(select, out);
  }));
  return out;
}

Status SqlStore::WriteNotices(const WriteContext& context) {
  return WriteTransaction(context, [](Connection&) { return Status::Ok(); });
}

Result<std::string> SqlStore::Secret(std::string_view name, std::string_view candidate) {
  std::string value;
  BB_RETURN_IF_ERROR(WriteTransaction([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement keep, c.Prepare("INSERT INTO secrets (name, value) VALUES (?, ?) "
                                                  "ON CONFLICT (name) DO NOTHING"));
    BB_RETURN_IF_ERROR(keep.Bind(1, name).Bind(2, candidate).Run());
    BB_ASSIGN_OR_RETURN(Statement kept, c.Prepare("SELECT value FROM secrets WHERE name = ?"));
    BB_RETURN_IF_ERROR(kept.Bind(1, name).Step().status());
    value = kept.Text(0);
    return Status::Ok();
  }));
  return value;
}

Result<bool> SqlStore::TryLease(std::string_view name, std::string_view holder, Timestamp now, Timestamp until) {
  bool held = false;
  BB_RETURN_IF_ERROR(WriteTransaction([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement take, c.Prepare("INSERT INTO leases (name, holder, until) VALUES (?, ?, ?) "
                                                  "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, "
                                                  "until = excluded.until "
                                                  "WHERE leases.holder = excluded.holder OR leases.until <= ?"));
    BB_RETURN_IF_ERROR(take.Bind(1, name).Bind(2, holder).Bind(3, ToUnixMillis(until)).Bind(4, ToUnixMillis(now)).Run());
    held = c.Changes() > 0;
    return Status::Ok();
  }));
  return held;
}

Status SqlStore::ReleaseLease(std::string_view name, std::string_view holder) {
  return WriteTransaction([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement drop, c.Prepare("DELETE FROM leases WHERE name = ? AND holder = ?"));
    return drop.Bind(1, name).Bind(2, holder).Run();
  });
}

}  // namespace biobridge::storage::sql
