// Routes of countries (service/country_service.h): a country's regulatory
// profile and the platform's activity there; the export and import of
// profiles.
#include <fmt/format.h>

#include "api/api.h"
#include "api/views.h"
#include "domain/indicators.h"

namespace biobridge::api {
namespace {

// A count, or {"fewer_than": 3} where the exact figure would single out a party.
json::value CountView(const service::GuardedCount& c) {
  if (c.value) return *c.value;
  return json::object{{"fewer_than", service::kMinReportedCount}};
}

json::object View(const service::CountryView& v) {
  json::object out{
      {"country", v.country},
      {"jurisdiction", v.jurisdiction},
      {"profile", v.profile ? json::value(*v.profile) : json::value(nullptr)},
      {"profile_updated_at", v.profile_updated_at.empty() ? json::value(nullptr) : json::value(v.profile_updated_at)},
      {"members", json::array(v.members.begin(), v.members.end())},
      {"activity", nullptr}};
  if (v.activity) {
    const service::CountryActivity& a = *v.activity;
    json::array partners;
    for (const service::PartnerCountry& p : a.partners) {
      partners.push_back(json::object{{"country", p.country}, {"deals", CountView(p.deals)}, {"meetings", CountView(p.meetings)}});
    }
    out["activity"] = json::object{{"organizations", a.organizations},
                                   {"opportunities_from", a.opportunities_from},
                                   {"opportunities_targeting", a.opportunities_targeting},
                                   {"deals", CountView(a.deals)},
                                   {"agreements", CountView(a.agreements)},
                                   {"meetings", CountView(a.meetings)},
                                   {"partners", std::move(partners)}};
  }
  return out;
}

// The comparison: the indicators' definitions in the viewer's language, and
// per country its sourced figures and its activity on BioBridge.
json::object ComparisonView(const std::vector<service::CountryView>& views, std::string_view lang) {
  const domain::Indicators& indicators = domain::BuiltinIndicators();
  json::array definitions;
  for (const domain::IndicatorDefinition& d : indicators.definitions) {
    definitions.push_back(json::object{{"code", d.code}, {"label", d.labels.Best({lang, "en"})}, {"unit", d.unit}});
  }
  json::array countries;
  for (const service::CountryView& v : views) {
    json::array figures;
    for (const domain::IndicatorFigure& f : indicators.figures) {
      if (f.country != v.country) continue;
      figures.push_back(json::object{{"indicator", f.indicator},
                                     {"year", f.year},
                                     {"value", f.value},
                                     {"source", json::object{{"title", f.source_title}, {"url", f.source_url}}}});
    }
    json::object country = View(v);
    country.erase("profile");
    country["profile"] = v.profile.has_value();
    country["figures"] = std::move(figures);
    countries.push_back(std::move(country));
  }
  return json::object{{"indicators", std::move(definitions)}, {"countries", std::move(countries)}};
}

// Every value is a code, a number or a quoted source title.
std::string ComparisonCsv(const std::vector<service::CountryView>& views) {
  auto quoted = [](std::string_view s) {
    std::string out = "\"";
    for (const char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
  };
  auto count = [](const service::GuardedCount& c) {
    return c.value ? std::to_string(*c.value) : fmt::format("<{}", service::kMinReportedCount);
  };
  std::string out = "country,indicator,year,value,source\n";
  for (const service::CountryView& v : views) {
    for (const domain::IndicatorFigure& f : domain::BuiltinIndicators().figures) {
      if (f.country != v.country) continue;
      out += fmt::format("{},{},{},{:g},{}\n", f.country, f.indicator, f.year, f.value, quoted(f.source_title));
    }
    if (!v.activity) continue;
    const service::CountryActivity& a = *v.activity;
    out += fmt::format("{},biobridge_organizations,,{},BioBridge\n", v.country, a.organizations);
    out += fmt::format("{},biobridge_opportunities_from,,{},BioBridge\n", v.country, a.opportunities_from);
    out += fmt::format("{},biobridge_opportunities_targeting,,{},BioBridge\n", v.country, a.opportunities_targeting);
    out += fmt::format("{},biobridge_deals,,{},BioBridge\n", v.country, count(a.deals));
    out += fmt::format("{},biobridge_meetings,,{},BioBridge\n", v.country, count(a.meetings));
    for (const service::PartnerCountry& p : a.partners) {
      out += fmt::format("{},biobridge_deals_with_{},,{},BioBridge\n", v.country, p.country, count(p.deals));
      out += fmt::format("{},biobridge_meetings_with_{},,{},BioBridge\n", v.country, p.country, count(p.meetings));
    }
  }
  return out;
}

}  // namespace

void Api::AddCountryRoutes() {
  service::CountryService& countries = services_.countries;
  router_.Add({"GET", "/api/indicators", {"countries", "lang"}, [&countries](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto views, countries.Compare(c.principal, c.Query("countries")));
                 const std::string lang = c.Query("lang").empty() ? "en" : c.Query("lang");
                 return JsonResponse(200, ComparisonView(views, lang));
               }});
  router_.Add({"GET", "/api/indicators/csv", {"countries"}, [&countries](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto views, countries.Compare(c.principal, c.Query("countries")));
                 HttpResponse response;
                 response.content_type = "text/csv; charset=utf-8";
                 response.body = ComparisonCsv(views);
                 response.headers.emplace_back("Content-Disposition", "attachment; filename=\"country-indicators.csv\"");
                 return response;
               }});
  router_.Add({"GET", "/api/countries/{code}", {}, [&countries](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto country, countries.Country(c.principal, c.PathParam("code")));
                 return JsonResponse(200, View(country));
               }});
  router_.Add({"GET", "/api/regulatory-profiles", {}, [&countries](RequestContext&) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object all, countries.Export());
                 return JsonResponse(200, all);
               }});
  router_.Add({"PUT", "/api/regulatory-profiles", {}, [&countries](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(const int changed, countries.Import(c.principal, body));
                 return JsonResponse(200, json::object{{"changed", changed}});
               }});
}

}  // namespace biobridge::api
