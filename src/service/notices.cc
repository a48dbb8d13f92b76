#include "service/notices.h"

#include <fmt/format.h>

#include "domain/codec.h"
#include "storage/store.h"

namespace biobridge::service::notices {

json::value OrganizationName(storage::Store& store, std::string_view organization_id) {
  Result<domain::Organization> organization = store.GetOrganization(organization_id);
  if (!organization.ok() || organization->name.empty()) return json::value(std::string(organization_id));
  return domain::ToJson(organization->name);
}

json::value OpportunityTitle(storage::Store& store, std::string_view opportunity_id) {
  Result<domain::Opportunity> opportunity = store.GetOpportunity(opportunity_id);
  if (!opportunity.ok() || opportunity->title.empty()) return json::value(std::string(opportunity_id));
  return domain::ToJson(opportunity->title);
}

json::value EventName(storage::Store& store, std::string_view event_id) {
  Result<domain::Event> event = store.GetEvent(event_id);
  if (!event.ok() || event->name.empty()) return json::value(std::string(event_id));
  return domain::ToJson(event->name);
}

json::value PersonAt(storage::Store& store, std::string_view person, std::string_view organization_id) {
  const json::value names = OrganizationName(store, organization_id);
  if (!names.is_object()) return json::value(fmt::format("{} ({})", person, names.as_string().c_str()));
  json::object out;
  for (const auto& [language, name] : names.get_object()) {
    if (!name.is_string()) continue;
    const std::string_view n = name.get_string();
    out[language] = language == "zh" ? fmt::format("{}（{}）", person, n) : fmt::format("{} ({})", person, n);
  }
  return out;
}

domain::Notice Make(std::string kind, std::string subject_type, std::string subject_id, std::string link,
                    json::object params) {
  domain::Notice notice;
  notice.kind = std::move(kind);
  notice.subject_type = std::move(subject_type);
  notice.subject_id = std::move(subject_id);
  notice.link = std::move(link);
  notice.params = std::move(params);
  return notice;
}

domain::Notice ToOrganization(domain::Notice notice, std::string organization, std::string except) {
  notice.organizations = {std::move(organization)};
  notice.except = std::move(except);
  return notice;
}

domain::Notice ToUser(domain::Notice notice, std::string user, std::string except) {
  notice.users = {std::move(user)};
  notice.except = std::move(except);
  return notice;
}

}  // namespace biobridge::service::notices
