#include "domain/notification.h"

#include <algorithm>

#include <fmt/format.h>

namespace biobridge::domain {

std::string_view RhythmName(Rhythm rhythm) {
  switch (rhythm) {
    case Rhythm::kImmediately: return "immediately";
    case Rhythm::kDaily: return "daily";
    case Rhythm::kWeekly: return "weekly";
    case Rhythm::kNever: return "never";
  }
  return "never";
}

Result<Rhythm> ParseRhythm(std::string_view name, std::string_view field) {
  for (Rhythm r : {Rhythm::kImmediately, Rhythm::kDaily, Rhythm::kWeekly, Rhythm::kNever}) {
    if (RhythmName(r) == name) return r;
  }
  return InvalidArgumentError(std::string(field), fmt::format("'{}' is not a rhythm; use immediately, daily, weekly or never", name));
}

bool IsNotificationKind(std::string_view kind) {
  return std::find(std::begin(kNotificationKinds), std::end(kNotificationKinds), kind) != std::end(kNotificationKinds);
}

bool IsMandatoryKind(std::string_view kind) { return kind == "security"; }

Rhythm DefaultRhythm(std::string_view kind) {
  // Matches of saved searches come in a daily digest unless asked otherwise:
  // they are many and none is urgent. Everything else is someone waiting.
  if (kind == "saved_search_match") return Rhythm::kDaily;
  return Rhythm::kImmediately;
}

}  // namespace biobridge::domain
