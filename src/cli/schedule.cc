// `biobridge schedule`: an event's meeting schedule, with solve/scheduler.
#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <ostream>

#include "base/json.h"
#include "cli/cli.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "service/environment.h"
#include "service/event_service.h"
#include "storage/store.h"

namespace biobridge::cli {

int RunSchedule(const ScheduleOptions& options, std::ostream& out, std::ostream& err) {
  auto fail = [&](const Status& status) { return Fail(err, status, "schedule"); };
  auto environment = OpenExistingDatabase(options.db_path);
  if (!environment.ok()) return fail(environment.status());
  service::EventService events((*environment)->context());
  const service::Principal system = service::Principal::System("schedule");
  Result<domain::Schedule> schedule = options.save ? events.DraftSchedule(system, options.event, options.seconds)
                                                   : events.PreviewSchedule(system, options.event, options.seconds);
  if (!schedule.ok()) return fail(schedule.status());
  const json::object& f = schedule->figures;
  if (options.json) {
    json::array meetings;
    for (const domain::Meeting& m : schedule->meetings) {
      if (m.status == "scheduled") {
        meetings.push_back(json::object{{"request", m.request_id}, {"slot", m.slot_id}, {"table", m.table}});
      }
    }
    out << ToJsonText(json::object{{"event", options.event},
                                   {"saved", options.save},
                                   {"meetings", std::move(meetings)},
                                   {"weight", f.at("weight")},
                                   {"bound", f.at("bound")},
                                   {"percent_of_bound", f.at("percent_of_bound")},
                                   {"exact", f.at("exact")},
                                   {"unscheduled", f.at("unscheduled")}})
        << '\n';
    return kExitOk;
  }
  Result<std::vector<domain::MeetingRequest>> requests = (*environment)->store().ListMeetingRequests(options.event);
  if (!requests.ok()) return fail(requests.status());
  Result<std::vector<domain::Delegate>> delegates = (*environment)->store().ListDelegates(options.event);
  if (!delegates.ok()) return fail(delegates.status());
  std::map<std::string, const domain::MeetingRequest*> by_id;
  for (const domain::MeetingRequest& r : *requests) by_id[r.id] = &r;
  std::map<std::string, std::string> names;  // delegate id → name
  for (const domain::Delegate& d : *delegates) names[d.id] = d.name;
  auto name = [&](const std::string& id) { return names.contains(id) ? names[id] : id; };
  for (const domain::Meeting& m : schedule->meetings) {
    const domain::MeetingRequest* r = by_id[m.request_id];
    out << fmt::format("{:<12} table {:>4}  {} ↔ {}  ({}{})\n", m.slot_id, m.table, r ? name(r->from) : "?",
                       r ? name(r->to) : "?", m.request_id, m.status == "scheduled" ? "" : ", " + m.status);
  }
  err << fmt::format("{} {} meetings: weight {}, {:.2f} % of the bound {}{}\n", options.save ? "drafted" : "preview of",
                     schedule->meetings.size(), f.at("weight").to_number<double>(), f.at("percent_of_bound").to_number<double>(),
                     f.at("bound").to_number<double>(), f.at("exact").as_bool() ? " (proven optimal)" : "");
  return kExitOk;
}

}  // namespace biobridge::cli
