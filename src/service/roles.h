// Roles that come from records rather than from the account (internal to
// service/): who operates a programme, and who organises an event. Both are
// granted, never self-made: a programme is created by a platform admin, who
// names its operating organisation, and that organisation's members are its
// operators (others join it by an invitation they accept); an event's
// organisers are platform admins, users a platform admin made event
// organisers, and the operators of the event's programme.
#pragma once

#include "domain/deal.h"
#include "domain/event.h"
#include "domain/programme.h"
#include "service/principal.h"
#include "storage/store.h"

namespace biobridge::service {

// A person as they act now: their account and memberships, read from the
// store (kNotFound without the account). For sessions, tokens and jobs that
// act with someone's rights.
inline Result<Principal> LoadPrincipal(storage::Store& store, std::string_view user_id) {
  BB_ASSIGN_OR_RETURN(domain::User user, store.GetUser(user_id));
  BB_ASSIGN_OR_RETURN(std::vector<domain::Membership> memberships, store.ListMembershipsOfUser(user_id));
  return Principal::ForUser(std::move(user), memberships);
}

inline bool IsProgrammeOperator(const Principal& who, const domain::Programme& programme) {
  return who.platform_admin() || who.MemberOf(programme.operator_organization);
}

inline bool IsEventOrganiser(const Principal& who, const domain::Event& event, storage::Store& store) {
  if (who.platform_admin() || (who.user() && who.user()->event_organiser)) return true;
  if (event.programme_id.empty()) return false;
  Result<domain::Programme> programme = store.GetProgramme(event.programme_id);
  return programme.ok() && who.MemberOf(programme->operator_organization);
}

// Whether `who` belongs to an organisation that has a deal with
// `organization_id` whose confidentiality agreement both sides accepted: the
// CDA tier. With `opportunity_id`, the deal must be about that opportunity
// (or about the organisation as a whole); without, any such deal counts.
inline Result<bool> IsAgreementPartner(storage::Store& store, const Principal& who, std::string_view organization_id,
                                       std::string_view opportunity_id = "") {
  for (const std::string& mine : who.organization_ids()) {
    bool found = false;
    BB_RETURN_IF_ERROR(store.ForEachDeal({mine, ""}, [&](const domain::Deal& deal) {
      found = found || (deal.IsParty(organization_id) && deal.HasCda() &&
                        (opportunity_id.empty() || deal.opportunity_id.empty() || deal.opportunity_id == opportunity_id));
      return Status::Ok();
    }));
    if (found) return true;
  }
  return false;
}

}  // namespace biobridge::service
