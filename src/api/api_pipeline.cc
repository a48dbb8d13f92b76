// Routes of contacts and deals: expressions of interest, deals and their
// moves, the confidentiality agreement, an organisation's funnel.
#include <fmt/format.h>

#include "api/api.h"
#include "api/views.h"

namespace biobridge::api {

namespace {

struct Period {
  std::optional<Timestamp> from, to;
};

// The period of "from" (inclusive) and "to" (exclusive): dates or RFC 3339 times.
Result<Period> PeriodFrom(const RequestContext& c) {
  Period period;
  for (auto [name, bound] : {std::pair{"from", &period.from}, std::pair{"to", &period.to}}) {
    const std::string text = c.Query(name);
    if (text.empty()) continue;
    Result<Timestamp> parsed = ParseTimestamp(text.size() == 10 ? text + "T00:00:00Z" : text);
    if (!parsed.ok()) {
      return InvalidArgumentError(name, fmt::format("'{}' is not a date (YYYY-MM-DD) or an RFC 3339 time", text));
    }
    *bound = *parsed;
  }
  return period;
}

// The "version" a decision was based on; 0 (any) when not given as a whole number.
std::int64_t ExpectedVersion(const json::object& body) {
  const json::value* version = body.if_contains("version");
  return version && version->is_int64() ? version->as_int64() : 0;
}

}  // namespace

void Api::AddPipelineRoutes() {
  service::PipelineService& pipeline = services_.pipeline;

  router_.Add({"GET", "/api/agreements/current", {}, [](RequestContext&) -> Result<HttpResponse> {
                 const service::AgreementText& a = service::CurrentAgreement();
                 return JsonResponse(200, {{"version", a.version}, {"sha256", a.sha256}, {"text", a.text}});
               }});

  router_.Add({"POST", "/api/interests", {}, [&pipeline](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(domain::Interest interest, pipeline.ExpressInterest(c.principal, body));
                 return CreatedResponse(View(interest), "/api/interests/" + interest.id);
               }});
  router_.Add({"GET", "/api/interests/{id}", {}, [&pipeline](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(domain::Interest interest, pipeline.GetInterest(c.principal, c.PathParam("id")));
                 return JsonResponse(200, View(interest));
               }});
  router_.Add({"GET", "/api/organizations/{id}/interests", WithPageParameters({"side"}),
               [&pipeline](RequestContext& c) -> Result<HttpResponse> {
                 const std::string side = c.Query("side");
                 domain::InterestSide which = domain::InterestSide::kBoth;
                 if (side == "sent") {
                   which = domain::InterestSide::kSent;
                 } else if (side == "received") {
                   which = domain::InterestSide::kReceived;
                 } else if (!side.empty() && side != "both") {
                   return InvalidArgumentError("side", "use sent, received or both");
                 }
                 BB_ASSIGN_OR_RETURN(domain::PageRequest page, PageFrom(c));
                 BB_ASSIGN_OR_RETURN(auto result, pipeline.ListInterests(c.principal, c.PathParam("id"), which, page));
                 return JsonResponse(200, PageView(result));
               }});
  router_.Add({"POST", "/api/interests/{id}/accept", {}, [&pipeline](RequestContext& c) -> Result<HttpResponse> {
                 json::object body;  // {"version": n}, or nothing
                 if (!c.request.body.empty()) {
                   BB_ASSIGN_OR_RETURN(body, c.JsonBody());
                 }
                 BB_ASSIGN_OR_RETURN(domain::Deal deal,
                                     pipeline.AcceptInterest(c.principal, c.PathParam("id"), ExpectedVersion(body)));
                 return CreatedResponse(View(deal), "/api/deals/" + deal.id);
               }});
  router_.Add({"POST", "/api/interests/{id}/decline", {}, [&pipeline](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 auto text = [&](std::string_view key) {
                   const json::value* v = body.if_contains(key);
                   return v && v->is_string() ? std::string(v->as_string()) : std::string();
                 };
                 BB_ASSIGN_OR_RETURN(domain::Interest interest,
                                     pipeline.DeclineInterest(c.principal, c.PathParam("id"), ExpectedVersion(body),
                                                              text("reason"), text("note")));
                 return JsonResponse(200, View(interest));
               }});

  router_.Add({"GET", "/api/deals/{id}", {}, [&pipeline](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(domain::Deal deal, pipeline.GetDeal(c.principal, c.PathParam("id")));
                 return JsonResponse(200, View(deal));
               }});
  router_.Add({"GET", "/api/organizations/{id}/deals", WithPageParameters({}),
               [&pipeline](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(domain::PageRequest page, PageFrom(c));
                 BB_ASSIGN_OR_RETURN(auto result, pipeline.ListDeals(c.principal, c.PathParam("id"), page));
                 return JsonResponse(200, PageView(result));
               }});
  router_.Add({"POST", "/api/deals/{id}/moves", {}, [&pipeline](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(domain::Deal deal, pipeline.MoveDeal(c.principal, c.PathParam("id"), body));
                 return JsonResponse(200, View(deal));
               }});
  router_.Add({"PATCH", "/api/deals/{id}", {}, [&pipeline](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(domain::Deal deal, pipeline.UpdateDealDetails(c.principal, c.PathParam("id"), body));
                 return JsonResponse(200, View(deal));
               }});
  router_.Add({"POST", "/api/deals/{id}/agreement", {}, [&pipeline](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(domain::Deal deal, pipeline.AcceptAgreement(c.principal, c.PathParam("id"), body));
                 return JsonResponse(200, View(deal));
               }});
  router_.Add({"GET", "/api/organizations/{id}/funnel", {"from", "to"},
               [&pipeline](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(Period period, PeriodFrom(c));
                 BB_ASSIGN_OR_RETURN(domain::Funnel funnel, pipeline.OrganizationFunnel(c.principal, c.PathParam("id"),
                                                                                       period.from, period.to));
                 return JsonResponse(200, View(funnel));
               }});

  router_.Add({"GET", "/api/programmes", WithPageParameters({}), [&pipeline](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(domain::PageRequest page, PageFrom(c));
                 BB_ASSIGN_OR_RETURN(auto result, pipeline.ListProgrammes(c.principal, page));
                 return JsonResponse(200, PageView(result));
               }});
  router_.Add({"POST", "/api/programmes", {}, [&pipeline](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(domain::Programme programme, pipeline.CreateProgramme(c.principal, body));
                 return CreatedResponse(View(programme), "/api/programmes/" + programme.id);
               }});
  router_.Add({"GET", "/api/programmes/{id}", {}, [&pipeline](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(domain::Programme programme, pipeline.GetProgramme(c.principal, c.PathParam("id")));
                 return JsonResponse(200, View(programme));
               }});
  router_.Add({"GET", "/api/programmes/{id}/opportunities", {}, [&pipeline](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(std::vector<std::string> ids,
                                     pipeline.ProgrammeOpportunities(c.principal, c.PathParam("id")));
                 json::array items;
                 for (const std::string& id : ids) items.push_back(json::value(id));
                 return JsonResponse(200, {{"items", std::move(items)}});
               }});
  router_.Add({"GET", "/api/opportunities/{id}/programmes", {}, [&pipeline](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto programmes, pipeline.OpportunityProgrammes(c.principal, c.PathParam("id")));
                 return JsonResponse(200, ListView(programmes));
               }});
  router_.Add({"PUT", "/api/programmes/{id}/opportunities/{opportunity_id}", {},
               [&pipeline](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(std::optional<domain::Invitation> invitation,
                                     pipeline.AddProgrammeOpportunity(c.principal, c.PathParam("id"),
                                                                      c.PathParam("opportunity_id")));
                 if (invitation) return JsonResponse(202, InvitationSent(*invitation));
                 return NoContent();
               }});
  router_.Add({"GET", "/api/programmes/{id}/deals", WithPageParameters({}),
               [&pipeline](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(domain::PageRequest page, PageFrom(c));
                 BB_ASSIGN_OR_RETURN(auto result, pipeline.ProgrammeDeals(c.principal, c.PathParam("id"), page));
                 return JsonResponse(200, PageView(result));
               }});
  auto analytics = [&pipeline](RequestContext& c) -> Result<service::Analytics> {
    BB_ASSIGN_OR_RETURN(Period period, PeriodFrom(c));
    return pipeline.ProgrammeAnalytics(c.principal, c.PathParam("id"), period.from, period.to);
  };
  router_.Add({"GET", "/api/programmes/{id}/analytics", {"from", "to"},
               [analytics](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(service::Analytics result, analytics(c));
                 return JsonResponse(200, View(result));
               }});
  router_.Add({"GET", "/api/programmes/{id}/analytics/csv", {"from", "to"},
               [analytics](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(service::Analytics result, analytics(c));
                 HttpResponse response;
                 response.content_type = "text/csv; charset=utf-8";
                 response.body = AnalyticsCsv(result);
                 response.headers.emplace_back("Content-Disposition",
                                               fmt::format("attachment; filename=\"{}-analytics.csv\"", c.PathParam("id")));
                 return response;
               }});
}

}  // namespace biobridge::api
