// AccountService: registration, signing in and out, API tokens, the members
// of organisations, and turning a credential into a Principal.
//
// Sessions are random 256-bit tokens handed to the browser in a cookie; API
// tokens are the same kind of secret for scripts, sent as a Bearer token.
// Both are stored only as hashes and shown once, when created.
//
// Errors (beyond service/context.h's): kUnauthenticated for a wrong e-mail
// or password, an ended session or a token that is not valid, the same
// words whichever it was; kTooManyRequests (with Retry-After) when sign-ins
// for an address or from a client are throttled, or a verification link was
// sent a moment ago; kFailedPrecondition for an address verified already or
// an admin taking their own platform role back; kNotFound for a session or
// token that is not the caller's; kAlreadyExists for a taken e-mail.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/account.h"
#include "domain/invitation.h"
#include "service/context.h"
#include "service/credentials.h"
#include "service/principal.h"
#include "service/sign_in_throttle.h"

namespace biobridge::service {

struct NewUser {
  std::string email;
  std::string password;
  std::string display_name;
  std::string preferred_language = "en";
  // Only a platform admin may grant these (CreateUser); Register ignores them.
  bool platform_admin = false;
  bool expert = false;
  bool event_organiser = false;
};

struct SignedIn {
  std::string token;  // the secret; give it to the client, never store it
  domain::User user;
  Timestamp expires_at;
  std::chrono::seconds lifetime;  // from now until expires_at
};

// Where a sign-in comes from: the client's address (for throttling) and
// what it calls itself (shown in the list of sessions).
struct SignInOrigin {
  std::string address;
  std::string user_agent;
};

// One of a user's sessions, as they see it in their list.
struct SessionInfo {
  std::string id;
  std::string user_agent;
  Timestamp created_at;
  Timestamp expires_at;
  bool current = false;  // the one this request came with
};

struct CreatedApiToken {
  std::string token;  // shown once
  domain::ApiToken record;
};

struct Member {
  domain::User user;
  domain::MembershipRole role;
};

// What PutMember did: changed the role of a member, or invited someone who
// is not one (whether or not the email has an account: the answer does not
// say).
struct MemberChange {
  std::optional<Member> member;
  std::optional<domain::Invitation> invitation;
};

class AccountService {
 public:
  struct Options {
    std::chrono::hours session_lifetime{24 * 14};
    PasswordHasher::Cost password_cost = PasswordHasher::Cost::kInteractive;
    SignInThrottle::Limits throttle;
  };

  AccountService(const ServiceContext& context, Options options);

  // Platform admins: the account with `email` (kNotFound without one), to
  // grant roles to.
  Result<domain::User> FindUser(const Principal& who, std::string_view email);
  // Platform admins grant or take back platform roles (platform admin,
  // expert, event organiser): body {"platform_admin", "expert",
  // "event_organiser" (each optional), "version"}. A platform admin cannot
  // take their own admin role back (another must).
  Result<domain::User> GrantRoles(const Principal& who, std::string_view user_id, const json::object& body);

  // The signed-in person changes their own display name, language and time
  // zone: body {"display_name", "preferred_language", "time_zone" (each
  // optional), "version"}.
  Result<domain::User> UpdateProfile(const Principal& who, const json::object& body);

  // Self-service sign-up of an ordinary user; a link to verify the address
  // is mailed to it.
  Result<domain::User> Register(const NewUser& user);

  // Links mailed to a person (single use; only their hash is kept):
  // verifying the address (valid for kVerifyLifetime; what depends on the
  // address — members-only details, invitations sent to it — waits for it)
  // and resetting a forgotten password (valid for kResetLifetime).
  static constexpr std::chrono::hours kVerifyLifetime{24 * 7};
  static constexpr std::chrono::hours kResetLifetime{1};
  static constexpr std::chrono::minutes kResendInterval{5};
  // Mails the signed-in person a new verification link; kTooManyRequests
  // within kResendInterval of the last one; kFailedPrecondition when verified.
  Status SendVerification(const Principal& who);
  Result<domain::User> VerifyEmail(std::string_view token);
  // Mails a reset link to the account with `email`, if there is one and none
  // was sent within kResendInterval: the answer is the same either way.
  Status RequestPasswordReset(std::string_view email);
  // kInvalidArgument ("token") for a link that is not valid; ends every
  // session and API token.
  Status ResetPassword(std::string_view token, std::string_view new_password);
  // A user with platform roles; platform admins only.
  Result<domain::User> CreateUser(const Principal& who, const NewUser& user);

  // kUnauthenticated with one message for an unknown email and a wrong
  // password alike, so that the answer does not reveal who has an account;
  // kTooManyRequests (with when to retry) after too many failures for the
  // email or from the address (SignInThrottle), without checking the password.
  Result<SignedIn> SignIn(std::string_view email, std::string_view password, const SignInOrigin& origin = {});
  Status SignOut(std::string_view session_token, const Principal& who);
  // kPermissionDenied (field "current_password") when the current one is
  // wrong. Ends every other session of the user (all but `keep_session`,
  // the token of the one asking, if any) and, with `end_api_tokens`, every
  // API token, in the same transaction.
  Status ChangePassword(const Principal& who, std::string_view current_password, std::string_view new_password,
                        std::string_view keep_session = "", bool end_api_tokens = false);
  // The user's sessions that have not expired, newest first; `current_session`
  // (a token) marks the one asking.
  Result<std::vector<SessionInfo>> ListSessions(const Principal& who, std::string_view current_session = "");
  // Ends one of the user's own sessions (kNotFound for any other id).
  Status EndSession(const Principal& who, std::string_view session_id);

  // The principal behind a session cookie or API token; kUnauthenticated for
  // one that is unknown or expired.
  Result<Principal> AuthenticateSession(std::string_view session_token);
  Result<Principal> AuthenticateApiToken(std::string_view api_token);

  Result<CreatedApiToken> CreateApiToken(const Principal& who, std::string_view name);
  Result<std::vector<domain::ApiToken>> ListApiTokens(const Principal& who);
  Status DeleteApiToken(const Principal& who, std::string_view token_id);

  // Members of an organisation: visible to its members and platform admins.
  Result<std::vector<Member>> ListMembers(const Principal& who, std::string_view organization_id);
  // Organisation admins: changes the role of the member with `email`, or
  // invites the person with `email` to join with `role` (an invitation they
  // accept: nobody is made a member without consenting). The console
  // (a system principal) adds an existing account at once.
  Result<MemberChange> PutMember(const Principal& who, std::string_view organization_id, std::string_view email,
                                 domain::MembershipRole role, std::string_view message = "");
  // Organisation admins, or the member leaving; never the last admin.
  Status RemoveMember(const Principal& who, std::string_view organization_id, std::string_view user_id);

  // On a database without users: creates a platform admin with `email` and
  // `password`, or a generated password when none is given. Returns the
  // password it generated (empty when one was given) or nullopt when users
  // already exist (another node starting on the same database may have just
  // made them).
  Result<std::optional<std::string>> EnsureFirstAdmin(std::string_view email,
                                                      std::optional<std::string> password);

 private:
  Result<domain::User> Create(const NewUser& user, const Principal& who);
  // A new single-use link for `purpose`, kept hashed, mailed in the same transaction.
  Status MailLink(const domain::User& user, std::string_view purpose, std::chrono::hours lifetime);
  Result<Principal> PrincipalFor(std::string_view user_id);
  storage::WriteContext Context(const Principal& who) const;

  ServiceContext context_;
  Options options_;
  PasswordHasher hasher_;
  SignInThrottle throttle_;
  // A hash verified against for unknown emails, so that their answer takes as
  // long as a wrong password's. Made on first use: hashing costs 64 MiB and a
  // tenth of a second that command-line tools should not pay.
  const std::string& DummyHash();
  std::once_flag dummy_once_;
  std::string dummy_hash_;
};

// Trims and lower-cases an email; kInvalidArgument (field "email") when it is
// not of the form local@domain.
Result<std::string> NormalizeEmail(std::string_view email);

}  // namespace biobridge::service
