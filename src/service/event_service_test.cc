#include "service/event_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "tests/support/service_env.h"
#include "storage/store.h"

namespace biobridge::service {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const Principal kSystem = Principal::System("test");

// Four delegates of three organisations, two slots with one table each.
class EventServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::istringstream in(
        R"({"type":"organization","id":"org-a","name":{"en":"A"},"kind":"company","country":"CN"})" "\n"
        R"({"type":"organization","id":"org-b","name":{"en":"B"},"kind":"hospital","country":"RU"})" "\n"
        R"({"type":"organization","id":"org-c","name":{"en":"C"},"kind":"investor","country":"KZ"})" "\n"
        R"({"type":"event","id":"ev-1","name":{"en":"Forum"},"time_zone":"Europe/Moscow","tables":1,"slots":[)"
        R"({"id":"s1","start":"2026-06-16T09:00","end":"2026-06-16T09:30"},{"id":"s2","start":"2026-06-16T09:30","end":"2026-06-16T10:00"}]})" "\n"
        R"({"type":"delegate","id":"a","event":"ev-1","organization":"org-a","name":"Anna"})" "\n"
        R"({"type":"delegate","id":"b","event":"ev-1","organization":"org-b","name":"Boris"})" "\n"
        R"({"type":"delegate","id":"c","event":"ev-1","organization":"org-c","name":"Chen"})" "\n"
        R"({"type":"meeting_request","id":"ab","event":"ev-1","from":"a","to":"b","priority":"must","status":"accepted"})" "\n"
        R"({"type":"meeting_request","id":"bc","event":"ev-1","from":"b","to":"c","status":"accepted"})" "\n"
        R"({"type":"meeting_request","id":"ac","event":"ev-1","from":"a","to":"c","status":"pending"})" "\n");
    auto report = env_.interchange.ImportJsonLines(kSystem, in, {});
    ASSERT_TRUE(report.ok());
    ASSERT_TRUE(report->refused.empty()) << report->refused[0].status.ToString();
  }

  const domain::Meeting* Find(const domain::Schedule& s, std::string_view request) {
    for (const domain::Meeting& m : s.meetings) {
      if (m.request_id == request) return &m;
    }
    return nullptr;
  }

  biobridge::testing::ServiceEnv env_;
  EventService events_{env_.context};
};

TEST_F(EventServiceTest, DraftPublishAndARerunThatMovesNothingPublished) {
  Result<domain::Schedule> draft = events_.DraftSchedule(kSystem, "ev-1");
  ASSERT_TRUE(draft.ok()) << draft.status().ToString();
  ASSERT_EQ(draft->meetings.size(), 2u);  // ab and bc, in different slots (Boris is in both)
  EXPECT_NE(Find(*draft, "ab")->slot_id, Find(*draft, "bc")->slot_id);
  EXPECT_DOUBLE_EQ(draft->figures.at("percent_of_bound").as_double(), 100);
  EXPECT_TRUE(draft->figures.at("exact").as_bool());
  Result<domain::Schedule> published = events_.PublishSchedule(kSystem, "ev-1", draft->meta.version);
  ASSERT_TRUE(published.ok());
  const std::string ab_slot = Find(*published, "ab")->slot_id;
  // Anna and Chen agree to meet too; Boris declines to meet Chen.
  domain::MeetingRequest ac = *env_.store().GetMeetingRequest("ac");
  ac.status = "accepted";
  ASSERT_TRUE(env_.store().UpdateMeetingRequest(ac, ac.meta.version, {"test", env_.clock.Now()}).ok());
  domain::MeetingRequest bc = *env_.store().GetMeetingRequest("bc");
  bc.status = "declined";
  ASSERT_TRUE(env_.store().UpdateMeetingRequest(bc, bc.meta.version, {"test", env_.clock.Now()}).ok());
  Result<domain::Schedule> rerun = events_.DraftSchedule(kSystem, "ev-1");
  ASSERT_TRUE(rerun.ok()) << rerun.status().ToString();
  // The published meeting did not move, and keeps its sequence.
  EXPECT_EQ(Find(*rerun, "ab")->slot_id, ab_slot);
  EXPECT_EQ(Find(*rerun, "ab")->sequence, 0);
  // The declined one stays, cancelled, with a new sequence, so calendars cancel it.
  EXPECT_EQ(Find(*rerun, "bc")->status, "cancelled");
  EXPECT_EQ(Find(*rerun, "bc")->sequence, 1);
  // The new one takes the other slot.
  ASSERT_NE(Find(*rerun, "ac"), nullptr);
  EXPECT_NE(Find(*rerun, "ac")->slot_id, ab_slot);
}

// A meeting delegates were shown is cancelled in their calendars when it
// goes, even if an unpublished draft had moved it meanwhile.
TEST_F(EventServiceTest, AShownMeetingThatGoesIsCancelledEvenAfterADraftMovedIt) {
  Result<domain::Schedule> first = events_.DraftSchedule(kSystem, "ev-1");
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(events_.PublishSchedule(kSystem, "ev-1", first->meta.version).ok());
  const std::string shown_slot = Find(*first, "ab")->slot_id;
  const std::string other_slot = shown_slot == "s1" ? "s2" : "s1";
  const storage::WriteContext at{"test", env_.clock.Now()};
  // Boris no longer meets Chen, and Anna is free only in the other slot: the draft moves her meeting.
  domain::MeetingRequest bc = *env_.store().GetMeetingRequest("bc");
  bc.status = "declined";
  ASSERT_TRUE(env_.store().UpdateMeetingRequest(bc, bc.meta.version, at).ok());
  domain::Delegate anna = *env_.store().GetDelegate("a");
  anna.available_slots = {other_slot};
  ASSERT_TRUE(env_.store().UpdateDelegate(anna, anna.meta.version, at).ok());
  Result<domain::Schedule> moved = events_.DraftSchedule(kSystem, "ev-1");
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_EQ(Find(*moved, "ab")->slot_id, other_slot);
  EXPECT_FALSE(Find(*moved, "ab")->published);
  EXPECT_EQ(Find(*moved, "ab")->sequence, 1);
  // Before that draft is published, the meeting is declined: delegates saw it where it was; it is cancelled.
  domain::MeetingRequest ab = *env_.store().GetMeetingRequest("ab");
  ab.status = "declined";
  ASSERT_TRUE(env_.store().UpdateMeetingRequest(ab, ab.meta.version, at).ok());
  Result<domain::Schedule> gone = events_.DraftSchedule(kSystem, "ev-1");
  ASSERT_TRUE(gone.ok());
  ASSERT_NE(Find(*gone, "ab"), nullptr) << "the shown meeting must stay, cancelled";
  EXPECT_EQ(Find(*gone, "ab")->status, "cancelled");
  EXPECT_EQ(Find(*gone, "ab")->slot_id, shown_slot);
  EXPECT_EQ(Find(*gone, "ab")->sequence, 2) << "above what the shown (0) and the draft (1) copies had";
  Result<domain::Schedule> published = events_.PublishSchedule(kSystem, "ev-1", gone->meta.version);
  ASSERT_TRUE(published.ok());
  for (const domain::Meeting& m : published->published_meetings) EXPECT_EQ(m.status, "cancelled") << m.request_id;
}

TEST_F(EventServiceTest, OnlyOrganisersScheduleAndACancelledEventIsNot) {
  Principal someone = env_.User("someone@example.org");
  EXPECT_EQ(events_.DraftSchedule(someone, "ev-1").status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(events_.DraftSchedule(kSystem, "ev-9").status().code(), StatusCode::kNotFound);
  domain::Event event = *env_.store().GetEvent("ev-1");
  event.status = "cancelled";
  ASSERT_TRUE(env_.store().UpdateEvent(event, event.meta.version, {"test", env_.clock.Now()}).ok());
  EXPECT_THAT(events_.DraftSchedule(kSystem, "ev-1").status().message(), HasSubstr("cancelled"));
}

json::object Body(std::string_view text) { return json::parse(text).as_object(); }

// The delegate a person's own registration made.
Result<domain::Delegate> Own(Result<Registration> registration) {
  if (!registration.ok()) return registration.status();
  if (!registration->delegate) return InternalError("an invitation, not a registration");
  return *registration->delegate;
}

// The whole journey through the service: an organiser plans an event,
// people register and ask each other for meetings, the schedule is drafted
// and published, agendas come in each delegate's zone, and a follow-up
// after the meeting opens a deal.
TEST_F(EventServiceTest, AnEventFromPlanToFollowUp) {
  const auto member = domain::MembershipRole::kMember;
  Principal anna = env_.User("anna@a.example", {{"org-a", member}});
  Principal boris = env_.User("boris@b.example", {{"org-b", member}});
  Principal chen = env_.User("chen@c.example", {{"org-c", member}});
  Principal outsider = env_.User("olga@o.example");

  Result<domain::Event> event = events_.CreateEvent(kSystem, Body(R"({"id":"expo","name":{"en":"Health Expo"},
      "kind":"exhibition","time_zone":"Europe/Moscow","halls":[{"id":"h1","name":"Hall 1"}],
      "rooms":[{"id":"t1","name":"Table 1","seats":3,"hall":"h1"},{"id":"v1","name":"Video room","mode":"virtual"}],
      "plan":{"days":["2027-06-16"],"sessions":[{"name":"Morning","start":"09:00","end":"10:00"}],"slot_minutes":30}})"));
  ASSERT_TRUE(event.ok()) << event.status().ToString();
  EXPECT_EQ(event->slots.size(), 2u);
  EXPECT_EQ(event->tables, 2);
  EXPECT_EQ(events_.CreateEvent(anna, Body(R"({"name":{"en":"Mine"},"time_zone":"UTC","plan":{"days":["2026-06-16"],
      "sessions":[{"start":"09:00","end":"10:00"}]}})")).status().code(), StatusCode::kPermissionDenied);

  Result<domain::Delegate> a = Own(events_.Register(anna, "expo", Body(R"({"organization":"org-a","time_zone":"Asia/Shanghai"})")));
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->user_id, anna.user()->id);
  EXPECT_EQ(events_.Register(anna, "expo", Body(R"({"organization":"org-a"})")).status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(events_.Register(anna, "expo", Body(R"({"organization":"org-b"})")).status().code(),
            StatusCode::kPermissionDenied) << "not her organisation";
  Result<domain::Delegate> b = Own(events_.Register(boris, "expo", Body(R"({"organization":"org-b","hall":"h1","stand":"B4"})")));
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  Result<domain::Delegate> c = Own(events_.Register(chen, "expo", Body(R"({"organization":"org-c","attendance":"virtual",
      "available_slots":["d1-0930"]})")));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(events_.ListDelegates(outsider, "expo").status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(events_.ListDelegates(anna, "expo")->size(), 3u);

  // Everyone else registered is offered, ranked by matching; colleagues and oneself are not.
  Result<std::vector<DelegateSuggestion>> offered = events_.Suggestions(anna, "expo", "en");
  ASSERT_TRUE(offered.ok()) << offered.status().ToString();
  std::set<std::string> offered_ids;
  for (const DelegateSuggestion& s : *offered) offered_ids.insert(s.delegate.id);
  EXPECT_EQ(offered_ids, (std::set<std::string>{b->id, c->id}));
  Result<RequestView> ab = events_.RequestMeeting(anna, "expo", Body(R"json({"to":")json" + b->id + R"json(","priority":"must"})json"));
  ASSERT_TRUE(ab.ok()) << ab.status().ToString();
  EXPECT_EQ(ab->direction, "outgoing");
  EXPECT_EQ(ab->to_organization, "B");
  EXPECT_EQ(events_.RequestMeeting(boris, "expo", Body(R"json({"to":")json" + a->id + "\"}")).status().code(),
            StatusCode::kAlreadyExists) << "Anna asked Boris already";
  Result<RequestView> ca = events_.RequestMeeting(chen, "expo", Body(R"json({"to":")json" + a->id + "\"}"));
  ASSERT_TRUE(ca.ok());
  // Only the one asked answers.
  const std::string accept = R"({"decision":"accept","version":1})";
  EXPECT_EQ(events_.AnswerRequest(anna, ab->request.id, Body(accept)).status().code(), StatusCode::kPermissionDenied);
  ASSERT_TRUE(events_.AnswerRequest(boris, ab->request.id, Body(accept)).ok());
  ASSERT_TRUE(events_.AnswerRequest(anna, ca->request.id, Body(accept)).ok());
  EXPECT_EQ(events_.ListRequests(boris, "expo")->size(), 1u) << "Boris sees only his own";
  EXPECT_TRUE(events_.Suggestions(anna, "expo", "en")->empty()) << "those already asked, either way, are not offered again";

  Result<domain::Schedule> draft = events_.DraftSchedule(kSystem, "expo");
  ASSERT_TRUE(draft.ok()) << draft.status().ToString();
  ASSERT_EQ(draft->meetings.size(), 2u);
  // Chen is remote: the video room (2), in the one slot he is free.
  const domain::Meeting* with_chen = Find(*draft, ca->request.id);
  ASSERT_NE(with_chen, nullptr);
  EXPECT_EQ(with_chen->table, 2);
  EXPECT_EQ(with_chen->slot_id, "d1-0930");
  EXPECT_EQ(Find(*draft, ab->request.id)->table, 1);
  // A draft is not on anyone's agenda yet.
  EXPECT_TRUE(events_.DelegateAgenda(anna, "expo", "", "en")->items.empty());
  ASSERT_TRUE(events_.PublishSchedule(kSystem, "expo", draft->meta.version).ok());

  Result<Agenda> agenda = events_.DelegateAgenda(anna, "expo", "", "en");
  ASSERT_TRUE(agenda.ok()) << agenda.status().ToString();
  ASSERT_EQ(agenda->items.size(), 2u);
  EXPECT_EQ(agenda->time_zone, "Asia/Shanghai");
  EXPECT_EQ(agenda->items[0].start, (LocalDateTime{2027, 6, 16, 14, 0})) << "09:00 Moscow is 14:00 Shanghai";
  EXPECT_EQ(agenda->items[0].place, "Table 1, Hall 1");
  EXPECT_EQ(agenda->items[0].with, std::vector<std::string>{"boris (B)"});
  EXPECT_EQ(events_.DelegateAgenda(boris, "expo", a->id, "en").status().code(), StatusCode::kNotFound)
      << "another delegate's agenda is not his to read";
  Result<std::string> ics = events_.DelegateCalendar(anna, "expo", "");
  ASSERT_TRUE(ics.ok());
  EXPECT_THAT(*ics, HasSubstr("TZID:Asia/Shanghai"));
  EXPECT_THAT(*ics, HasSubstr("UID:meeting-" + ab->request.id + "@biobridge"));
  EXPECT_EQ(events_.EventCalendar(anna, "expo").status().code(), StatusCode::kPermissionDenied);
  EXPECT_THAT(*events_.EventCalendar(kSystem, "expo"), HasSubstr("TZID:Europe/Moscow"));

  // After the meeting, not before.
  const std::string held = R"({"outcome":"held","follow_up":true})";
  EXPECT_EQ(events_.RecordOutcome(anna, ab->request.id, Body(held)).status().code(), StatusCode::kFailedPrecondition);
  env_.clock.Set(*ParseTimestamp("2027-06-16T06:05:00Z"));  // 09:05 in Moscow
  EXPECT_EQ(events_.RecordOutcome(chen, ab->request.id, Body(held)).status().code(), StatusCode::kPermissionDenied);
  // The organiser records attendance, but does not ask for a deal in anyone's name.
  EXPECT_EQ(events_.RecordOutcome(kSystem, ab->request.id, Body(held)).status().code(), StatusCode::kPermissionDenied);
  Result<domain::Meeting> asked = events_.RecordOutcome(anna, ab->request.id, Body(held));
  ASSERT_TRUE(asked.ok()) << asked.status().ToString();
  EXPECT_EQ(asked->status, "held");
  EXPECT_EQ(asked->follow_up, std::vector<std::string>{"org-a"});
  EXPECT_TRUE(asked->deal_id.empty()) << "one side asked: no deal yet";
  EXPECT_TRUE(env_.pipeline.ListDeals(boris, "org-b", {1, 20})->items.empty());
  // Boris asks too: the deal opens, once.
  Result<domain::Meeting> outcome = events_.RecordOutcome(boris, ab->request.id, Body(held));
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  ASSERT_FALSE(outcome->deal_id.empty());
  Result<domain::Deal> deal = env_.pipeline.GetDeal(boris, outcome->deal_id);
  ASSERT_TRUE(deal.ok()) << deal.status().ToString();
  EXPECT_EQ(deal->initiator, "org-a");
  EXPECT_EQ(deal->recipient, "org-b");
  // Recording it again opens no second deal.
  EXPECT_EQ(events_.RecordOutcome(boris, ab->request.id, Body(held))->deal_id, outcome->deal_id);
  EXPECT_EQ(events_.RecordOutcome(anna, ab->request.id, Body(R"({"outcome":"no_show","follow_up":true})")).status().field(),
            "follow_up");
  // A re-run keeps the held meeting as it was.
  Result<domain::Schedule> rerun = events_.DraftSchedule(kSystem, "expo");
  ASSERT_TRUE(rerun.ok()) << rerun.status().ToString();
  EXPECT_EQ(Find(*rerun, ab->request.id)->status, "held");
}

// A meeting in a virtual room carries where to join it: the event's
// video_link with the meeting's own unguessable part, on its participants'
// agendas and calendars only; the address pattern is the organisers'.
TEST_F(EventServiceTest, VideoLinksReachOnlyTheMeetingsParticipants) {
  const auto member = domain::MembershipRole::kMember;
  Principal anna = env_.User("anna@a.example", {{"org-a", member}});
  Principal boris = env_.User("boris@b.example", {{"org-b", member}});
  Principal chen = env_.User("chen@c.example", {{"org-c", member}});
  EXPECT_THAT(events_.CreateEvent(kSystem, Body(R"({"name":{"en":"X"},"time_zone":"UTC",
      "video_link":"https://meet.example.org/fixed","plan":{"days":["2027-06-16"],"sessions":[{"start":"09:00","end":"10:00"}]}})"))
                  .status().message(), HasSubstr("{meeting}"));
  EXPECT_THAT(events_.CreateEvent(kSystem, Body(R"({"name":{"en":"X"},"time_zone":"UTC",
      "video_link":"javascript:alert(1)//{meeting}","plan":{"days":["2027-06-16"],"sessions":[{"start":"09:00","end":"10:00"}]}})"))
                  .status().ToString(), HasSubstr("video_link"));
  ASSERT_TRUE(events_.CreateEvent(kSystem, Body(R"({"id":"expo","name":{"en":"Health Expo"},"time_zone":"Europe/Moscow",
      "video_link":"https://meet.example.org/{event}-{meeting}",
      "rooms":[{"id":"t1","name":"Table 1"},{"id":"v1","name":"Video room","mode":"virtual"}],
      "plan":{"days":["2027-06-16"],"sessions":[{"start":"09:00","end":"10:00"}],"slot_minutes":30}})")).ok());
  Result<domain::Delegate> a = Own(events_.Register(anna, "expo", Body(R"({"organization":"org-a"})")));
  Result<domain::Delegate> b = Own(events_.Register(boris, "expo", Body(R"({"organization":"org-b"})")));
  Result<domain::Delegate> c = Own(events_.Register(chen, "expo", Body(R"({"organization":"org-c","attendance":"virtual"})")));
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  Result<RequestView> ab = events_.RequestMeeting(anna, "expo", Body(R"json({"to":")json" + b->id + "\"}"));
  Result<RequestView> ca = events_.RequestMeeting(chen, "expo", Body(R"json({"to":")json" + a->id + "\"}"));
  ASSERT_TRUE(ab.ok() && ca.ok());
  const std::string accept = R"({"decision":"accept","version":1})";
  ASSERT_TRUE(events_.AnswerRequest(boris, ab->request.id, Body(accept)).ok());
  ASSERT_TRUE(events_.AnswerRequest(anna, ca->request.id, Body(accept)).ok());
  Result<domain::Schedule> draft = events_.DraftSchedule(kSystem, "expo");
  ASSERT_TRUE(draft.ok()) << draft.status().ToString();
  const domain::Meeting* online = Find(*draft, ca->request.id);
  ASSERT_NE(online, nullptr);
  ASSERT_EQ(online->table, 2) << "Chen is remote: the video room";
  ASSERT_EQ(online->video_key.size(), 16u);
  const std::string link = "https://meet.example.org/expo-" + ca->request.id + "-" + online->video_key;
  // A re-run keeps the meeting's link.
  Result<domain::Schedule> again = events_.DraftSchedule(kSystem, "expo");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(Find(*again, ca->request.id)->video_key, online->video_key);
  ASSERT_TRUE(events_.PublishSchedule(kSystem, "expo", again->meta.version).ok());

  Result<Agenda> anna_agenda = events_.DelegateAgenda(anna, "expo", "", "en");
  ASSERT_TRUE(anna_agenda.ok());
  ASSERT_EQ(anna_agenda->items.size(), 2u);
  for (const AgendaItem& item : anna_agenda->items) {
    EXPECT_EQ(item.video_link, item.request_id == ca->request.id ? link : "") << item.request_id;
  }
  const std::string chen_ics = *events_.DelegateCalendar(chen, "expo", "");
  EXPECT_THAT(chen_ics, HasSubstr("URL:" + link + "\r\n"));
  EXPECT_THAT(chen_ics, HasSubstr("CONFERENCE;VALUE=URI;FEATURE=VIDEO:https://"));  // folded at 75 octets
  // Boris meets Anna at a table: nothing of the call reaches him, nor the event's pattern.
  Result<Agenda> boris_agenda = events_.DelegateAgenda(boris, "expo", "", "en");
  ASSERT_TRUE(boris_agenda.ok());
  for (const AgendaItem& item : boris_agenda->items) EXPECT_EQ(item.video_link, "");
  EXPECT_THAT(*events_.DelegateCalendar(boris, "expo", ""), Not(HasSubstr(online->video_key)));
  EXPECT_EQ(events_.GetEvent(boris, "expo")->event.video_link, "");
  EXPECT_EQ(events_.GetEvent(kSystem, "expo")->event.video_link, "https://meet.example.org/{event}-{meeting}");

  // The organiser's exports: the meetings with their places and links, the delegates, the requests.
  auto meetings = events_.ExportTable(kSystem, "expo", "meetings", "en");
  ASSERT_TRUE(meetings.ok()) << meetings.status().ToString();
  ASSERT_EQ(meetings->size(), 3u);
  EXPECT_EQ(meetings->front().back(), "video_link");
  for (std::size_t i = 1; i < meetings->size(); ++i) {
    const std::vector<std::string>& row = (*meetings)[i];
    EXPECT_EQ(row.back(), row[0] == ca->request.id ? link : "");
    EXPECT_EQ(row[5], row[0] == ca->request.id ? "Video room" : "Table 1");
  }
  auto delegates = events_.ExportTable(kSystem, "expo", "delegates", "en");
  ASSERT_TRUE(delegates.ok());
  EXPECT_EQ(delegates->size(), 4u);
  auto requests = events_.ExportTable(kSystem, "expo", "requests", "en");
  ASSERT_TRUE(requests.ok());
  EXPECT_EQ(requests->size(), 3u);
  EXPECT_EQ(events_.ExportTable(anna, "expo", "meetings").status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(events_.ExportTable(kSystem, "expo", "passwords").status().field(), "table");
}

TEST_F(EventServiceTest, BadInputIsRefusedAndNothingIsWritten) {
  Principal anna = env_.User("anna@a.example", {{"org-a", domain::MembershipRole::kMember}});
  EXPECT_EQ(events_.Register(anna, "ev-1", Body(R"({"organization":"org-a","available_slots":[]})")).status().field(),
            "available_slots");
  EXPECT_EQ(events_.Register(anna, "ev-1", Body(R"({"organization":"org-a","time_zone":"Mars/Olympus"})")).status().field(),
            "time_zone");
  EXPECT_EQ(events_.Register(anna, "ev-1", Body(R"({"organization":"org-a","badge":"x"})")).status().field(), "badge");
  EXPECT_EQ(events_.CreateEvent(kSystem, Body(R"({"name":{"en":"X"},"time_zone":"Europe/Atlantis","plan":{"days":["2026-06-16"],
      "sessions":[{"start":"09:00","end":"10:00"}]}})")).status().field(), "time_zone");
  EXPECT_EQ(events_.CreateEvent(kSystem, Body(R"({"name":{"en":"X"},"time_zone":"UTC","plan":{"days":["2026-06-16"],
      "sessions":[{"start":"09:00","end":"10:00"},{"start":"09:30","end":"11:00"}]}})")).status().field(),
            "plan.sessions[1].start");
  // An organiser invites someone else: an existing account, for one of its organisations.
  EXPECT_EQ(events_.Register(kSystem, "ev-1", Body(R"({"organization":"org-a","user":"usr_nobody"})")).status().field(), "user");
  EXPECT_EQ(events_.Register(kSystem, "ev-1", Body(R"({"organization":"org-b","user":")" + anna.user()->id + "\"}")).status().field(),
            "organization");
  Principal bella = env_.User("bella@b.example", {{"org-b", domain::MembershipRole::kMember}});
  EXPECT_EQ(events_.Register(anna, "ev-1", Body(R"({"organization":"org-b","user":")" + bella.user()->id + "\"}")).status().code(),
            StatusCode::kPermissionDenied) << "only organisers name another's account";
  ASSERT_EQ(env_.store().ListDelegates("ev-1")->size(), 3u);

  Result<domain::Delegate> mine = Own(events_.Register(anna, "ev-1", Body(R"({"organization":"org-a"})")));
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(events_.RequestMeeting(anna, "ev-1", Body(R"json({"to":")json" + mine->id + "\"}")).status().field(), "to")
      << "oneself";
  EXPECT_THAT(events_.RequestMeeting(anna, "ev-1", Body(R"({"to":"a"})")).status().message(), HasSubstr("colleagues"));
  EXPECT_EQ(events_.ListRequests(kSystem, "ev-1")->size(), 3u);

  // A slot in use cannot go.
  domain::Delegate boris = *env_.store().GetDelegate("b");
  boris.available_slots = {"s2"};
  ASSERT_TRUE(env_.store().UpdateDelegate(boris, boris.meta.version, {"test", env_.clock.Now()}).ok());
  domain::Event event = *env_.store().GetEvent("ev-1");
  EXPECT_EQ(events_.UpdateEvent(kSystem, "ev-1", Body(R"({"slots":[{"id":"s1","start":"2026-06-16T09:00",
      "end":"2026-06-16T09:30"}],"version":)" + std::to_string(event.meta.version) + "}")).status().code(),
            StatusCode::kFailedPrecondition);

  // Cancelling the event cancels its published meetings and stops changes.
  Result<domain::Schedule> draft = events_.DraftSchedule(kSystem, "ev-1");
  ASSERT_TRUE(draft.ok());
  ASSERT_TRUE(events_.PublishSchedule(kSystem, "ev-1", draft->meta.version).ok());
  ASSERT_TRUE(events_.CancelEvent(kSystem, "ev-1", event.meta.version).ok());
  const domain::Schedule cancelled = *env_.store().GetSchedule("ev-1");
  for (const domain::Meeting& m : cancelled.published_meetings) {
    EXPECT_EQ(m.status, "cancelled");
    EXPECT_EQ(m.sequence, 1);
  }
  EXPECT_THAT(events_.Register(anna, "ev-1", Body(R"({"organization":"org-a","name":"Another"})")).status().message(),
              HasSubstr("cancelled"));
}

// Regression (issue 15, finding 2): an organiser registered members of other
// organisations, asked and accepted a meeting in their names, and recorded a
// follow-up that opened a deal between them. Organisers schedule; they do
// not speak for delegates.
TEST_F(EventServiceTest, AnOrganiserNeverActsInADelegatesName) {
  const auto member = domain::MembershipRole::kMember;
  Principal anna = env_.User("anna@a.example", {{"org-a", member}});
  Principal boris = env_.User("boris@b.example", {{"org-b", member}});
  Principal organiser = env_.Admin("organiser@example.org");

  // Registering Anna is an invitation she accepts; nothing is registered before.
  Result<Registration> invited =
      events_.Register(organiser, "ev-1", Body(R"({"organization":"org-a","user":")" + anna.user()->id + "\"}"));
  ASSERT_TRUE(invited.ok()) << invited.status().ToString();
  ASSERT_FALSE(invited->delegate.has_value());
  ASSERT_TRUE(invited->invitation.has_value());
  EXPECT_EQ(env_.store().ListDelegates("ev-1")->size(), 3u);
  const json::object version = Body(R"({"version":1})");
  EXPECT_EQ(env_.invitations.Accept(organiser, invited->invitation->id, version).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(env_.invitations.Accept(boris, invited->invitation->id, version).status().code(), StatusCode::kNotFound);
  Result<InvitationView> accepted = env_.invitations.Accept(anna, invited->invitation->id, version);
  ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
  Result<domain::Delegate> anna_delegate = events_.MyDelegate(anna, "ev-1");
  ASSERT_TRUE(anna_delegate.ok());
  EXPECT_EQ(anna_delegate->organization_id, "org-a");
  Result<domain::Delegate> boris_delegate = Own(events_.Register(boris, "ev-1", Body(R"({"organization":"org-b"})")));
  ASSERT_TRUE(boris_delegate.ok());

  // Meeting requests are the delegates' own: asked, answered and withdrawn by them only.
  EXPECT_EQ(events_.RequestMeeting(organiser, "ev-1",
                                   Body(R"({"from":")" + anna_delegate->id + R"(","to":")" + boris_delegate->id + "\"}"))
                .status()
                .code(),
            StatusCode::kFailedPrecondition) << "the organiser is no delegate";
  Result<RequestView> asked = events_.RequestMeeting(anna, "ev-1", Body(R"({"to":")" + boris_delegate->id + "\"}"));
  ASSERT_TRUE(asked.ok()) << asked.status().ToString();
  const std::string accept = R"({"decision":"accept","version":1})";
  EXPECT_EQ(events_.AnswerRequest(organiser, asked->request.id, Body(accept)).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(events_.WithdrawRequest(organiser, asked->request.id, version).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(env_.store().GetMeetingRequest(asked->request.id)->status, "pending");

  // An organiser places exhibitors, but does not change when a delegate is free.
  const std::string v = std::to_string(boris_delegate->meta.version);
  EXPECT_EQ(events_.UpdateDelegate(organiser, boris_delegate->id, Body(R"({"available_slots":["s2"],"version":)" + v + "}"))
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  EXPECT_TRUE(events_.UpdateDelegate(organiser, boris_delegate->id, Body(R"({"stand":"C7","version":)" + v + "}")).ok());
}

}  // namespace
}  // namespace biobridge::service
