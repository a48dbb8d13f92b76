#include "service/event_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <tuple>

#include "base/random.h"
#include "service/authorization.h"
#include "service/notices.h"
#include "solve/room_fit.h"
#include "solve/scheduler.h"
#include "storage/store.h"

namespace biobridge::service {
namespace {

constexpr double kMustWeight = 2;
constexpr double kWouldLikeWeight = 1;
constexpr std::size_t kVideoKeyLength = 16;  // base64url: 96 random bits

}  // namespace

Result<domain::Schedule> EventService::PreviewSchedule(const Principal& who, std::string_view event_id, double seconds) {
  BB_ASSIGN_OR_RETURN(domain::Event event, OpenEventForOrganiser(who, event_id, "schedule its meetings"));
  BB_ASSIGN_OR_RETURN(std::vector<domain::Delegate> delegates, RegisteredDelegates(context_.store, event_id));
  BB_ASSIGN_OR_RETURN(std::vector<domain::MeetingRequest> requests, context_.store.ListMeetingRequests(event_id));
  Result<domain::Schedule> current = context_.store.GetSchedule(event_id);
  if (!current.ok() && current.status().code() != StatusCode::kNotFound) return current.status();
  domain::Schedule schedule = current.ok() ? *current : domain::Schedule{std::string(event_id)};

  std::map<std::string, int, std::less<>> slot_index, delegate_index;
  for (std::size_t s = 0; s < event.slots.size(); ++s) slot_index.emplace(event.slots[s].id, int(s));
  solve::ScheduleProblem problem;
  problem.seconds = seconds;
  problem.slots = int(event.slots.size());
  problem.tables = event.tables;
  std::vector<bool> remote;  // per delegate index
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
    remote.push_back(d.attendance == "virtual");
  }
  // What delegates were shown: the meetings as last published. Those that
  // still hold keep their slot, and so do meetings whose outcome is recorded.
  std::map<std::string, const domain::Meeting*, std::less<>> shown;
  for (const domain::Meeting& m : schedule.published_meetings) shown.emplace(m.request_id, &m);
  if (schedule.published_meetings.empty()) {  // a schedule stored before the copy was kept
    for (const domain::Meeting& m : schedule.meetings) {
      if (m.published) shown.emplace(m.request_id, &m);
    }
  }
  // A shown meeting that still takes place, or nullptr.
  auto standing = [&](const std::string& request) -> const domain::Meeting* {
    auto it = shown.find(request);
    return it != shown.end() && it->second->status != "cancelled" ? it->second : nullptr;
  };
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
    if (const domain::Meeting* was = standing(r.id)) {
      auto slot = slot_index.find(was->slot_id);
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

  // Tables and rooms: seats and mode (the solver counted them only).
  std::vector<solve::Room> rooms;
  if (event.rooms.empty()) {
    rooms.assign(std::size_t(event.tables), solve::Room{std::numeric_limits<int>::max(), false});
  } else {
    for (const domain::MeetingRoom& r : event.rooms) rooms.push_back({r.seats, r.mode == "virtual"});
  }
  std::vector<solve::RoomRequest> fitting;
  for (const solve::ScheduledMeeting& m : result.meetings) {
    const solve::MeetingRequest& q = problem.requests[std::size_t(m.request)];
    solve::RoomRequest r{m.slot, q.participants};
    r.needs_virtual = !event.rooms.empty() && std::any_of(q.participants.begin(), q.participants.end(),
                                                          [&](int d) { return remote[std::size_t(d)]; });
    r.fixed_slot = q.locked_slot >= 0;
    if (const domain::Meeting* was = standing(placed[std::size_t(m.request)]->id)) r.preferred_room = was->table - 1;
    fitting.push_back(std::move(r));
  }
  const solve::RoomFit fit = solve::FitRooms(problem.slots, rooms, problem.availability, fitting);
  std::vector<int> unscheduled = result.unscheduled;
  int no_room = 0;

  // The new meetings, and the meetings delegates were shown that no longer
  // hold, cancelled. A meeting where delegates saw it is what they saw (with
  // its outcome, if recorded); one where the last draft had it is that
  // draft's; anything else is a change, with a sequence above both.
  std::map<std::string, const domain::Meeting*, std::less<>> drafted;
  for (const domain::Meeting& m : schedule.meetings) drafted.emplace(m.request_id, &m);
  auto find = [](const auto& map, const std::string& request) -> const domain::Meeting* {
    auto it = map.find(request);
    return it == map.end() ? nullptr : it->second;
  };
  auto next_sequence = [&](const std::string& request) {
    int sequence = -1;
    for (const domain::Meeting* m : {find(shown, request), find(drafted, request)}) {
      if (m) sequence = std::max(sequence, m->sequence);
    }
    return sequence + 1;
  };
  auto same_place = [](const domain::Meeting* m, const domain::Meeting& now) {
    return m && m->slot_id == now.slot_id && m->table == now.table && m->status != "cancelled";
  };
  std::vector<domain::Meeting> meetings;
  std::set<std::string, std::less<>> placed_now;
  for (std::size_t i = 0; i < result.meetings.size(); ++i) {
    const int request = result.meetings[i].request;
    if (fit.room[i] < 0) {
      unscheduled.push_back(request);
      result.weight -= problem.requests[std::size_t(request)].weight;
      ++no_room;
      continue;
    }
    domain::Meeting meeting{placed[std::size_t(request)]->id, event.slots[std::size_t(fit.slot[i])].id, fit.room[i] + 1,
                            "scheduled", 0};
    const domain::Meeting* seen = find(shown, meeting.request_id);
    const domain::Meeting* draft = find(drafted, meeting.request_id);
    if (same_place(seen, meeting)) {
      meeting = *seen;
      meeting.published = true;
    } else if (same_place(draft, meeting) && (!seen || draft->sequence > seen->sequence)) {
      meeting = *draft;
      meeting.published = false;
    } else if (seen || draft) {
      meeting.sequence = next_sequence(meeting.request_id);
    }
    // Its own part of a generated video link, drawn once and kept while it stands.
    if (meeting.video_key.empty()) meeting.video_key = NewSecretToken(context_.random).substr(0, kVideoKeyLength);
    placed_now.insert(meeting.request_id);
    meetings.push_back(std::move(meeting));
  }
  for (const auto& [request, seen] : shown) {
    if (placed_now.contains(request)) continue;
    domain::Meeting gone = *seen;
    if (gone.status == "scheduled") {  // held, no-show and cancelled ones stay as they are
      gone.status = "cancelled";
      gone.sequence = next_sequence(request);
    }
    gone.published = true;
    meetings.push_back(std::move(gone));
  }
  std::sort(meetings.begin(), meetings.end(), [&](const domain::Meeting& a, const domain::Meeting& b) {
    return std::tie(slot_index[a.slot_id], a.table, a.request_id) < std::tie(slot_index[b.slot_id], b.table, b.request_id);
  });
  schedule.meetings = std::move(meetings);
  std::sort(unscheduled.begin(), unscheduled.end());
  json::array unscheduled_ids;
  for (int r : unscheduled) unscheduled_ids.push_back(json::value(placed[std::size_t(r)]->id));
  const double bound = result.bounds.Best();
  schedule.figures = json::object{{"weight", result.weight},
                                  {"bound", bound},
                                  {"percent_of_bound", bound > 0 ? 100.0 * result.weight / bound : 100.0},
                                  {"exact", result.exact && no_room == 0},
                                  {"requests", placed.size()},
                                  {"no_room", no_room},
                                  {"unscheduled", std::move(unscheduled_ids)}};
  return schedule;
}

Result<domain::Schedule> EventService::DraftSchedule(const Principal& who, std::string_view event_id, double seconds) {
  BB_ASSIGN_OR_RETURN(domain::Schedule schedule, PreviewSchedule(who, event_id, seconds));
  const std::int64_t version = schedule.meta.version;
  schedule.state = "draft";
  return context_.store.PutSchedule(std::move(schedule), version, Context(who));
}

Result<domain::Schedule> EventService::PublishSchedule(const Principal& who, std::string_view event_id,
                                                       std::int64_t version) {
  BB_RETURN_IF_ERROR(OpenEventForOrganiser(who, event_id, "publish its schedule").status());
  BB_ASSIGN_OR_RETURN(domain::Schedule schedule, context_.store.GetSchedule(event_id));
  if (schedule.state == "published") return FailedPreconditionError("the schedule is published already; draft it again first");
  schedule.state = "published";
  schedule.published_at = context_.clock.Now();
  for (domain::Meeting& m : schedule.meetings) m.published = true;
  storage::WriteContext write = Context(who);
  BB_RETURN_IF_ERROR(NoticesOfPublication(event_id, schedule.published_meetings, schedule.meetings, who.actor(),
                                          write.notices));
  schedule.published_meetings = schedule.meetings;
  return context_.store.PutSchedule(std::move(schedule), version, write);
}

Status EventService::NoticesOfPublication(std::string_view event_id, const std::vector<domain::Meeting>& before,
                                          const std::vector<domain::Meeting>& after, const std::string& actor,
                                          std::vector<domain::Notice>& out) {
  BB_ASSIGN_OR_RETURN(domain::Event event, context_.store.GetEvent(event_id));
  BB_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Find(event.time_zone));
  BB_ASSIGN_OR_RETURN(std::vector<domain::Delegate> delegates, context_.store.ListDelegates(event_id));
  BB_ASSIGN_OR_RETURN(std::vector<domain::MeetingRequest> requests, context_.store.ListMeetingRequests(event_id));
  std::map<std::string, const domain::Delegate*, std::less<>> delegate_by_id;
  for (const domain::Delegate& d : delegates) delegate_by_id.emplace(d.id, &d);
  std::map<std::string, const domain::MeetingRequest*, std::less<>> request_by_id;
  for (const domain::MeetingRequest& r : requests) request_by_id.emplace(r.id, &r);
  std::map<std::string, const domain::Meeting*, std::less<>> was;
  for (const domain::Meeting& m : before) was.emplace(m.request_id, &m);
  std::map<std::string, const domain::Meeting*, std::less<>> is;
  for (const domain::Meeting& m : after) is.emplace(m.request_id, &m);
  const json::value event_name = notices::EventName(context_.store, event_id);
  const std::string link = fmt::format("/events/{}", event_id);
  // A large event has tens of thousands of meetings: each delegate's name is looked up once.
  std::map<std::string, json::value, std::less<>> names;
  const auto name_of = [&](const domain::Delegate& d) -> const json::value& {
    auto found = names.find(d.id);
    if (found == names.end()) found = names.emplace(d.id, notices::PersonAt(context_.store, d.name, d.organization_id)).first;
    return found->second;
  };
  std::map<std::string, const domain::EventSlot*, std::less<>> slot_by_id;
  for (const domain::EventSlot& s : event.slots) slot_by_id.emplace(s.id, &s);

  // Each side of a meeting is told of what changed for them, with the other
  // side named, and with what a calendar invitation (iTIP) of the meeting
  // needs: its UID, sequence, times and place.
  const auto tell_sides = [&](const std::string& kind, const domain::Meeting& m, int sequence) -> Status {
    const auto request = request_by_id.find(m.request_id);
    if (request == request_by_id.end()) return Status::Ok();
    const auto from = delegate_by_id.find(request->second->from);
    const auto to = delegate_by_id.find(request->second->to);
    if (from == delegate_by_id.end() || to == delegate_by_id.end()) return Status::Ok();
    const auto found_slot = slot_by_id.find(m.slot_id);
    if (found_slot == slot_by_id.end()) return Status::Ok();
    const domain::EventSlot* slot = found_slot->second;
    BB_ASSIGN_OR_RETURN(Timestamp start, zone.ToUtc(slot->start));
    BB_ASSIGN_OR_RETURN(Timestamp end, zone.ToUtc(slot->end));
    for (const auto& [self, other] : {std::pair{from->second, to->second}, std::pair{to->second, from->second}}) {
      if (self->user_id.empty()) continue;
      out.push_back(notices::ToUser(
          notices::Make(kind, "meeting_request", m.request_id, link,
                        {{"with", name_of(*other)},
                         {"event", event_name},
                         {"when", fmt::format("{} ({})", FormatLocalDateTime(slot->start), event.time_zone)},
                         {"uid", MeetingUid(m.request_id)},
                         {"sequence", sequence},
                         {"start", FormatTimestamp(start)},
                         {"end", FormatTimestamp(end)},
                         {"time_zone", event.time_zone},
                         {"location", MeetingPlace(event, m.table)},
                         {"video_link", domain::VideoLink(event, m)}}),
          self->user_id, actor));
    }
    return Status::Ok();
  };
  for (const domain::Meeting& m : after) {
    const auto old = was.find(m.request_id);
    const bool live = m.status != "cancelled";
    const bool was_live = old != was.end() && old->second->status != "cancelled";
    if (live && !was_live) {
      BB_RETURN_IF_ERROR(tell_sides("schedule_published", m, m.sequence));
    } else if (live && (old->second->slot_id != m.slot_id || old->second->table != m.table)) {
      BB_RETURN_IF_ERROR(tell_sides("meeting_moved", m, m.sequence));
    }
  }
  for (const domain::Meeting& m : before) {
    if (m.status == "cancelled") continue;
    const auto now = is.find(m.request_id);
    if (now != is.end() && now->second->status != "cancelled") continue;
    // Cancelled where it was shown, with a sequence above the last one sent.
    const int sequence = now != is.end() ? std::max(now->second->sequence, m.sequence + 1) : m.sequence + 1;
    BB_RETURN_IF_ERROR(tell_sides("meeting_cancelled", m, sequence));
  }
  return Status::Ok();
}

Result<domain::Schedule> EventService::GetSchedule(const Principal& who, std::string_view event_id) {
  BB_RETURN_IF_ERROR(EventForOrganiser(who, event_id, "see its schedule").status());
  return context_.store.GetSchedule(event_id);
}

}  // namespace biobridge::service
