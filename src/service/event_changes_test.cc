// Public and private events, browsing participants, self-service changes
// (another time, unregistering) and what organisers do at the venue
// (check-in, attendance).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "service/event_service.h"
#include "service/notification_service.h"
#include "tests/support/service_env.h"
#include "storage/store.h"

namespace biobridge::service {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const Principal kSystem = Principal::System("test");

json::object Body(std::string_view text) { return json::parse(text).as_object(); }

// An expo on 16 June 2027 in Moscow, four half-hour slots from 09:00 and one
// table; Anna (CN company), Boris (RU hospital, listed publicly) and Chen
// (KZ investor, free in the first three slots) registered. Anna and Boris
// meet, and so do Boris and Chen; the schedule is published. The clock is a
// fortnight before.
class EventChangesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_.Organization("org-a", "CN", "company");
    env_.Organization("org-b", "RU", "hospital");
    env_.Organization("org-c", "KZ", "investor");
    const auto member = domain::MembershipRole::kMember;
    anna_ = env_.User("anna@a.example", {{"org-a", member}});
    boris_ = env_.User("boris@b.example", {{"org-b", member}});
    chen_ = env_.User("chen@c.example", {{"org-c", member}});
    outsider_ = env_.User("olga@o.example");
    env_.clock.Set(*ParseTimestamp("2027-06-02T09:00:00Z"));
    ASSERT_TRUE(events_.CreateEvent(kSystem, Body(R"({"id":"expo","name":{"en":"Health Expo"},"time_zone":"Europe/Moscow",
        "description":{"en":"Devices and hospitals"},"venue":"Moscow","hosts":["org-b"],
        "sessions":[{"title":{"en":"Opening"},"start":"2027-06-16T08:30","end":"2027-06-16T09:00"}],
        "tables":1,"plan":{"days":["2027-06-16"],"sessions":[{"start":"09:00","end":"11:00"}],"slot_minutes":30}})")).ok());
    a_ = Own(events_.Register(anna_, "expo", Body(R"({"organization":"org-a"})")));
    b_ = Own(events_.Register(boris_, "expo", Body(R"({"organization":"org-b","listed":true,"stand":"B4"})")));
    c_ = Own(events_.Register(chen_, "expo", Body(R"({"organization":"org-c","available_slots":["d1-0900","d1-0930","d1-1000"]})")));
    Result<RequestView> ab = events_.RequestMeeting(anna_, "expo", Body(R"({"to":")" + b_.id + "\"}"));
    Result<RequestView> bc = events_.RequestMeeting(boris_, "expo", Body(R"({"to":")" + c_.id + "\"}"));
    ASSERT_TRUE(ab.ok() && bc.ok());
    ab_ = ab->request.id;
    bc_ = bc->request.id;
    ASSERT_TRUE(events_.AnswerRequest(boris_, ab_, Body(R"({"decision":"accept","version":1})")).ok());
    ASSERT_TRUE(events_.AnswerRequest(chen_, bc_, Body(R"({"decision":"accept","version":1})")).ok());
    Result<domain::Schedule> draft = events_.DraftSchedule(kSystem, "expo");
    ASSERT_TRUE(draft.ok()) << draft.status().ToString();
    ASSERT_TRUE(events_.PublishSchedule(kSystem, "expo", draft->meta.version).ok());
  }

  static domain::Delegate Own(Result<Registration> registration) {
    EXPECT_TRUE(registration.ok()) << registration.status().ToString();
    return registration.ok() && registration->delegate ? *registration->delegate : domain::Delegate{};
  }
  domain::Meeting Published(std::string_view request) {
    const domain::Schedule schedule = *env_.store().GetSchedule("expo");
    for (const domain::Meeting& m : schedule.published_meetings) {
      if (m.request_id == request) return m;
    }
    ADD_FAILURE() << "no published meeting of " << request;
    return {};
  }
  std::int64_t RequestVersion(const std::string& id) { return env_.store().GetMeetingRequest(id)->meta.version; }
  std::vector<std::string> Kinds(const Principal& who) {
    std::vector<std::string> out;
    const Inbox inbox = *env_.notifications.List(who, 0, 100, false, "en");
    for (const InboxItem& item : inbox.items) out.push_back(item.notification.kind);
    return out;
  }
  std::vector<std::string> Names(const Result<ParticipantPage>& page) {
    std::vector<std::string> out;
    if (page.ok()) {
      for (const Participant& p : page->items) out.push_back(p.delegate.name);
    }
    return out;
  }

  biobridge::testing::ServiceEnv env_;
  EventService events_{env_.context};
  Principal anna_, boris_, chen_, outsider_;
  domain::Delegate a_, b_, c_;
  std::string ab_, bc_;
};

TEST_F(EventChangesTest, APublicEventIsReadByVisitorsWithOnlyTheListedParticipants) {
  const Principal visitor = Principal::Anonymous();
  Result<EventView> seen = events_.GetEvent(visitor, "expo");
  ASSERT_TRUE(seen.ok()) << seen.status().ToString();
  EXPECT_EQ(seen->event.venue, "Moscow");
  ASSERT_EQ(seen->hosts.size(), 1u);
  EXPECT_EQ(seen->hosts[0].id, "org-b");
  EXPECT_EQ(seen->delegates, 3);
  EXPECT_EQ(seen->listed, 1);
  EXPECT_EQ(events_.ListEvents(visitor)->size(), 1u);

  Result<ParticipantPage> shown = events_.Participants(visitor, "expo", {});
  ASSERT_TRUE(shown.ok()) << shown.status().ToString();
  EXPECT_FALSE(shown->full);
  EXPECT_THAT(Names(shown), ElementsAre(b_.name));
  const domain::Delegate& boris = shown->items[0].delegate;
  EXPECT_EQ(boris.stand, "B4");
  EXPECT_TRUE(boris.user_id.empty()) << "a visitor never learns the account";
  EXPECT_TRUE(boris.check_in_key.empty());
  EXPECT_EQ(events_.GetParticipant(visitor, "expo", c_.id, "en").status().code(), StatusCode::kNotFound)
      << "Chen did not choose to be listed";
  EXPECT_EQ(events_.GetParticipant(outsider_, "expo", c_.id, "en").status().code(), StatusCode::kNotFound);
  // Delegates and organisers see everyone registered.
  EXPECT_EQ(events_.Participants(anna_, "expo", {})->items.size(), 2u);
  EXPECT_EQ(events_.Participants(kSystem, "expo", {})->items.size(), 3u);
  EXPECT_TRUE(events_.GetParticipant(anna_, "expo", c_.id, "en").ok());
}

TEST_F(EventChangesTest, APrivateEventIsUnknownToAllButItsPeople) {
  ASSERT_TRUE(events_.CreateEvent(kSystem, Body(R"({"id":"board","name":{"en":"Board"},"time_zone":"UTC","visibility":"private",
      "plan":{"days":["2027-06-17"],"sessions":[{"start":"09:00","end":"10:00"}]}})")).ok());
  const Principal visitor = Principal::Anonymous();
  for (const Principal* who : std::initializer_list<const Principal*>{&visitor, &outsider_, &anna_}) {
    EXPECT_EQ(events_.GetEvent(*who, "board").status().code(), StatusCode::kNotFound);
    EXPECT_EQ(events_.GetEvent(*who, "board").status().message(), "no event has id 'board'")
        << "the same answer as for no event";
    EXPECT_EQ(events_.Participants(*who, "board", {}).status().code(), StatusCode::kNotFound);
    EXPECT_EQ(events_.GetSchedule(*who, "board").status().code(),
              who == &visitor ? StatusCode::kUnauthenticated : StatusCode::kNotFound);
  }
  EXPECT_EQ(events_.ListEvents(outsider_)->size(), 1u) << "only the public expo";
  EXPECT_EQ(events_.Register(anna_, "board", Body(R"({"organization":"org-a"})")).status().code(), StatusCode::kNotFound);
  // Invited, Anna sees it; she registers by accepting, not by herself.
  ASSERT_TRUE(events_.Register(kSystem, "board", Body(R"({"organization":"org-a","user":")" + anna_.user()->id + "\"}")).ok());
  EXPECT_TRUE(events_.GetEvent(anna_, "board").ok());
  EXPECT_EQ(events_.Register(anna_, "board", Body(R"({"organization":"org-a"})")).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(events_.ListEvents(anna_)->size(), 2u);
}

TEST_F(EventChangesTest, ParticipantsAreSearchedAndFiltered) {
  EXPECT_THAT(Names(events_.Participants(anna_, "expo", {.country = "KZ"})), ElementsAre(c_.name));
  EXPECT_THAT(Names(events_.Participants(anna_, "expo", {.kind = "hospital"})), ElementsAre(b_.name));
  EXPECT_THAT(Names(events_.Participants(anna_, "expo", {.q = "b4"})), ElementsAre(b_.name)) << "the stand, any case";
  EXPECT_THAT(Names(events_.Participants(anna_, "expo", {.q = "nobody here"})), IsEmpty());
  ParticipantQuery paged;
  paged.per_page = 1;
  paged.page = 2;
  Result<ParticipantPage> second = events_.Participants(kSystem, "expo", paged);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->total, 3);
  EXPECT_EQ(second->items.size(), 1u);
  EXPECT_EQ(events_.Participants(anna_, "expo", {.country = "Narnia"}).status().field(), "country");
  EXPECT_EQ(events_.Participants(anna_, "expo", {.area = "astrology"}).status().field(), "area");
  ParticipantQuery huge;
  huge.per_page = 1000;
  EXPECT_EQ(events_.Participants(anna_, "expo", huge).status().field(), "per_page");
  // The viewer's own request with each is shown.
  Result<ParticipantPage> mine = events_.Participants(anna_, "expo", {.country = "RU"});
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->items.size(), 1u);
  EXPECT_EQ(mine->items[0].request_id, ab_);
  EXPECT_EQ(mine->items[0].request_status, "accepted");
}

TEST_F(EventChangesTest, AnotherTimeIsProposedCheckedAndAccepted) {
  const std::string at = Published(ab_).slot_id;
  const std::string chens = Published(bc_).slot_id;
  // Boris meets Chen then: refused, naming him and the slot.
  Status busy = events_.ProposeTime(anna_, ab_, Body(R"({"slot":")" + chens + R"(","version":)" +
                                                     std::to_string(RequestVersion(ab_)) + "}"))
                    .status();
  EXPECT_EQ(busy.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(busy.field(), "slot");
  EXPECT_THAT(busy.message(), HasSubstr("has another meeting"));
  EXPECT_EQ(events_.ProposeTime(anna_, ab_, Body(R"({"slot":")" + at + R"(","version":2})")).status().field(), "slot");
  EXPECT_EQ(events_.ProposeTime(anna_, ab_, Body(R"({"slot":"d9-0900","version":2})")).status().field(), "slot");
  EXPECT_EQ(events_.ProposeTime(chen_, ab_, Body(R"({"slot":"d1-1030","version":2})")).status().code(),
            StatusCode::kPermissionDenied) << "only the two sides";
  // A slot nobody is busy in.
  std::string free;
  for (const std::string slot : {"d1-0900", "d1-0930", "d1-1000", "d1-1030"}) {
    if (slot != at && slot != chens) free = slot;
  }
  Result<RequestView> proposed =
      events_.ProposeTime(anna_, ab_, Body(R"({"slot":")" + free + R"(","version":)" + std::to_string(RequestVersion(ab_)) + "}"));
  ASSERT_TRUE(proposed.ok()) << proposed.status().ToString();
  EXPECT_EQ(proposed->request.proposed_slot, free);
  EXPECT_EQ(proposed->request.proposed_by, a_.id);
  EXPECT_EQ(Kinds(boris_).front(), "meeting_time_proposed");
  EXPECT_EQ(Published(ab_).slot_id, at) << "nothing moves before Boris agrees";
  const std::string version = std::to_string(RequestVersion(ab_));
  EXPECT_EQ(events_.AnswerProposal(anna_, ab_, Body(R"({"decision":"accept","version":)" + version + "}")).status().code(),
            StatusCode::kPermissionDenied) << "the proposer does not accept her own proposal";
  EXPECT_EQ(events_.AnswerProposal(boris_, ab_, Body(R"({"decision":"maybe","version":)" + version + "}")).status().field(),
            "decision");
  const int sequence = Published(ab_).sequence;
  Result<RequestView> accepted = events_.AnswerProposal(boris_, ab_, Body(R"({"decision":"accept","version":)" + version + "}"));
  ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
  EXPECT_TRUE(accepted->request.proposed_slot.empty());
  EXPECT_EQ(Published(ab_).slot_id, free);
  EXPECT_EQ(Published(ab_).sequence, sequence + 1) << "calendars update the meeting in place";
  EXPECT_EQ(Kinds(anna_).front(), "meeting_moved");
  Result<Agenda> agenda = events_.DelegateAgenda(anna_, "expo", "", "en");
  ASSERT_TRUE(agenda.ok());
  ASSERT_EQ(agenda->items.size(), 1u);
  EXPECT_EQ(agenda->items[0].slot_id, free);
  // A re-run of the schedule keeps it there.
  Result<domain::Schedule> rerun = events_.DraftSchedule(kSystem, "expo");
  ASSERT_TRUE(rerun.ok());
  for (const domain::Meeting& m : rerun->meetings) {
    if (m.request_id == ab_) {
      EXPECT_EQ(m.slot_id, free);
    }
  }
}

TEST_F(EventChangesTest, AProposalOutsideAvailabilityOrDeclinedMovesNothing) {
  // Boris proposes to Chen the last slot, where Chen is not free.
  Status outside = events_.ProposeTime(boris_, bc_, Body(R"({"slot":"d1-1030","version":)" +
                                                         std::to_string(RequestVersion(bc_)) + "}"))
                       .status();
  EXPECT_EQ(outside.field(), "slot");
  EXPECT_THAT(outside.message(), HasSubstr("not available"));
  // Begun meetings keep their time.
  env_.clock.Set(*ParseTimestamp("2027-06-16T08:00:00Z"));  // 11:00 in Moscow
  EXPECT_EQ(events_.ProposeTime(boris_, bc_, Body(R"({"slot":"d1-1030","version":2})")).status().code(),
            StatusCode::kFailedPrecondition);
}

TEST_F(EventChangesTest, UnregisteringCancelsMeetingsAndTellsTheOtherSide) {
  EXPECT_EQ(events_.Unregister(anna_, b_.id, Body(R"({"version":1})")).status().code(), StatusCode::kNotFound)
      << "nobody leaves in another's name";
  const std::int64_t version = env_.store().GetDelegate(b_.id)->meta.version;
  EXPECT_EQ(events_.Unregister(boris_, b_.id, Body(R"({"version":99})")).status().code(), StatusCode::kAborted);
  Result<domain::Delegate> gone = events_.Unregister(boris_, b_.id, Body(R"({"version":)" + std::to_string(version) + "}"));
  ASSERT_TRUE(gone.ok()) << gone.status().ToString();
  EXPECT_EQ(gone->status, "withdrawn");
  EXPECT_FALSE(gone->listed);
  EXPECT_EQ(Published(ab_).status, "cancelled");
  EXPECT_EQ(Published(bc_).status, "cancelled");
  EXPECT_EQ(env_.store().GetMeetingRequest(ab_)->status, "declined");
  EXPECT_EQ(env_.store().GetMeetingRequest(bc_)->status, "withdrawn");
  EXPECT_EQ(Kinds(anna_).front(), "meeting_cancelled");
  EXPECT_EQ(Kinds(chen_).front(), "meeting_cancelled");
  EXPECT_THAT(Names(events_.Participants(anna_, "expo", {})), ElementsAre(c_.name));
  EXPECT_EQ(events_.GetEvent(anna_, "expo")->delegates, 2);
  EXPECT_EQ(events_.MyDelegate(boris_, "expo").status().code(), StatusCode::kNotFound);
  // A re-run does not bring the meetings back; he may register again.
  Result<domain::Schedule> rerun = events_.DraftSchedule(kSystem, "expo");
  ASSERT_TRUE(rerun.ok()) << rerun.status().ToString();
  for (const domain::Meeting& m : rerun->meetings) EXPECT_EQ(m.status, "cancelled") << m.request_id;
  EXPECT_TRUE(events_.Register(boris_, "expo", Body(R"({"organization":"org-b"})")).ok());
}

TEST_F(EventChangesTest, CheckInTakesOnlyThisEventsGenuineCodes) {
  Result<Agenda> agenda = events_.DelegateAgenda(anna_, "expo", "", "en");
  ASSERT_TRUE(agenda.ok());
  const std::string code = agenda->check_in_code;
  ASSERT_THAT(code, HasSubstr("BBCHECKIN:expo:" + a_.id + ":"));
  EXPECT_TRUE(events_.DelegateAgenda(boris_, "expo", a_.id, "en").status().code() == StatusCode::kNotFound)
      << "nobody else reads her agenda, or her code";
  EXPECT_EQ(events_.CheckInDelegate(anna_, "expo", Body(R"({"code":")" + code + "\"}")).status().code(),
            StatusCode::kPermissionDenied) << "organisers check people in";
  const std::string forged = code.substr(0, code.rfind(':') + 1) + "AAAAAAAAAAAAAAAA";
  EXPECT_EQ(events_.CheckInDelegate(kSystem, "expo", Body(R"({"code":")" + forged + "\"}")).status().field(), "code");
  EXPECT_EQ(events_.CheckInDelegate(kSystem, "expo", Body(R"({"code":"hello"})")).status().field(), "code");
  // Anna's code at another event.
  ASSERT_TRUE(events_.CreateEvent(kSystem, Body(R"({"id":"other","name":{"en":"Other"},"time_zone":"UTC",
      "plan":{"days":["2027-07-01"],"sessions":[{"start":"09:00","end":"10:00"}]}})")).ok());
  Status elsewhere = events_.CheckInDelegate(kSystem, "other", Body(R"({"code":")" + code + "\"}")).status();
  EXPECT_EQ(elsewhere.field(), "code");
  EXPECT_THAT(elsewhere.message(), HasSubstr("another event"));
  EXPECT_FALSE(env_.store().GetDelegate(a_.id)->checked_in_at) << "nothing refused was written";

  env_.clock.Set(*ParseTimestamp("2027-06-16T05:40:00Z"));
  Result<CheckIn> first = events_.CheckInDelegate(kSystem, "expo", Body(R"({"code":")" + code + "\"}"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_FALSE(first->already);
  EXPECT_EQ(first->delegate.id, a_.id);
  Result<CheckIn> again = events_.CheckInDelegate(kSystem, "expo", Body(R"({"code":")" + code + "\"}"));
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->already);
  EXPECT_EQ(*again->delegate.checked_in_at, *ParseTimestamp("2027-06-16T05:40:00Z"));
}

TEST_F(EventChangesTest, AttendanceCountsCheckInsAndOutcomes) {
  const std::string code = events_.DelegateAgenda(anna_, "expo", "", "en")->check_in_code;
  ASSERT_TRUE(events_.CheckInDelegate(kSystem, "expo", Body(R"({"code":")" + code + "\"}")).ok());
  env_.clock.Set(*ParseTimestamp("2027-06-16T09:00:00Z"));  // noon in Moscow: every slot has begun
  ASSERT_TRUE(events_.RecordOutcome(anna_, ab_, Body(R"({"outcome":"held"})")).ok());
  ASSERT_TRUE(events_.RecordOutcome(kSystem, bc_, Body(R"({"outcome":"no_show"})")).ok());
  EXPECT_EQ(events_.AttendanceOf(anna_, "expo").status().code(), StatusCode::kPermissionDenied);
  Result<Attendance> a = events_.AttendanceOf(kSystem, "expo", "en");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_EQ(a->delegates.size(), 3u);
  int checked_in = 0;
  for (const AttendanceDelegate& d : a->delegates) {
    checked_in += d.checked_in_at ? 1 : 0;
    if (d.id == b_.id) {
      EXPECT_EQ(d.meetings, 2);
      EXPECT_EQ(d.held, 1);
      EXPECT_EQ(d.no_show, 1);
    }
  }
  EXPECT_EQ(checked_in, 1);
  std::map<std::string, std::string> outcome;
  for (const AttendanceMeeting& m : a->meetings) outcome[m.request_id] = m.outcome;
  EXPECT_EQ(outcome[ab_], "held");
  EXPECT_EQ(outcome[bc_], "no_show");
}

}  // namespace
}  // namespace biobridge::service
