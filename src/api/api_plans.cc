// Routes of market-development plans (service/plan_service.h).
#include <fmt/format.h>

#include "api/api.h"
#include "api/views.h"

namespace biobridge::api {
namespace {

json::object View(const service::PlanView& p) {
  json::object out{{"id", p.id},
                   {"organization", p.organization_id},
                   {"visibility", p.visibility},
                   {"version", p.version},
                   {"created_at", p.created_at},
                   {"updated_at", p.updated_at},
                   {"mine", p.mine}};
  for (const auto& [key, value] : p.doc) out[key] = value;
  if (p.mine) out["shared_with"] = json::array(p.shared_with.begin(), p.shared_with.end());
  return out;
}

json::object ListOf(const std::vector<service::PlanView>& plans) {
  json::array items;
  for (const service::PlanView& p : plans) items.push_back(View(p));
  return json::object{{"items", std::move(items)}};
}

}  // namespace

void Api::AddPlanRoutes() {
  service::PlanService& plans = services_.plans;
  router_.Add({"POST", "/api/plans", {}, [&plans](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(auto plan, plans.Draft(c.principal, body));
                 return CreatedResponse(View(plan), "/api/plans/" + plan.id);
               }});
  router_.Add({"GET", "/api/plans/{id}", {}, [&plans](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto plan, plans.Get(c.principal, c.PathParam("id")));
                 return JsonResponse(200, View(plan));
               }});
  router_.Add({"PATCH", "/api/plans/{id}", {}, [&plans](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(auto plan, plans.Update(c.principal, c.PathParam("id"), body));
                 return JsonResponse(200, View(plan));
               }});
  router_.Add({"DELETE", "/api/plans/{id}", {"version"}, [&plans](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(const std::int64_t version, c.QueryInt("version", 0));
                 BB_RETURN_IF_ERROR(plans.Delete(c.principal, c.PathParam("id"), version));
                 return NoContent();
               }});
  router_.Add({"GET", "/api/organizations/{id}/plans", {}, [&plans](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto list, plans.ListOf(c.principal, c.PathParam("id")));
                 return JsonResponse(200, ListOf(list));
               }});
  router_.Add({"GET", "/api/me/plans", {}, [&plans](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto list, plans.SharedWith(c.principal));
                 return JsonResponse(200, ListOf(list));
               }});
  for (const bool share : {true, false}) {
    router_.Add({share ? "PUT" : "DELETE", "/api/plans/{id}/shares/{organization}", {},
                 [&plans, share](RequestContext& c) -> Result<HttpResponse> {
                   BB_ASSIGN_OR_RETURN(auto plan, plans.Share(c.principal, c.PathParam("id"), c.PathParam("organization"), share));
                   return JsonResponse(200, View(plan));
                 }});
  }
  router_.Add({"POST", "/api/plans/{id}/review", {}, [&plans](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 const json::value* programme = body.if_contains("programme");
                 if (!programme || !programme->is_string()) {
                   return InvalidArgumentError("programme", "name the programme whose committee should review the plan");
                 }
                 BB_ASSIGN_OR_RETURN(std::string project, plans.SubmitForReview(c.principal, c.PathParam("id"),
                                                                                programme->get_string()));
                 return CreatedResponse(json::object{{"project", project}}, "/api/review-projects/" + project);
               }});
  router_.Add({"GET", "/api/plans/{id}/export", {"lang"}, [&plans](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(std::string html, plans.ExportHtml(c.principal, c.PathParam("id"), c.Query("lang")));
                 HttpResponse response;
                 response.content_type = "text/html; charset=utf-8";
                 response.body = std::move(html);
                 response.headers.emplace_back("Content-Disposition",
                                               fmt::format("attachment; filename=\"plan-{}.html\"", c.PathParam("id")));
                 // A saved copy opened later runs nothing (it has no scripts of its own).
                 response.headers.emplace_back("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
                 response.headers.emplace_back("Cache-Control", "private, no-store");
                 return response;
               }});
}

}  // namespace biobridge::api
