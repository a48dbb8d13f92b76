// SqlStore: users, memberships, credentials and the journal.
#include <fmt/format.h>

#include "storage/field_diff.h"
#include "storage/sql/connection.h"
#include "storage/sql/journal_rows.h"
#include "storage/sql/sql_store.h"

namespace biobridge::storage::sql {

using domain::Membership;
using domain::MembershipRole;
using domain::User;

namespace {

constexpr std::string_view kUserColumns =
    "id, email, display_name, preferred_language, platform_admin, expert, event_organiser, version, created_at, "
    "updated_at, email_verified_at, time_zone";

User DecodeUser(const Statement& row) {
  User u;
  u.id = row.Text(0);
  u.email = row.Text(1);
  u.display_name = row.Text(2);
  u.preferred_language = row.Text(3);
  u.platform_admin = row.Int(4) != 0;
  u.expert = row.Int(5) != 0;
  u.event_organiser = row.Int(6) != 0;
  u.meta = {row.Int(7), FromUnixMillis(row.Int(8)), FromUnixMillis(row.Int(9))};
  if (!row.IsNull(10)) u.email_verified_at = FromUnixMillis(row.Int(10));
  u.time_zone = row.Text(11);
  return u;
}

// What the audit log records of a user: everything but secrets.
json::object AuditView(const User& u) {
  return json::object{{"email", u.email},
                      {"display_name", u.display_name},
                      {"preferred_language", u.preferred_language},
                      {"time_zone", u.time_zone},
                      {"platform_admin", u.platform_admin},
                      {"expert", u.expert},
                      {"event_organiser", u.event_organiser}};
}

Result<std::optional<User>> SelectUser(Connection& c, std::string_view column, std::string_view value) {
  BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare(fmt::format("SELECT {} FROM users WHERE {} = ?", kUserColumns, column)));
  BB_ASSIGN_OR_RETURN(bool found, stmt.Bind(1, value).Step());
  if (!found) return std::optional<User>();
  return std::optional<User>(DecodeUser(stmt));
}

// The user at `expected_version`: kNotFound without one, kAborted when
// another change came first.
Result<User> UserAtVersion(Connection& c, std::string_view id, std::int64_t expected_version) {
  BB_ASSIGN_OR_RETURN(std::optional<User> current, SelectUser(c, "id", id));
  if (!current) return NotFoundError(fmt::format("no user has id '{}'", id));
  if (current->meta.version != expected_version) {
    return AbortedError(fmt::format("the account changed (version {} now, not {}); reload it", current->meta.version,
                                    expected_version));
  }
  return std::move(*current);
}

// Writes `next`, a change of `current`, as the user's next version: the
// columns of `set` ("a = ?, b = ?") bound by `bind` (which returns how many it
// bound), audited as `action` with the field diff, and a change record.
template <typename Bind>
Status WriteUserVersion(Connection& c, const User& current, User& next, const WriteContext& context,
                        std::string_view action, std::string_view set, Bind bind) {
  next.meta.version = current.meta.version + 1;
  next.meta.updated_at = context.at;
  BB_ASSIGN_OR_RETURN(Statement stmt,
                      c.Prepare(fmt::format("UPDATE users SET {}, version = ?, updated_at = ? WHERE id = ?", set)));
  const int bound = bind(stmt);
  BB_RETURN_IF_ERROR(
      stmt.Bind(bound + 1, next.meta.version).Bind(bound + 2, ToUnixMillis(context.at)).Bind(bound + 3, next.id).Run());
  BB_RETURN_IF_ERROR(AppendAudit(c, context, action, "user", next.id, FieldDiff(AuditView(current), AuditView(next))));
  return AppendChange(c, context, "user", next.id, "upsert", next.meta.version);
}

Result<std::vector<Membership>> SelectMemberships(Connection& c, std::string_view where_column,
                                                  std::string_view value) {
  BB_ASSIGN_OR_RETURN(Statement stmt,
                      c.Prepare(fmt::format("SELECT user_id, organization_id, role FROM memberships WHERE {} = ? "
                                            "ORDER BY organization_id, user_id",
                                            where_column)));
  stmt.Bind(1, value);
  std::vector<Membership> memberships;
  while (true) {
    BB_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return memberships;
    Membership m{std::string(stmt.Text(0)), std::string(stmt.Text(1)), MembershipRole::kMember};
    domain::ParseMembershipRole(stmt.Text(2), m.role);
    memberships.push_back(std::move(m));
  }
}

constexpr std::string_view kSessionColumns = "token_hash, user_id, created_at, expires_at, id, user_agent";

Session DecodeSession(const Statement& row) {
  return Session{std::string(row.Text(0)), std::string(row.Text(1)), FromUnixMillis(row.Int(2)),
                 FromUnixMillis(row.Int(3)), std::string(row.Text(4)), std::string(row.Text(5))};
}

ApiToken DecodeToken(const Statement& row) {
  return ApiToken{std::string(row.Text(0)), std::string(row.Text(1)), std::string(row.Text(2)),
                  std::string(row.Text(3)), FromUnixMillis(row.Int(4))};
}

}  // namespace

Result<User> SqlStore::CreateUser(User user, std::string password_hash, const WriteContext& context) {
  BB_RETURN_IF_ERROR(WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(bool taken, c.Exists("SELECT 1 FROM users WHERE email = ?", user.email));
    if (taken) return AlreadyExistsError("an account with this email already exists", "email");
    BB_ASSIGN_OR_RETURN(bool id_taken, c.Exists("SELECT 1 FROM users WHERE id = ?", user.id));
    if (id_taken) return AlreadyExistsError(fmt::format("a user with id '{}' already exists", user.id), "id");
    user.meta = {1, context.at, context.at};
    BB_ASSIGN_OR_RETURN(Statement stmt,
                        c.Prepare("INSERT INTO users (id, email, display_name, preferred_language, password_hash, "
                                  "platform_admin, expert, event_organiser, version, created_at, updated_at, "
                                  "email_verified_at, time_zone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    stmt.Bind(1, user.id)
        .Bind(2, user.email)
        .Bind(3, user.display_name)
        .Bind(4, user.preferred_language)
        .Bind(5, password_hash)
        .Bind(6, std::int64_t{user.platform_admin})
        .Bind(7, std::int64_t{user.expert})
        .Bind(8, std::int64_t{user.event_organiser})
        .Bind(9, user.meta.version)
        .Bind(10, ToUnixMillis(user.meta.created_at))
        .Bind(11, ToUnixMillis(user.meta.updated_at));
    if (user.email_verified_at) stmt.Bind(12, ToUnixMillis(*user.email_verified_at)); else stmt.BindNull(12);
    stmt.Bind(13, user.time_zone);
    BB_RETURN_IF_ERROR(stmt.Run());
    BB_RETURN_IF_ERROR(AppendAudit(c, context, "create", "user", user.id, FieldDiff({}, AuditView(user))));
    return AppendChange(c, context, "user", user.id, "upsert", 1);
  }));
  return user;
}

Result<User> SqlStore::GetUser(std::string_view id) {
  std::optional<User> user;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(user, SelectUser(c, "id", id));
    return Status::Ok();
  }));
  if (!user) return NotFoundError(fmt::format("no user has id '{}'", id));
  return std::move(*user);
}

Result<User> SqlStore::FindUserByEmail(std::string_view email) {
  std::optional<User> user;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(user, SelectUser(c, "email", email));
    return Status::Ok();
  }));
  if (!user) return NotFoundError("no account has this email");
  return std::move(*user);
}

Result<std::string> SqlStore::GetPasswordHash(std::string_view user_id) {
  std::optional<std::string> hash;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("SELECT password_hash FROM users WHERE id = ?"));
    BB_ASSIGN_OR_RETURN(bool found, stmt.Bind(1, user_id).Step());
    if (found) hash = std::string(stmt.Text(0));
    return Status::Ok();
  }));
  if (!hash) return NotFoundError(fmt::format("no user has id '{}'", user_id));
  return std::move(*hash);
}

Result<std::int64_t> SqlStore::CountUsers() {
  std::int64_t count = 0;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("SELECT COUNT(*) FROM users"));
    BB_RETURN_IF_ERROR(stmt.Step().status());
    count = stmt.Int(0);
    return Status::Ok();
  }));
  return count;
}

Result<User> SqlStore::UpdateUserProfile(User user, std::int64_t expected_version, const WriteContext& context) {
  BB_RETURN_IF_ERROR(WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(const User current, UserAtVersion(c, user.id, expected_version));
    User next = current;
    next.display_name = user.display_name;
    next.preferred_language = user.preferred_language;
    next.time_zone = user.time_zone;
    if (FieldDiff(AuditView(current), AuditView(next)).empty()) {  // nothing changes: no new version
      user = std::move(next);
      return Status::Ok();
    }
    BB_RETURN_IF_ERROR(WriteUserVersion(c, current, next, context, "update",
                                        "display_name = ?, preferred_language = ?, time_zone = ?", [&](Statement& stmt) {
                                          stmt.Bind(1, next.display_name).Bind(2, next.preferred_language).Bind(3, next.time_zone);
                                          return 3;
                                        }));
    user = std::move(next);
    return Status::Ok();
  }));
  return user;
}

Result<User> SqlStore::UpdateUserRoles(User user, std::int64_t expected_version, const WriteContext& context) {
  BB_RETURN_IF_ERROR(WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(const User current, UserAtVersion(c, user.id, expected_version));
    User next = current;
    next.platform_admin = user.platform_admin;
    next.expert = user.expert;
    next.event_organiser = user.event_organiser;
    BB_RETURN_IF_ERROR(WriteUserVersion(c, current, next, context, "grant_roles",
                                        "platform_admin = ?, expert = ?, event_organiser = ?", [&](Statement& stmt) {
                                          stmt.Bind(1, std::int64_t{next.platform_admin})
                                              .Bind(2, std::int64_t{next.expert})
                                              .Bind(3, std::int64_t{next.event_organiser});
                                          return 3;
                                        }));
    user = std::move(next);
    return Status::Ok();
  }));
  return user;
}

Status SqlStore::UpdatePasswordHash(std::string_view user_id, std::string password_hash,
                                       const CredentialReset& reset, const WriteContext& context) {
  return WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("UPDATE users SET password_hash = ?, version = version + 1, "
                                                  "updated_at = ? WHERE id = ?"));
    BB_RETURN_IF_ERROR(stmt.Bind(1, password_hash).Bind(2, ToUnixMillis(context.at)).Bind(3, user_id).Run());
    if (c.Changes() == 0) return NotFoundError(fmt::format("no user has id '{}'", user_id));
    BB_ASSIGN_OR_RETURN(Statement sessions, c.Prepare("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?"));
    BB_RETURN_IF_ERROR(sessions.Bind(1, user_id).Bind(2, reset.keep_session).Run());
    json::object changes{{"sessions_ended", json::object{{"after", c.Changes()}}}};
    if (reset.end_api_tokens) {
      BB_ASSIGN_OR_RETURN(Statement tokens, c.Prepare("DELETE FROM api_tokens WHERE user_id = ?"));
      BB_RETURN_IF_ERROR(tokens.Bind(1, user_id).Run());
      changes["api_tokens_ended"] = json::object{{"after", c.Changes()}};
    }
    return AppendAudit(c, context, "change_password", "user", user_id, changes);
  });
}

Status SqlStore::CreateEmailToken(const EmailToken& token, const WriteContext& context) {
  return WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(bool user, c.Exists("SELECT 1 FROM users WHERE id = ?", token.user_id));
    if (!user) return NotFoundError(fmt::format("no user has id '{}'", token.user_id));
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare(
        "INSERT INTO email_tokens (token_hash, user_id, purpose, email, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)"));
    BB_RETURN_IF_ERROR(stmt.Bind(1, token.token_hash)
                           .Bind(2, token.user_id)
                           .Bind(3, token.purpose)
                           .Bind(4, token.email)
                           .Bind(5, ToUnixMillis(token.created_at))
                           .Bind(6, ToUnixMillis(token.expires_at))
                           .Run());
    return AppendAudit(c, context, fmt::format("send_{}", token.purpose), "user", token.user_id, {});
  });
}

Result<std::optional<Timestamp>> SqlStore::LastEmailToken(std::string_view user_id, std::string_view purpose) {
  std::optional<Timestamp> last;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("SELECT MAX(created_at) FROM email_tokens WHERE user_id = ? AND "
                                                  "purpose = ?"));
    BB_RETURN_IF_ERROR(stmt.Bind(1, user_id).Bind(2, purpose).Step().status());
    if (!stmt.IsNull(0)) last = FromUnixMillis(stmt.Int(0));
    return Status::Ok();
  }));
  return last;
}

namespace {

// The user a token is for, marking the token used; kInvalidArgument unless
// it is unused, unexpired and for `purpose`, and its address is the user's.
Result<User> UseEmailToken(Connection& c, std::string_view token_hash, std::string_view purpose,
                           const WriteContext& context) {
  const Status bad = InvalidArgumentError("token", "this link is not valid any more (used, expired or mistyped); "
                                                   "ask for a new one");
  BB_ASSIGN_OR_RETURN(Statement find, c.Prepare("SELECT user_id, email, expires_at, used_at FROM email_tokens "
                                                "WHERE token_hash = ? AND purpose = ?"));
  BB_ASSIGN_OR_RETURN(bool found, find.Bind(1, token_hash).Bind(2, purpose).Step());
  if (!found || !find.IsNull(3) || FromUnixMillis(find.Int(2)) <= context.at) return bad;
  const std::string user_id(find.Text(0));
  const std::string email(find.Text(1));
  BB_ASSIGN_OR_RETURN(std::optional<User> user, SelectUser(c, "id", user_id));
  if (!user || user->email != email) return bad;
  BB_ASSIGN_OR_RETURN(Statement use, c.Prepare("UPDATE email_tokens SET used_at = ? WHERE token_hash = ?"));
  BB_RETURN_IF_ERROR(use.Bind(1, ToUnixMillis(context.at)).Bind(2, token_hash).Run());
  if (!user->email_verified_at) {
    BB_ASSIGN_OR_RETURN(Statement verify, c.Prepare("UPDATE users SET email_verified_at = ?, version = version + 1, "
                                                    "updated_at = ? WHERE id = ?"));
    BB_RETURN_IF_ERROR(verify.Bind(1, ToUnixMillis(context.at)).Bind(2, ToUnixMillis(context.at)).Bind(3, user_id).Run());
    BB_RETURN_IF_ERROR(AppendAudit(c, context, "verify_email", "user", user_id,
                                   json::object{{"email_verified_at", json::object{{"after", FormatTimestamp(context.at)}}}}));
    BB_RETURN_IF_ERROR(AppendChange(c, context, "user", user_id, "upsert", user->meta.version + 1));
    user->email_verified_at = context.at;
    user->meta.version += 1;
  }
  return std::move(*user);
}

}  // namespace

Result<User> SqlStore::VerifyEmail(std::string_view token_hash, const WriteContext& context) {
  User user;
  BB_RETURN_IF_ERROR(WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(user, UseEmailToken(c, token_hash, "verify_email", context));
    return Status::Ok();
  }));
  return user;
}

Result<User> SqlStore::ResetPassword(std::string_view token_hash, std::string password_hash,
                                        const WriteContext& context) {
  User user;
  BB_RETURN_IF_ERROR(WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(user, UseEmailToken(c, token_hash, "password_reset", context));
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("UPDATE users SET password_hash = ? WHERE id = ?"));
    BB_RETURN_IF_ERROR(stmt.Bind(1, password_hash).Bind(2, user.id).Run());
    BB_ASSIGN_OR_RETURN(Statement sessions, c.Prepare("DELETE FROM sessions WHERE user_id = ?"));
    BB_RETURN_IF_ERROR(sessions.Bind(1, user.id).Run());
    json::object changes{{"sessions_ended", json::object{{"after", c.Changes()}}}};
    BB_ASSIGN_OR_RETURN(Statement tokens, c.Prepare("DELETE FROM api_tokens WHERE user_id = ?"));
    BB_RETURN_IF_ERROR(tokens.Bind(1, user.id).Run());
    changes["api_tokens_ended"] = json::object{{"after", c.Changes()}};
    return AppendAudit(c, context, "reset_password", "user", user.id, changes);
  }));
  return user;
}

Status SqlStore::PutMembership(const Membership& m, const WriteContext& context) {
  return WriteTransaction(context, [&](Connection& c) { return WriteMembership(c, m, context); });
}

Status SqlStore::DeleteMembership(std::string_view user_id, std::string_view organization_id,
                                     const WriteContext& context) {
  return WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement current,
                        c.Prepare("SELECT role FROM memberships WHERE organization_id = ? AND user_id = ?"));
    BB_ASSIGN_OR_RETURN(bool found, current.Bind(1, organization_id).Bind(2, user_id).Step());
    if (!found) {
      return NotFoundError(fmt::format("user '{}' is not a member of organization '{}'", user_id, organization_id));
    }
    const json::object before{{"role", current.Text(0)}};
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("DELETE FROM memberships WHERE organization_id = ? AND user_id = ?"));
    BB_RETURN_IF_ERROR(stmt.Bind(1, organization_id).Bind(2, user_id).Run());
    const std::string id = fmt::format("{}/{}", organization_id, user_id);
    BB_RETURN_IF_ERROR(AppendAudit(c, context, "delete", "membership", id, FieldDiff(before, {})));
    return AppendChange(c, context, "membership", id, "delete", 0);
  });
}

Result<std::vector<Membership>> SqlStore::ListMembershipsOfUser(std::string_view user_id) {
  std::vector<Membership> result;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(result, SelectMemberships(c, "user_id", user_id));
    return Status::Ok();
  }));
  return result;
}

Result<std::vector<Membership>> SqlStore::ListMembersOfOrganization(std::string_view organization_id) {
  std::vector<Membership> result;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(result, SelectMemberships(c, "organization_id", organization_id));
    return Status::Ok();
  }));
  return result;
}

Status SqlStore::CreateSession(const Session& session, const WriteContext& context) {
  return WriteTransaction(context, [&](Connection& c) -> Status {
    // Expired sessions of the user are dropped as new ones start.
    BB_ASSIGN_OR_RETURN(Statement prune, c.Prepare("DELETE FROM sessions WHERE user_id = ? AND expires_at <= ?"));
    BB_RETURN_IF_ERROR(prune.Bind(1, session.user_id).Bind(2, ToUnixMillis(context.at)).Run());
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("INSERT INTO sessions (token_hash, user_id, created_at, expires_at, "
                                                  "id, user_agent) VALUES (?, ?, ?, ?, ?, ?)"));
    BB_RETURN_IF_ERROR(stmt.Bind(1, session.token_hash)
                           .Bind(2, session.user_id)
                           .Bind(3, ToUnixMillis(session.created_at))
                           .Bind(4, ToUnixMillis(session.expires_at))
                           .Bind(5, session.id)
                           .Bind(6, session.user_agent)
                           .Run());
    return AppendAudit(c, context, "sign_in", "user", session.user_id,
                       json::object{{"session_expires_at", json::object{{"after", FormatTimestamp(session.expires_at)}}}});
  });
}

Result<Session> SqlStore::FindSession(std::string_view token_hash, Timestamp now) {
  std::optional<Session> session;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare(fmt::format("SELECT {} FROM sessions WHERE token_hash = ? AND "
                                                              "expires_at > ?",
                                                              kSessionColumns)));
    BB_ASSIGN_OR_RETURN(bool found, stmt.Bind(1, token_hash).Bind(2, ToUnixMillis(now)).Step());
    if (found) session = DecodeSession(stmt);
    return Status::Ok();
  }));
  if (!session) return NotFoundError("the session does not exist or has expired");
  return std::move(*session);
}

Result<std::vector<Session>> SqlStore::ListSessions(std::string_view user_id, Timestamp now) {
  std::vector<Session> sessions;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare(fmt::format("SELECT {} FROM sessions WHERE user_id = ? AND "
                                                              "expires_at > ? ORDER BY created_at DESC, id",
                                                              kSessionColumns)));
    stmt.Bind(1, user_id).Bind(2, ToUnixMillis(now));
    while (true) {
      BB_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) return Status::Ok();
      sessions.push_back(DecodeSession(stmt));
    }
  }));
  return sessions;
}

Status SqlStore::DeleteSessionById(std::string_view user_id, std::string_view session_id,
                                      const WriteContext& context) {
  return WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("DELETE FROM sessions WHERE user_id = ? AND id = ?"));
    BB_RETURN_IF_ERROR(stmt.Bind(1, user_id).Bind(2, session_id).Run());
    if (c.Changes() == 0) return NotFoundError(fmt::format("you have no session with id '{}'", session_id));
    return AppendAudit(c, context, "end_session", "user", user_id,
                       json::object{{"session", json::object{{"before", session_id}}}});
  });
}

Status SqlStore::DeleteSession(std::string_view token_hash, const WriteContext& context) {
  return WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement find, c.Prepare("SELECT user_id FROM sessions WHERE token_hash = ?"));
    BB_ASSIGN_OR_RETURN(bool found, find.Bind(1, token_hash).Step());
    if (!found) return Status::Ok();  // signing out twice is not an error
    const std::string user_id(find.Text(0));
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("DELETE FROM sessions WHERE token_hash = ?"));
    BB_RETURN_IF_ERROR(stmt.Bind(1, token_hash).Run());
    return AppendAudit(c, context, "sign_out", "user", user_id, {});
  });
}

Status SqlStore::CreateApiToken(const ApiToken& token, const WriteContext& context) {
  return WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) "
                                                  "VALUES (?, ?, ?, ?, ?)"));
    BB_RETURN_IF_ERROR(stmt.Bind(1, token.id)
                           .Bind(2, token.user_id)
                           .Bind(3, token.name)
                           .Bind(4, token.token_hash)
                           .Bind(5, ToUnixMillis(token.created_at))
                           .Run());
    return AppendAudit(c, context, "create", "api_token", token.id,
                       json::object{{"user_id", json::object{{"after", token.user_id}}},
                                    {"name", json::object{{"after", token.name}}}});
  });
}

Result<ApiToken> SqlStore::FindApiToken(std::string_view token_hash) {
  std::optional<ApiToken> token;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("SELECT id, user_id, name, token_hash, created_at FROM api_tokens "
                                                  "WHERE token_hash = ?"));
    BB_ASSIGN_OR_RETURN(bool found, stmt.Bind(1, token_hash).Step());
    if (found) token = DecodeToken(stmt);
    return Status::Ok();
  }));
  if (!token) return NotFoundError("no such API token");
  return std::move(*token);
}

Result<std::vector<ApiToken>> SqlStore::ListApiTokens(std::string_view user_id) {
  std::vector<ApiToken> tokens;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("SELECT id, user_id, name, token_hash, created_at FROM api_tokens "
                                                  "WHERE user_id = ? ORDER BY created_at, id"));
    stmt.Bind(1, user_id);
    while (true) {
      BB_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) return Status::Ok();
      tokens.push_back(DecodeToken(stmt));
    }
  }));
  return tokens;
}

Status SqlStore::DeleteApiToken(std::string_view user_id, std::string_view token_id, const WriteContext& context) {
  return WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("DELETE FROM api_tokens WHERE id = ? AND user_id = ?"));
    BB_RETURN_IF_ERROR(stmt.Bind(1, token_id).Bind(2, user_id).Run());
    if (c.Changes() == 0) return NotFoundError(fmt::format("you have no API token with id '{}'", token_id));
    return AppendAudit(c, context, "delete", "api_token", token_id, {});
  });
}

Result<std::vector<AuditEntry>> SqlStore::ListAudit(std::string_view entity_type, std::string_view entity_id) {
  std::vector<AuditEntry> entries;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("SELECT seq, at, actor, action, entity_type, entity_id, changes "
                                                  "FROM audit_log WHERE entity_type = ? AND entity_id = ? ORDER BY seq"));
    stmt.Bind(1, entity_type).Bind(2, entity_id);
    while (true) {
      BB_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) return Status::Ok();
      AuditEntry e{stmt.Int(0), FromUnixMillis(stmt.Int(1)), std::string(stmt.Text(2)), std::string(stmt.Text(3)),
                   std::string(stmt.Text(4)), std::string(stmt.Text(5)), {}};
      boost::system::error_code ec;
      json::value changes = json::parse(stmt.Text(6), ec);
      if (!ec && changes.is_object()) e.changes = std::move(changes.get_object());
      entries.push_back(std::move(e));
    }
  }));
  return entries;
}

Result<std::vector<ChangeRecord>> SqlStore::ListChanges(std::int64_t after_seq, int limit) {
  std::vector<ChangeRecord> changes;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("SELECT seq, at, entity_type, entity_id, operation, version "
                                                  "FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?"));
    stmt.Bind(1, after_seq).Bind(2, std::int64_t{limit});
    while (true) {
      BB_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) return Status::Ok();
      changes.push_back(ChangeRecord{stmt.Int(0), FromUnixMillis(stmt.Int(1)), std::string(stmt.Text(2)),
                                     std::string(stmt.Text(3)), std::string(stmt.Text(4)), stmt.Int(5)});
    }
  }));
  return changes;
}

Result<std::int64_t> SqlStore::LatestChangeSeq() {
  std::int64_t seq = 0;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("SELECT COALESCE(MAX(seq), 0) FROM change_log"));
    BB_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (row) seq = stmt.Int(0);
    return Status::Ok();
  }));
  return seq;
}

// --- The sign-in throttle's state ------------------------------------------

Result<int> SqlStore::RecordSignInFailure(std::string_view key, Timestamp now, Timestamp forget_before) {
  int failures = 0;
  BB_RETURN_IF_ERROR(WriteTransaction([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement count,
                        c.Prepare("INSERT INTO sign_in_failures (key, failures, last_at) VALUES (?, 1, ?) "
                                  "ON CONFLICT (key) DO UPDATE SET "
                                  "failures = CASE WHEN sign_in_failures.last_at < ? THEN 1 "
                                  "ELSE sign_in_failures.failures + 1 END, last_at = excluded.last_at "
                                  "RETURNING failures"));
    BB_ASSIGN_OR_RETURN(bool row, count.Bind(1, key).Bind(2, ToUnixMillis(now)).Bind(3, ToUnixMillis(forget_before)).Step());
    if (!row) return InternalError("the failed sign-in was not counted");
    failures = static_cast<int>(count.Int(0));
    return Status::Ok();
  }));
  return failures;
}

Status SqlStore::LockSignIn(std::string_view key, Timestamp until) {
  return WriteTransaction([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement lock, c.Prepare("UPDATE sign_in_failures SET locked_until = ? WHERE key = ?"));
    return lock.Bind(1, ToUnixMillis(until)).Bind(2, key).Run();
  });
}

Result<Timestamp> SqlStore::SignInLockedUntil(const std::vector<std::string>& keys) {
  std::int64_t until = 0;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    for (const std::string& key : keys) {
      BB_ASSIGN_OR_RETURN(Statement one, c.Prepare("SELECT locked_until FROM sign_in_failures WHERE key = ?"));
      BB_ASSIGN_OR_RETURN(bool row, one.Bind(1, key).Step());
      if (row) until = std::max(until, one.Int(0));
    }
    return Status::Ok();
  }));
  return FromUnixMillis(until);
}

Status SqlStore::ClearSignInFailures(std::string_view key) {
  return WriteTransaction([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement clear, c.Prepare("DELETE FROM sign_in_failures WHERE key = ?"));
    return clear.Bind(1, key).Run();
  });
}

Result<int> SqlStore::PruneSignInFailures(Timestamp before) {
  int pruned = 0;
  BB_RETURN_IF_ERROR(WriteTransaction([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement prune,
                        c.Prepare("DELETE FROM sign_in_failures WHERE last_at < ? AND locked_until <= ?"));
    BB_RETURN_IF_ERROR(prune.Bind(1, ToUnixMillis(before)).Bind(2, ToUnixMillis(before)).Run());
    pruned = static_cast<int>(c.Changes());
    return Status::Ok();
  }));
  return pruned;
}

}  // namespace biobridge::storage::sql
