#include "storage/sql/outbox_rows.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

namespace biobridge::storage::sql {
namespace {

Result<std::set<std::string>> Recipients(Connection& c, const domain::Notice& notice) {
  std::set<std::string> out(notice.users.begin(), notice.users.end());
  for (const std::string& organization : notice.organizations) {
    BB_ASSIGN_OR_RETURN(Statement members, c.Prepare("SELECT user_id FROM memberships WHERE organization_id = ?"));
    members.Bind(1, organization);
    while (true) {
      BB_ASSIGN_OR_RETURN(bool row, members.Step());
      if (!row) break;
      out.emplace(members.Text(0));
    }
  }
  out.erase(notice.except);
  out.erase("");
  return out;
}

struct Addressee {
  std::string email;
  std::string language;
  domain::Rhythm rhythm = domain::Rhythm::kNever;
};

// The person's address, language and rhythm for `kind`; nullopt for no
// such user (a notice may name someone deleted since).
Result<std::optional<Addressee>> AddresseeOf(Connection& c, std::string_view user_id, std::string_view kind,
                                             std::optional<domain::Rhythm> chosen) {
  BB_ASSIGN_OR_RETURN(Statement user, c.Prepare(
      "SELECT u.email, u.preferred_language, p.rhythm FROM users u LEFT JOIN notification_preferences p "
      "ON p.user_id = u.id AND p.kind = ? WHERE u.id = ?"));
  BB_ASSIGN_OR_RETURN(bool found, user.Bind(1, kind).Bind(2, user_id).Step());
  if (!found) return std::optional<Addressee>();
  Addressee a{std::string(user.Text(0)), std::string(user.Text(1)), domain::DefaultRhythm(kind)};
  if (!user.IsNull(2) && !domain::IsMandatoryKind(kind)) {
    BB_ASSIGN_OR_RETURN(a.rhythm, domain::ParseRhythm(user.Text(2), "rhythm"));
  }
  if (chosen && a.rhythm != domain::Rhythm::kNever) a.rhythm = *chosen;
  return std::optional<Addressee>(std::move(a));
}

std::string_view MailState(const Addressee& a) {
  if (a.email.empty()) return "none";
  switch (a.rhythm) {
    case domain::Rhythm::kImmediately: return "queued";
    case domain::Rhythm::kDaily: return "daily";
    case domain::Rhythm::kWeekly: return "weekly";
    case domain::Rhythm::kNever: return "none";
  }
  return "none";
}

}  // namespace

Status InsertMail(Connection& c, const MailRequest& mail, Timestamp at) {
  BB_ASSIGN_OR_RETURN(Statement insert, c.Prepare(
      "INSERT INTO mail_outbox (recipient_user, to_address, kind, language, payload, created_at, state, "
      "next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)"));
  return insert.Bind(1, mail.recipient_user)
      .Bind(2, mail.to_address)
      .Bind(3, mail.kind)
      .Bind(4, mail.language)
      .Bind(5, json::serialize(mail.payload))
      .Bind(6, ToUnixMillis(at))
      .Bind(7, ToUnixMillis(at))
      .Run();
}

Status WriteOutbox(Connection& c, const WriteContext& context) {
  for (const domain::Notice& notice : context.notices) {
    if (!domain::IsNotificationKind(notice.kind)) {
      return InternalError(fmt::format("'{}' is not a kind of notification", notice.kind));
    }
    const std::string params = json::serialize(notice.params);
    BB_ASSIGN_OR_RETURN(std::set<std::string> recipients, Recipients(c, notice));
    for (const std::string& user_id : recipients) {
      BB_ASSIGN_OR_RETURN(std::optional<Addressee> addressee, AddresseeOf(c, user_id, notice.kind, notice.rhythm));
      if (!addressee) continue;
      const std::string_view mail = MailState(*addressee);
      BB_ASSIGN_OR_RETURN(Statement insert, c.Prepare(
          "INSERT INTO notifications (recipient, kind, subject_type, subject_id, link, params, created_at, mail) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq"));
      BB_ASSIGN_OR_RETURN(const std::int64_t seq, insert.Bind(1, user_id)
                             .BindUnowned(2, notice.kind)
                             .BindUnowned(3, notice.subject_type)
                             .BindUnowned(4, notice.subject_id)
                             .BindUnowned(5, notice.link)
                             .BindUnowned(6, params)
                             .Bind(7, ToUnixMillis(context.at))
                             .Bind(8, mail)
                             .RunReturning());
      if (mail != "queued") continue;
      BB_RETURN_IF_ERROR(InsertMail(
          c, MailRequest{user_id, addressee->email, notice.kind, addressee->language,
                         json::object{{"notifications", json::array{seq}}}},
          context.at));
    }
  }
  for (const MailRequest& mail : context.mails) BB_RETURN_IF_ERROR(InsertMail(c, mail, context.at));
  return Status::Ok();
}

}  // namespace biobridge::storage::sql
