// The storage contract for invitations: pending until decided or expired,
// one pending at a time for the same thing, and acceptance applying its
// effect in the same transaction (or nothing at all).
#include <gmock/gmock.h>

#include "storage/store_contract_test.h"

namespace biobridge::storage {
namespace {

const Timestamp kT0 = FromUnixMillis(1'780'000'000'000);

WriteContext At(int seconds) { return WriteContext{"usr_admin", kT0 + std::chrono::seconds(seconds)}; }

void Seed(Store& store) {
  for (const char* id : {"org-a", "org-b"}) {
    domain::Organization o;
    o.id = id;
    o.name = {{"en", id}};
    o.kind = "company";
    o.country = "RU";
    ASSERT_TRUE(store.CreateOrganization(o, At(0)).ok());
  }
  domain::User user;
  user.id = "usr_lena";
  user.email = "lena@example.ru";
  user.display_name = "Lena";
  ASSERT_TRUE(store.CreateUser(user, "hash", At(0)).ok());
}

domain::Invitation Membership(std::string id, std::string email = "lena@example.ru") {
  domain::Invitation i;
  i.id = std::move(id);
  i.kind = "membership";
  i.target = "org-a";
  i.invitee_email = std::move(email);
  i.inviter_organization = "org-a";
  i.invited_by = "usr_admin";
  i.role = "member";
  i.expires_at = kT0 + std::chrono::hours(24 * 30);
  return i;
}

TEST_P(StoreContractTest, AnInvitationIsPendingUntilDecidedAndOnlyOnceAtATime) {
  Seed(*store_);
  Result<domain::Invitation> created = store_->CreateInvitation(Membership("inv-1"), At(1));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->status, "pending");
  EXPECT_EQ(created->meta.version, 1);
  EXPECT_EQ(*store_->GetInvitation("inv-1"), *created);
  EXPECT_EQ(store_->GetInvitation("inv-none").status().code(), StatusCode::kNotFound);
  // The same person to the same organisation: one pending invitation.
  EXPECT_EQ(store_->CreateInvitation(Membership("inv-2"), At(2)).status().code(), StatusCode::kAlreadyExists);
  domain::Invitation bad = Membership("inv-3");
  bad.role = "owner";
  EXPECT_EQ(store_->CreateInvitation(bad, At(2)).status().field(), "role");

  // Declined: nothing applied, and a new one may be sent.
  Result<domain::Invitation> declined = store_->DecideInvitation("inv-1", 1, "declined", "usr_lena", {}, At(3));
  ASSERT_TRUE(declined.ok()) << declined.status().ToString();
  EXPECT_EQ(declined->status, "declined");
  EXPECT_EQ(declined->decided_by, "usr_lena");
  EXPECT_EQ(declined->decided_at, kT0 + std::chrono::seconds(3));
  EXPECT_EQ(declined->meta.version, 2);
  EXPECT_TRUE(store_->ListMembersOfOrganization("org-a")->empty());
  EXPECT_EQ(store_->DecideInvitation("inv-1", 2, "accepted", "usr_lena", domain::Membership{"usr_lena", "org-a"}, At(4))
                .status()
                .code(),
            StatusCode::kFailedPrecondition);
  EXPECT_TRUE(store_->CreateInvitation(Membership("inv-2"), At(5)).ok());
}

TEST_P(StoreContractTest, AcceptingAnInvitationAppliesItsEffectInTheSameTransaction) {
  Seed(*store_);
  ASSERT_TRUE(store_->CreateInvitation(Membership("inv-1"), At(1)).ok());
  // A stale version changes nothing.
  EXPECT_EQ(store_->DecideInvitation("inv-1", 7, "accepted", "usr_lena",
                                     domain::Membership{"usr_lena", "org-a", domain::MembershipRole::kMember}, At(2))
                .status()
                .code(),
            StatusCode::kAborted);
  // An effect that fails (no such organisation) leaves the invitation pending.
  EXPECT_FALSE(store_->DecideInvitation("inv-1", 1, "accepted", "usr_lena",
                                        domain::Membership{"usr_lena", "org-none", domain::MembershipRole::kMember}, At(2))
                   .ok());
  EXPECT_EQ(store_->GetInvitation("inv-1")->status, "pending");
  // An effect of another kind is refused.
  EXPECT_FALSE(store_->DecideInvitation("inv-1", 1, "accepted", "usr_lena", ProgrammeOpportunity{"p", "o"}, At(2)).ok());

  Result<domain::Invitation> accepted = store_->DecideInvitation(
      "inv-1", 1, "accepted", "usr_lena", domain::Membership{"usr_lena", "org-a", domain::MembershipRole::kMember}, At(3));
  ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
  EXPECT_EQ(accepted->status, "accepted");
  ASSERT_EQ(store_->ListMembersOfOrganization("org-a")->size(), 1u);
  EXPECT_EQ(store_->ListMembersOfOrganization("org-a")->front().user_id, "usr_lena");
  // Audited.
  std::vector<AuditEntry> audit = *store_->ListAudit("invitation", "inv-1");
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[1].actor, "usr_admin");
}

TEST_P(StoreContractTest, AnExpiredInvitationCannotBeDecidedAndMakesRoomForANewOne) {
  Seed(*store_);
  domain::Invitation short_lived = Membership("inv-1");
  short_lived.expires_at = kT0 + std::chrono::seconds(10);
  ASSERT_TRUE(store_->CreateInvitation(short_lived, At(1)).ok());
  Status late = store_->DecideInvitation("inv-1", 1, "accepted", "usr_lena",
                                         domain::Membership{"usr_lena", "org-a", domain::MembershipRole::kMember}, At(11))
                    .status();
  EXPECT_EQ(late.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(late.message(), ::testing::HasSubstr("expired"));
  EXPECT_TRUE(store_->ListMembersOfOrganization("org-a")->empty());
  EXPECT_TRUE(store_->CreateInvitation(Membership("inv-2"), At(12)).ok());
}

TEST_P(StoreContractTest, InvitationsAreListedForAnyOfTheirParties) {
  Seed(*store_);
  ASSERT_TRUE(store_->CreateInvitation(Membership("inv-lena"), At(1)).ok());
  ASSERT_TRUE(store_->CreateInvitation(Membership("inv-ivan", "ivan@example.ru"), At(2)).ok());
  domain::Invitation placed;
  placed.id = "inv-prog";
  placed.kind = "programme_opportunity";
  placed.target = "prog-x";
  placed.opportunity = "opp-x";
  placed.invitee_organization = "org-b";
  placed.inviter_organization = "org-a";
  placed.invited_by = "usr_admin";
  placed.expires_at = kT0 + std::chrono::seconds(100);
  ASSERT_TRUE(store_->CreateInvitation(placed, At(3)).ok());

  auto ids = [&](const InvitationFilter& filter) {
    std::vector<std::string> out;
    Result<std::vector<domain::Invitation>> listed = store_->ListInvitations(filter);
    for (const domain::Invitation& i : *listed) out.push_back(i.id);
    return out;
  };
  using ::testing::ElementsAre;
  EXPECT_THAT(ids({.emails = {"lena@example.ru"}}), ElementsAre("inv-lena"));
  EXPECT_THAT(ids({.targets = {"org-a"}}), ElementsAre("inv-ivan", "inv-lena"));  // newest first
  EXPECT_THAT(ids({.organizations = {"org-b"}}), ElementsAre("inv-prog"));
  EXPECT_THAT(ids({.organizations = {"org-a"}}), ElementsAre("inv-prog", "inv-ivan", "inv-lena"));
  EXPECT_THAT(ids({}), ElementsAre());
  EXPECT_THAT(ids({.organizations = {"org-b"}, .pending_at = kT0 + std::chrono::seconds(100)}), ElementsAre());
  ASSERT_TRUE(store_->DecideInvitation("inv-lena", 1, "withdrawn", "usr_admin", {}, At(4)).ok());
  EXPECT_THAT(ids({.targets = {"org-a"}, .pending_at = kT0 + std::chrono::seconds(5)}), ElementsAre("inv-ivan"));
}

}  // namespace
}  // namespace biobridge::storage
