#include "api/views.h"

#include <fmt/format.h>

#include "domain/codec.h"

namespace biobridge::api {

namespace {

template <typename Record>
json::object RecordView(const Record& record) {
  json::object out = domain::ToJson(record);
  domain::AddMeta(out, record.meta);
  return out;
}

}  // namespace

json::object View(const domain::Organization& organization) { return RecordView(organization); }
json::object View(const domain::Opportunity& opportunity) { return RecordView(opportunity); }
json::object View(const domain::Collaboration& collaboration) { return RecordView(collaboration); }

std::string ViewText(const storage::RecordJson& record) {
  // The stored JSON is an object: its closing brace makes way for the meta,
  // in the order AddMeta writes them.
  std::string text = record.json;
  text.pop_back();
  text += fmt::format(R"(,"version":{},"created_at":"{}","updated_at":"{}"}})", record.meta.version,
                      FormatTimestamp(record.meta.created_at), FormatTimestamp(record.meta.updated_at));
  return text;
}

json::object View(const domain::User& user) {
  return json::object{{"id", user.id},
                      {"email", user.email},
                      {"display_name", user.display_name},
                      {"preferred_language", user.preferred_language},
                      {"platform_admin", user.platform_admin},
                      {"expert", user.expert},
                      {"event_organiser", user.event_organiser},
                      {"created_at", FormatTimestamp(user.meta.created_at)}};
}

json::object View(const service::Member& member) {
  return json::object{{"user_id", member.user.id},
                      {"email", member.user.email},
                      {"display_name", member.user.display_name},
                      {"role", domain::MembershipRoleName(member.role)}};
}

json::object View(const storage::ApiToken& token) {
  return json::object{{"id", token.id}, {"name", token.name}, {"created_at", FormatTimestamp(token.created_at)}};
}

}  // namespace biobridge::api
