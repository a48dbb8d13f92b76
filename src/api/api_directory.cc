// Routes of the directory: organisations and opportunities.
#include <fmt/format.h>

#include "api/api.h"
#include "api/views.h"
#include "base/strings.h"

namespace biobridge::api {

namespace {

const std::vector<std::string> kPageParameters = {"page", "per_page"};

std::vector<std::string> With(std::vector<std::string> names) {
  names.insert(names.end(), kPageParameters.begin(), kPageParameters.end());
  return names;
}

Result<storage::PageRequest> PageFrom(const RequestContext& c) {
  BB_ASSIGN_OR_RETURN(std::int64_t page, c.QueryInt("page", 1));
  BB_ASSIGN_OR_RETURN(std::int64_t per_page, c.QueryInt("per_page", 20));
  // Out-of-range values are refused by the service with the parameter named.
  auto clamp = [](std::int64_t v) { return static_cast<int>(std::clamp<std::int64_t>(v, -1, 1'000'000)); };
  return storage::PageRequest{clamp(page), clamp(per_page)};
}

HttpResponse Created(const json::object& body, const std::string& location) {
  HttpResponse response = JsonResponse(201, body);
  response.headers.emplace_back("Location", location);
  return response;
}

}  // namespace

void Api::AddDirectoryRoutes() {
  service::DirectoryService& directory = services_.directory;

  // --- Organisations
  router_.Add({"GET", "/api/organizations", With({"country", "kind", "area", "modality"}),
               [&directory](RequestContext& c) -> Result<HttpResponse> {
                 storage::OrganizationFilter filter{AsciiUpper(c.Query("country")), c.Query("kind"), c.Query("area"),
                                                    c.Query("modality")};
                 BB_ASSIGN_OR_RETURN(storage::PageRequest page, PageFrom(c));
                 BB_ASSIGN_OR_RETURN(auto result, directory.ListOrganizations(c.principal, filter, page));
                 return JsonResponse(200, PageView(result));
               }});

  router_.Add({"POST", "/api/organizations", {}, [&directory](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(domain::Organization created, directory.CreateOrganization(c.principal, body));
                 return Created(View(created), "/api/organizations/" + created.id);
               }});

  router_.Add({"GET", "/api/organizations/{id}", {}, [&directory](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(domain::Organization o, directory.GetOrganization(c.principal, c.PathParam("id")));
                 return JsonResponse(200, View(o));
               }});

  router_.Add({"PUT", "/api/organizations/{id}", {}, [&directory](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(domain::Organization o,
                                     directory.ReplaceOrganization(c.principal, c.PathParam("id"), body));
                 return JsonResponse(200, View(o));
               }});

  router_.Add({"PATCH", "/api/organizations/{id}", {}, [&directory](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(domain::Organization o,
                                     directory.PatchOrganization(c.principal, c.PathParam("id"), body));
                 return JsonResponse(200, View(o));
               }});

  router_.Add({"DELETE", "/api/organizations/{id}", {"version"},
               [&directory](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(std::int64_t version, c.QueryInt("version", 0));
                 BB_RETURN_IF_ERROR(directory.DeleteOrganization(c.principal, c.PathParam("id"), version));
                 return NoContent();
               }});

  // --- Opportunities
  router_.Add({"GET", "/api/opportunities",
               With({"organization", "direction", "cooperation", "area", "modality", "stage", "target_country",
                     "country", "kind"}),
               [&directory](RequestContext& c) -> Result<HttpResponse> {
                 storage::OpportunityFilter filter;
                 filter.organization_id = c.Query("organization");
                 filter.direction = c.Query("direction");
                 filter.cooperation = c.Query("cooperation");
                 filter.therapeutic_area = c.Query("area");
                 filter.modality = c.Query("modality");
                 filter.stage = c.Query("stage");
                 filter.target_country = AsciiUpper(c.Query("target_country"));
                 filter.country = AsciiUpper(c.Query("country"));
                 filter.kind = c.Query("kind");
                 BB_ASSIGN_OR_RETURN(storage::PageRequest page, PageFrom(c));
                 BB_ASSIGN_OR_RETURN(auto result, directory.ListOpportunities(c.principal, filter, page));
                 return JsonResponse(200, PageView(result));
               }});

  router_.Add({"POST", "/api/opportunities", {}, [&directory](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(domain::Opportunity created, directory.CreateOpportunity(c.principal, body));
                 return Created(View(created), "/api/opportunities/" + created.id);
               }});

  router_.Add({"GET", "/api/opportunities/{id}", {}, [&directory](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(domain::Opportunity o, directory.GetOpportunity(c.principal, c.PathParam("id")));
                 return JsonResponse(200, View(o));
               }});

  router_.Add({"PUT", "/api/opportunities/{id}", {}, [&directory](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(domain::Opportunity o,
                                     directory.ReplaceOpportunity(c.principal, c.PathParam("id"), body));
                 return JsonResponse(200, View(o));
               }});

  router_.Add({"PATCH", "/api/opportunities/{id}", {}, [&directory](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(domain::Opportunity o,
                                     directory.PatchOpportunity(c.principal, c.PathParam("id"), body));
                 return JsonResponse(200, View(o));
               }});

  router_.Add({"DELETE", "/api/opportunities/{id}", {"version"},
               [&directory](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(std::int64_t version, c.QueryInt("version", 0));
                 BB_RETURN_IF_ERROR(directory.DeleteOpportunity(c.principal, c.PathParam("id"), version));
                 return NoContent();
               }});
}

}  // namespace biobridge::api
