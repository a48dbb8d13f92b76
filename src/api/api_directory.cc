// Routes of the directory: organisations, opportunities and collaborations.
#include <fmt/format.h>

#include "api/api.h"
#include "api/views.h"
#include "base/strings.h"

namespace biobridge::api {

namespace {

using service::DirectoryService;
using service::Principal;

// The writes of one kind of directory record, as DirectoryService offers
// them, so that organisations and opportunities get the same routes.
template <typename Record>
struct RecordUseCases {
  Result<Record> (DirectoryService::*create)(const Principal&, const json::object&);
  Result<Record> (DirectoryService::*replace)(const Principal&, std::string_view, const json::object&);
  Result<Record> (DirectoryService::*patch)(const Principal&, std::string_view, const json::object&);
  Status (DirectoryService::*remove)(const Principal&, std::string_view, std::int64_t);
};

// POST <collection>, and PUT/PATCH/DELETE <collection>/{id}.
template <typename Record>
void AddRecordRoutes(Router& router, DirectoryService& directory, const std::string& collection,
                     RecordUseCases<Record> use) {
  router.Add({"POST", collection, {}, [&directory, collection, use](RequestContext& c) -> Result<HttpResponse> {
                BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                BB_ASSIGN_OR_RETURN(Record created, (directory.*use.create)(c.principal, body));
                return CreatedResponse(View(created), collection + "/" + created.id);
              }});
  const std::string item = collection + "/{id}";
  for (const auto& route : {std::pair{"PUT", use.replace}, std::pair{"PATCH", use.patch}}) {
    // (route.second, not a structured binding: clang 14 cannot capture one)
    router.Add({route.first, item, {}, [&directory, update = route.second](RequestContext& c) -> Result<HttpResponse> {
                  BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                  BB_ASSIGN_OR_RETURN(Record record, (directory.*update)(c.principal, c.PathParam("id"), body));
                  return JsonResponse(200, View(record));
                }});
  }
  router.Add({"DELETE", item, {"version"}, [&directory, use](RequestContext& c) -> Result<HttpResponse> {
                BB_ASSIGN_OR_RETURN(std::int64_t version, c.QueryInt("version", 0));
                BB_RETURN_IF_ERROR((directory.*use.remove)(c.principal, c.PathParam("id"), version));
                return NoContent();
              }});
}

}  // namespace

void Api::AddDirectoryRoutes() {
  DirectoryService& directory = services_.directory;

  router_.Add({"GET", "/api/organizations", WithPageParameters({"country", "kind", "area", "modality"}),
               [&directory](RequestContext& c) -> Result<HttpResponse> {
                 domain::OrganizationFilter filter{AsciiUpper(c.Query("country")), c.Query("kind"), c.Query("area"),
                                                    c.Query("modality")};
                 BB_ASSIGN_OR_RETURN(domain::PageRequest page, PageFrom(c));
                 // Sent as stored, like one organisation: no decoding and encoding of each.
                 BB_ASSIGN_OR_RETURN(auto result, directory.ListOrganizationsJson(c.principal, filter, page));
                 HttpResponse response;
                 response.body = OrganizationPageText(result);
                 return response;
               }});
  // One organisation is answered from its stored JSON: the hottest read.
  router_.Add({"GET", "/api/organizations/{id}", {}, [&directory](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(domain::RecordJson record,
                                     directory.GetOrganizationJson(c.principal, c.PathParam("id")));
                 HttpResponse response;
                 response.body = ViewText(record, OrganizationExtras(record.json));
                 return response;
               }});
  router_.Add({"GET", "/api/organizations/{id}/collaborations", WithPageParameters({}),
               [&directory](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(domain::PageRequest page, PageFrom(c));
                 BB_ASSIGN_OR_RETURN(auto result, directory.ListCollaborations(c.principal, c.PathParam("id"), page));
                 return JsonResponse(200, PageView(result));
               }});
  AddRecordRoutes<domain::Organization>(
      router_, directory, "/api/organizations",
      {&DirectoryService::CreateOrganization,
       &DirectoryService::ReplaceOrganization, &DirectoryService::PatchOrganization,
       &DirectoryService::DeleteOrganization});

  router_.Add({"GET", "/api/opportunities",
               WithPageParameters({"organization", "direction", "cooperation", "area", "modality", "stage",
                                   "target_country", "country", "kind"}),
               [&directory](RequestContext& c) -> Result<HttpResponse> {
                 domain::OpportunityFilter filter;
                 filter.organization_id = c.Query("organization");
                 filter.direction = c.Query("direction");
                 filter.cooperation = c.Query("cooperation");
                 filter.therapeutic_area = c.Query("area");
                 filter.modality = c.Query("modality");
                 filter.stage = c.Query("stage");
                 filter.target_country = AsciiUpper(c.Query("target_country"));
                 filter.country = AsciiUpper(c.Query("country"));
                 filter.kind = c.Query("kind");
                 BB_ASSIGN_OR_RETURN(domain::PageRequest page, PageFrom(c));
                 BB_ASSIGN_OR_RETURN(auto result, directory.ListOpportunities(c.principal, filter, page));
                 return JsonResponse(200, PageView(result));
               }});
  router_.Add({"GET", "/api/opportunities/{id}", {}, [&directory](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(domain::Opportunity o, directory.GetOpportunity(c.principal, c.PathParam("id")));
                 return JsonResponse(200, View(o));
               }});
  AddRecordRoutes<domain::Opportunity>(
      router_, directory, "/api/opportunities",
      {&DirectoryService::CreateOpportunity,
       &DirectoryService::ReplaceOpportunity, &DirectoryService::PatchOpportunity,
       &DirectoryService::DeleteOpportunity});
}

}  // namespace biobridge::api
