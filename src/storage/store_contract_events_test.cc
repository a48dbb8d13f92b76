// The storage contract for partnering events: events, delegates and meeting
// requests.
#include <gmock/gmock.h>

#include "storage/store_contract_test.h"

namespace biobridge::storage {
namespace {

using ::testing::HasSubstr;

const Timestamp kT0 = FromUnixMillis(1'780'000'000'000);

WriteContext At(int seconds) { return WriteContext{"user_organiser", kT0 + std::chrono::seconds(seconds)}; }

domain::Event NewEvent(std::string id) {
  domain::Event e;
  e.id = std::move(id);
  e.name = {{"en", "Health-care week"}};
  e.time_zone = "Europe/Moscow";
  e.tables = 10;
  e.slots = {{"d1-0900", {2026, 6, 16, 9, 0}, {2026, 6, 16, 9, 30}}};
  return e;
}

domain::Delegate NewDelegate(std::string id, std::string organization) {
  domain::Delegate d;
  d.id = std::move(id);
  d.event_id = "ev-1";
  d.organization_id = std::move(organization);
  d.name = "Delegate " + d.id;
  return d;
}

void Seed(Store& store) {
  for (const char* id : {"org-a", "org-b"}) {
    domain::Organization o;
    o.id = id;
    o.name = {{"en", id}};
    o.kind = "company";
    o.country = "RU";
    ASSERT_TRUE(store.CreateOrganization(o, At(0)).ok());
  }
  ASSERT_TRUE(store.CreateEvent(NewEvent("ev-1"), At(0)).ok());
}

TEST_P(StoreContractTest, EventsAreStoredWholeWithTheirVersions) {
  Result<domain::Event> created = store_->CreateEvent(NewEvent("ev-1"), At(1));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(*store_->GetEvent("ev-1"), *created);
  EXPECT_EQ(store_->CreateEvent(NewEvent("ev-1"), At(2)).status().code(), StatusCode::kAlreadyExists);
  domain::Event orphan = NewEvent("ev-2");
  orphan.programme_id = "prog-none";
  EXPECT_EQ(store_->CreateEvent(orphan, At(2)).status().field(), "programme");
  domain::Event cancelled = *created;
  cancelled.status = "cancelled";
  ASSERT_TRUE(store_->UpdateEvent(cancelled, 1, At(3)).ok());
  EXPECT_EQ(store_->GetEvent("ev-1")->status, "cancelled");
  EXPECT_EQ(store_->UpdateEvent(cancelled, 1, At(4)).status().code(), StatusCode::kAborted);
  EXPECT_EQ(store_->ListEvents({1, 10})->total, 1);
  EXPECT_EQ(store_->GetEvent("ev-9").status().code(), StatusCode::kNotFound);
}

TEST_P(StoreContractTest, EventsDelegatesAndRequestsCheckTheirReferences) {
  Seed(*store_);
  ASSERT_TRUE(store_->CreateDelegate(NewDelegate("dl-1", "org-a"), At(1)).ok());
  ASSERT_TRUE(store_->CreateDelegate(NewDelegate("dl-2", "org-b"), At(2)).ok());
  EXPECT_EQ(store_->CreateDelegate(NewDelegate("dl-3", "org-zz"), At(3)).status().field(), "organization");
  domain::Delegate elsewhere = NewDelegate("dl-4", "org-a");
  elsewhere.event_id = "ev-9";
  EXPECT_EQ(store_->CreateDelegate(elsewhere, At(3)).status().field(), "event");
  ASSERT_EQ(store_->ListDelegates("ev-1")->size(), 2u);
  domain::MeetingRequest r;
  r.id = "mr-1";
  r.event_id = "ev-1";
  r.from = "dl-1";
  r.to = "dl-2";
  ASSERT_TRUE(store_->CreateMeetingRequest(r, At(4)).ok());
  r.id = "mr-2";
  EXPECT_THAT(store_->CreateMeetingRequest(r, At(5)).status().message(), HasSubstr("has asked dl-2 for a meeting already"));
  r.to = "dl-9";
  EXPECT_EQ(store_->CreateMeetingRequest(r, At(5)).status().field(), "to");
  domain::MeetingRequest accepted = *store_->GetMeetingRequest("mr-1");
  accepted.status = "accepted";
  ASSERT_TRUE(store_->UpdateMeetingRequest(accepted, 1, At(6)).ok());
  ASSERT_EQ(store_->ListMeetingRequests("ev-1")->size(), 1u);
  EXPECT_EQ(store_->ListMeetingRequests("ev-1")->front().status, "accepted");
  auto audit = store_->ListAudit("meeting_request", "mr-1");
  ASSERT_TRUE(audit.ok());
  EXPECT_EQ(audit->size(), 2u);
}

TEST_P(StoreContractTest, EventsHaveOneScheduleReplacedByVersion) {
  Seed(*store_);
  EXPECT_EQ(store_->GetSchedule("ev-1").status().code(), StatusCode::kNotFound);
  domain::Schedule s;
  s.event_id = "ev-1";
  s.meetings = {{"mr-1", "d1-0900", 3, "scheduled", 0}};
  s.figures = json::object{{"weight", 2}};
  ASSERT_TRUE(store_->PutSchedule(s, 0, At(1)).ok());
  EXPECT_EQ(store_->PutSchedule(s, 0, At(2)).status().code(), StatusCode::kAlreadyExists);
  s.state = "published";
  s.published_at = At(3).at;
  ASSERT_TRUE(store_->PutSchedule(s, 1, At(3)).ok());
  EXPECT_EQ(store_->PutSchedule(s, 1, At(4)).status().code(), StatusCode::kAborted);
  Result<domain::Schedule> read = store_->GetSchedule("ev-1");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->state, "published");
  EXPECT_EQ(read->meetings, s.meetings);
  EXPECT_EQ(read->meta.version, 2);
  s.event_id = "ev-9";
  EXPECT_EQ(store_->PutSchedule(s, 0, At(5)).status().field(), "event");
}

}  // namespace
}  // namespace biobridge::storage
