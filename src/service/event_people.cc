#include "service/event_people.h"
#include "storage/store.h"

namespace biobridge::service {

std::string NewCheckInKey(RandomSource& random) { return NewSecretToken(random).substr(0, 16); }

Result<std::vector<domain::Delegate>> RegisteredDelegates(storage::Store& store, std::string_view event_id) {
  BB_ASSIGN_OR_RETURN(std::vector<domain::Delegate> all, store.ListDelegates(event_id));
  std::erase_if(all, [](const domain::Delegate& d) { return d.status != "registered"; });
  return all;
}

Status EventPeople::LoadAll(std::string_view event_id) {
  BB_ASSIGN_OR_RETURN(std::vector<domain::Delegate> all, store_.ListDelegates(event_id));
  for (domain::Delegate& d : all) delegates_.insert_or_assign(d.id, std::move(d));
  return Status::Ok();
}

void EventPeople::Know(const std::vector<domain::Delegate>& delegates) {
  for (const domain::Delegate& d : delegates) delegates_.insert_or_assign(d.id, d);
}

const domain::Delegate* EventPeople::Find(const std::string& delegate_id) {
  auto it = delegates_.find(delegate_id);
  if (it == delegates_.end()) {
    Result<domain::Delegate> read = store_.GetDelegate(delegate_id);
    if (!read.ok()) return nullptr;
    it = delegates_.emplace(delegate_id, std::move(read).value()).first;
  }
  return &it->second;
}

const std::string& EventPeople::OrganizationName(const std::string& organization_id) {
  auto it = organization_names_.find(organization_id);
  if (it == organization_names_.end()) {
    Result<domain::Organization> organization = store_.GetOrganization(organization_id);
    it = organization_names_
             .emplace(organization_id, organization.ok() ? std::string(organization->name.Best({language_, "en"}))
                                                         : organization_id)
             .first;
  }
  return it->second;
}

}  // namespace biobridge::service
