// SqlStore: partnering events (schema 0006_events.sql): events, delegates
// and meeting requests as document tables (doc_tables.h).
#include <fmt/format.h>

#include "domain/event.h"
#include "storage/sql/connection.h"
#include "storage/sql/doc_tables.h"
#include "storage/sql/journal_rows.h"
#include "storage/sql/sql_store.h"

namespace biobridge::storage::sql {
namespace {

const DocTable kEvents{"events", "event", "event", {"programme_id"}};
const DocTable kDelegates{"delegates", "delegate", "delegate", {"event_id", "organization_id", "user_id"}};
const DocTable kSchedules{"schedules", "schedule", "schedule", {}};
const DocTable kRequests{"meeting_requests", "meeting_request", "meeting request", {"event_id", "from_delegate", "to_delegate"}};

const Kind<domain::Event> kEventKind{
    kEvents, [](const domain::Event& e) { return e.id; }, [](const domain::Event& e) { return domain::ToJson(e); }, domain::EventFromJson,
    [](const domain::Event& e) { return std::vector<std::string>{e.programme_id}; },
    [](Connection& c, const domain::Event& e) -> Status {
      if (e.programme_id.empty()) return Status::Ok();
      return CheckReference(c, "SELECT 1 FROM programmes WHERE id = ?", e.programme_id, "programme", "programme");
    }};

const Kind<domain::Delegate> kDelegateKind{
    kDelegates, [](const domain::Delegate& d) { return d.id; }, [](const domain::Delegate& d) { return domain::ToJson(d); }, domain::DelegateFromJson,
    [](const domain::Delegate& d) { return std::vector<std::string>{d.event_id, d.organization_id, d.user_id}; },
    [](Connection& c, const domain::Delegate& d) -> Status {
      BB_RETURN_IF_ERROR(CheckReference(c, "SELECT 1 FROM events WHERE id = ?", d.event_id, "event", "event"));
      return CheckReference(c, "SELECT 1 FROM organizations WHERE id = ?", d.organization_id, "organization", "organization");
    }};

const Kind<domain::MeetingRequest> kRequestKind{
    kRequests, [](const domain::MeetingRequest& r) { return r.id; },
    [](const domain::MeetingRequest& r) { return domain::ToJson(r); }, domain::MeetingRequestFromJson,
    [](const domain::MeetingRequest& r) { return std::vector<std::string>{r.event_id, r.from, r.to}; },
    [](Connection& c, const domain::MeetingRequest& r) -> Status {
      BB_RETURN_IF_ERROR(CheckReference(c, "SELECT 1 FROM events WHERE id = ?", r.event_id, "event", "event"));
      BB_RETURN_IF_ERROR(CheckReference(c, "SELECT 1 FROM delegates WHERE id = ?", r.from, "from", "delegate"));
      return CheckReference(c, "SELECT 1 FROM delegates WHERE id = ?", r.to, "to", "delegate");
    }};

const Kind<domain::Schedule> kScheduleKind{
    kSchedules, [](const domain::Schedule& s) { return s.event_id; },
    [](const domain::Schedule& s) { return domain::ToJson(s); }, domain::ScheduleFromJson,
    [](const domain::Schedule&) { return std::vector<std::string>{}; },
    [](Connection& c, const domain::Schedule& s) -> Status {
      return CheckReference(c, "SELECT 1 FROM events WHERE id = ?", s.event_id, "event", "event");
    }};

}  // namespace

Status InsertDelegate(Connection& c, domain::Delegate& delegate, const WriteContext& context) {
  return CreateIn(c, kDelegateKind, delegate, context);
}

Result<domain::Event> SqlStore::CreateEvent(domain::Event event, const WriteContext& context) {
  BB_RETURN_IF_ERROR(WriteTransaction(context, [&](Connection& c) { return CreateIn(c, kEventKind, event, context); }));
  return event;
}

Result<domain::Event> SqlStore::UpdateEvent(domain::Event event, std::int64_t expected_version,
                                               const WriteContext& context) {
  BB_RETURN_IF_ERROR(
      WriteTransaction(context, [&](Connection& c) { return UpdateIn(c, kEventKind, event, expected_version, context); }));
  return event;
}

Result<domain::Event> SqlStore::GetEvent(std::string_view id) {
  std::vector<domain::Event> found;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(found, ListIn(c, kEventKind, "WHERE id = ?", {std::string(id)}));
    return Status::Ok();
  }));
  if (found.empty()) return NotFoundError(fmt::format("no event has id '{}'", id));
  return std::move(found.front());
}

Result<Page<domain::Event>> SqlStore::ListEvents(const PageRequest& page) {
  Page<domain::Event> out{{}, 0, page.page, page.per_page};
  BB_RETURN_IF_ERROR(Read(
      [&](Connection& c) -> Status {
        BB_ASSIGN_OR_RETURN(Statement count, c.Prepare("SELECT COUNT(*) FROM events"));
        BB_RETURN_IF_ERROR(count.Step().status());
        out.total = count.Int(0);
        BB_ASSIGN_OR_RETURN(out.items, ListIn(c, kEventKind,
                                              fmt::format("WHERE seq IN (SELECT seq FROM events ORDER BY seq LIMIT {} "
                                                          "OFFSET {})",
                                                          page.per_page, std::int64_t{page.page - 1} * page.per_page),
                                              {}));
        return Status::Ok();
      },
      /*snapshot=*/true));
  return out;
}

Result<domain::Delegate> SqlStore::CreateDelegate(domain::Delegate delegate, const WriteContext& context) {
  BB_RETURN_IF_ERROR(WriteTransaction(context, [&](Connection& c) { return CreateIn(c, kDelegateKind, delegate, context); }));
  return delegate;
}

Result<domain::Delegate> SqlStore::UpdateDelegate(domain::Delegate delegate, std::int64_t expected_version,
                                                     const WriteContext& context) {
  BB_RETURN_IF_ERROR(
      WriteTransaction(context, [&](Connection& c) { return UpdateIn(c, kDelegateKind, delegate, expected_version, context); }));
  return delegate;
}

Result<domain::Delegate> SqlStore::GetDelegate(std::string_view id) {
  std::vector<domain::Delegate> found;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(found, ListIn(c, kDelegateKind, "WHERE id = ?", {std::string(id)}));
    return Status::Ok();
  }));
  if (found.empty()) return NotFoundError(fmt::format("no delegate has id '{}'", id));
  return std::move(found.front());
}

Result<std::vector<domain::Delegate>> SqlStore::ListDelegates(std::string_view event_id) {
  std::vector<domain::Delegate> out;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(out, ListIn(c, kDelegateKind, "WHERE event_id = ?", {std::string(event_id)}));
    return Status::Ok();
  }));
  return out;
}

Result<domain::MeetingRequest> SqlStore::CreateMeetingRequest(domain::MeetingRequest request,
                                                                 const WriteContext& context) {
  BB_RETURN_IF_ERROR(WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("SELECT id FROM meeting_requests WHERE event_id = ? AND "
                                                  "from_delegate = ? AND to_delegate = ?"));
    BB_ASSIGN_OR_RETURN(bool taken, stmt.Bind(1, request.event_id).Bind(2, request.from).Bind(3, request.to).Step());
    if (taken) {
      return AlreadyExistsError(fmt::format("{} has asked {} for a meeting already ({})", request.from, request.to,
                                            stmt.Text(0)),
                                "to");
    }
    return CreateIn(c, kRequestKind, request, context);
  }));
  return request;
}

Result<domain::MeetingRequest> SqlStore::UpdateMeetingRequest(domain::MeetingRequest request,
                                                                 std::int64_t expected_version,
                                                                 const WriteContext& context) {
  BB_RETURN_IF_ERROR(
      WriteTransaction(context, [&](Connection& c) { return UpdateIn(c, kRequestKind, request, expected_version, context); }));
  return request;
}

Result<domain::MeetingRequest> SqlStore::GetMeetingRequest(std::string_view id) {
  std::vector<domain::MeetingRequest> found;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(found, ListIn(c, kRequestKind, "WHERE id = ?", {std::string(id)}));
    return Status::Ok();
  }));
  if (found.empty()) return NotFoundError(fmt::format("no meeting request has id '{}'", id));
  return std::move(found.front());
}

Result<std::vector<domain::MeetingRequest>> SqlStore::ListMeetingRequests(std::string_view event_id) {
  std::vector<domain::MeetingRequest> out;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(out, ListIn(c, kRequestKind, "WHERE event_id = ?", {std::string(event_id)}));
    return Status::Ok();
  }));
  return out;
}

Result<domain::Schedule> SqlStore::GetSchedule(std::string_view event_id) {
  std::vector<domain::Schedule> found;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(found, ListIn(c, kScheduleKind, "WHERE id = ?", {std::string(event_id)}));
    return Status::Ok();
  }));
  if (found.empty()) return NotFoundError(fmt::format("event '{}' has no schedule yet", event_id));
  return std::move(found.front());
}

Result<domain::Schedule> SqlStore::PutSchedule(domain::Schedule schedule, std::int64_t expected_version,
                                                  const WriteContext& context) {
  BB_RETURN_IF_ERROR(
      WriteTransaction(context, [&](Connection& c) { return PutIn(c, kScheduleKind, schedule, expected_version, context); }));
  return schedule;
}

}  // namespace biobridge::storage::sql
