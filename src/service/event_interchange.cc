#include "service/event_interchange.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "domain/event.h"
#include "domain/validation.h"
#include "service/event_people.h"
#include "storage/store.h"

namespace biobridge::service {
namespace {

constexpr std::string_view kOrder[] = {"event", "delegate", "meeting_request"};

std::string TypeOf(const json::object& record) {
  const json::value* type = record.if_contains("type");
  return type && type->is_string() ? std::string(type->get_string()) : std::string();
}

// Stores `value` as new, as a replacement (when its interchange form
// differs from the stored one's), or not at all (when equal).
template <typename T, typename Get, typename Create, typename Update>
Status Upsert(T value, Get get, Create create, Update update, ImportReport& report) {
  Result<T> existing = get(value.id);
  if (!existing.ok()) {
    if (existing.status().code() != StatusCode::kNotFound) return existing.status();
    BB_RETURN_IF_ERROR(create(std::move(value)).status());
    ++report.created;
    return Status::Ok();
  }
  if (domain::ToJson(*existing) == domain::ToJson(value)) {
    ++report.unchanged;
    return Status::Ok();
  }
  BB_RETURN_IF_ERROR(update(std::move(value), existing->meta.version).status());
  ++report.updated;
  return Status::Ok();
}

}  // namespace

bool IsEventRecordType(std::string_view type) {
  return std::find(std::begin(kOrder), std::end(kOrder), type) != std::end(kOrder);
}

Status ImportEventLines(const ServiceContext& context, const storage::WriteContext& write, std::vector<EventLine> lines,
                        ImportReport& report) {
  storage::Store& store = context.store;
  // An event's delegates, read once for all its requests (delegates are applied before requests).
  std::map<std::string, std::map<std::string, domain::Delegate, std::less<>>, std::less<>> delegates_of;
  std::stable_sort(lines.begin(), lines.end(), [](const EventLine& a, const EventLine& b) {
    auto rank = [](const EventLine& l) {
      return std::find(std::begin(kOrder), std::end(kOrder), TypeOf(l.record)) - std::begin(kOrder);
    };
    return rank(a) < rank(b);
  });
  for (EventLine& line : lines) {
    const std::string type = TypeOf(line.record);
    std::string id;
    if (const json::value* v = line.record.if_contains("id"); v && v->is_string()) id = v->get_string();
    auto refuse = [&](Status status) { report.refused.push_back({line.line, id, std::move(status)}); };
    if (id.empty()) {
      refuse(InvalidArgumentError("id", fmt::format("an imported {} needs its id", type)));
      continue;
    }
    if (Status valid = domain::ValidateRecordId(id); !valid.ok()) {
      refuse(valid);
      continue;
    }
    Status status = Status::Ok();
    if (type == "event") {
      Result<domain::Event> e = domain::EventFromJson(line.record);
      status = e.ok() ? domain::ValidateEvent(*e) : e.status();
      if (status.ok()) {
        status = Upsert(
            std::move(*e), [&](std::string_view i) { return store.GetEvent(i); },
            [&](domain::Event v) { return store.CreateEvent(std::move(v), write); },
            [&](domain::Event v, std::int64_t version) { return store.UpdateEvent(std::move(v), version, write); },
            report);
      }
    } else if (type == "delegate") {
      Result<domain::Delegate> d = domain::DelegateFromJson(line.record);
      status = d.status();
      if (status.ok() && d->check_in_key.empty()) {  // keys are never exported: keep the one held, or draw one
        Result<domain::Delegate> held = store.GetDelegate(d->id);
        d->check_in_key = held.ok() ? held->check_in_key : NewCheckInKey(context.random);
      }
      if (status.ok()) {
        Result<domain::Event> event = store.GetEvent(d->event_id);
        status = event.ok() ? domain::ValidateDelegate(*d, *event)
                            : InvalidArgumentError("event", fmt::format("no event has id '{}'", d->event_id));
      }
      if (status.ok()) {
        status = Upsert(
            std::move(*d), [&](std::string_view i) { return store.GetDelegate(i); },
            [&](domain::Delegate v) { return store.CreateDelegate(std::move(v), write); },
            [&](domain::Delegate v, std::int64_t version) { return store.UpdateDelegate(std::move(v), version, write); },
            report);
      }
    } else {
      Result<domain::MeetingRequest> r = domain::MeetingRequestFromJson(line.record);
      status = r.status();
      if (status.ok()) {
        auto [known, added] = delegates_of.try_emplace(r->event_id);
        if (added) {
          BB_ASSIGN_OR_RETURN(std::vector<domain::Delegate> delegates, store.ListDelegates(r->event_id));
          for (domain::Delegate& d : delegates) known->second.emplace(d.id, std::move(d));
        }
        status = domain::ValidateMeetingRequest(*r, known->second);
      }
      if (status.ok()) {
        status = Upsert(
            std::move(*r), [&](std::string_view i) { return store.GetMeetingRequest(i); },
            [&](domain::MeetingRequest v) { return store.CreateMeetingRequest(std::move(v), write); },
            [&](domain::MeetingRequest v, std::int64_t version) {
              return store.UpdateMeetingRequest(std::move(v), version, write);
            },
            report);
      }
    }
    if (!status.ok()) {
      // What the input got wrong is reported; what the database does is the import's failure.
      if (status.code() == StatusCode::kUnavailable || status.code() == StatusCode::kInternal) return status;
      refuse(status);
    }
  }
  std::stable_sort(report.refused.begin(), report.refused.end(),
                   [](const ImportProblem& a, const ImportProblem& b) { return a.line < b.line; });
  return Status::Ok();
}

Status ExportEventRecords(const ServiceContext& context, const std::function<Status(const json::object&)>& write) {
  for (int page = 1;; ++page) {
    BB_ASSIGN_OR_RETURN(storage::Page<domain::Event> events, context.store.ListEvents({page, 100}));
    for (const domain::Event& e : events.items) {
      BB_RETURN_IF_ERROR(write(domain::ToJson(e)));
      BB_ASSIGN_OR_RETURN(std::vector<domain::Delegate> delegates, context.store.ListDelegates(e.id));
      for (const domain::Delegate& d : delegates) {
        json::object record = domain::ToJson(d);
        record.erase("check_in_key");  // a secret of this installation: it makes the delegate's check-in code
        BB_RETURN_IF_ERROR(write(record));
      }
      BB_ASSIGN_OR_RETURN(std::vector<domain::MeetingRequest> requests, context.store.ListMeetingRequests(e.id));
      for (const domain::MeetingRequest& r : requests) BB_RETURN_IF_ERROR(write(domain::ToJson(r)));
    }
    if (std::int64_t{page} * 100 >= events.total) return Status::Ok();
  }
}

}  // namespace biobridge::service
