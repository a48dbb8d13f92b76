#include "service/country_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "base/strings.h"

#include "domain/deal.h"
#include "domain/event.h"
#include "domain/regulatory_profile.h"
#include "service/authorization.h"
#include "storage/store.h"

namespace biobridge::service {
namespace {

// The profiles by jurisdiction: shipped, then the imported ones over them.
Result<std::map<std::string, std::pair<json::object, std::string>>> AllProfiles(storage::Store& store) {
  std::map<std::string, std::pair<json::object, std::string>> out;  // jurisdiction -> (profile, updated_at)
  for (const json::value& p : domain::BuiltinRegulatoryProfiles().at("profiles").as_array()) {
    out[std::string(p.at("country").as_string())] = {p.as_object(), ""};
  }
  BB_ASSIGN_OR_RETURN(std::vector<storage::Store::StoredProfile> stored, store.ListRegulatoryProfiles());
  for (const storage::Store::StoredProfile& s : stored) {
    Result<json::value> doc = ParseJson(s.doc, JsonLimits{.max_depth = 16});
    if (!doc.ok() || !doc->is_object()) return InternalError(fmt::format("the stored profile of {} is damaged", s.jurisdiction));
    out[s.jurisdiction] = {doc->get_object(), FormatTimestamp(s.updated_at)};
  }
  return out;
}

}  // namespace

Result<std::optional<json::object>> CountryService::Profile(std::string_view jurisdiction) {
  BB_ASSIGN_OR_RETURN(auto all, AllProfiles(context_.store));
  auto it = all.find(std::string(jurisdiction));
  if (it == all.end()) return std::optional<json::object>();
  return std::optional<json::object>(it->second.first);
}

Result<CountryService::Tallies> CountryService::Count() {
  Tallies t;
  BB_ASSIGN_OR_RETURN(t.profiles, AllProfiles(context_.store));
  std::map<std::string, std::string, std::less<>> countries;  // organisation id -> country
  auto country_of = [&](std::string_view organization) -> const std::string& {
    auto it = countries.find(organization);
    if (it == countries.end()) {
      Result<domain::Organization> o = context_.store.GetOrganization(organization);
      it = countries.emplace(std::string(organization), o.ok() ? o->country : "").first;
    }
    return it->second;
  };
  BB_RETURN_IF_ERROR(context_.store.ForEachDeal({"", ""}, [&](const domain::Deal& deal) {
    const std::string& a = country_of(deal.initiator);
    const std::string& b = country_of(deal.recipient);
    ++t.deals[a];
    t.agreements[a] += deal.HasCda();
    if (b != a) {  // a deal within one country counts once there
      ++t.deals[b];
      t.agreements[b] += deal.HasCda();
    }
    if (!a.empty() && !b.empty()) ++t.deal_pairs[std::minmax(a, b)];
    return Status::Ok();
  }));
  for (int page = 1;; ++page) {
    BB_ASSIGN_OR_RETURN(storage::Page<domain::Event> events, context_.store.ListEvents({page, 100}));
    for (const domain::Event& event : events.items) {
      Result<domain::Schedule> schedule = context_.store.GetSchedule(event.id);
      if (!schedule.ok()) {
        if (schedule.status().code() == StatusCode::kNotFound) continue;
        return schedule.status();
      }
      if (schedule->published_meetings.empty()) continue;
      BB_ASSIGN_OR_RETURN(const std::vector<domain::Delegate> delegates, context_.store.ListDelegates(event.id));
      BB_ASSIGN_OR_RETURN(const std::vector<domain::MeetingRequest> requests, context_.store.ListMeetingRequests(event.id));
      std::map<std::string_view, std::string_view> delegate_organization;
      for (const domain::Delegate& d : delegates) delegate_organization[d.id] = d.organization_id;
      std::map<std::string_view, const domain::MeetingRequest*> request_by_id;
      for (const domain::MeetingRequest& r : requests) request_by_id[r.id] = &r;
      auto delegate_country = [&](std::string_view delegate) -> std::string {
        auto d = delegate_organization.find(delegate);
        return d == delegate_organization.end() ? "" : country_of(d->second);
      };
      for (const domain::Meeting& m : schedule->published_meetings) {
        if (m.status == "cancelled") continue;
        auto r = request_by_id.find(m.request_id);
        if (r == request_by_id.end()) continue;
        const std::string a = delegate_country(r->second->from), b = delegate_country(r->second->to);
        if (!a.empty()) ++t.meetings[a];
        if (!b.empty() && b != a) ++t.meetings[b];
        if (!a.empty() && !b.empty() && a != b) ++t.meeting_pairs[std::minmax(a, b)];
      }
    }
    if (static_cast<std::int64_t>(page) * 100 >= events.total) break;
  }
  return t;
}

Result<CountryView> CountryService::Country(const Principal& who, std::string_view code) {
  BB_ASSIGN_OR_RETURN(const Tallies tallies, Count());
  return CountryWith(who, code, tallies);
}

Result<CountryView> CountryService::CountryWith(const Principal& who, std::string_view code, const Tallies& tallies) {
  const bool eu = code == domain::kEuJurisdiction;
  if (!eu && !context_.taxonomies.countries().Contains(code)) {
    return NotFoundError(fmt::format("no country has code '{}'", code));
  }
  CountryView view;
  view.country = code;
  view.jurisdiction = eu ? std::string(code) : domain::JurisdictionOf(code);
  if (auto it = tallies.profiles.find(view.jurisdiction); it != tallies.profiles.end()) {
    view.profile = it->second.first;
    view.profile_updated_at = it->second.second;
  }
  if (eu) {
    for (const domain::TaxonomyEntry& c : context_.taxonomies.countries().entries()) {
      if (c.InGroup("eu")) view.members.push_back(c.code);
    }
    return view;
  }

  CountryActivity& a = view.activity.emplace();
  storage::OrganizationFilter organizations;
  organizations.country = code;
  BB_ASSIGN_OR_RETURN(auto orgs, context_.store.ListOrganizations(organizations, {1, 1}));
  a.organizations = orgs.total;
  storage::OpportunityFilter from;
  from.country = code;
  from.visible_tiers = VisibleTiers(who);
  from.own_organization_ids = who.organization_ids();
  BB_ASSIGN_OR_RETURN(auto posted, context_.store.ListOpportunities(from, {1, 1}));
  a.opportunities_from = posted.total;
  storage::OpportunityFilter targeting = from;
  targeting.country.clear();
  targeting.target_country = code;
  BB_ASSIGN_OR_RETURN(auto aimed, context_.store.ListOpportunities(targeting, {1, 1}));
  a.opportunities_targeting = aimed.total;

  const std::string country(code);
  auto count = [&](const std::map<std::string, std::int64_t>& by_country) {
    const auto it = by_country.find(country);
    return GuardedCount::Of(it == by_country.end() ? 0 : it->second);
  };
  a.deals = count(tallies.deals);
  a.agreements = count(tallies.agreements);
  a.meetings = count(tallies.meetings);
  // The other side's countries (a deal within the country pairs it with itself).
  auto with = [&](const std::map<std::pair<std::string, std::string>, std::int64_t>& pairs) {
    std::map<std::string, std::int64_t> out;
    for (const auto& [pair, n] : pairs) {
      if (pair.first == country) out[pair.second] += n;
      else if (pair.second == country) out[pair.first] += n;
    }
    return out;
  };
  const std::map<std::string, std::int64_t> dealt_with = with(tallies.deal_pairs), met_with = with(tallies.meeting_pairs);
  std::set<std::string> others;
  for (const auto& [other, n] : dealt_with) others.insert(other);
  for (const auto& [other, n] : met_with) others.insert(other);
  for (const std::string& other : others) {
    const auto d = dealt_with.find(other);
    const auto m = met_with.find(other);
    const GuardedCount deals = GuardedCount::Of(d == dealt_with.end() ? 0 : d->second);
    const GuardedCount meetings = GuardedCount::Of(m == met_with.end() ? 0 : m->second);
    if (deals.value || meetings.value) a.partners.push_back({other, deals, meetings});
  }
  std::stable_sort(a.partners.begin(), a.partners.end(), [](const PartnerCountry& x, const PartnerCountry& y) {
    return x.deals.value.value_or(0) > y.deals.value.value_or(0) ||
           (x.deals.value.value_or(0) == y.deals.value.value_or(0) && x.meetings.value.value_or(0) > y.meetings.value.value_or(0));
  });
  return view;
}

Result<std::vector<CountryView>> CountryService::Compare(const Principal& who, std::string_view codes) {
  std::vector<CountryView> out;
  std::set<std::string> seen;
  std::vector<std::string> codes_seen;
  for (std::string_view rest = codes; !rest.empty();) {
    const std::size_t comma = rest.find(',');
    const std::string code = AsciiUpper(Trim(rest.substr(0, comma)));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (code.empty()) continue;
    if (code == domain::kEuJurisdiction || !context_.taxonomies.countries().Contains(code)) {
      return InvalidArgumentError("countries", fmt::format("'{}' is not an ISO 3166-1 country code", code));
    }
    if (!seen.insert(code).second) continue;
    if (seen.size() > kMaxCompared) {
      return InvalidArgumentError("countries", fmt::format("compare at most {} countries", kMaxCompared));
    }
    codes_seen.push_back(code);
  }
  if (codes_seen.empty()) return InvalidArgumentError("countries", "name the countries to compare, e.g. CN,RU,KZ");
  // Profiles, deals and meetings are counted once for all the countries compared.
  BB_ASSIGN_OR_RETURN(const Tallies tallies, Count());
  for (const std::string& code : codes_seen) {
    BB_ASSIGN_OR_RETURN(CountryView view, CountryWith(who, code, tallies));
    out.push_back(std::move(view));
  }
  return out;
}

Result<json::object> CountryService::Export() {
  BB_ASSIGN_OR_RETURN(auto all, AllProfiles(context_.store));
  json::array profiles;
  for (auto& [jurisdiction, entry] : all) profiles.push_back(entry.first);
  return json::object{{"profiles_version", 1},
                      {"source", domain::BuiltinRegulatoryProfiles().at("source")},
                      {"profiles", std::move(profiles)}};
}

Result<int> CountryService::Import(const Principal& who, const json::value& body) {
  BB_RETURN_IF_ERROR(RequirePlatformAdmin(who, "import regulatory profiles"));
  const json::value* list = body.is_object() ? body.get_object().if_contains("profiles") : nullptr;
  if (!list || !list->is_array() || list->get_array().empty()) {
    return InvalidArgumentError("profiles", "send {\"profiles\": [...]}, as GET /api/regulatory-profiles gives them");
  }
  std::vector<std::pair<std::string, std::string>> rows;
  for (std::size_t i = 0; i < list->get_array().size(); ++i) {
    const json::value& p = list->get_array()[i];
    const std::string path = fmt::format("profiles[{}]", i);
    if (!p.is_object()) return InvalidArgumentError(path, "a profile is an object");
    if (Status s = domain::ValidateRegulatoryProfile(p.get_object()); !s.ok()) {
      return InvalidArgumentError(path + "." + s.field(), s.message());
    }
    const std::string jurisdiction(p.at("country").as_string());
    for (const auto& [seen, _] : rows) {
      if (seen == jurisdiction) return InvalidArgumentError(path + ".country", jurisdiction + " is given twice");
    }
    rows.emplace_back(jurisdiction, json::serialize(p));
  }
  // Only what differs from the profile in force is written.
  BB_ASSIGN_OR_RETURN(auto all, AllProfiles(context_.store));
  std::erase_if(rows, [&](const auto& row) {
    auto it = all.find(row.first);
    return it != all.end() && json::serialize(it->second.first) == row.second;
  });
  if (!rows.empty()) BB_RETURN_IF_ERROR(context_.store.PutRegulatoryProfiles(rows, {who.actor(), context_.clock.Now()}));
  return static_cast<int>(rows.size());
}

}  // namespace biobridge::service
