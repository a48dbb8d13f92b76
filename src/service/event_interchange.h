// The partnering-event records of the interchange format ("event",
// "delegate", "meeting_request"), so that registrations can come from and go
// to other event tools. Internal to service/: Interchange collects these
// lines while it imports the directory, and applies them after it, events
// first, then delegates, then meeting requests (each checked against what
// it names), whatever their order in the file.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "base/json.h"
#include "service/context.h"
#include "service/interchange.h"

namespace biobridge::service {

struct EventLine {
  std::size_t line = 0;
  json::object record;
};

// True for the types this file handles.
bool IsEventRecordType(std::string_view type);

// Creates, replaces or leaves each record as it is, counting into `report`
// and refusing (with the line and reason) what does not validate.
Status ImportEventLines(const ServiceContext& context, const storage::WriteContext& write,
                        std::vector<EventLine> lines, ImportReport& report);

// Every event, then its delegates, then its meeting requests, each handed to
// `write` in interchange form.
Status ExportEventRecords(const ServiceContext& context, const std::function<Status(const json::object&)>& write);

}  // namespace biobridge::service
