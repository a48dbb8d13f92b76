// Routes of the expert committee: experts, a programme's committee and its
// reviewer assignment, projects for review, reviews, decisions and reports.
#include <fmt/format.h>

#include "api/api.h"
#include "api/views.h"

namespace biobridge::api {
namespace {

// An empty body reads as {}.
Result<json::object> OptionalBody(RequestContext& c) {
  if (c.request.body.empty()) return json::object{};
  return c.JsonBody();
}

}  // namespace

void Api::AddCommitteeRoutes() {
  service::CommitteeService& committee = services_.committee;

  // --- Experts ---
  router_.Add({"POST", "/api/experts", {}, [&committee](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(domain::Expert expert, committee.CreateExpert(c.principal, body));
                 return CreatedResponse(View(expert), "/api/experts/" + expert.id);
               }});
  router_.Add({"GET", "/api/experts", WithPageParameters({}), [&committee](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(domain::PageRequest page, PageFrom(c));
                 BB_ASSIGN_OR_RETURN(auto result, committee.ListExperts(c.principal, page));
                 return JsonResponse(200, PageView(result));
               }});
  router_.Add({"GET", "/api/experts/{id}", {}, [&committee](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(domain::Expert expert, committee.GetExpert(c.principal, c.PathParam("id")));
                 return JsonResponse(200, View(expert));
               }});
  router_.Add({"PUT", "/api/experts/{id}", {}, [&committee](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(domain::Expert expert, committee.UpdateExpert(c.principal, c.PathParam("id"), body));
                 return JsonResponse(200, View(expert));
               }});
  router_.Add({"GET", "/api/me/expert", {}, [&committee](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(domain::Expert expert, committee.MyExpertProfile(c.principal));
                 return JsonResponse(200, View(expert));
               }});
  router_.Add({"GET", "/api/me/assignments", {}, [&committee](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto assigned, committee.MyAssignments(c.principal));
                 return JsonResponse(200, ListView(assigned));
               }});

  // --- The committee ---
  router_.Add({"GET", "/api/programmes/{id}/committee", {}, [&committee](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(domain::Committee result, committee.GetCommittee(c.principal, c.PathParam("id")));
                 return JsonResponse(200, View(result));
               }});
  router_.Add({"PUT", "/api/programmes/{id}/committee", {}, [&committee](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(domain::Committee result, committee.PutCommittee(c.principal, c.PathParam("id"), body));
                 return JsonResponse(200, View(result));
               }});
  router_.Add({"GET", "/api/programmes/{id}/committee/conflicts", {},
               [&committee](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto conflicts, committee.Conflicts(c.principal, c.PathParam("id")));
                 return JsonResponse(200, ListView(conflicts));
               }});
  router_.Add({"POST", "/api/programmes/{id}/committee/assignment", {},
               [&committee](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, OptionalBody(c));
                 BB_ASSIGN_OR_RETURN(domain::Committee result,
                                     committee.DraftAssignment(c.principal, c.PathParam("id"), body));
                 return JsonResponse(200, View(result));
               }});
  router_.Add({"POST", "/api/programmes/{id}/committee/assignment/publish", {},
               [&committee](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(std::int64_t version, RequiredBodyVersion(c, "the draft you publish"));
                 BB_ASSIGN_OR_RETURN(domain::Committee result,
                                     committee.PublishAssignment(c.principal, c.PathParam("id"), version));
                 return JsonResponse(200, View(result));
               }});
  router_.Add({"POST", "/api/programmes/{id}/committee/assignment/update", {},
               [&committee](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(std::int64_t version, RequiredBodyVersion(c, "the committee you read"));
                 BB_ASSIGN_OR_RETURN(domain::Committee result,
                                     committee.UpdateAssignment(c.principal, c.PathParam("id"), version));
                 return JsonResponse(200, View(result));
               }});
  router_.Add({"POST", "/api/programmes/{id}/committee/assignment/decline", {},
               [&committee](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 const json::value* project = body.if_contains("project");
                 if (!project || !project->is_string()) {
                   return InvalidArgumentError("project", "give the id of the project you decline");
                 }
                 const json::value* reason = body.if_contains("reason");
                 BB_ASSIGN_OR_RETURN(auto assignments,
                                     committee.Decline(c.principal, c.PathParam("id"), project->as_string(),
                                                       reason && reason->is_string() ? reason->as_string() : ""));
                 return JsonResponse(200, ListView(assignments));
               }});
  router_.Add({"GET", "/api/programmes/{id}/committee/scores", {}, [&committee](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto scores, committee.Scores(c.principal, c.PathParam("id")));
                 return JsonResponse(200, ListView(scores));
               }});

  // --- Projects for review ---
  router_.Add({"POST", "/api/programmes/{id}/review-projects", {}, [&committee](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(service::ProjectView view,
                                     committee.SubmitProject(c.principal, c.PathParam("id"), body));
                 return CreatedResponse(View(view), "/api/review-projects/" + view.project.id);
               }});
  router_.Add({"GET", "/api/programmes/{id}/review-projects", {}, [&committee](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto views, committee.ListProjects(c.principal, c.PathParam("id")));
                 return JsonResponse(200, ListView(views));
               }});
  router_.Add({"GET", "/api/review-projects/{id}", {}, [&committee](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(service::ProjectView view, committee.GetProject(c.principal, c.PathParam("id")));
                 return JsonResponse(200, View(view));
               }});
  router_.Add({"POST", "/api/review-projects/{id}/decision", {}, [&committee](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(service::ProjectView view, committee.Decide(c.principal, c.PathParam("id"), body));
                 return JsonResponse(200, View(view));
               }});
  router_.Add({"GET", "/api/review-projects/{id}/reviews", {}, [&committee](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto reviews, committee.ProjectReviews(c.principal, c.PathParam("id")));
                 return JsonResponse(200, ListView(reviews));
               }});
  router_.Add({"GET", "/api/review-projects/{id}/reviewer-candidates", {},
               [&committee](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto candidates, committee.ReviewerCandidates(c.principal, c.PathParam("id")));
                 return JsonResponse(200, ListView(candidates));
               }});
  router_.Add({"POST", "/api/review-projects/{id}/reviewers/swap", {}, [&committee](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(domain::Committee result, committee.SwapReviewer(c.principal, c.PathParam("id"), body));
                 return JsonResponse(200, View(result));
               }});
  router_.Add({"GET", "/api/review-projects/{id}/review", {}, [&committee](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(domain::Review review, committee.MyReview(c.principal, c.PathParam("id")));
                 return JsonResponse(200, View(review));
               }});
  router_.Add({"PUT", "/api/review-projects/{id}/review", {}, [&committee](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(domain::Review review, committee.SaveReview(c.principal, c.PathParam("id"), body));
                 return JsonResponse(200, View(review));
               }});
  router_.Add({"GET", "/api/review-projects/{id}/report", {"lang"}, [&committee](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(service::ProspectReport report,
                                     committee.Report(c.principal, c.PathParam("id"), c.Query("lang")));
                 return JsonResponse(200, View(report));
               }});
  router_.Add({"GET", "/api/review-projects/{id}/report.html", {"lang"},
               [&committee](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(service::ProspectReport report,
                                     committee.Report(c.principal, c.PathParam("id"), c.Query("lang")));
                 HttpResponse response;
                 response.content_type = "text/html; charset=utf-8";
                 // A page of text and one inline style: nothing else may load or run in it.
                 response.headers.emplace_back("Content-Security-Policy",
                                               "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
                 response.body = ReportHtml(report);
                 return response;
               }});
}

}  // namespace biobridge::api
