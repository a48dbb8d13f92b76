// Blindness against every observable, tested as data: two worlds that differ
// only in who applied for a double-blind project (org-x or org-y) are driven
// through the same script of requests by the project's reviewer. Whatever
// the reviewer does (declare a conflict with org-x and withdraw it, read,
// review, decline another project), every answer (status and body, byte for
// byte) must be the same in both worlds: otherwise the reviewer could tell
// who applied. docs/design.md, "The expert committee", states the rule.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <memory>

#include "api/api_test_server.h"

namespace biobridge::api {
namespace {

using domain::MembershipRole;
using testing::ClientResponse;
using testing::HttpClient;

json::object Json(const std::string& text) { return json::parse(text).as_object(); }

// One world: org-op runs the call; `applicant` applied for project P and
// org-z for project Q; the reviewer (exp-r) and two other experts review
// double-blind, one reviewer per project.
class World : public ApiTestServer {
 public:
  explicit World(const std::string& applicant) {
    for (const char* org : {"org-op", "org-x", "org-y", "org-z"}) env_.Organization(org);
    const service::Principal chair = env_.User("chair@op.example", {{"org-op", MembershipRole::kAdmin}});
    const service::Principal lead = env_.User("lead@applicant.example", {{applicant, MembershipRole::kMember}});
    const service::Principal other = env_.User("lead@z.example", {{"org-z", MembershipRole::kMember}});
    reviewer_ = env_.User("reviewer@experts.example");
    env_.Programme("prog-1", "org-op");
    Check(env_.committee.CreateExpert(reviewer_, Json(R"({"id": "exp-r", "name": "Reviewer", "languages": ["en"],
        "expertise": {"en": "Biosimilar antibodies and cell therapy manufacturing"}})")).status());
    for (const char* id : {"exp-s", "exp-t"}) {
      const service::Principal spare = env_.User(std::string(id) + "@experts.example");
      Check(env_.committee.CreateExpert(spare, Json(fmt::format(R"({{"id": "{}", "name": "Spare {}", "languages": ["en"],
          "expertise": {{"en": "Clinical trials"}}}})", id, id))).status());
    }
    auto p = env_.committee.SubmitProject(lead, "prog-1", Json(fmt::format(R"({{"organization": "{}", "language": "en",
        "title": {{"en": "Biosimilar antibody"}}, "summary": {{"en": "Manufacturing of a biosimilar antibody."}}}})",
                                                                          applicant)));
    Check(p.status());
    project_p_ = p->project.id;
    auto q = env_.committee.SubmitProject(other, "prog-1", Json(R"({"organization": "org-z", "language": "en",
        "title": {"en": "Cell therapy plant"}, "summary": {"en": "Cell therapy manufacturing."}})"));
    Check(q.status());
    project_q_ = q->project.id;
    Check(env_.committee
              .PutCommittee(chair, "prog-1", Json(R"({"members": ["exp-r", "exp-s", "exp-t"],
                  "settings": {"reviewers_per_project": 1, "min_load": 0, "max_load": 2, "blind": "double"}})"))
              .status());
    auto draft = env_.committee.DraftAssignment(chair, "prog-1", {});
    Check(draft.status());
    // The reviewer reviews both (the script needs it): pinned, whatever the solver chose.
    domain::Committee pinned = *draft;
    pinned.assignment = {{project_p_, "exp-r", 0.5, "assigned", ""}, {project_q_, "exp-r", 0.5, "assigned", ""}};
    Check(env_.store().PutCommittee(pinned, pinned.meta.version, {"system:test", env_.clock.Now()}).status());
    Check(env_.committee.PublishAssignment(chair, "prog-1", pinned.meta.version + 1).status());
  }

  HttpClient Reviewer() {
    HttpClient client = Client();
    client.set_bearer(env_.accounts.CreateApiToken(reviewer_, "blind review test")->token);
    return client;
  }
  const std::string& project_p() const { return project_p_; }
  const std::string& project_q() const { return project_q_; }

 private:
  static void Check(const Status& status) {
    if (!status.ok()) throw std::runtime_error(status.ToString());
  }
  service::Principal reviewer_;
  std::string project_p_, project_q_;
};

// The script: {method, target, body}; {P}, {Q} stand for the projects' ids.
struct Step {
  const char* method;
  const char* target;
  const char* body;
};
constexpr Step kScript[] = {
    {"GET", "/api/me/assignments", ""},
    {"GET", "/api/review-projects/{P}", ""},
    {"GET", "/api/programmes/prog-1/review-projects", ""},
    {"GET", "/api/programmes/prog-1/committee", ""},
    // Declare a conflict with org-x: the applicant in one world, not in the other.
    {"PUT", "/api/experts/exp-r",
     R"({"name": "Reviewer", "languages": ["en"], "expertise": {"en": "Biosimilar antibodies and cell therapy manufacturing"},
        "conflicts": [{"kind": "consulting", "organization": "org-x"}], "version": 1})"},
    {"GET", "/api/me/assignments", ""},
    {"GET", "/api/review-projects/{P}", ""},
    {"GET", "/api/programmes/prog-1/review-projects", ""},
    {"PUT", "/api/review-projects/{P}/review", R"({"scores": {"innovation": 4}})"},
    {"GET", "/api/review-projects/{P}/review", ""},
    {"GET", "/api/review-projects/{P}/report", ""},
    {"GET", "/api/programmes/prog-1/committee/conflicts", ""},
    // Decline the other project: the answer is the reviewer's own assignments.
    {"POST", "/api/programmes/prog-1/committee/assignment/decline", R"({"project": "{Q}", "reason": "busy"})"},
    {"GET", "/api/me/assignments", ""},
    {"GET", "/api/review-projects/{P}", ""},
    // Withdraw the conflict again.
    {"PUT", "/api/experts/exp-r",
     R"({"name": "Reviewer", "languages": ["en"], "expertise": {"en": "Biosimilar antibodies and cell therapy manufacturing"},
        "version": 2})"},
    {"GET", "/api/me/assignments", ""},
    {"GET", "/api/review-projects/{P}", ""},
    {"GET", "/api/me/expert", ""},
};

std::string Fill(std::string text, const World& world) {
  for (auto [mark, value] : {std::pair<std::string, std::string>{"{P}", world.project_p()}, {"{Q}", world.project_q()}}) {
    for (std::size_t at; (at = text.find(mark)) != std::string::npos;) text.replace(at, mark.size(), value);
  }
  return text;
}

TEST(BlindReviewTest, NothingTheReviewerDoesOrSeesDependsOnWhoApplied) {
  World x("org-x"), y("org-y");
  ASSERT_EQ(x.project_p(), y.project_p()) << "the worlds are built alike, ids included";
  HttpClient in_x = x.Reviewer(), in_y = y.Reviewer();
  int successes = 0;
  for (const Step& step : kScript) {
    const ClientResponse a = in_x.Send(step.method, Fill(step.target, x), Fill(step.body, x));
    const ClientResponse b = in_y.Send(step.method, Fill(step.target, y), Fill(step.body, y));
    SCOPED_TRACE(fmt::format("{} {}", step.method, step.target));
    EXPECT_EQ(a.status, b.status);
    EXPECT_EQ(a.body, b.body);
    EXPECT_LT(a.status, 500) << a.body;
    successes += a.status < 300;
  }
  // The script does reach the project (it is not 404 all along).
  EXPECT_GE(successes, 12);
}

// Regression (issue 15, finding 4): declining answered the reviewer with the
// whole committee: every member, every project-expert pair, other experts'
// decline reasons and the solver's figures.
TEST(BlindReviewTest, DecliningAnswersWithTheReviewersOwnAssignmentsOnly) {
  World world("org-x");
  HttpClient reviewer = world.Reviewer();
  const ClientResponse declined = reviewer.Post("/api/programmes/prog-1/committee/assignment/decline",
                                                R"({"project": ")" + world.project_q() + R"(", "reason": "busy"})");
  ASSERT_EQ(declined.status, 200) << declined.body;
  const json::value answer = declined.Json();
  const json::array& items = answer.at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(std::string(items[0].at("project").at("id").as_string()), world.project_p());
  for (std::string_view other : {"exp-s", "exp-t", "Spare", "figures", "members", "assignment\"", "busy"}) {
    EXPECT_EQ(declined.body.find(other), std::string::npos) << other << " in " << declined.body;
  }
}

}  // namespace
}  // namespace biobridge::api
