// Roles that come from records rather than from the account (internal to
// service/): who operates a programme, and who organises an event. Both are
// granted, never self-made: a programme is created by a platform admin, who
// names its operating organisation, and that organisation's members are its
// operators (others join it by an invitation they accept); an event's
// organisers are platform admins, users a platform admin made event
// organisers, and the operators of the event's programme.
#pragma once

#include "domain/event.h"
#include "domain/programme.h"
#include "service/principal.h"
#include "storage/store.h"

namespace biobridge::service {

inline bool IsProgrammeOperator(const Principal& who, const domain::Programme& programme) {
  return who.platform_admin() || who.MemberOf(programme.operator_organization);
}

inline bool IsEventOrganiser(const Principal& who, const domain::Event& event, storage::Store& store) {
  if (who.platform_admin() || (who.user() && who.user()->event_organiser)) return true;
  if (event.programme_id.empty()) return false;
  Result<domain::Programme> programme = store.GetProgramme(event.programme_id);
  return programme.ok() && who.MemberOf(programme->operator_organization);
}

}  // namespace biobridge::service
