// Routes of the communication layer: a person's notifications and their
// mail preferences, message threads between parties, and the mail outbox
// for platform admins.
#include "api/api.h"
#include "api/views.h"

namespace biobridge::api {

void Api::AddNotificationRoutes() {
  service::NotificationService& notifications = services_.notifications;
  service::MessageService& messages = services_.messages;

  router_.Add({"GET", "/api/me/notifications", {"before", "limit", "unread", "lang"},
               [&notifications](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(std::int64_t before, c.QueryInt("before", 0));
                 BB_ASSIGN_OR_RETURN(std::int64_t limit, c.QueryInt("limit", 20));
                 const std::string unread = c.Query("unread");
                 if (!unread.empty() && unread != "true" && unread != "false") {
                   return InvalidArgumentError("unread", "use true or false");
                 }
                 BB_ASSIGN_OR_RETURN(auto inbox, notifications.List(c.principal, before, limit,
                                                                    unread == "true", c.Query("lang")));
                 return JsonResponse(200, View(inbox));
               }});
  router_.Add({"POST", "/api/me/notifications/read", {}, [&notifications](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(std::int64_t unread, notifications.MarkRead(c.principal, body));
                 return JsonResponse(200, json::object{{"unread", unread}});
               }});
  router_.Add({"GET", "/api/me/notification-preferences", {}, [&notifications](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto list, notifications.Preferences(c.principal));
                 return JsonResponse(200, ListView(list));
               }});
  router_.Add({"PATCH", "/api/me/notification-preferences", {},
               [&notifications](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(auto list, notifications.SetPreferences(c.principal, body));
                 return JsonResponse(200, ListView(list));
               }});
  router_.Add({"GET", "/api/admin/mail", WithPageParameters({}), [&notifications](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(domain::PageRequest page, PageFrom(c));
                 BB_ASSIGN_OR_RETURN(auto outbox, notifications.Outbox(c.principal, page));
                 return JsonResponse(200, PageView(outbox));
               }});

  Route unsubscribe{"POST", "/api/unsubscribe", {"token"}, [&notifications](RequestContext& c) -> Result<HttpResponse> {
                      BB_ASSIGN_OR_RETURN(std::string kind, notifications.Unsubscribe(c.Query("token")));
                      return JsonResponse(200, json::object{{"unsubscribed", kind}});
                    }};
  unsubscribe.from_mail = true;
  router_.Add(std::move(unsubscribe));

  service::SavedSearchService& saved = services_.saved_searches;
  router_.Add({"GET", "/api/me/saved-searches", {}, [&saved](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto list, saved.List(c.principal));
                 return JsonResponse(200, ListView(list));
               }});
  router_.Add({"POST", "/api/me/saved-searches", {}, [&saved](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(auto created, saved.Create(c.principal, body));
                 return JsonResponse(201, View(created));
               }});
  router_.Add({"PATCH", "/api/me/saved-searches/{id}", {}, [&saved](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(auto changed, saved.Update(c.principal, c.PathParam("id"), body));
                 return JsonResponse(200, View(changed));
               }});
  router_.Add({"DELETE", "/api/me/saved-searches/{id}", {}, [&saved](RequestContext& c) -> Result<HttpResponse> {
                 BB_RETURN_IF_ERROR(saved.Delete(c.principal, c.PathParam("id")));
                 return NoContent();
               }});

  router_.Add({"GET", "/api/me/threads", {"limit", "lang"}, [&messages](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(std::int64_t limit, c.QueryInt("limit", 30));
                 BB_ASSIGN_OR_RETURN(auto list, messages.List(c.principal, limit, c.Query("lang")));
                 return JsonResponse(200, ListView(list));
               }});
  router_.Add({"GET", "/api/threads/{thread}", {"after", "lang"}, [&messages](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(std::int64_t after, c.QueryInt("after", 0));
                 BB_ASSIGN_OR_RETURN(auto thread, messages.Read(c.principal, c.PathParam("thread"), after, c.Query("lang")));
                 return JsonResponse(200, View(thread));
               }});
  router_.Add({"POST", "/api/threads/{thread}/messages", {}, [&messages](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(auto message, messages.Post(c.principal, c.PathParam("thread"), body));
                 return JsonResponse(201, View(message));
               }});
  router_.Add({"POST", "/api/threads/{thread}/operator", {}, [&messages](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto thread, messages.AddOperator(c.principal, c.PathParam("thread")));
                 return JsonResponse(200, View(thread));
               }});
  router_.Add({"POST", "/api/threads/{thread}/read", {}, [&messages](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_RETURN_IF_ERROR(messages.MarkRead(c.principal, c.PathParam("thread"), body));
                 return JsonResponse(200, json::object{{"ok", true}});
               }});
}

}  // namespace biobridge::api
