#include "service/event_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "tests/support/service_env.h"

namespace biobridge::service {
namespace {

using ::testing::HasSubstr;

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

TEST_F(EventServiceTest, OnlyOrganisersScheduleAndACancelledEventIsNot) {
  Principal someone = env_.User("someone@example.org");
  EXPECT_EQ(events_.DraftSchedule(someone, "ev-1").status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(events_.DraftSchedule(kSystem, "ev-9").status().code(), StatusCode::kNotFound);
  domain::Event event = *env_.store().GetEvent("ev-1");
  event.status = "cancelled";
  ASSERT_TRUE(env_.store().UpdateEvent(event, event.meta.version, {"test", env_.clock.Now()}).ok());
  EXPECT_THAT(events_.DraftSchedule(kSystem, "ev-1").status().message(), HasSubstr("cancelled"));
}

}  // namespace
}  // namespace biobridge::service
