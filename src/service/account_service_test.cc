#include "service/account_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/service_env.h"
#include "storage/store.h"

namespace biobridge::service {
namespace {

using domain::MembershipRole;
using testing::ServiceEnv;

TEST(AccountServiceTest, RegistersWithANormalisedEmail) {
  ServiceEnv env;
  auto user = env.accounts.Register({"  Li.Wei@Example.ORG ", ServiceEnv::kPassword, "Li Wei", "zh"});
  ASSERT_TRUE(user.ok()) << user.status().ToString();
  EXPECT_EQ(user->email, "li.wei@example.org");
  EXPECT_EQ(user->preferred_language, "zh");
  EXPECT_FALSE(user->platform_admin);
  auto again = env.accounts.Register({"li.wei@example.org", ServiceEnv::kPassword, "Other"});
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(again.status().field(), "email");
}

TEST(AccountServiceTest, RefusesBadRegistrations) {
  ServiceEnv env;
  EXPECT_EQ(env.accounts.Register({"not-an-email", ServiceEnv::kPassword}).status().field(), "email");
  EXPECT_EQ(env.accounts.Register({"a@b.org", "short"}).status().field(), "password");
  EXPECT_EQ(env.accounts.Register({"a@b.org", ServiceEnv::kPassword, "A", "xx"}).status().field(),
            "preferred_language");
  // Self-registration cannot grant platform roles.
  NewUser sneaky{"c@d.org", ServiceEnv::kPassword, "C"};
  sneaky.platform_admin = true;
  EXPECT_FALSE(env.accounts.Register(sneaky)->platform_admin);
  EXPECT_EQ(env.accounts.CreateUser(Principal::Anonymous(), sneaky).status().code(), StatusCode::kUnauthenticated);
}

// Two processes serving one database (as behind a load balancer) count the
// same failed sign-ins and honour the same lock: a guesser gains nothing by
// spreading guesses over the nodes.
TEST(AccountServiceTest, TheSignInThrottleHoldsAcrossNodes) {
  ServiceEnv env;
  env.User("alice@example.org");
  AccountService other_node(env.context, {.password_cost = PasswordHasher::Cost::kMinimum});
  for (int i = 0; i < 5; ++i) {  // the free failures, alternating between the nodes
    AccountService& node = i % 2 == 0 ? env.accounts : other_node;
    EXPECT_EQ(node.SignIn("alice@example.org", "wrong password!").status().code(), StatusCode::kUnauthenticated);
  }
  EXPECT_EQ(other_node.SignIn("alice@example.org", "wrong password!").status().code(), StatusCode::kUnauthenticated)
      << "the sixth: counted, and the account locked";
  Result<SignedIn> locked = env.accounts.SignIn("alice@example.org", ServiceEnv::kPassword);
  EXPECT_EQ(locked.status().code(), StatusCode::kTooManyRequests) << "the other node honours the lock, right password or not";
  env.clock.Advance(std::chrono::seconds(2));
  EXPECT_TRUE(other_node.SignIn("alice@example.org", ServiceEnv::kPassword).ok());
}

TEST(AccountServiceTest, SignInGivesASessionThatAuthenticatesUntilItExpires) {
  ServiceEnv env;
  env.Organization("org-1");
  Principal alice = env.User("alice@example.org", {{"org-1", MembershipRole::kMember}});

  auto wrong = env.accounts.SignIn("alice@example.org", "wrong password!");
  auto nobody = env.accounts.SignIn("nobody@example.org", ServiceEnv::kPassword);
  EXPECT_EQ(wrong.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(wrong.status().message(), nobody.status().message());  // reveals nothing

  auto session = env.accounts.SignIn("ALICE@example.org", ServiceEnv::kPassword);
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  EXPECT_EQ(session->token.size(), 43u);
  auto who = env.accounts.AuthenticateSession(session->token);
  ASSERT_TRUE(who.ok());
  EXPECT_EQ(who->user()->email, "alice@example.org");
  EXPECT_TRUE(who->MemberOf("org-1"));
  // The database holds only a hash of the token.
  EXPECT_EQ(env.store().FindSession(session->token, env.clock.Now()).status().code(), StatusCode::kNotFound);

  env.clock.Advance(std::chrono::hours(24 * 15));
  EXPECT_EQ(env.accounts.AuthenticateSession(session->token).status().code(), StatusCode::kUnauthenticated);
}

TEST(AccountServiceTest, SignOutEndsTheSession) {
  ServiceEnv env;
  Principal alice = env.User("alice@example.org");
  auto session = env.accounts.SignIn("alice@example.org", ServiceEnv::kPassword);
  ASSERT_TRUE(env.accounts.SignOut(session->token, alice).ok());
  EXPECT_EQ(env.accounts.AuthenticateSession(session->token).status().code(), StatusCode::kUnauthenticated);
}

TEST(AccountServiceTest, PasswordsChangeOnlyWithTheCurrentOne) {
  ServiceEnv env;
  Principal alice = env.User("alice@example.org");
  EXPECT_EQ(env.accounts.ChangePassword(alice, "wrong one here", "brand new password").field(), "current_password");
  EXPECT_EQ(env.accounts.ChangePassword(alice, ServiceEnv::kPassword, "short").field(), "new_password");
  ASSERT_TRUE(env.accounts.ChangePassword(alice, ServiceEnv::kPassword, "brand new password").ok());
  EXPECT_FALSE(env.accounts.SignIn("alice@example.org", ServiceEnv::kPassword).ok());
  EXPECT_TRUE(env.accounts.SignIn("alice@example.org", "brand new password").ok());
}

TEST(AccountServiceTest, ApiTokensAuthenticateUntilDeleted) {
  ServiceEnv env;
  Principal alice = env.User("alice@example.org");
  EXPECT_EQ(env.accounts.CreateApiToken(alice, " ").status().field(), "name");
  auto token = env.accounts.CreateApiToken(alice, "CI pipeline");
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(env.accounts.AuthenticateApiToken(token->token)->user()->email, "alice@example.org");
  EXPECT_EQ(env.accounts.AuthenticateApiToken("made-up").status().code(), StatusCode::kUnauthenticated);
  auto listed = env.accounts.ListApiTokens(alice);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->at(0).name, "CI pipeline");

  Principal bob = env.User("bob@example.org");
  EXPECT_EQ(env.accounts.DeleteApiToken(bob, token->record.id).code(), StatusCode::kNotFound);
  ASSERT_TRUE(env.accounts.DeleteApiToken(alice, token->record.id).ok());
  EXPECT_EQ(env.accounts.AuthenticateApiToken(token->token).status().code(), StatusCode::kUnauthenticated);
}

TEST(AccountServiceTest, TheFirstAdminIsCreatedOnceWithAGeneratedPassword) {
  ServiceEnv env;
  auto generated = env.accounts.EnsureFirstAdmin("admin@biobridge.local", std::nullopt);
  ASSERT_TRUE(generated.ok());
  ASSERT_TRUE(generated->has_value());
  EXPECT_GE((*generated)->size(), 20u);
  auto session = env.accounts.SignIn("admin@biobridge.local", **generated);
  ASSERT_TRUE(session.ok());
  EXPECT_TRUE(session->user.platform_admin);
  // Users exist now: nothing happens, nothing is printed.
  auto again = env.accounts.EnsureFirstAdmin("admin@biobridge.local", std::nullopt);
  EXPECT_FALSE(again->has_value());
}

TEST(AccountServiceTest, TheFirstAdminCanHaveAGivenPassword) {
  ServiceEnv env;
  auto given = env.accounts.EnsureFirstAdmin("root@example.org", "a long given password");
  ASSERT_TRUE(given.ok());
  EXPECT_EQ(**given, "");
  EXPECT_TRUE(env.accounts.SignIn("root@example.org", "a long given password").ok());
}

TEST(AccountServiceTest, OrganisationAdminsManageMembers) {
  ServiceEnv env;
  env.Organization("org-1");
  Principal admin = env.User("admin@org1.example", {{"org-1", MembershipRole::kAdmin}});
  Principal member = env.User("member@org1.example", {{"org-1", MembershipRole::kMember}});
  Principal outsider = env.User("outsider@else.example");
  env.User("new@org1.example");

  EXPECT_EQ(env.accounts.ListMembers(outsider, "org-1").status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(env.accounts.PutMember(member, "org-1", "new@org1.example", MembershipRole::kMember).status().code(),
            StatusCode::kPermissionDenied);
  // Adding someone is an invitation they accept (test below); a member's role changes at once.
  auto invited = env.accounts.PutMember(admin, "org-1", "NEW@org1.example", MembershipRole::kMember);
  ASSERT_TRUE(invited.ok()) << invited.status().ToString();
  ASSERT_TRUE(invited->invitation.has_value());
  EXPECT_EQ(env.accounts.ListMembers(member, "org-1")->size(), 2u);
  auto promoted = env.accounts.PutMember(admin, "org-1", "member@org1.example", MembershipRole::kAdmin);
  ASSERT_TRUE(promoted.ok() && promoted->member.has_value());
  EXPECT_EQ(promoted->member->role, MembershipRole::kAdmin);
  ASSERT_TRUE(env.accounts.PutMember(admin, "org-1", "member@org1.example", MembershipRole::kMember).ok());
  EXPECT_EQ(env.accounts.PutMember(admin, "org-1", "not an email", MembershipRole::kMember).status().field(), "email");
  EXPECT_EQ(env.accounts.ListMembers(admin, "org-404").status().code(), StatusCode::kNotFound);

  // The last admin can neither leave nor be demoted.
  EXPECT_EQ(env.accounts.RemoveMember(admin, "org-1", admin.user()->id).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(env.accounts.PutMember(admin, "org-1", "admin@org1.example", MembershipRole::kMember).status().code(),
            StatusCode::kFailedPrecondition);
  // A member may leave on their own; others need an admin.
  EXPECT_EQ(env.accounts.RemoveMember(outsider, "org-1", member.user()->id).code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(env.accounts.RemoveMember(member, "org-1", member.user()->id).ok());
  EXPECT_EQ(env.accounts.ListMembers(admin, "org-1")->size(), 1u);
}

// Regression (issue 15, finding 5): an organisation's admin added any account
// by email, learnt its id and name, and changed what that person could see
// (an applicant made his project's reviewer a member of his organisation).
// Now joining is an invitation the person accepts, and the answer is the same
// whether or not the email has an account.
TEST(AccountServiceTest, NobodyBecomesAMemberWithoutAcceptingAnInvitation) {
  ServiceEnv env;
  env.Organization("org-1");
  Principal admin = env.User("admin@org1.example", {{"org-1", MembershipRole::kAdmin}});
  Principal lena = env.User("lena@else.example");
  auto to_lena = env.accounts.PutMember(admin, "org-1", "lena@else.example", MembershipRole::kMember, "Join us");
  auto to_ghost = env.accounts.PutMember(admin, "org-1", "ghost@nowhere.example", MembershipRole::kMember);
  ASSERT_TRUE(to_lena.ok() && to_ghost.ok());
  ASSERT_TRUE(to_lena->invitation && to_ghost->invitation);
  EXPECT_FALSE(to_lena->member.has_value()) << "no user id or name in the answer";
  EXPECT_EQ(to_lena->invitation->invitee_user, to_ghost->invitation->invitee_user) << "neither names an account";
  EXPECT_EQ(env.accounts.ListMembers(admin, "org-1")->size(), 1u);
  EXPECT_FALSE(env.Refresh(lena).MemberOf("org-1"));

  // Only Lena answers it: not the admin, not another account.
  const json::object version = json::parse(R"({"version":1})").as_object();
  Principal other = env.User("other@else.example");
  EXPECT_EQ(env.invitations.Accept(other, to_lena->invitation->id, version).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(env.invitations.Accept(admin, to_lena->invitation->id, version).status().code(), StatusCode::kPermissionDenied);
  Result<std::vector<InvitationView>> mine = env.invitations.Mine(lena);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->front().target_name, "Organisation org-1");
  EXPECT_EQ(mine->front().invitation.message, "Join us");
  // Declining leaves her out; a new invitation may follow and be accepted.
  ASSERT_TRUE(env.invitations.Decline(lena, to_lena->invitation->id, version).ok());
  EXPECT_FALSE(env.Refresh(lena).MemberOf("org-1"));
  auto again = env.accounts.PutMember(admin, "org-1", "lena@else.example", MembershipRole::kMember);
  ASSERT_TRUE(again.ok() && again->invitation);
  ASSERT_TRUE(env.invitations.Accept(lena, again->invitation->id, version).ok());
  EXPECT_TRUE(env.Refresh(lena).MemberOf("org-1"));
  // Accepted once: not again.
  EXPECT_EQ(env.invitations.Accept(lena, again->invitation->id, json::parse(R"({"version":2})").as_object()).status().code(),
            StatusCode::kFailedPrecondition);

  // The invitation to an email without an account waits for it, and expires.
  Principal ghost = env.User("ghost@nowhere.example");
  ASSERT_EQ(env.invitations.Mine(ghost)->size(), 1u);
  env.clock.Advance(std::chrono::duration_cast<std::chrono::milliseconds>(service::kInvitationLifetime));
  EXPECT_TRUE(env.invitations.Mine(ghost)->empty());
  EXPECT_THAT(env.invitations.Accept(ghost, to_ghost->invitation->id, version).status().message(),
              ::testing::HasSubstr("expired"));
  EXPECT_FALSE(env.Refresh(ghost).MemberOf("org-1"));
  // The admin can withdraw one, and the invitee no longer sees it.
  auto later = env.accounts.PutMember(admin, "org-1", "other@else.example", MembershipRole::kMember);
  ASSERT_TRUE(later.ok() && later->invitation);
  ASSERT_TRUE(env.invitations.Withdraw(admin, later->invitation->id, version).ok());
  EXPECT_TRUE(env.invitations.Mine(other)->empty());
}

}  // namespace
}  // namespace biobridge::service

namespace biobridge::service {
namespace {

// Roles are granted by those who hold authority: a platform admin makes an
// existing account an event organiser; nobody grants themselves anything.
TEST(AccountServiceTest, PlatformAdminsGrantRolesToExistingAccounts) {
  testing::ServiceEnv env;
  Principal admin = env.Admin();
  Principal lena = env.User("lena@else.example");
  const json::object organiser{{"event_organiser", true}, {"version", lena.user()->meta.version}};
  EXPECT_EQ(env.accounts.GrantRoles(lena, lena.user()->id, organiser).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(env.accounts.FindUser(lena, "lena@else.example").status().code(), StatusCode::kPermissionDenied);
  Result<domain::User> found = env.accounts.FindUser(admin, "LENA@else.example");
  ASSERT_TRUE(found.ok());
  Result<domain::User> granted = env.accounts.GrantRoles(admin, found->id, organiser);
  ASSERT_TRUE(granted.ok()) << granted.status().ToString();
  EXPECT_TRUE(granted->event_organiser);
  EXPECT_FALSE(granted->platform_admin);
  EXPECT_EQ(env.accounts.GrantRoles(admin, found->id, organiser).status().code(), StatusCode::kAborted) << "stale version";
  EXPECT_TRUE(env.events
                  .CreateEvent(env.Refresh(lena), json::parse(R"({"name":{"en":"Lena's forum"},"time_zone":"UTC",
                      "plan":{"days":["2027-03-01"],"sessions":[{"start":"09:00","end":"10:00"}]}})")
                                                      .as_object())
                  .ok());
  EXPECT_EQ(env.accounts
                .GrantRoles(admin, admin.user()->id, json::parse(R"({"platform_admin": false, "version": 1})").as_object())
                .status()
                .code(),
            StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace biobridge::service
