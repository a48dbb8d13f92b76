// Each kind of notification reaches exactly the people entitled to it, with
// names they may see: meetings (requested, answered, published, moved,
// cancelled), reviews (assigned to the reviewer without who applied; the
// decision to the applicant without who reviewed), invitations (received,
// answered; mail to an address without an account) and declined interests.
#include "service/notification_service.h"

#include "service/mail_service.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/service_env.h"
#include "storage/store.h"

namespace biobridge::service {
namespace {

using domain::MembershipRole;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

json::object Json(const std::string& text) { return json::parse(text).as_object(); }

class NotificationKindsTest : public ::testing::Test {
 protected:
  // The kinds in `who`'s inbox, newest first.
  std::vector<std::string> Kinds(const Principal& who) {
    Result<Inbox> inbox = env_.notifications.List(who, 0, 100, false, "en");
    EXPECT_TRUE(inbox.ok()) << inbox.status().ToString();
    std::vector<std::string> out;
    for (const InboxItem& item : inbox->items) out.push_back(item.notification.kind);
    return out;
  }
  std::string NewestTitle(const Principal& who) {
    Result<Inbox> inbox = env_.notifications.List(who, 0, 1, false, "en");
    return inbox.ok() && !inbox->items.empty() ? inbox->items[0].text.title : "";
  }
  std::string AllText(const Principal& who) {
    std::string out;
    const Result<Inbox> inbox = env_.notifications.List(who, 0, 100, false, "en");
    for (const InboxItem& item : inbox->items) {
      out += item.text.title + "\n" + item.text.body + "\n" + json::serialize(item.notification.params) + "\n";
    }
    return out;
  }

  testing::ServiceEnv env_;
};

TEST_F(NotificationKindsTest, MeetingsRequestedAnsweredPublishedMovedAndCancelled) {
  for (const char* org : {"org-a", "org-b", "org-c"}) env_.Organization(org);
  const Principal organiser = Principal::System("organiser");
  const Principal anna = env_.User("anna@a.example", {{"org-a", MembershipRole::kMember}});
  const Principal boris = env_.User("boris@b.example", {{"org-b", MembershipRole::kMember}});
  const Principal chen = env_.User("chen@c.example", {{"org-c", MembershipRole::kMember}});
  ASSERT_TRUE(env_.events.CreateEvent(organiser, Json(R"({"id":"ev-1","name":{"en":"Kazan Forum"},
      "time_zone":"Europe/Moscow","tables":1,"plan":{"days":["2027-06-16"],"sessions":[{"start":"09:00","end":"10:00"}],
      "slot_minutes":30}})")).ok());
  auto a = env_.events.Register(anna, "ev-1", Json(R"({"organization":"org-a","name":"Anna"})"));
  auto b = env_.events.Register(boris, "ev-1", Json(R"({"organization":"org-b","name":"Boris"})"));
  auto c = env_.events.Register(chen, "ev-1", Json(R"({"organization":"org-c","name":"Chen"})"));
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());

  auto ab = env_.events.RequestMeeting(anna, "ev-1", json::object{{"to", b->delegate->id}});
  ASSERT_TRUE(ab.ok()) << ab.status().ToString();
  EXPECT_THAT(Kinds(boris), ElementsAre("meeting_requested"));
  EXPECT_EQ(NewestTitle(boris), "Anna (Organisation org-a) asks to meet you at Kazan Forum");
  EXPECT_THAT(Kinds(anna), IsEmpty());
  ASSERT_TRUE(env_.events.AnswerRequest(boris, ab->request.id, Json(R"({"decision":"accept","version":1})")).ok());
  EXPECT_THAT(Kinds(anna), ElementsAre("meeting_answered"));
  EXPECT_EQ(NewestTitle(anna), "Boris (Organisation org-b) accepted your meeting request at Kazan Forum");
  auto cb = env_.events.RequestMeeting(chen, "ev-1", json::object{{"to", b->delegate->id}});
  ASSERT_TRUE(cb.ok());
  ASSERT_TRUE(env_.events.AnswerRequest(boris, cb->request.id, Json(R"({"decision":"accept","version":1})")).ok());

  auto draft = env_.events.DraftSchedule(organiser, "ev-1");
  ASSERT_TRUE(draft.ok()) << draft.status().ToString();
  ASSERT_TRUE(env_.events.PublishSchedule(organiser, "ev-1", draft->meta.version).ok());
  // One notice per meeting and side (each a calendar invitation by mail).
  EXPECT_EQ(Kinds(anna).front(), "schedule_published");
  EXPECT_EQ(NewestTitle(anna), "Your meeting with Boris (Organisation org-b) at Kazan Forum is scheduled");
  EXPECT_EQ(Kinds(chen).front(), "schedule_published");
  const std::vector<std::string> boris_kinds = Kinds(boris);
  EXPECT_EQ(std::count(boris_kinds.begin(), boris_kinds.end(), "schedule_published"), 2);

  // Chen withdraws; Anna becomes free only in the other slot: her meeting moves.
  const domain::Schedule published = *env_.store().GetSchedule("ev-1");
  std::string ab_slot;
  for (const domain::Meeting& m : published.meetings) {
    if (m.request_id == ab->request.id) ab_slot = m.slot_id;
  }
  const std::int64_t cb_version = env_.store().GetMeetingRequest(cb->request.id)->meta.version;
  ASSERT_TRUE(env_.events.WithdrawRequest(chen, cb->request.id,
                                          json::object{{"version", cb_version}}).ok());
  domain::Delegate anna_delegate = *env_.store().GetDelegate(a->delegate->id);
  const domain::Event event = *env_.store().GetEvent("ev-1");
  for (const domain::EventSlot& slot : event.slots) {
    if (slot.id != ab_slot) anna_delegate.available_slots = {slot.id};
  }
  ASSERT_TRUE(env_.store().UpdateDelegate(anna_delegate, anna_delegate.meta.version, {"system:test", env_.clock.Now()}).ok());
  auto redraft = env_.events.DraftSchedule(organiser, "ev-1");
  ASSERT_TRUE(redraft.ok()) << redraft.status().ToString();
  ASSERT_TRUE(env_.events.PublishSchedule(organiser, "ev-1", redraft->meta.version).ok());
  EXPECT_EQ(Kinds(anna).front(), "meeting_moved");
  EXPECT_THAT(NewestTitle(anna), HasSubstr("Your meeting with Boris (Organisation org-b) at Kazan Forum has moved"));
  EXPECT_THAT(AllText(anna), HasSubstr("(Europe/Moscow)"));
  // Boris is told of both: the move and the cancelled meeting with Chen.
  EXPECT_THAT(Kinds(boris), ::testing::Contains("meeting_moved"));
  EXPECT_THAT(Kinds(boris), ::testing::Contains("meeting_cancelled"));
  EXPECT_EQ(Kinds(chen).front(), "meeting_cancelled");
}

TEST_F(NotificationKindsTest, ReviewsTellTheReviewerAndTheApplicantNothingOfEachOther) {
  env_.Organization("org-op");
  domain::Organization applicant_org = env_.Organization("org-app");
  const Principal chair = env_.User("chair@op.example", {{"org-op", MembershipRole::kAdmin}});
  const Principal applicant = env_.User("applicant@app.example", {{"org-app", MembershipRole::kMember}});
  const Principal reviewer = env_.User("reviewer@review.example");
  env_.Programme("prog-1", "org-op", "Rehabilitation exchange");
  ASSERT_TRUE(env_.committee.CreateExpert(reviewer, Json(R"({"id":"exp-r","name":"Dr Reviewer Secretname",
      "languages":["en"],"expertise":{"en":"Rehabilitation robotics"}})")).ok());
  auto project = env_.committee.SubmitProject(applicant, "prog-1", Json(R"({"organization":"org-app","language":"en",
      "title":{"en":"Exoskeleton trial"},"summary":{"en":"A trial of an exoskeleton."}})"));
  ASSERT_TRUE(project.ok()) << project.status().ToString();
  ASSERT_TRUE(env_.committee.PutCommittee(chair, "prog-1", Json(R"({"members":["exp-r"],
      "settings":{"reviewers_per_project":1,"min_load":0,"blind":"double"}})")).ok());
  auto draft = env_.committee.DraftAssignment(chair, "prog-1", {});
  ASSERT_TRUE(draft.ok()) << draft.status().ToString();
  ASSERT_TRUE(env_.committee.PublishAssignment(chair, "prog-1", draft->meta.version).ok());

  EXPECT_THAT(Kinds(reviewer), ElementsAre("review_assigned"));
  EXPECT_EQ(NewestTitle(reviewer), "You are asked to review “Exoskeleton trial”");
  // Double-blind: nothing the reviewer is told names who applied.
  EXPECT_THAT(AllText(reviewer), Not(HasSubstr("org-app")));
  EXPECT_THAT(AllText(reviewer), Not(HasSubstr(applicant_org.name.Best({"en"}))));
  EXPECT_THAT(Kinds(applicant), IsEmpty());

  const std::int64_t version = env_.store().GetReviewProject(project->project.id)->meta.version;
  ASSERT_TRUE(env_.committee.Decide(chair, project->project.id,
                                    json::object{{"outcome", "accept"}, {"override_reason", "Decided before the review"}, {"version", version}}).ok());
  EXPECT_THAT(Kinds(applicant), ElementsAre("decision_made"));
  EXPECT_EQ(NewestTitle(applicant), "The committee decided on “Exoskeleton trial”: accepted");
  EXPECT_THAT(AllText(applicant), Not(HasSubstr("Secretname")));
  EXPECT_THAT(AllText(applicant), Not(HasSubstr("exp-r")));
  // The chair acted: not told of it.
  EXPECT_THAT(Kinds(chair), IsEmpty());
}

TEST_F(NotificationKindsTest, ExpertsAreRemindedOnceBeforeTheReviewDeadline) {
  env_.Organization("org-op");
  env_.Organization("org-app");
  const Principal chair = env_.User("chair@op.example", {{"org-op", MembershipRole::kAdmin}});
  const Principal applicant = env_.User("applicant@app.example", {{"org-app", MembershipRole::kMember}});
  const Principal late = env_.User("late@review.example");
  const Principal done = env_.User("done@review.example");
  env_.Programme("prog-1", "org-op");
  for (const auto& [who, id] : {std::pair{&late, "exp-late"}, std::pair{&done, "exp-done"}}) {
    ASSERT_TRUE(env_.committee.CreateExpert(*who, json::object{{"id", id}, {"name", id}, {"languages", json::array{"en"}},
                                                               {"expertise", json::object{{"en", "Robotics"}}}}).ok());
  }
  auto project = env_.committee.SubmitProject(applicant, "prog-1", Json(R"({"organization":"org-app","language":"en",
      "title":{"en":"Exoskeleton trial"},"summary":{"en":"A trial."}})"));
  ASSERT_TRUE(project.ok());
  auto put = env_.committee.PutCommittee(chair, "prog-1", Json(R"({"members":["exp-late","exp-done"],
      "settings":{"reviewers_per_project":2,"min_load":0,"review_deadline":"2026-11-26T09:00:00Z",
                  "rubric":[{"id":"overall","name":{"en":"Overall"},"weight":1}]}})"));
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_EQ(put->settings.review_deadline, *ParseTimestamp("2026-11-26T09:00:00Z"));
  EXPECT_EQ(env_.committee.PutCommittee(chair, "prog-1", Json(fmt::format(
      R"({{"settings":{{"review_deadline":"next week"}},"version":{}}})", put->meta.version))).status().field(),
            "settings.review_deadline");
  auto draft = env_.committee.DraftAssignment(chair, "prog-1", {});
  ASSERT_TRUE(draft.ok()) << draft.status().ToString();
  ASSERT_TRUE(env_.committee.PublishAssignment(chair, "prog-1", draft->meta.version).ok());
  ASSERT_TRUE(env_.committee.SaveReview(done, project->project.id, Json(R"({"scores":{"overall":4},
      "recommendation":"accept","status":"submitted"})")).ok());

  // Not yet: more than two days before.
  EXPECT_EQ(*QueueReviewReminders(env_.context), 0);
  env_.clock.Set(*ParseTimestamp("2026-11-24T09:00:00Z"));
  EXPECT_EQ(*QueueReviewReminders(env_.context), 1);
  EXPECT_EQ(Kinds(late).front(), "review_reminder");
  EXPECT_EQ(NewestTitle(late), "Your review of “Exoskeleton trial” is due 2026-11-26T09:00:00Z");
  EXPECT_THAT(AllText(late), Not(HasSubstr("org-app")));
  // The one who submitted is not reminded, and nobody twice.
  const std::vector<std::string> done_kinds = Kinds(done);
  EXPECT_EQ(std::count(done_kinds.begin(), done_kinds.end(), "review_reminder"), 0);
  env_.clock.Advance(std::chrono::hours(1));
  EXPECT_EQ(*QueueReviewReminders(env_.context), 0);
}

TEST_F(NotificationKindsTest, InvitationsAndTheirAnswersAndMailToAnAddressWithoutAnAccount) {
  env_.Organization("org-a");
  const Principal admin = env_.User("admin@a.example", {{"org-a", MembershipRole::kAdmin}});
  const Principal lena = env_.User("lena@b.example");
  auto invited = env_.accounts.PutMember(admin, "org-a", "lena@b.example", MembershipRole::kMember);
  ASSERT_TRUE(invited.ok() && invited->invitation);
  EXPECT_THAT(Kinds(lena), ElementsAre("invitation_received"));
  EXPECT_EQ(NewestTitle(lena), "You are invited: to join Organisation org-a");
  ASSERT_TRUE(env_.invitations.Accept(lena, invited->invitation->id, json::object{{"version", 1}}).ok());
  EXPECT_THAT(Kinds(admin), ElementsAre("invitation_answered"));
  EXPECT_EQ(NewestTitle(admin), "Your invitation (to join Organisation org-a) was accepted");

  // No account for the address: a mail to it, no notification to anyone.
  const auto before = env_.store().DueMail(env_.clock.Now(), 100)->size();
  auto stranger = env_.accounts.PutMember(admin, "org-a", "new.person@c.example", MembershipRole::kMember);
  ASSERT_TRUE(stranger.ok() && stranger->invitation);
  const std::vector<storage::OutboxMail> due = *env_.store().DueMail(env_.clock.Now(), 100);
  ASSERT_EQ(due.size(), before + 1);
  EXPECT_EQ(due.back().to_address, "new.person@c.example");
  EXPECT_EQ(due.back().kind, "invitation");
  EXPECT_EQ(due.back().recipient_user, "");
  // It leads to registering with that address, and then to the invitation.
  EXPECT_THAT(env_.MailsTo("new.person@c.example"),
              HasSubstr("/register?email=new.person%40c.example&next=%2Finvitations"));
}

TEST_F(NotificationKindsTest, ADeclinedInterestTellsTheSenderWhy) {
  env_.Organization("org-a");
  env_.Organization("org-b");
  const Principal owner = env_.User("owner@a.example", {{"org-a", MembershipRole::kAdmin}});
  const Principal sender = env_.User("sender@b.example", {{"org-b", MembershipRole::kAdmin}});
  auto interest = env_.pipeline.ExpressInterest(sender, Json(R"({"from_organization":"org-b","organization":"org-a",
      "message":"Let us talk."})"));
  ASSERT_TRUE(interest.ok()) << interest.status().ToString();
  EXPECT_EQ(NewestTitle(owner), "Organisation org-b expressed interest in your organisation");
  ASSERT_TRUE(env_.pipeline.DeclineInterest(owner, interest->id, 1, "too_early", "").ok());
  EXPECT_THAT(Kinds(sender), ElementsAre("interest_declined"));
  Result<Inbox> inbox = env_.notifications.List(sender, 0, 1, false, "ru");
  EXPECT_EQ(inbox->items[0].text.body, "Причина: слишком рано");
}

TEST_F(NotificationKindsTest, OnlyAPersonHasAnInboxAndOnlyAdminsSeeTheOutbox) {
  const Principal someone = env_.User("someone@example.org");
  EXPECT_EQ(env_.notifications.List(Principal::Anonymous(), 0, 10, false).status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(env_.notifications.List(Principal::System("x"), 0, 10, false).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(env_.notifications.List(someone, 0, 101, false).status().field(), "limit");
  EXPECT_EQ(env_.notifications.Outbox(someone, {1, 20}).status().code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(env_.notifications.Outbox(env_.Admin(), {1, 20}).ok());
}

}  // namespace
}  // namespace biobridge::service
