// Routes of invitations: a person's own, one read, the answers (accept,
// decline) and withdrawing one; an organisation's and an event's pending
// ones. Sending them is the business of the routes that would otherwise act
// in someone's name (members, delegates, a programme's opportunities).
#include "api/api.h"
#include "api/views.h"

namespace biobridge::api {

void Api::AddInvitationRoutes() {
  service::InvitationService& invitations = services_.invitations;

  router_.Add({"GET", "/api/me/invitations", {"lang"}, [&invitations](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto list, invitations.Mine(c.principal, c.Query("lang")));
                 return JsonResponse(200, ListView(list));
               }});
  router_.Add({"GET", "/api/invitations/{id}", {"lang"}, [&invitations](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto view, invitations.Get(c.principal, c.PathParam("id"), c.Query("lang")));
                 return JsonResponse(200, View(view));
               }});
  using Decide = Result<service::InvitationView> (service::InvitationService::*)(const service::Principal&,
                                                                                std::string_view, const json::object&);
  for (const auto& route : {std::pair<const char*, Decide>{"accept", &service::InvitationService::Accept},
                            std::pair<const char*, Decide>{"decline", &service::InvitationService::Decline},
                            std::pair<const char*, Decide>{"withdraw", &service::InvitationService::Withdraw}}) {
    router_.Add({"POST", std::string("/api/invitations/{id}/") + route.first, {},
                 [&invitations, decide = route.second](RequestContext& c) -> Result<HttpResponse> {
                   BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                   BB_ASSIGN_OR_RETURN(auto view, (invitations.*decide)(c.principal, c.PathParam("id"), body));
                   return JsonResponse(200, View(view));
                 }});
  }
  router_.Add({"GET", "/api/organizations/{id}/invitations", {"lang"},
               [&invitations](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto list, invitations.OfOrganization(c.principal, c.PathParam("id"), c.Query("lang")));
                 return JsonResponse(200, ListView(list));
               }});
  router_.Add({"GET", "/api/events/{id}/invitations", {"lang"}, [&invitations](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto list, invitations.OfEvent(c.principal, c.PathParam("id"), c.Query("lang")));
                 return JsonResponse(200, ListView(list));
               }});
}

}  // namespace biobridge::api
