// An event's delegates, requests and meetings as tables, for organisers to
// take into a spreadsheet (the API writes them as CSV).
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "service/event_service.h"
#include "storage/store.h"

namespace biobridge::service {

namespace {

using Table = std::vector<std::vector<std::string>>;

std::string Count(const std::vector<std::string>& listed, std::size_t all) {
  return listed.empty() ? fmt::format("all {}", all) : std::to_string(listed.size());
}

}  // namespace

Result<Table> EventService::ExportTable(const Principal& who, std::string_view event_id, std::string_view table,
                                        std::string_view language) {
  // Who may export first: anyone else learns nothing from the table name they give.
  BB_ASSIGN_OR_RETURN(domain::Event event, EventForOrganiser(who, event_id, "export its delegates, requests and meetings"));
  constexpr std::string_view kTables[] = {"delegates", "requests", "meetings"};
  if (std::find(std::begin(kTables), std::end(kTables), table) == std::end(kTables)) {
    return InvalidArgumentError("table", fmt::format("'{}' is not a table of an event; use delegates, requests or "
                                                     "meetings",
                                                     table));
  }
  EventPeople people(context_.store, who.Language(language));
  auto person = [&](const std::string& delegate_id) -> std::pair<std::string, std::string> {
    const domain::Delegate* d = people.Find(delegate_id);
    if (!d) return {delegate_id, ""};
    return {d->name, people.OrganizationName(d->organization_id)};
  };
  Table out;
  if (table == "delegates") {
    out.push_back({"id", "name", "organization", "organization_name", "attendance", "time_zone", "hall", "stand",
                   "free_slots", "max_meetings", "has_account"});
    BB_ASSIGN_OR_RETURN(std::vector<domain::Delegate> delegates, context_.store.ListDelegates(event.id));
    for (const domain::Delegate& d : delegates) {
      out.push_back({d.id, d.name, d.organization_id, people.OrganizationName(d.organization_id), d.attendance,
                     d.time_zone.empty() ? event.time_zone : d.time_zone, d.hall, d.stand,
                     Count(d.available_slots, event.slots.size()), d.max_meetings > 0 ? std::to_string(d.max_meetings) : "",
                     d.user_id.empty() ? "no" : "yes"});
    }
    return out;
  }
  BB_RETURN_IF_ERROR(people.LoadAll(event.id));  // the people requests and meetings name, in one read
  BB_ASSIGN_OR_RETURN(std::vector<domain::MeetingRequest> requests, context_.store.ListMeetingRequests(event.id));
  if (table == "requests") {
    out.push_back({"id", "from", "from_organization", "to", "to_organization", "joining", "priority", "status", "message"});
    for (const domain::MeetingRequest& r : requests) {
      const auto [from, from_org] = person(r.from);
      const auto [to, to_org] = person(r.to);
      std::vector<std::string> joining;
      for (const std::string& j : r.joining) joining.push_back(person(j).first);
      out.push_back({r.id, from, from_org, to, to_org, fmt::format("{}", fmt::join(joining, "; ")), r.priority, r.status,
                     r.message});
    }
    return out;
  }
  out.push_back({"request", "slot", "start", "end", "time_zone", "place", "participants", "status", "published",
                 "follow_up", "deal", "video_link"});
  Result<domain::Schedule> schedule = context_.store.GetSchedule(event.id);
  if (!schedule.ok()) {
    if (schedule.status().code() == StatusCode::kNotFound) return out;  // nothing scheduled yet
    return schedule.status();
  }
  std::map<std::string, const domain::MeetingRequest*, std::less<>> by_id;
  for (const domain::MeetingRequest& r : requests) by_id.emplace(r.id, &r);
  std::map<std::string, const domain::EventSlot*, std::less<>> slots;
  for (const domain::EventSlot& s : event.slots) slots.emplace(s.id, &s);
  for (const domain::Meeting& m : schedule->meetings) {
    std::vector<std::string> names;
    if (auto r = by_id.find(m.request_id); r != by_id.end()) {
      std::vector<std::string> ids{r->second->from, r->second->to};
      ids.insert(ids.end(), r->second->joining.begin(), r->second->joining.end());
      for (const std::string& id : ids) {
        const auto [name, organization] = person(id);
        names.push_back(organization.empty() ? name : fmt::format("{} ({})", name, organization));
      }
    }
    const auto slot = slots.find(m.slot_id);
    out.push_back({m.request_id, m.slot_id, slot == slots.end() ? "" : FormatLocalDateTime(slot->second->start),
                   slot == slots.end() ? "" : FormatLocalDateTime(slot->second->end), event.time_zone,
                   MeetingPlace(event, m.table), fmt::format("{}", fmt::join(names, "; ")), m.status,
                   m.published ? "yes" : "no", fmt::format("{}", fmt::join(m.follow_up, "; ")), m.deal_id,
                   domain::VideoLink(event, m)});
  }
  return out;
}

}  // namespace biobridge::service
