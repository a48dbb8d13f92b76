#include "service/account_service.h"

#include <gtest/gtest.h>

#include "tests/support/service_env.h"

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
  auto added = env.accounts.PutMember(admin, "org-1", "NEW@org1.example", MembershipRole::kMember);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(env.accounts.ListMembers(member, "org-1")->size(), 3u);
  EXPECT_EQ(env.accounts.PutMember(admin, "org-1", "ghost@x.example", MembershipRole::kMember).status().field(), "email");
  EXPECT_EQ(env.accounts.ListMembers(admin, "org-404").status().code(), StatusCode::kNotFound);

  // The last admin can neither leave nor be demoted.
  EXPECT_EQ(env.accounts.RemoveMember(admin, "org-1", admin.user()->id).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(env.accounts.PutMember(admin, "org-1", "admin@org1.example", MembershipRole::kMember).status().code(),
            StatusCode::kFailedPrecondition);
  // A member may leave on their own; others need an admin.
  EXPECT_EQ(env.accounts.RemoveMember(outsider, "org-1", member.user()->id).code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(env.accounts.RemoveMember(member, "org-1", member.user()->id).ok());
  EXPECT_EQ(env.accounts.ListMembers(admin, "org-1")->size(), 2u);
}

}  // namespace
}  // namespace biobridge::service
