// Who sees what of a partnering event, proven over the whole API: Anna asks
// Boris for a meeting with a message that carries a unique marker; the
// meeting is scheduled and published. Every operation of the OpenAPI
// document is called (ids filled in with the event's, the request's and
// Anna's delegate's) as a third delegate and as a signed-in outsider:
// - neither ever sees the message, nor Anna's agenda or calendar;
// - the outsider does not see who is registered.
// As a control, Anna sees her message and agenda, and the calendars come
// over HTTP as text/calendar.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "api/api_test_server.h"

namespace biobridge::api {
namespace {

using domain::MembershipRole;
using testing::ClientResponse;
using testing::HttpClient;

constexpr std::string_view kMessage = "MEETING-MESSAGE-7c2e";
constexpr std::string_view kAnnaName = "DELEGATE-ANNA-41f0";

json::object Json(const std::string& text) { return json::parse(text).as_object(); }

class EventLeakTest : public ::testing::Test, public ApiTestServer {
 protected:
  void SetUp() override {
    for (const char* org : {"org-a", "org-b", "org-c"}) env_.Organization(org);
    organiser_ = service::Principal::System("organiser");
    anna_ = env_.User("anna@a.example", {{"org-a", MembershipRole::kMember}});
    boris_ = env_.User("boris@b.example", {{"org-b", MembershipRole::kMember}});
    chen_ = env_.User("chen@c.example", {{"org-c", MembershipRole::kMember}});
    outsider_ = env_.User("olga@o.example");
    ASSERT_TRUE(env_.events
                    .CreateEvent(organiser_, Json(R"({"id":"ev-leak","name":{"en":"Forum"},"time_zone":"Europe/Moscow",
                        "tables":2,"plan":{"days":["2027-06-16"],"sessions":[{"start":"09:00","end":"10:00"}]}})"))
                    .ok());
    auto a = env_.events.Register(anna_, "ev-leak", Json(fmt::format(R"({{"organization":"org-a","name":"{}"}})", kAnnaName)));
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    anna_delegate_ = a->delegate->id;
    auto b = env_.events.Register(boris_, "ev-leak", Json(R"({"organization":"org-b"})"));
    ASSERT_TRUE(b.ok());
    ASSERT_TRUE(env_.events.Register(chen_, "ev-leak", Json(R"({"organization":"org-c"})")).ok());
    auto request = env_.events.RequestMeeting(
        anna_, "ev-leak", Json(fmt::format(R"({{"to":"{}","priority":"must","message":"{}"}})", b->delegate->id, kMessage)));
    ASSERT_TRUE(request.ok()) << request.status().ToString();
    request_id_ = request->request.id;
    ASSERT_TRUE(env_.events.AnswerRequest(boris_, request_id_, Json(R"({"decision":"accept","version":1})")).ok());
    // Anna writes to Boris about their meeting, the same marker again.
    ASSERT_TRUE(env_.messages.Post(anna_, "meeting_request:" + request_id_,
                                   json::object{{"body", fmt::format("About {}", kMessage)}}).ok());
    auto draft = env_.events.DraftSchedule(organiser_, "ev-leak");
    ASSERT_TRUE(draft.ok());
    ASSERT_TRUE(env_.events.PublishSchedule(organiser_, "ev-leak", draft->meta.version).ok());
  }

  HttpClient As(const service::Principal& who) {
    HttpClient client = Client();
    client.set_bearer(env_.accounts.CreateApiToken(who, "event leak test")->token);
    return client;
  }

  std::vector<std::pair<std::string, std::string>> Operations() const {
    auto operations = OpenApiOperations([this](const std::string& path, const std::string& name) -> std::string {
      if (name == "user_id") return outsider_.user()->id;
      if (path.starts_with("/api/events/")) return "ev-leak";
      if (path.starts_with("/api/delegates/")) return anna_delegate_;
      if (path.starts_with("/api/meeting-requests/")) return request_id_;
      if (path.starts_with("/api/threads/")) return "meeting_request:" + request_id_;
      return "none";
    });
    // Anna's agenda asked for by name, too.
    for (auto& [method, target] : operations) {
      if (target.ends_with("/agenda") || target.ends_with("/agenda.ics")) target += "?delegate=" + anna_delegate_;
    }
    return operations;
  }

  service::Principal organiser_, anna_, boris_, chen_, outsider_;
  std::string anna_delegate_, request_id_;
};

TEST_F(EventLeakTest, NoRouteShowsAMeetingToThoseOutsideIt) {
  struct Viewer {
    const char* who;
    service::Principal principal;
    std::vector<std::string_view> never;
  };
  const std::vector<Viewer> viewers = {{"another delegate", chen_, {kMessage}},
                                       {"an outsider", outsider_, {kMessage, kAnnaName}}};
  const auto operations = Operations();
  for (const Viewer& viewer : viewers) {
    HttpClient client = As(viewer.principal);
    for (bool writes : {false, true}) {
      for (const auto& [method, target] : operations) {
        if ((method != "GET") != writes) continue;
        ClientResponse r = client.Send(method, target, method == "GET" || method == "DELETE" ? "" : "{}");
        SCOPED_TRACE(fmt::format("{} {} as {} -> {}", method, target, viewer.who, r.status));
        EXPECT_LT(r.status, 500) << r.body;
        for (std::string_view marker : viewer.never) {
          EXPECT_EQ(r.body.find(marker), std::string::npos) << marker << ": " << r.body.substr(0, 400);
        }
      }
    }
  }
  // The schedule is untouched by all those writes.
  EXPECT_EQ(env_.store().GetSchedule("ev-leak")->published_meetings.size(), 1u);
  EXPECT_EQ(env_.store().GetMeetingRequest(request_id_)->status, "accepted");
}

TEST_F(EventLeakTest, TheParticipantsSeeTheirMeetingAndCalendarsAreCalendars) {
  HttpClient anna = As(anna_);
  ClientResponse requests = anna.Get("/api/events/ev-leak/requests");
  ASSERT_EQ(requests.status, 200) << requests.body;
  EXPECT_NE(requests.body.find(kMessage), std::string::npos);
  ClientResponse agenda = anna.Get("/api/events/ev-leak/agenda");
  ASSERT_EQ(agenda.status, 200) << agenda.body;
  EXPECT_EQ(agenda.Json().at("items").as_array().size(), 1u);
  ClientResponse ics = anna.Get("/api/events/ev-leak/agenda.ics");
  ASSERT_EQ(ics.status, 200) << ics.body;
  EXPECT_EQ(ics.Header("content-type"), "text/calendar; charset=utf-8");
  EXPECT_NE(ics.Header("content-disposition").find("ev-leak-agenda.ics"), std::string::npos);
  EXPECT_EQ(ics.body.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
  EXPECT_NE(ics.body.find("UID:meeting-" + request_id_ + "@biobridge"), std::string::npos);
  // Chen may not ask for Anna's calendar, and the outsider not for the event's.
  EXPECT_EQ(As(chen_).Get("/api/events/ev-leak/agenda.ics?delegate=" + anna_delegate_).status, 404);
  EXPECT_EQ(As(outsider_).Get("/api/events/ev-leak/calendar.ics").status, 403);
  // A request to oneself through the API: a 422 naming the field.
  ClientResponse self = anna.Send("POST", "/api/events/ev-leak/requests",
                                  fmt::format(R"({{"to":"{}"}})", anna_delegate_));
  EXPECT_EQ(self.status, 422) << self.body;
  EXPECT_EQ(self.Json().at("error").at("field"), "to");
  // Boris reads Anna's message in their meeting's thread; the organiser's
  // side (a platform admin here) does not.
  EXPECT_NE(As(boris_).Get("/api/threads/meeting_request:" + request_id_).body.find(kMessage), std::string::npos);
  EXPECT_EQ(As(env_.Admin()).Get("/api/threads/meeting_request:" + request_id_).status, 404);
}

}  // namespace
}  // namespace biobridge::api
