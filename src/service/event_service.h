// EventService: partnering events (issue 7, in progress). So far the meeting
// schedule: the organiser previews, drafts and publishes it. A re-run keeps
// every published meeting that still holds where it is (it is locked), so
// a cancellation or a new request changes only what must change; a
// published meeting that no longer holds stays in the schedule, cancelled,
// so that calendars cancel it too.
//
// Organisers: platform admins, users with the event-organiser role, and,
// for an event of a programme, the members of the programme's operator.
#pragma once

#include <string_view>

#include "domain/event.h"
#include "service/context.h"
#include "service/principal.h"

namespace biobridge::service {

class EventService {
 public:
  explicit EventService(const ServiceContext& context) : context_(context) {}

  // The schedule a draft would hold now; not saved.
  Result<domain::Schedule> PreviewSchedule(const Principal& who, std::string_view event_id);
  Result<domain::Schedule> DraftSchedule(const Principal& who, std::string_view event_id);
  Result<domain::Schedule> PublishSchedule(const Principal& who, std::string_view event_id, std::int64_t version);
  Result<domain::Schedule> GetSchedule(const Principal& who, std::string_view event_id);

 private:
  storage::WriteContext Context(const Principal& who) const { return {who.actor(), context_.clock.Now()}; }
  Result<domain::Event> EventForOrganiser(const Principal& who, std::string_view event_id, std::string_view to_do);

  ServiceContext context_;
};

}  // namespace biobridge::service
