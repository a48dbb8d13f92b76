// Routes of countries (service/country_service.h): a country's regulatory
// profile and the platform's activity there; the export and import of
// profiles.
#include "api/api.h"
#include "api/views.h"

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
      partners.push_back(json::object{{"country", p.country}, {"deals", CountView(p.deals)}});
    }
    out["activity"] = json::object{{"organizations", a.organizations},
                                   {"opportunities_from", a.opportunities_from},
                                   {"opportunities_targeting", a.opportunities_targeting},
                                   {"deals", CountView(a.deals)},
                                   {"agreements", CountView(a.agreements)},
                                   {"partners", std::move(partners)}};
  }
  return out;
}

}  // namespace

void Api::AddCountryRoutes() {
  service::CountryService& countries = services_.countries;
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
