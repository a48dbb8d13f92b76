#include "api/views.h"

#include <fmt/format.h>

#include "domain/codec.h"
#include "text/romanize.h"

namespace biobridge::api {

namespace {

// A Russian name in Latin letters; none when it has no Cyrillic to romanise.
std::optional<std::string> LatinOf(std::string_view russian) {
  if (!text::HasCyrillic(russian)) return std::nullopt;
  return text::RomanizeRussian(russian);
}

template <typename Record>
json::object RecordView(const Record& record) {
  json::object out = domain::ToJson(record);
  domain::AddMeta(out, record.meta);
  return out;
}

}  // namespace

json::object View(const domain::Organization& organization) {
  json::object out = RecordView(organization);
  if (std::optional<std::string> latin = NameLatin(organization.name)) out["name_latin"] = std::move(*latin);
  return out;
}

json::object OrganizationExtras(std::string_view stored) {
  json::object extra;
  // The stored JSON is the canonical form: "type", "id" (no quotes in it), then
  // "name", an object of strings; only that object is read.
  const std::size_t at = stored.find(R"(,"name":{)");
  if (at == std::string_view::npos) return extra;
  const std::size_t open = at + 8;
  std::size_t close = open + 1;
  bool escaped = false;
  for (bool in_string = false; close < stored.size(); ++close) {  // to the brace that closes it
    const char c = stored[close];
    if (in_string) {
      if (c == '\\') {
        escaped = true;
        ++close;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '}') {
      break;
    }
  }
  if (close >= stored.size()) return extra;
  const std::string_view object = stored.substr(open, close - open + 1);
  if (!text::HasCyrillic(object)) return extra;
  std::optional<std::string> latin;
  if (!escaped) {
    // Its strings are their own text, and "ru":" can only open the Russian one.
    const std::size_t key = object.find(R"("ru":")");
    if (key != std::string_view::npos) latin = LatinOf(object.substr(key + 6, object.find('"', key + 6) - key - 6));
  } else {
    boost::system::error_code error;
    const json::value name = json::parse(object, error);
    const json::value* russian = error ? nullptr : name.as_object().if_contains("ru");
    if (russian && russian->is_string()) latin = LatinOf(russian->get_string());
  }
  if (latin) extra["name_latin"] = std::move(*latin);
  return extra;
}

std::string OrganizationPageText(const domain::Page<domain::RecordJson>& page) {
  std::string text = R"({"items":[)";
  std::size_t size = 128;
  for (const domain::RecordJson& r : page.items) size += r.json.size() + 128;
  text.reserve(size);
  for (std::size_t i = 0; i < page.items.size(); ++i) {
    if (i > 0) text += ',';
    text += ViewText(page.items[i], OrganizationExtras(page.items[i].json));
  }
  const std::int64_t pages = page.per_page > 0 ? (page.total + page.per_page - 1) / page.per_page : 0;
  text += fmt::format(R"(],"page":{},"per_page":{},"total":{},"pages":{}}})", page.page, page.per_page, page.total, pages);
  return text;
}

std::optional<std::string> NameLatin(const domain::LocalizedText& name) {
  const std::string* russian = name.Find("ru");
  return russian ? LatinOf(*russian) : std::nullopt;
}
json::object View(const domain::Opportunity& opportunity) { return RecordView(opportunity); }
json::object View(const domain::Collaboration& collaboration) { return RecordView(collaboration); }

std::string ViewText(const domain::RecordJson& record, const json::object& extra) {
  // The stored JSON is an object: its closing brace makes way for the meta,
  // in the order AddMeta writes them, then the view's own members, as View adds them.
  std::string text;
  text.reserve(record.json.size() + 96);
  text.append(record.json, 0, record.json.size() - 1);
  text += R"(,"version":)";
  text += std::to_string(record.meta.version);
  text += R"(,"created_at":")";
  text += FormatTimestamp(record.meta.created_at);
  text += R"(","updated_at":")";
  text += FormatTimestamp(record.meta.updated_at);
  text += '"';
  for (const auto& [key, value] : extra) {
    text += ',';
    text += ToJsonText(json::value(key));
    text += ':';
    text += ToJsonText(value);
  }
  text += '}';
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
                      {"email_verified", user.email_verified_at.has_value()},
                      {"time_zone", user.time_zone},
                      {"version", user.meta.version},
                      {"created_at", FormatTimestamp(user.meta.created_at)}};
}

json::object View(const service::Member& member) {
  return json::object{{"user_id", member.user.id},
                      {"email", member.user.email},
                      {"display_name", member.user.display_name},
                      {"role", domain::MembershipRoleName(member.role)}};
}

json::object View(const domain::ApiToken& token) {
  return json::object{{"id", token.id}, {"name", token.name}, {"created_at", FormatTimestamp(token.created_at)}};
}

json::object View(const domain::Interest& i) {
  json::object out{{"id", i.id},
                   {"from_organization", i.from_organization},
                   {"to_organization", i.to_organization},
                   {"opportunity", i.opportunity_id.empty() ? json::value(nullptr) : json::value(i.opportunity_id)},
                   {"message", i.message},
                   {"status", domain::InterestStatusName(i.status)},
                   {"created_by", i.created_by},
                   {"version", i.meta.version},
                   {"created_at", FormatTimestamp(i.meta.created_at)},
                   {"updated_at", FormatTimestamp(i.meta.updated_at)}};
  if (i.status == domain::InterestStatus::kDeclined) {
    out["decline_reason"] = i.decline_reason;
    out["decision_note"] = i.decision_note;
  }
  if (i.decided_at) {
    out["decided_by"] = i.decided_by;
    out["decided_at"] = FormatTimestamp(*i.decided_at);
  }
  if (!i.deal_id.empty()) out["deal"] = i.deal_id;
  if (!i.programme_id.empty()) out["programme"] = i.programme_id;
  return out;
}

namespace {

// A member only when it has a value: optional fields are left out.
void PutPresent(json::object& out, std::string_view key, const std::string& value) {
  if (!value.empty()) out[key] = value;
}

json::object InvitationRecordView(const domain::Invitation& i) {
  json::object out{{"id", i.id},
                   {"kind", i.kind},
                   {"status", i.status},
                   {"target", i.target},
                   {"expires_at", FormatTimestamp(i.expires_at)},
                   {"version", i.meta.version},
                   {"created_at", FormatTimestamp(i.meta.created_at)},
                   {"updated_at", FormatTimestamp(i.meta.updated_at)}};
  PutPresent(out, "opportunity", i.opportunity);
  PutPresent(out, "invitee_email", i.invitee_email);
  PutPresent(out, "invitee_user", i.invitee_user);
  PutPresent(out, "invitee_organization", i.invitee_organization);
  PutPresent(out, "inviter_organization", i.inviter_organization);
  PutPresent(out, "role", i.role);
  PutPresent(out, "message", i.message);
  if (!i.delegate.empty()) out["delegate"] = i.delegate;
  if (i.decided_at) out["decided_at"] = FormatTimestamp(*i.decided_at);
  return out;
}

}  // namespace

json::object View(const service::InvitationView& v) {
  json::object out = InvitationRecordView(v.invitation);
  out["side"] = v.side;
  PutPresent(out, "target_name", v.target_name);
  PutPresent(out, "opportunity_title", v.opportunity_title);
  PutPresent(out, "invited_by_name", v.invited_by_name);
  PutPresent(out, "inviter_organization_name", v.inviter_organization_name);
  PutPresent(out, "invitee_organization_name", v.invitee_organization_name);
  PutPresent(out, "invitee_name", v.invitee_name);
  PutPresent(out, "organization_name", v.organization_name);
  PutPresent(out, "direction", v.direction);
  return out;
}

json::object InvitationSent(const domain::Invitation& invitation) {
  json::object view = InvitationRecordView(invitation);
  view["side"] = "inviter";
  return json::object{{"invitation", std::move(view)}};
}

json::object View(const domain::Deal& d) {
  json::array moves;
  for (const domain::DealMove& m : d.moves) {
    json::object move{{"from", m.from ? json::value(domain::DealStageName(*m.from)) : json::value(nullptr)},
                      {"to", domain::DealStageName(m.to)},
                      {"actor", m.actor},
                      {"at", FormatTimestamp(m.at)},
                      {"note", m.note}};
    if (!m.reason.empty()) move["reason"] = m.reason;
    moves.push_back(std::move(move));
  }
  json::array acceptances;
  for (const domain::CdaAcceptance& a : d.cda) {
    acceptances.push_back(json::object{{"organization", a.organization_id},
                                       {"user", a.user_id},
                                       {"agreement_version", a.text_version},
                                       {"agreement_sha256", a.text_sha256},
                                       {"at", FormatTimestamp(a.at)}});
  }
  json::array allowed;
  for (domain::DealStage s : domain::AllowedMoves(d.stage, d.closed_in, d.HasCda())) {
    allowed.push_back(json::value(domain::DealStageName(s)));
  }
  json::object out{{"id", d.id},
                   {"interest", d.interest_id},
                   {"opportunity", d.opportunity_id.empty() ? json::value(nullptr) : json::value(d.opportunity_id)},
                   {"programme", d.programme_id.empty() ? json::value(nullptr) : json::value(d.programme_id)},
                   {"initiator", d.initiator},
                   {"recipient", d.recipient},
                   {"stage", domain::DealStageName(d.stage)},
                   {"cda", d.HasCda()},
                   {"agreements", std::move(acceptances)},
                   {"allowed_moves", std::move(allowed)},
                   {"moves", std::move(moves)},
                   {"version", d.meta.version},
                   {"created_at", FormatTimestamp(d.meta.created_at)},
                   {"updated_at", FormatTimestamp(d.meta.updated_at)}};
  if (d.closed_in) {
    out["closed_in"] = domain::DealStageName(*d.closed_in);
    out["close_reason"] = d.close_reason;
  }
  const domain::DealDetails& x = d.details;
  out["title"] = x.title;
  out["value"] = x.value ? json::value(json::object{{"amount", *x.value}, {"currency", x.currency}}) : json::value(nullptr);
  out["next_step"] = x.next_step;
  out["due"] = x.due ? json::value(FormatDate(*x.due)) : json::value(nullptr);
  out["contact"] = x.contact.empty() ? json::value(nullptr)
                                     : json::value(json::object{{"user", x.contact}, {"name", x.contact_name}});
  return out;
}

json::object View(const domain::Funnel& f) {
  json::array stages;
  for (const domain::StageFigures& s : f.stages) {
    stages.push_back(json::object{
        {"stage", domain::DealStageName(s.stage)},
        {"reached", s.reached},
        {"current", s.current},
        {"conversion", s.conversion ? json::value(*s.conversion) : json::value(nullptr)},
        {"median_days", s.median_days ? json::value(*s.median_days) : json::value(nullptr)},
        {"left", s.left}});
  }
  json::object reasons;
  for (const auto& [reason, count] : f.closed_by_reason) reasons[reason] = count;
  return json::object{{"deals", f.deals}, {"stages", std::move(stages)}, {"closed", f.closed},
                      {"closed_by_reason", std::move(reasons)}};
}

json::object View(const domain::Programme& p) {
  json::object out = domain::ToJson(p);
  out.erase("type");
  out["version"] = p.meta.version;
  out["created_at"] = FormatTimestamp(p.meta.created_at);
  out["updated_at"] = FormatTimestamp(p.meta.updated_at);
  return out;
}

json::object View(const service::Analytics& a) {
  json::array flows;
  for (const service::Flow& f : a.flows) {
    flows.push_back(json::object{{"from_country", f.from_country}, {"to_country", f.to_country}, {"deals", f.deals},
                                 {"agreements", f.agreements}});
  }
  json::array areas;
  for (const service::AreaActivity& area : a.areas) {
    areas.push_back(json::object{{"area", area.area}, {"deals", area.deals}, {"agreements", area.agreements}});
  }
  return json::object{{"from", a.from ? json::value(FormatTimestamp(*a.from)) : json::value(nullptr)},
                      {"to", a.to ? json::value(FormatTimestamp(*a.to)) : json::value(nullptr)},
                      {"funnel", View(a.funnel)},
                      {"flows", std::move(flows)},
                      {"areas", std::move(areas)}};
}

std::string AnalyticsCsv(const service::Analytics& a) {
  // Every value is a code, a number or empty: nothing to quote.
  std::string out = "stage,reached,current,conversion,median_days\n";
  for (const domain::StageFigures& s : a.funnel.stages) {
    out += fmt::format("{},{},{},{},{}\n", domain::DealStageName(s.stage), s.reached, s.current,
                       s.conversion ? fmt::format("{:.4f}", *s.conversion) : "",
                       s.median_days ? fmt::format("{:.2f}", *s.median_days) : "");
  }
  out += fmt::format("closed,{},{},,\n", a.funnel.closed, a.funnel.closed);
  out += "\nfrom_country,to_country,deals,agreements\n";
  for (const service::Flow& f : a.flows) {
    out += fmt::format("{},{},{},{}\n", f.from_country, f.to_country, f.deals, f.agreements);
  }
  out += "\narea,deals,agreements\n";
  for (const service::AreaActivity& area : a.areas) out += fmt::format("{},{},{}\n", area.area, area.deals, area.agreements);
  return out;
}

}  // namespace biobridge::api
