#include "base/log.h"
#include "base/time_zone.h"
#include "service/notices.h"
#include "service/account_service.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/random.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "service/authorization.h"
#include "service/roles.h"
#include "service/invitation_service.h"
#include "service/request_body.h"
#include "storage/store.h"

namespace biobridge::service {

using domain::Membership;
using domain::MembershipRole;
using domain::User;

Result<std::string> NormalizeEmail(std::string_view email) {
  const std::string e = AsciiLower(Trim(email));
  const auto at = e.find('@');
  if (e.empty() || at == std::string::npos || at == 0 || at + 1 >= e.size() || e.find('@', at + 1) != std::string::npos ||
      e.find_first_of(" \t\r\n,;<>") != std::string::npos || e.size() > 254 ||
      e.find('.', at) == std::string::npos) {
    return InvalidArgumentError("email", "give an email address such as name@example.org");
  }
  return e;
}

AccountService::AccountService(const ServiceContext& context, Options options)
    : context_(context), options_(options), hasher_(options.password_cost), throttle_(context.store, options.throttle) {}

const std::string& AccountService::DummyHash() {
  std::call_once(dummy_once_, [this] {
    auto dummy = hasher_.Hash("not a real password, only for timing");
    if (dummy.ok()) dummy_hash_ = *dummy;
  });
  return dummy_hash_;
}

storage::WriteContext AccountService::Context(const Principal& who) const {
  return {who.actor(), context_.clock.Now()};
}

Result<User> AccountService::Create(const NewUser& input, const Principal& who) {
  User user;
  BB_ASSIGN_OR_RETURN(user.email, NormalizeEmail(input.email));
  BB_RETURN_IF_ERROR(CheckPasswordStrength(input.password));
  user.display_name = Trim(input.display_name);
  if (user.display_name.empty()) {
    user.display_name = user.email.substr(0, user.email.find('@'));
  }
  if (CountCodePoints(user.display_name) > 200) {
    return InvalidArgumentError("display_name", "use at most 200 characters");
  }
  user.preferred_language = input.preferred_language.empty() ? "en" : input.preferred_language;
  // A platform admin who makes an account vouches for its address.
  if (who.platform_admin()) user.email_verified_at = context_.clock.Now();
  if (!context_.taxonomies.languages().Contains(user.preferred_language)) {
    return InvalidArgumentError("preferred_language",
                                fmt::format("'{}' is not an ISO 639-1 language code such as en, zh or ru",
                                            user.preferred_language));
  }
  user.platform_admin = input.platform_admin;
  user.expert = input.expert;
  user.event_organiser = input.event_organiser;
  user.id = NewId(context_.random, "usr_");
  BB_ASSIGN_OR_RETURN(std::string hash, hasher_.Hash(input.password));
  return context_.store.CreateUser(std::move(user), std::move(hash), Context(who));
}

Result<User> AccountService::Register(const NewUser& user) {
  NewUser ordinary = user;
  ordinary.platform_admin = ordinary.expert = ordinary.event_organiser = false;
  BB_ASSIGN_OR_RETURN(User created, Create(ordinary, Principal::Anonymous()));
  // The account exists either way; a link that failed to be queued is sent
  // again from the account page.
  if (Status mailed = MailLink(created, "verify_email", kVerifyLifetime); !mailed.ok()) {
    spdlog::warn("no verification link for {}: {}", created.id, mailed.ToString());
  }
  return created;
}

Status AccountService::MailLink(const User& user, std::string_view purpose, std::chrono::hours lifetime) {
  const std::string token = NewSecretToken(context_.random);
  const Timestamp now = context_.clock.Now();
  storage::WriteContext write{fmt::format("system:{}", purpose), now};
  write.mails.push_back({user.id, user.email, std::string(purpose), user.preferred_language,
                         json::object{{"token", token}}});
  return context_.store.CreateEmailToken(
      {HashToken(token), user.id, std::string(purpose), user.email, now,
       now + std::chrono::duration_cast<std::chrono::milliseconds>(lifetime)},
      write);
}

Status AccountService::SendVerification(const Principal& who) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "verify your address"));
  if (!who.user()) return InvalidArgumentError("", "only people have addresses to verify");
  BB_ASSIGN_OR_RETURN(User user, context_.store.GetUser(who.user()->id));
  if (user.email_verified_at) return FailedPreconditionError("your address is verified already");
  BB_ASSIGN_OR_RETURN(std::optional<Timestamp> last, context_.store.LastEmailToken(user.id, "verify_email"));
  const Timestamp now = context_.clock.Now();
  if (last && now - *last < kResendInterval) {
    const auto wait = std::chrono::duration_cast<std::chrono::seconds>(*last + kResendInterval - now);
    return TooManyRequestsError("a link was sent a moment ago: look for it, or ask again in a few minutes",
                                static_cast<int>(std::max<std::int64_t>(1, wait.count())));
  }
  return MailLink(user, "verify_email", kVerifyLifetime);
}

Result<User> AccountService::VerifyEmail(std::string_view token) {
  if (token.empty() || token.size() > 200) {
    return InvalidArgumentError("token", "this link is not valid any more (used, expired or mistyped); ask for a new one");
  }
  return context_.store.VerifyEmail(HashToken(token), {"system:verify_email", context_.clock.Now()});
}

Status AccountService::RequestPasswordReset(std::string_view email) {
  BB_ASSIGN_OR_RETURN(std::string normalized, NormalizeEmail(email));
  Result<User> user = context_.store.FindUserByEmail(normalized);
  if (!user.ok()) return user.status().code() == StatusCode::kNotFound ? Status::Ok() : user.status();
  BB_ASSIGN_OR_RETURN(std::optional<Timestamp> last, context_.store.LastEmailToken(user->id, "password_reset"));
  if (last && context_.clock.Now() - *last < kResendInterval) return Status::Ok();
  return MailLink(*user, "password_reset", kResetLifetime);
}

Status AccountService::ResetPassword(std::string_view token, std::string_view new_password) {
  if (token.empty() || token.size() > 200) {
    return InvalidArgumentError("token", "this link is not valid any more (used, expired or mistyped); ask for a new one");
  }
  Status strong = CheckPasswordStrength(new_password);
  if (!strong.ok()) return InvalidArgumentError("new_password", strong.message());
  BB_ASSIGN_OR_RETURN(std::string hash, hasher_.Hash(new_password));
  storage::WriteContext write{"system:password_reset", context_.clock.Now()};
  // The person is told by mail, whoever used the link.
  Result<User> user = context_.store.ResetPassword(HashToken(token), std::move(hash), write);
  if (!user.ok()) return user.status();
  storage::WriteContext notice{"system:password_reset", context_.clock.Now()};
  notice.notices.push_back(notices::ToUser(
      notices::Make("security", "user", user->id, "/account", {{"what", "password_reset"}}), user->id, ""));
  return context_.store.WriteNotices(notice);
}

Result<User> AccountService::CreateUser(const Principal& who, const NewUser& user) {
  BB_RETURN_IF_ERROR(RequirePlatformAdmin(who, "create users with platform roles"));
  return Create(user, who);
}

Result<User> AccountService::UpdateProfile(const Principal& who, const json::object& body) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "change your profile"));
  if (!who.user()) return InvalidArgumentError("", "only people have profiles");
  BB_RETURN_IF_ERROR(UnknownFields(body, {"display_name", "preferred_language", "time_zone", "version"}));
  BB_ASSIGN_OR_RETURN(std::int64_t version, RequiredVersion(body));
  BB_ASSIGN_OR_RETURN(User user, context_.store.GetUser(who.user()->id));
  if (body.contains("display_name")) {
    BB_ASSIGN_OR_RETURN(user.display_name, Text(body, "display_name", true, 200));
  }
  if (body.contains("preferred_language")) {
    BB_ASSIGN_OR_RETURN(user.preferred_language, Text(body, "preferred_language", true, 8));
    if (!context_.taxonomies.languages().Contains(user.preferred_language)) {
      return InvalidArgumentError("preferred_language", "an ISO 639-1 language code such as en, zh or ru");
    }
  }
  if (body.contains("time_zone")) {
    BB_ASSIGN_OR_RETURN(user.time_zone, Text(body, "time_zone", true, 64));
    if (Result<TimeZone> zone = TimeZone::Find(user.time_zone); !zone.ok()) {
      return InvalidArgumentError("time_zone", fmt::format("'{}' is not an IANA time zone such as Asia/Shanghai or "
                                                           "Europe/Moscow", user.time_zone));
    }
  }
  return context_.store.UpdateUserProfile(std::move(user), version, Context(who));
}

Result<User> AccountService::FindUser(const Principal& who, std::string_view email) {
  BB_RETURN_IF_ERROR(RequirePlatformAdmin(who, "look accounts up"));
  BB_ASSIGN_OR_RETURN(std::string normalized, NormalizeEmail(email));
  return context_.store.FindUserByEmail(normalized);
}

Result<User> AccountService::GrantRoles(const Principal& who, std::string_view user_id, const json::object& body) {
  BB_RETURN_IF_ERROR(RequirePlatformAdmin(who, "grant platform roles"));
  BB_RETURN_IF_ERROR(UnknownFields(body, {"platform_admin", "expert", "event_organiser", "version"}));
  BB_ASSIGN_OR_RETURN(std::int64_t version, RequiredVersion(body));
  BB_ASSIGN_OR_RETURN(User user, context_.store.GetUser(user_id));
  for (auto [key, role] : {std::pair{"platform_admin", &user.platform_admin}, std::pair{"expert", &user.expert},
                           std::pair{"event_organiser", &user.event_organiser}}) {
    if (body.contains(key)) {
      BB_ASSIGN_OR_RETURN(*role, Flag(body, key));
    }
  }
  if (who.user() && who.user()->id == user.id && !user.platform_admin) {
    return FailedPreconditionError("you cannot take your own platform admin role back; ask another platform admin");
  }
  return context_.store.UpdateUserRoles(std::move(user), version, Context(who));
}

Result<SignedIn> AccountService::SignIn(std::string_view email, std::string_view password, const SignInOrigin& origin) {
  const Status wrong = UnauthenticatedError("the email or the password is wrong");
  auto normalized = NormalizeEmail(email);
  // The throttle counts the email as typed (normalised), whether or not it
  // has an account: its answers must not tell.
  const std::string account = normalized.ok() ? *normalized : AsciiLower(Trim(email)).substr(0, 254);
  BB_RETURN_IF_ERROR(throttle_.Check(account, origin.address, context_.clock.Now()));
  auto user = normalized.ok() ? context_.store.FindUserByEmail(*normalized) : Result<User>(normalized.status());
  if (!user.ok()) {
    if (user.status().code() != StatusCode::kNotFound && user.status().code() != StatusCode::kInvalidArgument) {
      return user.status();
    }
    (void)hasher_.Verify(DummyHash(), password);
    BB_RETURN_IF_ERROR(throttle_.Failed(account, origin.address, context_.clock.Now()));
    return wrong;
  }
  BB_ASSIGN_OR_RETURN(std::string hash, context_.store.GetPasswordHash(user->id));
  if (!hasher_.Verify(hash, password)) {
    BB_RETURN_IF_ERROR(throttle_.Failed(account, origin.address, context_.clock.Now()));
    return wrong;
  }
  BB_RETURN_IF_ERROR(throttle_.Succeeded(account));

  const Timestamp now = context_.clock.Now();
  SignedIn result{NewSecretToken(context_.random), std::move(user).value(),
                  now + std::chrono::duration_cast<std::chrono::milliseconds>(options_.session_lifetime),
                  std::chrono::duration_cast<std::chrono::seconds>(options_.session_lifetime)};
  storage::Session session{HashToken(result.token), result.user.id, now, result.expires_at,
                           NewId(context_.random, "ses_"), std::string(TruncateUtf8(origin.user_agent, 200))};
  BB_RETURN_IF_ERROR(context_.store.CreateSession(session, {result.user.id, now}));
  return result;
}

Status AccountService::SignOut(std::string_view session_token, const Principal& who) {
  return context_.store.DeleteSession(HashToken(session_token), Context(who));
}

Status AccountService::ChangePassword(const Principal& who, std::string_view current_password,
                                      std::string_view new_password, std::string_view keep_session,
                                      bool end_api_tokens) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "change your password"));
  if (!who.user()) return InvalidArgumentError("", "only users have passwords");
  // Guessing the current password from a borrowed session is throttled like signing in.
  const std::string& email = who.user()->email;
  BB_RETURN_IF_ERROR(throttle_.Check(email, "", context_.clock.Now()));
  BB_ASSIGN_OR_RETURN(std::string hash, context_.store.GetPasswordHash(who.user()->id));
  if (!hasher_.Verify(hash, current_password)) {
    BB_RETURN_IF_ERROR(throttle_.Failed(email, "", context_.clock.Now()));
    return Status(StatusCode::kPermissionDenied, "the current password is wrong", "current_password");
  }
  Status strong = CheckPasswordStrength(new_password);
  if (!strong.ok()) return InvalidArgumentError("new_password", strong.message());
  BB_ASSIGN_OR_RETURN(std::string new_hash, hasher_.Hash(new_password));
  const storage::CredentialReset reset{keep_session.empty() ? std::string() : HashToken(keep_session), end_api_tokens};
  storage::WriteContext write = Context(who);
  // Told by mail too: a change the person did not make is how a takeover shows.
  write.notices.push_back(notices::ToUser(
      notices::Make("security", "user", who.user()->id, "/account", {{"what", "password_changed"}}), who.user()->id, ""));
  return context_.store.UpdatePasswordHash(who.user()->id, std::move(new_hash), reset, write);
}

Result<std::vector<SessionInfo>> AccountService::ListSessions(const Principal& who, std::string_view current_session) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "see your sessions"));
  if (!who.user()) return std::vector<SessionInfo>();
  BB_ASSIGN_OR_RETURN(std::vector<storage::Session> sessions,
                      context_.store.ListSessions(who.user()->id, context_.clock.Now()));
  const std::string current = current_session.empty() ? std::string() : HashToken(current_session);
  std::vector<SessionInfo> out;
  for (const storage::Session& s : sessions) {
    out.push_back({s.id, s.user_agent, s.created_at, s.expires_at, !current.empty() && s.token_hash == current});
  }
  return out;
}

Status AccountService::EndSession(const Principal& who, std::string_view session_id) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "end sessions"));
  if (!who.user()) return NotFoundError(fmt::format("you have no session with id '{}'", session_id));
  return context_.store.DeleteSessionById(who.user()->id, session_id, Context(who));
}

Result<Principal> AccountService::PrincipalFor(std::string_view user_id) {
  return LoadPrincipal(context_.store, user_id);
}

Result<Principal> AccountService::AuthenticateSession(std::string_view session_token) {
  auto session = context_.store.FindSession(HashToken(session_token), context_.clock.Now());
  if (!session.ok()) {
    if (session.status().code() == StatusCode::kNotFound) {
      return UnauthenticatedError("your session has expired or was ended; sign in again");
    }
    return session.status();
  }
  return PrincipalFor(session->user_id);
}

Result<Principal> AccountService::AuthenticateApiToken(std::string_view api_token) {
  auto token = context_.store.FindApiToken(HashToken(api_token));
  if (!token.ok()) {
    if (token.status().code() == StatusCode::kNotFound) {
      return UnauthenticatedError("the API token is not valid; create a new one");
    }
    return token.status();
  }
  return PrincipalFor(token->user_id);
}

Result<CreatedApiToken> AccountService::CreateApiToken(const Principal& who, std::string_view name) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "create API tokens"));
  if (!who.user()) return InvalidArgumentError("", "API tokens belong to users");
  const std::string trimmed = Trim(name);
  if (trimmed.empty()) return InvalidArgumentError("name", "name the token after what will use it, e.g. \"CI\"");
  if (CountCodePoints(trimmed) > 100) return InvalidArgumentError("name", "use at most 100 characters");
  CreatedApiToken created{NewSecretToken(context_.random),
                          {NewId(context_.random, "tok_"), who.user()->id, trimmed, "", context_.clock.Now()}};
  created.record.token_hash = HashToken(created.token);
  BB_RETURN_IF_ERROR(context_.store.CreateApiToken(created.record, Context(who)));
  return created;
}

Result<std::vector<storage::ApiToken>> AccountService::ListApiTokens(const Principal& who) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "list your API tokens"));
  if (!who.user()) return std::vector<storage::ApiToken>();
  return context_.store.ListApiTokens(who.user()->id);
}

Status AccountService::DeleteApiToken(const Principal& who, std::string_view token_id) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "delete API tokens"));
  if (!who.user()) return NotFoundError("no such API token");
  return context_.store.DeleteApiToken(who.user()->id, token_id, Context(who));
}

namespace {

std::size_t CountAdmins(const std::vector<Membership>& members) {
  return std::count_if(members.begin(), members.end(),
                       [](const Membership& m) { return m.role == MembershipRole::kAdmin; });
}

}  // namespace

Result<std::vector<Member>> AccountService::ListMembers(const Principal& who, std::string_view organization_id) {
  BB_RETURN_IF_ERROR(context_.store.GetOrganization(organization_id).status());
  BB_RETURN_IF_ERROR(RequireMember(who, organization_id, "see its members"));
  BB_ASSIGN_OR_RETURN(std::vector<Membership> memberships, context_.store.ListMembersOfOrganization(organization_id));
  std::vector<Member> members;
  for (const Membership& m : memberships) {
    BB_ASSIGN_OR_RETURN(User user, context_.store.GetUser(m.user_id));
    members.push_back({std::move(user), m.role});
  }
  return members;
}

Result<MemberChange> AccountService::PutMember(const Principal& who, std::string_view organization_id,
                                               std::string_view email, MembershipRole role, std::string_view message) {
  BB_RETURN_IF_ERROR(context_.store.GetOrganization(organization_id).status());
  BB_RETURN_IF_ERROR(RequireOrganizationAdminInPerson(who, organization_id, "invite its members or change their roles"));
  BB_ASSIGN_OR_RETURN(std::string normalized, NormalizeEmail(email));
  BB_ASSIGN_OR_RETURN(auto members, context_.store.ListMembersOfOrganization(organization_id));
  auto user = context_.store.FindUserByEmail(normalized);
  if (!user.ok() && user.status().code() != StatusCode::kNotFound) return user.status();
  const auto member = !user.ok() ? members.end() : std::find_if(members.begin(), members.end(), [&](const Membership& m) {
    return m.user_id == user->id;
  });
  if (member == members.end() && !who.is_system()) {
    // Not a member: an invitation, whether or not the email has an account.
    domain::Invitation invitation;
    invitation.kind = "membership";
    invitation.target = std::string(organization_id);
    invitation.invitee_email = normalized;
    invitation.inviter_organization = std::string(organization_id);
    invitation.role = std::string(domain::MembershipRoleName(role));
    invitation.message = Trim(message);
    BB_ASSIGN_OR_RETURN(domain::Invitation sent, SendInvitation(context_, who, std::move(invitation)));
    return MemberChange{std::nullopt, std::move(sent)};
  }
  if (!user.ok()) return InvalidArgumentError("email", "no account has this email; ask the person to register first");
  if (member != members.end() && member->role == MembershipRole::kAdmin && role == MembershipRole::kMember &&
      CountAdmins(members) == 1) {
    // Demoting the last admin would leave the organisation unmanaged.
    return FailedPreconditionError("this is the organisation's only admin; make someone else admin first");
  }
  BB_RETURN_IF_ERROR(
      context_.store.PutMembership({user->id, std::string(organization_id), role}, Context(who)));
  return MemberChange{Member{std::move(user).value(), role}, std::nullopt};
}

Status AccountService::RemoveMember(const Principal& who, std::string_view organization_id,
                                    std::string_view user_id) {
  BB_RETURN_IF_ERROR(context_.store.GetOrganization(organization_id).status());
  const bool leaving = who.user() && who.user()->id == user_id;
  if (!leaving) BB_RETURN_IF_ERROR(RequireOrganizationAdmin(who, organization_id, "remove its members"));
  BB_ASSIGN_OR_RETURN(auto members, context_.store.ListMembersOfOrganization(organization_id));
  auto it = std::find_if(members.begin(), members.end(), [&](const Membership& m) { return m.user_id == user_id; });
  if (it == members.end()) {
    return NotFoundError(fmt::format("user '{}' is not a member of organization '{}'", user_id, organization_id));
  }
  if (it->role == MembershipRole::kAdmin && CountAdmins(members) == 1) {
    return FailedPreconditionError("this is the organisation's only admin; make someone else admin first");
  }
  return context_.store.DeleteMembership(user_id, organization_id, Context(who));
}

Result<std::optional<std::string>> AccountService::EnsureFirstAdmin(std::string_view email,
                                                                    std::optional<std::string> password) {
  BB_ASSIGN_OR_RETURN(std::int64_t users, context_.store.CountUsers());
  if (users > 0) return std::optional<std::string>();
  std::string generated;
  if (!password) {
    generated = NewSecretToken(context_.random).substr(0, 20);
    password = generated;
  }
  NewUser admin{std::string(email), *password, "Platform admin", "en", true, false, false};
  const Status created = Create(admin, Principal::System("bootstrap")).status();
  // Another node starting on the same database made it a moment ago.
  if (created.code() == StatusCode::kAlreadyExists) return std::optional<std::string>();
  BB_RETURN_IF_ERROR(created);
  return std::optional<std::string>(generated);
}

}  // namespace biobridge::service
