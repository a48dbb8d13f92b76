// Routes of partnering events: events, delegates, meeting requests, the
// schedule, agendas, calendars and outcomes.
#include <fmt/format.h>

#include "api/api.h"
#include "api/views.h"
#include "base/csv.h"
#include "base/xlsx.h"

namespace biobridge::api {
namespace {

HttpResponse CalendarResponse(std::string body, std::string_view file_name) {
  HttpResponse response;
  response.content_type = "text/calendar; charset=utf-8";
  response.headers.emplace_back("Content-Disposition", fmt::format("attachment; filename=\"{}\"", file_name));
  response.body = std::move(body);
  return response;
}

}  // namespace

void Api::AddEventRoutes() {
  service::EventService& events = services_.events;

  // --- Events ---
  router_.Add({"GET", "/api/events", {"lang"}, [&events](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto list, events.ListEvents(c.principal, c.Query("lang")));
                 return JsonResponse(200, ListView(list));
               }});
  router_.Add({"POST", "/api/events", {}, [&events](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(domain::Event event, events.CreateEvent(c.principal, body));
                 return CreatedResponse(View(event), "/api/events/" + event.id);
               }});
  router_.Add({"GET", "/api/events/{id}", {"lang"}, [&events](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(service::EventView view, events.GetEvent(c.principal, c.PathParam("id"), c.Query("lang")));
                 return JsonResponse(200, View(view));
               }});
  router_.Add({"PUT", "/api/events/{id}", {}, [&events](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(domain::Event event, events.UpdateEvent(c.principal, c.PathParam("id"), body));
                 return JsonResponse(200, View(event));
               }});
  router_.Add({"POST", "/api/events/{id}/cancel", {}, [&events](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(std::int64_t version, RequiredBodyVersion(c, "the event you cancel"));
                 BB_ASSIGN_OR_RETURN(domain::Event event, events.CancelEvent(c.principal, c.PathParam("id"), version));
                 return JsonResponse(200, View(event));
               }});

  // --- Delegates ---
  router_.Add({"GET", "/api/events/{id}/delegates", {}, [&events](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto list, events.ListDelegates(c.principal, c.PathParam("id")));
                 return JsonResponse(200, ListView(list));
               }});
  router_.Add({"POST", "/api/events/{id}/delegates", {}, [&events](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(service::Registration registration,
                                     events.Register(c.principal, c.PathParam("id"), body));
                 if (registration.invitation) return JsonResponse(202, InvitationSent(*registration.invitation));
                 return CreatedResponse(View(*registration.delegate), "/api/delegates/" + registration.delegate->id);
               }});
  router_.Add({"GET", "/api/events/{id}/me", {}, [&events](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(domain::Delegate delegate, events.MyDelegate(c.principal, c.PathParam("id")));
                 return JsonResponse(200, View(delegate));
               }});
  router_.Add({"PUT", "/api/delegates/{id}", {}, [&events](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(domain::Delegate delegate, events.UpdateDelegate(c.principal, c.PathParam("id"), body));
                 return JsonResponse(200, View(delegate));
               }});
  router_.Add({"POST", "/api/delegates/{id}/unregister", {}, [&events](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(domain::Delegate delegate, events.Unregister(c.principal, c.PathParam("id"), body));
                 return JsonResponse(200, View(delegate));
               }});
  router_.Add({"GET", "/api/events/{id}/suggestions", {"lang"}, [&events](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto list, events.Suggestions(c.principal, c.PathParam("id"), c.Query("lang")));
                 return JsonResponse(200, ListView(list));
               }});

  // --- Participants ---
  router_.Add({"GET", "/api/events/{id}/participants", WithPageParameters({"q", "country", "kind", "area", "lang"}),
               [&events](RequestContext& c) -> Result<HttpResponse> {
                 service::ParticipantQuery query{c.Query("q"), c.Query("country"), c.Query("kind"), c.Query("area"),
                                                 c.Query("lang")};
                 BB_ASSIGN_OR_RETURN(domain::PageRequest page, PageFrom(c));
                 query.page = page.page;
                 query.per_page = c.Query("per_page").empty() ? 50 : page.per_page;
                 BB_ASSIGN_OR_RETURN(service::ParticipantPage found, events.Participants(c.principal, c.PathParam("id"), query));
                 return JsonResponse(200, View(found));
               }});
  router_.Add({"GET", "/api/events/{id}/participants/{delegate}", {"lang"}, [&events](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(service::Participant found, events.GetParticipant(c.principal, c.PathParam("id"),
                                                                                      c.PathParam("delegate"), c.Query("lang")));
                 return JsonResponse(200, View(found));
               }});

  // --- Meeting requests ---
  router_.Add({"GET", "/api/events/{id}/requests", {"lang"}, [&events](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto list, events.ListRequests(c.principal, c.PathParam("id"), c.Query("lang")));
                 return JsonResponse(200, ListView(list));
               }});
  router_.Add({"POST", "/api/events/{id}/requests", {}, [&events](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(service::RequestView view, events.RequestMeeting(c.principal, c.PathParam("id"), body));
                 return CreatedResponse(View(view), "/api/events/" + view.request.event_id + "/requests");
               }});
  router_.Add({"POST", "/api/meeting-requests/{id}/answer", {}, [&events](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(service::RequestView view, events.AnswerRequest(c.principal, c.PathParam("id"), body));
                 return JsonResponse(200, View(view));
               }});
  router_.Add({"POST", "/api/meeting-requests/{id}/withdraw", {}, [&events](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(service::RequestView view, events.WithdrawRequest(c.principal, c.PathParam("id"), body));
                 return JsonResponse(200, View(view));
               }});
  router_.Add({"POST", "/api/meeting-requests/{id}/propose-time", {}, [&events](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(service::RequestView view, events.ProposeTime(c.principal, c.PathParam("id"), body));
                 return JsonResponse(200, View(view));
               }});
  router_.Add({"POST", "/api/meeting-requests/{id}/proposed-time", {}, [&events](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(service::RequestView view, events.AnswerProposal(c.principal, c.PathParam("id"), body));
                 return JsonResponse(200, View(view));
               }});
  router_.Add({"POST", "/api/meeting-requests/{id}/outcome", {}, [&events](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(domain::Meeting meeting, events.RecordOutcome(c.principal, c.PathParam("id"), body));
                 return JsonResponse(200, View(meeting));
               }});

  // --- The schedule ---
  router_.Add({"GET", "/api/events/{id}/schedule", {}, [&events](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(domain::Schedule schedule, events.GetSchedule(c.principal, c.PathParam("id")));
                 return JsonResponse(200, View(schedule));
               }});
  router_.Add({"POST", "/api/events/{id}/schedule", {}, [&events](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(domain::Schedule schedule, events.DraftSchedule(c.principal, c.PathParam("id")));
                 return JsonResponse(200, View(schedule));
               }});
  router_.Add({"POST", "/api/events/{id}/schedule/publish", {}, [&events](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(std::int64_t version, RequiredBodyVersion(c, "the draft you publish"));
                 BB_ASSIGN_OR_RETURN(domain::Schedule schedule,
                                     events.PublishSchedule(c.principal, c.PathParam("id"), version));
                 return JsonResponse(200, View(schedule));
               }});

  // --- Agendas and calendars ---
  router_.Add({"GET", "/api/events/{id}/agenda", {"delegate", "lang"}, [&events](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(service::Agenda agenda, events.DelegateAgenda(c.principal, c.PathParam("id"),
                                                                                  c.Query("delegate"), c.Query("lang")));
                 return JsonResponse(200, View(agenda));
               }});
  router_.Add({"GET", "/api/events/{id}/agenda.ics", {"delegate", "lang"}, [&events](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(std::string ics, events.DelegateCalendar(c.principal, c.PathParam("id"),
                                                                              c.Query("delegate"), c.Query("lang")));
                 return CalendarResponse(std::move(ics), fmt::format("{}-agenda.ics", c.PathParam("id")));
               }});
  router_.Add({"GET", "/api/events/{id}/calendar.ics", {}, [&events](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(std::string ics, events.EventCalendar(c.principal, c.PathParam("id")));
                 return CalendarResponse(std::move(ics), fmt::format("{}.ics", c.PathParam("id")));
               }});
  // --- At the venue ---
  router_.Add({"POST", "/api/events/{id}/check-in", {}, [&events](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(service::CheckIn done, events.CheckInDelegate(c.principal, c.PathParam("id"), body));
                 return JsonResponse(200, View(done));
               }});
  router_.Add({"GET", "/api/events/{id}/attendance", {"lang"}, [&events](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(service::Attendance attendance,
                                     events.AttendanceOf(c.principal, c.PathParam("id"), c.Query("lang")));
                 return JsonResponse(200, View(attendance));
               }});

  // One of the event's tables for a spreadsheet, as CSV or as XLSX.
  for (const bool xlsx : {false, true}) {
    router_.Add({"GET", xlsx ? "/api/events/{id}/export.xlsx" : "/api/events/{id}/export.csv", {"table", "lang"},
                 [&events, xlsx](RequestContext& c) -> Result<HttpResponse> {
                   const std::string table(c.Query("table"));
                   BB_ASSIGN_OR_RETURN(auto rows, events.ExportTable(c.principal, c.PathParam("id"), table, c.Query("lang")));
                   HttpResponse response;
                   if (xlsx) {
                     response.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                     BB_ASSIGN_OR_RETURN(response.body, WriteXlsx(table, rows));
                   } else {
                     response.content_type = "text/csv; charset=utf-8";
                     response.body = WriteCsv(rows);
                   }
                   // The table name was checked against the three tables; the id is an existing record's.
                   response.headers.emplace_back("Content-Disposition",
                                                 fmt::format("attachment; filename=\"{}-{}.{}\"", c.PathParam("id"), table,
                                                             xlsx ? "xlsx" : "csv"));
                   return response;
                 }});
  }
}

}  // namespace biobridge::api
