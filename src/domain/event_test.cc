#include "domain/event.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace biobridge::domain {
namespace {

using ::testing::HasSubstr;

json::object Json(std::string_view text) { return json::parse(text).as_object(); }

// DESIGN.md's interchange form, as another event tool would write it.
constexpr std::string_view kEvent = R"({"type":"event","id":"ev-1","name":{"en":"Health-care week"},
  "time_zone":"Europe/Moscow","tables":150,"slots":[{"id":"d1-0900","start":"2026-06-16T09:00","end":"2026-06-16T09:30"},
  {"id":"d1-0930","start":"2026-06-16T09:30","end":"2026-06-16T10:00"}],"badge_colour":"green"})";

Event ParsedEvent() { return *EventFromJson(Json(kEvent)); }

TEST(EventTest, ReadsTheInterchangeFormAndKeepsUnknownFields) {
  Result<Event> e = EventFromJson(Json(kEvent));
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->time_zone, "Europe/Moscow");
  EXPECT_EQ(e->tables, 150);
  ASSERT_EQ(e->slots.size(), 2u);
  EXPECT_EQ(e->slots[1].start, (LocalDateTime{2026, 6, 16, 9, 30}));
  EXPECT_TRUE(ValidateEvent(*e).ok());
  Result<Event> back = EventFromJson(ToJson(*e));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, *e);
  EXPECT_EQ(ToJson(*e).at("badge_colour"), "green");
  Delegate d = *DelegateFromJson(Json(R"({"type":"delegate","id":"dl-1","event":"ev-1","organization":"org-a",
      "name":"Anna","available_slots":["d1-0900"]})"));
  EXPECT_EQ(*DelegateFromJson(ToJson(d)), d);
  MeetingRequest r = *MeetingRequestFromJson(Json(R"({"type":"meeting_request","id":"mr-1","event":"ev-1",
      "from":"dl-1","to":"dl-2","priority":"must","status":"accepted"})"));
  EXPECT_EQ(*MeetingRequestFromJson(ToJson(r)), r);
}

TEST(EventTest, ImpossibleSlotsAndUnknownZonesAreRefused) {
  Event e = ParsedEvent();
  e.time_zone = "Mars/Olympus";
  EXPECT_EQ(ValidateEvent(e).field(), "time_zone");
  e = ParsedEvent();
  e.slots[1].start = {2026, 6, 16, 9, 15};  // starts before d1-0900 ends
  EXPECT_THAT(ValidateEvent(e).message(), HasSubstr("before slot d1-0900 ends"));
  e = ParsedEvent();
  e.slots[0].end = e.slots[0].start;
  EXPECT_EQ(ValidateEvent(e).field(), "slots[0].end");
  e = ParsedEvent();
  e.slots[1].id = "d1-0900";
  EXPECT_THAT(ValidateEvent(e).message(), HasSubstr("listed twice"));
  e = ParsedEvent();
  e.time_zone = "Europe/Berlin";  // 2026-03-29 02:30 does not exist there
  e.slots = {{"s", {2026, 3, 29, 2, 30}, {2026, 3, 29, 3, 30}}};
  EXPECT_THAT(ValidateEvent(e).message(), HasSubstr("does not exist in Europe/Berlin"));
  EXPECT_EQ(EventFromJson(Json(R"({"slots":[{"id":"x","start":"16.06.2026 09:00","end":"2026-06-16T09:30"}]})")).status().field(),
            "slots[0].start");
  e = ParsedEvent();
  e.slots.clear();
  EXPECT_EQ(ValidateEvent(e).field(), "slots");
}

TEST(EventTest, DelegatesAndRequestsAreCheckedAgainstTheEvent) {
  const Event e = ParsedEvent();
  Delegate anna{"dl-1", "ev-1", "org-a", "Anna", "", "", {"d1-0900"}, 0};
  EXPECT_TRUE(ValidateDelegate(anna, e).ok());
  anna.available_slots = {"d2-1400"};
  EXPECT_THAT(ValidateDelegate(anna, e).message(), HasSubstr("'d2-1400' is not a slot of event ev-1"));
  anna.available_slots = {};
  anna.time_zone = "Asia/Nowhere";
  EXPECT_EQ(ValidateDelegate(anna, e).field(), "time_zone");
  anna.time_zone = "";
  std::map<std::string, Delegate, std::less<>> delegates = {
      {"dl-1", anna},
      {"dl-2", {"dl-2", "ev-1", "org-a", "Boris", "", "", {}, 0}},
      {"dl-3", {"dl-3", "ev-1", "org-b", "Chen", "", "", {}, 0}},
      {"dl-4", {"dl-4", "ev-1", "org-c", "Dana", "", "", {}, 0}}};
  MeetingRequest r{"mr-1", "ev-1", "dl-1", "dl-3", {"dl-2"}, "must", "accepted", "", {}, {}};
  EXPECT_TRUE(ValidateMeetingRequest(r, delegates).ok());
  r.to = "dl-1";
  EXPECT_THAT(ValidateMeetingRequest(r, delegates).message(), HasSubstr("with themself"));
  r.to = "dl-2";
  r.joining = {};
  EXPECT_THAT(ValidateMeetingRequest(r, delegates).message(), HasSubstr("are colleagues"));
  r.to = "dl-9";
  EXPECT_EQ(ValidateMeetingRequest(r, delegates).field(), "to");
  r.to = "dl-3";
  r.joining = {"dl-4"};  // Dana's organisation is neither side's
  EXPECT_THAT(ValidateMeetingRequest(r, delegates).message(), HasSubstr("colleague of neither side"));
  r.joining = {};
  r.priority = "urgent";
  EXPECT_EQ(ValidateMeetingRequest(r, delegates).field(), "priority");
}

}  // namespace
TEST(EventTest, RoomsHallsAndExhibitorsRoundTripAndAreChecked) {
  Result<Event> e = EventFromJson(Json(R"({"type":"event","id":"ev-2","name":{"en":"Expo"},"time_zone":"Asia/Shanghai",
      "halls":[{"id":"hall-a","name":"Hall A"}],
      "rooms":[{"id":"t1","name":"Table 1","seats":4,"hall":"hall-a"},{"id":"v1","name":"Video room 1","mode":"virtual"}],
      "slots":[{"id":"s1","start":"2026-09-01T10:00","end":"2026-09-01T10:30","session":"Morning"}]})"));
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->tables, 2) << "the rooms listed are the tables";
  EXPECT_EQ(e->rooms[1].mode, "virtual");
  EXPECT_EQ(e->rooms[1].seats, 2);
  EXPECT_EQ(e->slots[0].session, "Morning");
  EXPECT_TRUE(ValidateEvent(*e).ok());
  EXPECT_EQ(*EventFromJson(ToJson(*e)), *e);

  Event bad = *e;
  bad.rooms[0].hall = "hall-z";
  EXPECT_EQ(ValidateEvent(bad).field(), "rooms[0].hall");
  bad = *e;
  bad.tables = 5;
  EXPECT_EQ(ValidateEvent(bad).field(), "tables");
  bad = *e;
  bad.rooms[1].mode = "hologram";
  EXPECT_EQ(ValidateEvent(bad).field(), "rooms[1].mode");

  Delegate d{.id = "dl-1", .event_id = "ev-2", .organization_id = "org-a", .name = "Anna"};
  d.hall = "hall-a";
  d.stand = "A12";
  d.attendance = "virtual";
  EXPECT_TRUE(ValidateDelegate(d, *e).ok());
  EXPECT_EQ(*DelegateFromJson(ToJson(d)), d);
  d.hall = "hall-q";
  EXPECT_EQ(ValidateDelegate(d, *e).field(), "hall");
  d.hall = "";
  d.attendance = "telepathy";
  EXPECT_EQ(ValidateDelegate(d, *e).field(), "attendance");
}

// Video links go into calendars and pages as they are: only https
// addresses of printable characters, a room's only when it is virtual, the
// event's pattern only with {meeting} in it.
TEST(EventTest, VideoLinksAreHttpsAddressesAndFillInTheMeeting) {
  Result<Event> e = EventFromJson(Json(R"({"type":"event","id":"ev-3","name":{"en":"Forum"},"time_zone":"UTC",
      "video_link":"https://meet.example.org/{event}/{meeting}",
      "rooms":[{"id":"t1","name":"Table 1"},{"id":"v1","name":"Video 1","mode":"virtual"},
               {"id":"v2","name":"Video 2","mode":"virtual","link":"https://meet.example.org/room-2"}],
      "slots":[{"id":"s1","start":"2026-09-01T10:00","end":"2026-09-01T10:30"}]})"));
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_TRUE(ValidateEvent(*e).ok());
  EXPECT_EQ(*EventFromJson(ToJson(*e)), *e);
  Meeting m{.request_id = "mr-1", .slot_id = "s1", .table = 2};
  m.video_key = "k3Y-9_a";
  EXPECT_EQ(VideoLink(*e, m), "https://meet.example.org/ev-3/mr-1-k3Y-9_a");
  m.table = 3;
  EXPECT_EQ(VideoLink(*e, m), "https://meet.example.org/room-2") << "a room's own link comes first";
  m.table = 1;
  EXPECT_EQ(VideoLink(*e, m), "") << "a table at the venue";
  m.table = 2;
  m.video_key.clear();
  EXPECT_EQ(VideoLink(*e, m), "") << "no key, no guessable link";

  for (const char* link : {"http://meet.example.org/x", "javascript:alert(1)", "https://", "https:///x",
                           "https://meet.example.org/a b", "https://meet.example.org/a\r\nATTENDEE:x",
                           "https://meet.example.org/\"><script>", "https://meet.example.org/{x}"}) {
    Event bad = *e;
    bad.rooms[2].link = link;
    EXPECT_EQ(ValidateEvent(bad).field(), "rooms[2].link") << link;
  }
  Event bad = *e;
  bad.rooms[0].link = "https://meet.example.org/t1";
  EXPECT_THAT(ValidateEvent(bad).message(), HasSubstr("only a virtual room"));
  for (const char* pattern : {"https://meet.example.org/fixed", "https://meet.example.org/{meeting}/{room}",
                              "ftp://meet.example.org/{meeting}"}) {
    bad = *e;
    bad.video_link = pattern;
    EXPECT_EQ(ValidateEvent(bad).field(), "video_link") << pattern;
  }
}

TEST(EventTest, SlotPlansCutSessionsIntoSlotsWithBreaks) {
  SlotPlan plan{{"2026-06-16", "2026-06-17"}, {{"Morning", "09:00", "10:30"}, {"Afternoon", "14:00", "15:00"}}, 30, 0};
  Result<std::vector<EventSlot>> slots = PlanSlots(plan);
  ASSERT_TRUE(slots.ok()) << slots.status().ToString();
  ASSERT_EQ(slots->size(), 10u);  // 3 + 2 a day
  EXPECT_EQ((*slots)[0].id, "d1-0900");
  EXPECT_EQ((*slots)[2].end, (LocalDateTime{2026, 6, 16, 10, 30}));
  EXPECT_EQ((*slots)[3].id, "d1-1400");
  EXPECT_EQ((*slots)[3].session, "Afternoon");
  EXPECT_EQ((*slots)[5].id, "d2-0900");
  plan.break_minutes = 10;  // 09:00, 09:40 (10:20 would end at 10:50)
  EXPECT_EQ(PlanSlots(plan)->size(), 6u);

  SlotPlan bad = plan;
  bad.sessions[1].start = "10:00";
  EXPECT_EQ(PlanSlots(bad).status().field(), "sessions[1].start") << "overlapping sessions";
  bad = plan;
  bad.sessions[0].end = "09:15";
  EXPECT_EQ(PlanSlots(bad).status().field(), "sessions[0].end") << "a session too short for one slot";
  bad = plan;
  bad.days = {"2026-06-17", "2026-06-16"};
  EXPECT_EQ(PlanSlots(bad).status().field(), "days[1]");
  bad = plan;
  bad.days = {"2026-02-30"};
  EXPECT_EQ(PlanSlots(bad).status().field(), "days[0]");
  bad = plan;
  bad.sessions[0].start = "9am";
  EXPECT_EQ(PlanSlots(bad).status().field(), "sessions[0].start");
}

}  // namespace biobridge::domain

namespace biobridge::domain {
namespace {

TEST(CheckInCodeTest, RoundTripsAndRefusesWhatIsNoCode) {
  Delegate d;
  d.id = "dlg_1";
  d.event_id = "expo";
  EXPECT_EQ(CheckInCode(d), "") << "no key, no code";
  d.check_in_key = "k-y_1234567890AB";
  const std::string code = CheckInCode(d);
  EXPECT_EQ(code, "BBCHECKIN:expo:dlg_1:k-y_1234567890AB");
  Result<CheckInCodeParts> parts = ParseCheckInCode(code);
  ASSERT_TRUE(parts.ok());
  EXPECT_EQ(parts->event_id, "expo");
  EXPECT_EQ(parts->delegate_id, "dlg_1");
  EXPECT_EQ(parts->key, d.check_in_key);
  for (std::string_view bad : {"", "BBCHECKIN:", "BBCHECKIN:expo:dlg_1", "BBCHECKIN:expo::key", "BBCHECKIN:a:b:c:d",
                               "https://example.org/", "bbcheckin:expo:dlg_1:key"}) {
    EXPECT_EQ(ParseCheckInCode(bad).status().field(), "code") << bad;
  }
  EXPECT_EQ(ParseCheckInCode("BBCHECKIN:expo:dlg_1:" + std::string(65, 'k')).status().field(), "code");
}

TEST(EventValidationTest, VisibilityProgrammeAndHostsAreChecked) {
  Event e;
  e.id = "expo";
  e.name = LocalizedText{{"en", "Expo"}};
  e.time_zone = "UTC";
  e.slots = {{"s1", {2027, 6, 16, 9, 0}, {2027, 6, 16, 9, 30}, ""}};
  ASSERT_TRUE(ValidateEvent(e).ok()) << ValidateEvent(e).ToString();
  e.visibility = "secret";
  EXPECT_EQ(ValidateEvent(e).field(), "visibility");
  e.visibility = "private";
  e.sessions = {{LocalizedText{{"en", "Opening"}}, {2027, 6, 16, 10, 0}, {2027, 6, 16, 9, 0}, ""}};
  EXPECT_EQ(ValidateEvent(e).field(), "sessions[0].end");
  e.sessions[0].end = {2027, 6, 16, 11, 0};
  e.sessions[0].title = LocalizedText{};
  EXPECT_EQ(ValidateEvent(e).field(), "sessions[0].title");
  e.sessions.clear();
  e.hosts = {"not an id!"};
  EXPECT_EQ(ValidateEvent(e).field(), "hosts[0]");
  e.hosts.clear();
  e.description = LocalizedText{{"english", "x"}};
  EXPECT_EQ(ValidateEvent(e).field(), "description.english");
  // The new fields survive the interchange form.
  e.description = LocalizedText{{"en", "About"}};
  e.venue = "Moscow";
  e.hosts = {"org-b"};
  e.sessions = {{LocalizedText{{"en", "Opening"}}, {2027, 6, 16, 9, 0}, {2027, 6, 16, 9, 30}, "Hall A"}};
  Result<Event> back = EventFromJson(ToJson(e));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, e);
}

}  // namespace
}  // namespace biobridge::domain
