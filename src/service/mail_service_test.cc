// Mail made from the outbox, without sending it (the end-to-end tests in
// tests/mail send through a real SMTP server): digests gathered at 08:00 in
// each recipient's time zone, their text, and unsubscribe tokens that cannot
// be forged.
#include "service/mail_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/service_env.h"
#include "storage/store.h"

namespace biobridge::service {
namespace {

using domain::MembershipRole;
using ::testing::HasSubstr;
using ::testing::Not;

Timestamp At(const char* text) { return *ParseTimestamp(text); }

TEST(DigestTimeTest, IsEightInTheMorningWhereThePersonLives) {
  const TimeZone shanghai = *TimeZone::Find("Asia/Shanghai");
  // 2026-11-23 is a Monday; 08:00 in Shanghai is 00:00 UTC.
  EXPECT_EQ(*DigestTime(shanghai, domain::Rhythm::kDaily, At("2026-11-23T09:00:00Z")), At("2026-11-23T00:00:00Z"));
  EXPECT_EQ(*DigestTime(shanghai, domain::Rhythm::kDaily, At("2026-11-23T23:59:00Z")), At("2026-11-23T00:00:00Z"));
  EXPECT_EQ(*DigestTime(shanghai, domain::Rhythm::kDaily, At("2026-11-24T00:00:00Z")), At("2026-11-24T00:00:00Z"));
  EXPECT_EQ(*DigestTime(shanghai, domain::Rhythm::kWeekly, At("2026-11-29T23:59:00Z")), At("2026-11-23T00:00:00Z"));
  EXPECT_EQ(*DigestTime(shanghai, domain::Rhythm::kWeekly, At("2026-11-30T00:00:00Z")), At("2026-11-30T00:00:00Z"));
  const TimeZone moscow = *TimeZone::Find("Europe/Moscow");
  EXPECT_EQ(*DigestTime(moscow, domain::Rhythm::kDaily, At("2026-11-23T09:00:00Z")), At("2026-11-23T05:00:00Z"));
  EXPECT_EQ(*DigestTime(moscow, domain::Rhythm::kDaily, At("2026-11-23T04:59:00Z")), At("2026-11-22T05:00:00Z"));
}

class MailServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_.Organization("org-a");
    env_.Organization("org-b");
    env_.Organization("org-c");
    bo_ = env_.User("bo@a.example", {{"org-a", MembershipRole::kAdmin}});
    sender_ = env_.User("sender@b.example", {{"org-b", MembershipRole::kAdmin}});
    other_ = env_.User("other@c.example", {{"org-c", MembershipRole::kAdmin}});
    ASSERT_TRUE(env_.accounts.UpdateProfile(bo_, json::object{{"time_zone", "Asia/Shanghai"},
                                                              {"version", bo_.user()->meta.version}}).ok());
    ASSERT_TRUE(env_.notifications.SetPreferences(bo_, json::object{{"interest_received", "daily"},
                                                                    {"message_received", "weekly"}}).ok());
  }

  std::string Interest(const Principal& from, const std::string& organization, const std::string& message) {
    auto interest = env_.pipeline.ExpressInterest(
        from, json::object{{"from_organization", organization}, {"organization", "org-a"}, {"message", message}});
    EXPECT_TRUE(interest.ok()) << interest.status().ToString();
    return interest.ok() ? interest->id : "";
  }

  std::vector<storage::OutboxMail> Digests() {
    std::vector<storage::OutboxMail> out;
    std::vector<storage::OutboxMail> due = *env_.store().DueMail(env_.clock.Now(), 1000);
    for (storage::OutboxMail& mail : due) {
      if (mail.kind == "digest") out.push_back(std::move(mail));
    }
    return out;
  }

  testing::ServiceEnv env_;
  Principal bo_, sender_, other_;
};

// Several `biobridge serve` on one database: one runs the scheduled jobs,
// renewing its lease each round; when it stops renewing (it died), another
// takes over once the lease ran out.
TEST_F(MailServiceTest, OneNodeRunsTheScheduledJobsAndAnotherTakesOverWhenItDies) {
  const auto lease = std::chrono::seconds(90);
  EXPECT_TRUE(*RunScheduledJobsIfHolder(env_.context, "node-a", lease));
  EXPECT_FALSE(*RunScheduledJobsIfHolder(env_.context, "node-b", lease));
  env_.clock.Advance(std::chrono::seconds(30));
  EXPECT_TRUE(*RunScheduledJobsIfHolder(env_.context, "node-a", lease)) << "renewed";
  env_.clock.Advance(std::chrono::seconds(80));
  EXPECT_FALSE(*RunScheduledJobsIfHolder(env_.context, "node-b", lease)) << "a's renewal still holds";
  env_.clock.Advance(std::chrono::seconds(20));  // a's last renewal ran out
  EXPECT_TRUE(*RunScheduledJobsIfHolder(env_.context, "node-b", lease));
  EXPECT_FALSE(*RunScheduledJobsIfHolder(env_.context, "node-a", lease)) << "a came back: b runs them now";
  // A node that stops gives the lease up at once.
  ASSERT_TRUE(env_.store().ReleaseLease(kScheduledJobsLease, "node-b").ok());
  EXPECT_TRUE(*RunScheduledJobsIfHolder(env_.context, "node-a", lease));
  EXPECT_NE(NodeName(env_.random), NodeName(env_.random)) << "each process a name of its own";
}

TEST_F(MailServiceTest, DigestsGatherWhatWaitedAndGoOutAtEightInTheRecipientsZone) {
  env_.clock.Set(At("2026-11-23T09:00:00Z"));  // 17:00 in Shanghai
  const std::string first = Interest(sender_, "org-b", "First");
  env_.clock.Set(At("2026-11-23T12:00:00Z"));
  ASSERT_TRUE(env_.messages.Post(sender_, "interest:" + first, json::object{{"body", "Any news?"}}).ok());
  // Wait for the Chinese morning: nothing before it, not even just before.
  env_.clock.Set(At("2026-11-23T23:59:00Z"));
  Interest(other_, "org-c", "Second");
  EXPECT_EQ(*QueueDueDigests(env_.context), 0);
  EXPECT_TRUE(Digests().empty());

  env_.clock.Set(At("2026-11-24T00:00:00Z"));  // 08:00 in Shanghai
  EXPECT_EQ(*QueueDueDigests(env_.context), 1);
  std::vector<storage::OutboxMail> digests = Digests();
  ASSERT_EQ(digests.size(), 1u);
  EXPECT_EQ(digests[0].to_address, "bo@a.example");
  EXPECT_EQ(digests[0].payload.at("notifications").as_array().size(), 2u);  // the two interests, not the message
  EXPECT_EQ(*QueueDueDigests(env_.context), 0) << "each notification is in one digest";

  MailComposer composer(env_.context, {"https://exchange.example", {"BioBridge", "noreply@exchange.example"}});
  Result<mail::MailMessage> mail = composer.Compose(digests[0]);
  ASSERT_TRUE(mail.ok()) << mail.status().ToString();
  EXPECT_EQ(mail->subject, "BioBridge: 2 updates");
  EXPECT_THAT(mail->text, HasSubstr("Organisation org-b expressed interest in your organisation"));
  EXPECT_THAT(mail->text, HasSubstr("https://exchange.example/my"));
  for (const auto& [name, value] : mail->headers) EXPECT_NE(name, "List-Unsubscribe");

  // The weekly digest waits for Monday morning.
  env_.clock.Set(At("2026-11-29T23:59:00Z"));
  EXPECT_EQ(*QueueDueDigests(env_.context), 0);
  env_.clock.Set(At("2026-11-30T00:00:00Z"));
  EXPECT_EQ(*QueueDueDigests(env_.context), 1);
  digests = Digests();
  ASSERT_EQ(digests.size(), 2u);
  EXPECT_EQ(digests[1].payload.at("rhythm"), "weekly");
  EXPECT_EQ(digests[1].payload.at("notifications").as_array().size(), 1u);
}

TEST_F(MailServiceTest, UnsubscribeTokensNameOnePersonAndKindAndCannotBeForged) {
  UnsubscribeTokens tokens(env_.context);
  const std::string token = *tokens.Make(bo_.user()->id, "deal_moved");
  Result<UnsubscribeTokens::Subject> subject = tokens.Check(token);
  ASSERT_TRUE(subject.ok());
  EXPECT_EQ(subject->user_id, bo_.user()->id);
  EXPECT_EQ(subject->kind, "deal_moved");
  // Another kind or person under the same signature: refused.
  std::string tampered = token;
  tampered[5] = tampered[5] == 'A' ? 'B' : 'A';
  EXPECT_EQ(tokens.Check(tampered).status().field(), "token");
  EXPECT_EQ(tokens.Check("").status().field(), "token");
  EXPECT_EQ(Unsubscribe(env_.context, *tokens.Make(bo_.user()->id, "security")).status().field(), "token");
  EXPECT_EQ(*Unsubscribe(env_.context, token), "deal_moved");
  const std::vector<NotificationPreference> preferences = *env_.notifications.Preferences(bo_);
  const auto deal_moved = std::find_if(preferences.begin(), preferences.end(),
                                       [](const NotificationPreference& p) { return p.kind == "deal_moved"; });
  ASSERT_NE(deal_moved, preferences.end());
  EXPECT_EQ(deal_moved->rhythm, domain::Rhythm::kNever);
}

TEST_F(MailServiceTest, LinksExpireAndAreSingleUse) {
  env_.Unverified("late@d.example");
  std::string verify;
  const std::vector<storage::OutboxMail> due = *env_.store().DueMail(env_.clock.Now(), 1000);
  for (const storage::OutboxMail& mail : due) {
    if (mail.kind == "verify_email" && mail.to_address == "late@d.example") {
      verify = std::string(mail.payload.at("token").as_string());
    }
  }
  ASSERT_FALSE(verify.empty());
  env_.clock.Advance(AccountService::kVerifyLifetime + std::chrono::minutes(1));
  EXPECT_EQ(env_.accounts.VerifyEmail(verify).status().field(), "token") << "expired";
  EXPECT_FALSE(env_.store().FindUserByEmail("late@d.example")->email_verified_at) << "nothing changed";

  ASSERT_TRUE(env_.accounts.RequestPasswordReset("bo@a.example").ok());
  ASSERT_TRUE(env_.accounts.RequestPasswordReset("BO@a.example").ok());  // within minutes: no second link
  std::vector<std::string> resets;
  const std::vector<storage::OutboxMail> after = *env_.store().DueMail(env_.clock.Now(), 1000);
  for (const storage::OutboxMail& mail : after) {
    if (mail.kind == "password_reset") resets.push_back(std::string(mail.payload.at("token").as_string()));
  }
  ASSERT_EQ(resets.size(), 1u);
  env_.clock.Advance(AccountService::kResetLifetime + std::chrono::seconds(1));
  EXPECT_EQ(env_.accounts.ResetPassword(resets[0], "a new enough password").field(), "token") << "an hour only";
  EXPECT_TRUE(env_.accounts.SignIn("bo@a.example", testing::ServiceEnv::kPassword).ok()) << "the old password stands";
}

TEST_F(MailServiceTest, AProfileTakesOnlyRealTimeZonesAndLanguages) {
  const Principal fresh = env_.Refresh(bo_);
  const std::int64_t version = fresh.user()->meta.version;
  EXPECT_EQ(env_.accounts.UpdateProfile(fresh, json::object{{"time_zone", "Mars/Olympus"}, {"version", version}})
                .status().field(), "time_zone");
  EXPECT_EQ(env_.accounts.UpdateProfile(fresh, json::object{{"preferred_language", "xx"}, {"version", version}})
                .status().field(), "preferred_language");
  EXPECT_EQ(env_.accounts.UpdateProfile(fresh, json::object{{"colour", "red"}, {"version", version}}).status().field(),
            "colour");
  EXPECT_EQ(env_.accounts.UpdateProfile(fresh, json::object{{"time_zone", "Europe/Moscow"}, {"version", version - 1}})
                .status().code(), StatusCode::kAborted);
  Result<domain::User> changed =
      env_.accounts.UpdateProfile(fresh, json::object{{"time_zone", "Europe/Moscow"}, {"version", version}});
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(changed->time_zone, "Europe/Moscow");
  EXPECT_EQ(changed->meta.version, version + 1);
}

}  // namespace
}  // namespace biobridge::service
