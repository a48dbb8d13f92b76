#include "service/event_service.h"

#include <fmt/format.h>

#include <map>

#include "service/authorization.h"
#include "solve/scheduler.h"

namespace biobridge::service {
namespace {

constexpr double kMustWeight = 2;
constexpr double kWouldLikeWeight = 1;

}  // namespace

Result<domain::Event> EventService::EventForOrganiser(const Principal& who, std::string_view event_id,
                                                      std::string_view to_do) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, to_do));
  BB_ASSIGN_OR_RETURN(domain::Event event, context_.store.GetEvent(event_id));
  bool organiser = who.platform_admin() || (who.user() && who.user()->event_organiser);
  if (!organiser && !event.programme_id.empty()) {
    Result<domain::Programme> programme = context_.store.GetProgramme(event.programme_id);
    organiser = programme.ok() && who.MemberOf(programme->operator_organization);
  }
  if (!organiser) return PermissionDeniedError(fmt::format("only the organisers of event '{}' may {}", event_id, to_do));
  return event;
}

Result<domain::Schedule> EventService::PreviewSchedule(const Principal& who, std::string_view event_id) {
  BB_ASSIGN_OR_RETURN(domain::Event event, EventForOrganiser(who, event_id, "schedule its meetings"));
  if (event.status == "cancelled") return FailedPreconditionError(fmt::format("event '{}' is cancelled", event_id));
  BB_ASSIGN_OR_RETURN(std::vector<domain::Delegate> delegates, context_.store.ListDelegates(event_id));
  BB_ASSIGN_OR_RETURN(std::vector<domain::MeetingRequest> requests, context_.store.ListMeetingRequests(event_id));
  Result<domain::Schedule> current = context_.store.GetSchedule(event_id);
  if (!current.ok() && current.status().code() != StatusCode::kNotFound) return current.status();
  domain::Schedule schedule = current.ok() ? *current : domain::Schedule{std::string(event_id)};

  std::map<std::string, int, std::less<>> slot_index, delegate_index;
  for (std::size_t s = 0; s < event.slots.size(); ++s) slot_index.emplace(event.slots[s].id, int(s));
  solve::ScheduleProblem problem;
  problem.slots = int(event.slots.size());
  problem.tables = event.tables;
  for (const domain::Delegate& d : delegates) {
    delegate_index.emplace(d.id, int(problem.availability.size()));
    std::vector<int> free;
    if (d.available_slots.empty()) {
      for (int s = 0; s < problem.slots; ++s) free.push_back(s);
    } else {
      for (const std::string& id : d.available_slots) {
        if (auto it = slot_index.find(id); it != slot_index.end()) free.push_back(it->second);
      }
    }
    problem.availability.push_back(std::move(free));
    problem.max_meetings.push_back(d.max_meetings > 0 ? d.max_meetings : event.max_meetings);
  }
  // Published meetings that still hold keep their slot.
  std::map<std::string, const domain::Meeting*, std::less<>> published;
  for (const domain::Meeting& m : schedule.meetings) {
    if (m.published && m.status == "scheduled") published.emplace(m.request_id, &m);
  }
  std::vector<const domain::MeetingRequest*> placed;  // by problem request index
  for (const domain::MeetingRequest& r : requests) {
    if (r.status != "accepted") continue;
    solve::MeetingRequest q;
    bool known = true;
    for (const std::string& id : std::vector<std::string>{r.from, r.to}) {
      auto it = delegate_index.find(id);
      if (it == delegate_index.end()) known = false;
      else q.participants.push_back(it->second);
    }
    for (const std::string& id : r.joining) {
      if (auto it = delegate_index.find(id); it != delegate_index.end()) q.participants.push_back(it->second);
    }
    if (!known) continue;
    q.weight = r.priority == "must" ? kMustWeight : kWouldLikeWeight;
    if (auto it = published.find(r.id); it != published.end()) {
      auto slot = slot_index.find(it->second->slot_id);
      const bool free = slot != slot_index.end() &&
                        std::all_of(q.participants.begin(), q.participants.end(), [&](int d) {
                          const auto& f = problem.availability[std::size_t(d)];
                          return std::find(f.begin(), f.end(), slot->second) != f.end();
                        });
      if (free) q.locked_slot = slot->second;
    }
    problem.requests.push_back(std::move(q));
    placed.push_back(&r);
  }
  BB_ASSIGN_OR_RETURN(solve::ScheduleResult result, solve::Schedule(problem));

  // The new meetings, with sequences that grow where a meeting changed, and
  // the published meetings that no longer hold, cancelled.
  std::map<std::string, domain::Meeting, std::less<>> before;
  for (const domain::Meeting& m : schedule.meetings) before.emplace(m.request_id, m);
  std::vector<domain::Meeting> meetings;
  for (const solve::ScheduledMeeting& m : result.meetings) {
    domain::Meeting meeting{placed[std::size_t(m.request)]->id, event.slots[std::size_t(m.slot)].id, m.table, "scheduled", 0};
    if (auto it = before.find(meeting.request_id); it != before.end()) {
      const domain::Meeting& old = it->second;
      const bool same = old.slot_id == meeting.slot_id && old.table == meeting.table && old.status == "scheduled";
      meeting.sequence = same ? old.sequence : old.sequence + 1;
      meeting.published = same && old.published;  // a moved meeting is news to publish again
      before.erase(it);
    }
    meetings.push_back(std::move(meeting));
  }
  for (auto& [request, old] : before) {
    if (!old.published) continue;  // nobody saw it: it just goes
    if (old.status != "scheduled") {
      meetings.push_back(old);
      continue;
    }
    domain::Meeting cancelled = old;
    cancelled.status = "cancelled";
    ++cancelled.sequence;
    meetings.push_back(std::move(cancelled));
  }
  schedule.meetings = std::move(meetings);
  json::array unscheduled;
  for (int r : result.unscheduled) unscheduled.push_back(json::value(placed[std::size_t(r)]->id));
  schedule.figures = json::object{{"weight", result.weight},
                                  {"bound", result.bounds.Best()},
                                  {"percent_of_bound", result.percent_of_bound},
                                  {"exact", result.exact},
                                  {"requests", placed.size()},
                                  {"unscheduled", std::move(unscheduled)}};
  return schedule;
}

Result<domain::Schedule> EventService::DraftSchedule(const Principal& who, std::string_view event_id) {
  BB_ASSIGN_OR_RETURN(domain::Schedule schedule, PreviewSchedule(who, event_id));
  const std::int64_t version = schedule.meta.version;
  schedule.state = "draft";
  return context_.store.PutSchedule(std::move(schedule), version, Context(who));
}

Result<domain::Schedule> EventService::PublishSchedule(const Principal& who, std::string_view event_id,
                                                       std::int64_t version) {
  BB_RETURN_IF_ERROR(EventForOrganiser(who, event_id, "publish its schedule").status());
  BB_ASSIGN_OR_RETURN(domain::Schedule schedule, context_.store.GetSchedule(event_id));
  if (schedule.state == "published") return FailedPreconditionError("the schedule is published already; draft it again first");
  schedule.state = "published";
  schedule.published_at = context_.clock.Now();
  for (domain::Meeting& m : schedule.meetings) m.published = true;
  return context_.store.PutSchedule(std::move(schedule), version, Context(who));
}

Result<domain::Schedule> EventService::GetSchedule(const Principal& who, std::string_view event_id) {
  BB_RETURN_IF_ERROR(EventForOrganiser(who, event_id, "see its schedule").status());
  return context_.store.GetSchedule(event_id);
}

}  // namespace biobridge::service
