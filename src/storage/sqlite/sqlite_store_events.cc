// SqliteStore: partnering events (schema 0006_events.sql): events, delegates
// and meeting requests as document tables (doc_tables.h).
#include <fmt/format.h>

#include "domain/event.h"
#include "storage/sqlite/connection.h"
#include "storage/sqlite/doc_tables.h"
#include "storage/sqlite/sqlite_store.h"

namespace biobridge::storage::sqlite {
namespace {

const DocTable kEvents{"events", "event", "event", {"programme_id"}};
const DocTable kDelegates{"delegates", "delegate", "delegate", {"event_id", "organization_id", "user_id"}};
const DocTable kSchedules{"schedules", "schedule", "schedule", {}};
const DocTable kRequests{"meeting_requests", "meeting_request", "meeting request", {"event_id", "from_delegate", "to_delegate"}};

// How one kind of entity is stored.
template <typename T>
struct Kind {
  const DocTable& table;
  json::object (*encode)(const T&);
  Result<T> (*decode)(const json::object&);
  std::vector<std::string> (*columns)(const T&);
  Status (*check)(Connection&, const T&);  // references to other rows
};

Status Exists(Connection& c, std::string_view sql, std::string_view id, std::string_view field, std::string_view noun) {
  BB_ASSIGN_OR_RETURN(bool found, c.Exists(sql, id));
  return found ? Status::Ok() : InvalidArgumentError(std::string(field), fmt::format("no {} has id '{}'", noun, id));
}

const Kind<domain::Event> kEventKind{
    kEvents, [](const domain::Event& e) { return domain::ToJson(e); }, domain::EventFromJson,
    [](const domain::Event& e) { return std::vector<std::string>{e.programme_id}; },
    [](Connection& c, const domain::Event& e) -> Status {
      if (e.programme_id.empty()) return Status::Ok();
      return Exists(c, "SELECT 1 FROM programmes WHERE id = ?", e.programme_id, "programme", "programme");
    }};

const Kind<domain::Delegate> kDelegateKind{
    kDelegates, [](const domain::Delegate& d) { return domain::ToJson(d); }, domain::DelegateFromJson,
    [](const domain::Delegate& d) { return std::vector<std::string>{d.event_id, d.organization_id, d.user_id}; },
    [](Connection& c, const domain::Delegate& d) -> Status {
      BB_RETURN_IF_ERROR(Exists(c, "SELECT 1 FROM events WHERE id = ?", d.event_id, "event", "event"));
      return Exists(c, "SELECT 1 FROM organizations WHERE id = ?", d.organization_id, "organization", "organization");
    }};

const Kind<domain::MeetingRequest> kRequestKind{
    kRequests, [](const domain::MeetingRequest& r) { return domain::ToJson(r); }, domain::MeetingRequestFromJson,
    [](const domain::MeetingRequest& r) { return std::vector<std::string>{r.event_id, r.from, r.to}; },
    [](Connection& c, const domain::MeetingRequest& r) -> Status {
      BB_RETURN_IF_ERROR(Exists(c, "SELECT 1 FROM events WHERE id = ?", r.event_id, "event", "event"));
      BB_RETURN_IF_ERROR(Exists(c, "SELECT 1 FROM delegates WHERE id = ?", r.from, "from", "delegate"));
      return Exists(c, "SELECT 1 FROM delegates WHERE id = ?", r.to, "to", "delegate");
    }};

template <typename T>
Status CreateIn(Connection& c, const Kind<T>& kind, T& value, const WriteContext& context) {
  BB_RETURN_IF_ERROR(kind.check(c, value));
  value.meta = {1, context.at, context.at};
  return InsertDoc(c, kind.table, value.id, kind.columns(value), kind.encode(value), context);
}

template <typename T>
Status UpdateIn(Connection& c, const Kind<T>& kind, T& value, std::int64_t expected_version, const WriteContext& context) {
  BB_RETURN_IF_ERROR(kind.check(c, value));
  BB_ASSIGN_OR_RETURN(std::int64_t version, ReplaceDoc(c, kind.table, value.id, kind.columns(value), kind.encode(value),
                                                       expected_version, context));
  BB_ASSIGN_OR_RETURN(std::optional<StoredDoc> stored, SelectDoc(c, kind.table, value.id));
  if (!stored) return InternalError("a row written in this transaction is gone");
  value.meta = {version, stored->meta.created_at, context.at};
  return Status::Ok();
}

template <typename T>
Result<std::vector<T>> ListIn(Connection& c, const Kind<T>& kind, std::string_view where,
                              const std::vector<std::string>& values) {
  BB_ASSIGN_OR_RETURN(std::vector<StoredDoc> rows, SelectDocs(c, kind.table, where, values));
  std::vector<T> out;
  for (const StoredDoc& row : rows) {
    BB_ASSIGN_OR_RETURN(T value, Decoded<T>(row, kind.decode));
    out.push_back(std::move(value));
  }
  return out;
}

}  // namespace

Result<domain::Event> SqliteStore::CreateEvent(domain::Event event, const WriteContext& context) {
  BB_RETURN_IF_ERROR(WriteTransaction([&](Connection& c) { return CreateIn(c, kEventKind, event, context); }));
  return event;
}

Result<domain::Event> SqliteStore::UpdateEvent(domain::Event event, std::int64_t expected_version,
                                               const WriteContext& context) {
  BB_RETURN_IF_ERROR(
      WriteTransaction([&](Connection& c) { return UpdateIn(c, kEventKind, event, expected_version, context); }));
  return event;
}

Result<domain::Event> SqliteStore::GetEvent(std::string_view id) {
  std::vector<domain::Event> found;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(found, ListIn(c, kEventKind, "WHERE id = ?", {std::string(id)}));
    return Status::Ok();
  }));
  if (found.empty()) return NotFoundError(fmt::format("no event has id '{}'", id));
  return std::move(found.front());
}

Result<Page<domain::Event>> SqliteStore::ListEvents(const PageRequest& page) {
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

Result<domain::Delegate> SqliteStore::CreateDelegate(domain::Delegate delegate, const WriteContext& context) {
  BB_RETURN_IF_ERROR(WriteTransaction([&](Connection& c) { return CreateIn(c, kDelegateKind, delegate, context); }));
  return delegate;
}

Result<domain::Delegate> SqliteStore::UpdateDelegate(domain::Delegate delegate, std::int64_t expected_version,
                                                     const WriteContext& context) {
  BB_RETURN_IF_ERROR(
      WriteTransaction([&](Connection& c) { return UpdateIn(c, kDelegateKind, delegate, expected_version, context); }));
  return delegate;
}

Result<domain::Delegate> SqliteStore::GetDelegate(std::string_view id) {
  std::vector<domain::Delegate> found;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(found, ListIn(c, kDelegateKind, "WHERE id = ?", {std::string(id)}));
    return Status::Ok();
  }));
  if (found.empty()) return NotFoundError(fmt::format("no delegate has id '{}'", id));
  return std::move(found.front());
}

Result<std::vector<domain::Delegate>> SqliteStore::ListDelegates(std::string_view event_id) {
  std::vector<domain::Delegate> out;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(out, ListIn(c, kDelegateKind, "WHERE event_id = ?", {std::string(event_id)}));
    return Status::Ok();
  }));
  return out;
}

Result<domain::MeetingRequest> SqliteStore::CreateMeetingRequest(domain::MeetingRequest request,
                                                                 const WriteContext& context) {
  BB_RETURN_IF_ERROR(WriteTransaction([&](Connection& c) -> Status {
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

Result<domain::MeetingRequest> SqliteStore::UpdateMeetingRequest(domain::MeetingRequest request,
                                                                 std::int64_t expected_version,
                                                                 const WriteContext& context) {
  BB_RETURN_IF_ERROR(
      WriteTransaction([&](Connection& c) { return UpdateIn(c, kRequestKind, request, expected_version, context); }));
  return request;
}

Result<domain::MeetingRequest> SqliteStore::GetMeetingRequest(std::string_view id) {
  std::vector<domain::MeetingRequest> found;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(found, ListIn(c, kRequestKind, "WHERE id = ?", {std::string(id)}));
    return Status::Ok();
  }));
  if (found.empty()) return NotFoundError(fmt::format("no meeting request has id '{}'", id));
  return std::move(found.front());
}

Result<std::vector<domain::MeetingRequest>> SqliteStore::ListMeetingRequests(std::string_view event_id) {
  std::vector<domain::MeetingRequest> out;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(out, ListIn(c, kRequestKind, "WHERE event_id = ?", {std::string(event_id)}));
    return Status::Ok();
  }));
  return out;
}

Result<domain::Schedule> SqliteStore::GetSchedule(std::string_view event_id) {
  std::optional<StoredDoc> stored;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(stored, SelectDoc(c, kSchedules, event_id));
    return Status::Ok();
  }));
  if (!stored) return NotFoundError(fmt::format("event '{}' has no schedule yet", event_id));
  return Decoded<domain::Schedule>(*stored, domain::ScheduleFromJson);
}

Result<domain::Schedule> SqliteStore::PutSchedule(domain::Schedule schedule, std::int64_t expected_version,
                                                  const WriteContext& context) {
  BB_RETURN_IF_ERROR(WriteTransaction([&](Connection& c) -> Status {
    BB_RETURN_IF_ERROR(Exists(c, "SELECT 1 FROM events WHERE id = ?", schedule.event_id, "event", "event"));
    const json::object doc = domain::ToJson(schedule);
    if (expected_version == 0) {
      schedule.meta = {1, context.at, context.at};
      return InsertDoc(c, kSchedules, schedule.event_id, {}, doc, context);
    }
    BB_ASSIGN_OR_RETURN(std::int64_t version, ReplaceDoc(c, kSchedules, schedule.event_id, {}, doc, expected_version, context));
    BB_ASSIGN_OR_RETURN(std::optional<StoredDoc> stored, SelectDoc(c, kSchedules, schedule.event_id));
    if (!stored) return InternalError("a row written in this transaction is gone");
    schedule.meta = {version, stored->meta.created_at, context.at};
    return Status::Ok();
  }));
  return schedule;
}

}  // namespace biobridge::storage::sqlite
