// The authorisation matrix, as data: tests/authz/matrix.tsv lists every
// operation of the OpenAPI document and, for each of thirteen roles, the
// status it must answer; tests/authz/requests.json gives each operation's
// path parameters, query and body. This test builds a world in which every
// role exists (a real server over a real database, all through the
// services), calls every operation as every role, and compares.
//
// A new route without a row fails here, as does a row for a route that no
// longer exists. A write that succeeds changes the world, so the world is
// built again after each one (the seeded randomness makes every build the
// same, ids included); reads and refused writes share it.
//
// BIOBRIDGE_AUTHZ_RECORD=path writes the matrix as observed to `path`, to
// review by hand when routes change: the file in the repository is the
// expected behaviour, never a copy of whatever the code does.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "api/api_test_server.h"

namespace biobridge::api {
namespace {

using domain::MembershipRole;
using testing::ClientResponse;
using testing::HttpClient;

// The roles, in the matrix's column order.
constexpr const char* kRoles[] = {"visitor",   "newcomer", "outsider", "member",   "org_admin", "expert",        "reviewer",
                                  "applicant", "chair",    "operator", "organiser", "delegate", "platform_admin"};
constexpr std::size_t kRoleCount = std::size(kRoles);

json::object Json(const std::string& text) { return json::parse(text).as_object(); }

void Check(const Status& status, std::string_view what) {
  if (!status.ok()) throw std::runtime_error(fmt::format("{}: {}", what, status.ToString()));
}

// Every role and the records they act on (see tests/authz/README.md).
class World : public ApiTestServer {
 public:
  World() {
    for (const char* org : {"org-a", "org-b", "org-out", "org-op", "org-app", "org-d", "org-d2", "org-d3", "org-d4", "org-empty"}) {
      env_.Organization(org);
    }
    const service::Principal system = service::Principal::System("authz");
    auto user = [&](const char* role, const std::string& email,
                    const std::vector<std::pair<std::string, MembershipRole>>& memberships) {
      principals_[role] = env_.User(email, memberships);
    };
    user("newcomer", "newcomer@authz.example", {});
    user("outsider", "outsider@authz.example", {{"org-out", MembershipRole::kAdmin}});
    user("member", "member@authz.example", {{"org-a", MembershipRole::kMember}});
    user("org_admin", "admin@authz.example", {{"org-a", MembershipRole::kAdmin}, {"org-empty", MembershipRole::kAdmin}});
    user("expert", "expert@authz.example", {});
    user("reviewer", "reviewer@authz.example", {});
    user("applicant", "applicant@authz.example", {{"org-app", MembershipRole::kMember}});
    user("chair", "chair@authz.example", {{"org-op", MembershipRole::kAdmin}});
    user("operator", "operator@authz.example", {{"org-op", MembershipRole::kMember}});
    user("delegate", "delegate@authz.example", {{"org-d", MembershipRole::kMember}});
    auto organiser = env_.accounts.CreateUser(system, {"organiser@authz.example", testing::ServiceEnv::kPassword,
                                                       "Organiser", "en", false, false, true});
    Check(organiser.status(), "organiser");
    principals_["organiser"] = env_.Refresh(service::Principal::ForUser(*organiser, {}));
    principals_["platform_admin"] = env_.Admin("root@authz.example");
    const service::Principal partner = env_.User("partner@authz.example", {{"org-b", MembershipRole::kAdmin}});
    const service::Principal delegate2 = env_.User("d2@authz.example", {{"org-d2", MembershipRole::kMember}});
    const service::Principal delegate3 = env_.User("d3@authz.example", {{"org-d3", MembershipRole::kMember}});
    const service::Principal delegate4 = env_.User("d4@authz.example", {{"org-d4", MembershipRole::kMember}});
    const service::Principal& member = principals_["member"];

    // The directory and the pipeline: org-a's request in org-op's programme,
    // a deal with org-b through it, and org-b's second interest, pending.
    Check(env_.directory.CreateOpportunity(member, Json(R"({"id":"opp-a","organization":"org-a","direction":"request",
        "cooperation":["clinical_trial"],"title":{"en":"Rehabilitation robots wanted"}})")).status(), "opp-a");
    Check(env_.directory.CreateOpportunity(partner, Json(R"({"id":"opp-b","organization":"org-b","direction":"offer",
        "cooperation":["supply"],"title":{"en":"Robots offered"}})")).status(), "opp-b");
    env_.Programme("prog-1", "org-op");
    Check(env_.pipeline.AddProgrammeOpportunity(system, "prog-1", "opp-a").status(), "programme opportunity");
    auto first = env_.pipeline.ExpressInterest(partner, Json(R"({"from_organization":"org-b","opportunity":"opp-a",
        "message":"We make such robots.","programme":"prog-1"})"));
    Check(first.status(), "interest");
    auto deal = env_.pipeline.AcceptInterest(member, first->id, first->meta.version);
    Check(deal.status(), "deal");
    ids_["deal"] = deal->id;
    auto pending = env_.pipeline.ExpressInterest(partner, Json(R"({"from_organization":"org-b","opportunity":"opp-a",
        "message":"And a second model."})"));
    Check(pending.status(), "pending interest");
    ids_["interest"] = pending->id;

    // The committee of prog-1: the reviewer reviews the applicant's project, double-blind.
    Check(env_.committee.CreateExpert(principals_["reviewer"], Json(R"({"id":"exp-r","name":"Reviewer","languages":["en"],
        "expertise":{"en":"Rehabilitation robotics"}})")).status(), "exp-r");
    Check(env_.committee.CreateExpert(principals_["expert"], Json(R"({"id":"exp-e","name":"Expert","languages":["en"],
        "expertise":{"en":"Clinical trials"}})")).status(), "exp-e");
    auto project = env_.committee.SubmitProject(principals_["applicant"], "prog-1", Json(R"({"organization":"org-app",
        "language":"en","title":{"en":"Exoskeleton trial"},"summary":{"en":"A trial of an exoskeleton."}})"));
    Check(project.status(), "project");
    ids_["project"] = project->project.id;
    Check(env_.committee.PutCommittee(principals_["chair"], "prog-1", Json(R"({"members":["exp-r","exp-e"],
        "settings":{"reviewers_per_project":1,"min_load":0,"blind":"double"}})")).status(), "committee");
    auto draft = env_.committee.DraftAssignment(principals_["chair"], "prog-1", {});
    Check(draft.status(), "draft");
    domain::Committee pinned = *draft;
    pinned.assignment = {{ids_["project"], "exp-r", 0.5, "assigned", ""}};
    Check(env_.store().PutCommittee(pinned, pinned.meta.version, {"system:authz", env_.clock.Now()}).status(), "pin");
    Check(env_.committee.PublishAssignment(principals_["chair"], "prog-1", pinned.meta.version + 1).status(), "publish");
    Check(env_.committee.SaveReview(principals_["reviewer"], ids_["project"], Json(R"({"scores":{"innovation":4}})")).status(),
          "review");

    // An event the organiser runs, begun at the clock's time: the delegate
    // meets delegate 2 (published), delegate 3's request waits for her, and
    // delegate 4 is someone she has not asked yet.
    const service::Principal& organiser_principal = principals_["organiser"];
    Check(env_.events.CreateEvent(organiser_principal, Json(R"({"id":"ev-1","name":{"en":"Forum"},"time_zone":"UTC",
        "tables":2,"plan":{"days":["2026-11-23"],"sessions":[{"start":"08:00","end":"09:00"}],"slot_minutes":30}})")).status(),
          "event");
    auto mine = env_.events.Register(principals_["delegate"], "ev-1", Json(R"({"organization":"org-d"})"));
    Check(mine.status(), "delegate");
    ids_["delegate"] = mine->delegate->id;
    ids_["check_in_code"] = domain::CheckInCode(*mine->delegate);
    auto theirs = env_.events.Register(delegate2, "ev-1", Json(R"({"organization":"org-d2"})"));
    Check(theirs.status(), "delegate 2");
    ids_["delegate2"] = theirs->delegate->id;
    auto third = env_.events.Register(delegate3, "ev-1", Json(R"({"organization":"org-d3"})"));
    Check(third.status(), "delegate 3");
    ids_["delegate3"] = third->delegate->id;
    auto fourth = env_.events.Register(delegate4, "ev-1", Json(R"({"organization":"org-d4"})"));
    Check(fourth.status(), "delegate 4");
    ids_["delegate4"] = fourth->delegate->id;
    auto meeting = env_.events.RequestMeeting(principals_["delegate"], "ev-1",
                                              json::object{{"to", theirs->delegate->id}, {"priority", "must"}});
    Check(meeting.status(), "meeting request");
    ids_["meeting"] = meeting->request.id;
    Check(env_.events.AnswerRequest(delegate2, meeting->request.id, Json(R"({"decision":"accept","version":1})")).status(),
          "accept");
    auto asked = env_.events.RequestMeeting(delegate3, "ev-1", json::object{{"to", mine->delegate->id}});
    Check(asked.status(), "pending request");
    ids_["request"] = asked->request.id;
    auto schedule = env_.events.DraftSchedule(organiser_principal, "ev-1");
    Check(schedule.status(), "schedule");
    Check(env_.events.PublishSchedule(organiser_principal, "ev-1", schedule->meta.version).status(), "publish schedule");

    // org-a invites the newcomer.
    auto invited = env_.accounts.PutMember(principals_["org_admin"], "org-a", "newcomer@authz.example",
                                           MembershipRole::kMember);
    Check(invited.status(), "invitation");
    ids_["invitation"] = invited->invitation->id;

    auto document = env_.documents.Upload(principals_["member"], {"org-a", "", "protocol.txt", "cda"},
                                          "Protocol draft for the partners only.\n");
    Check(document.status(), "document");
    ids_["document"] = document->id;
    auto certificate = env_.certificates.Create(principals_["member"], "org-a", json::parse(R"({"kind": "gmp_nmpa",
        "issuer": "NMPA", "number": "GD-1", "issued_on": "2025-01-01", "expires_on": "2030-01-01"})"));
    Check(certificate.status(), "certificate");
    ids_["certificate"] = certificate->id;
    auto plan = env_.plans.Draft(principals_["member"], json::parse(R"({"organization": "org-a",
        "product": "rehabilitation exoskeleton", "product_kind": "device", "countries": ["KZ"]})"));
    Check(plan.status(), "plan");
    ids_["plan"] = plan->id;
    auto saved = env_.saved_searches.Create(principals_["member"], {.search = {.q = "exoskeleton"}});
    Check(saved.status(), "saved search");
    ids_["saved_search"] = saved->saved.id;

    ids_["member_user"] = principals_["member"].user()->id;
    ids_["newcomer_user"] = principals_["newcomer"].user()->id;
    ids_["deal_version"] = std::to_string(env_.store().GetDeal(ids_["deal"])->meta.version);
    ids_["committee_version"] = std::to_string(env_.store().GetCommittee("prog-1")->meta.version);
    ids_["project_version"] = std::to_string(env_.store().GetReviewProject(ids_["project"])->meta.version);
    ids_["review_version"] = std::to_string(env_.committee.MyReview(principals_["reviewer"], ids_["project"])->meta.version);
    ids_["event_version"] = std::to_string(env_.store().GetEvent("ev-1")->meta.version);
    ids_["schedule_version"] = std::to_string(env_.store().GetSchedule("ev-1")->meta.version);
    for (const char* role : kRoles) {
      if (std::string_view(role) == "visitor") continue;
      auto token = env_.accounts.CreateApiToken(principals_.at(role), "authz");
      Check(token.status(), role);
      tokens_[role] = token->token;
      if (std::string_view(role) == "member") ids_["token"] = token->record.id;
    }
  }

  HttpClient As(std::string_view role) {
    HttpClient client = Client();
    if (role != "visitor") client.set_bearer(tokens_.at(std::string(role)));
    return client;
  }

  // "{deal}" and the like in a request of the data files; "\"{#deal_version}\""
  // (a string in the JSON file) becomes the number itself.
  std::string Fill(std::string text) const {
    for (const auto& [name, value] : ids_) {
      for (const std::string& mark : {"\"{#" + name + "}\"", "{" + name + "}"}) {
        for (std::size_t at; (at = text.find(mark)) != std::string::npos;) text.replace(at, mark.size(), value);
      }
    }
    return text;
  }
  std::string UserId(const std::string& role) const { return principals_.at(role).user()->id; }

 private:
  std::map<std::string, service::Principal> principals_;
  std::map<std::string, std::string> tokens_;
  std::map<std::string, std::string> ids_;
};

struct Request {
  std::string method, target, body;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The request of operation `key` ("GET /api/deals/{id}") as requests.json
// describes it: {"params": {"id": "{deal}"}, "query": "...", "body": {...}}.
Request RequestFor(const std::string& key, const json::object& requests, const World& world) {
  const auto space = key.find(' ');
  Request r{key.substr(0, space), key.substr(space + 1), ""};
  const json::value* spec = requests.if_contains(key);
  if (spec && spec->as_object().contains("params")) {
    for (const auto& [name, value] : spec->at("params").as_object()) {
      const std::string mark = "{" + std::string(name) + "}";
      const auto at = r.target.find(mark);
      if (at != std::string::npos) r.target.replace(at, mark.size(), std::string(value.as_string()));
    }
  }
  if (spec && spec->as_object().contains("query")) r.target += "?" + std::string(spec->at("query").as_string());
  if (spec && spec->as_object().contains("body")) r.body = json::serialize(spec->at("body"));
  else if (r.method == "POST" || r.method == "PUT" || r.method == "PATCH") r.body = "{}";
  r.target = world.Fill(r.target);
  r.body = world.Fill(r.body);
  if (r.target.find('{') != std::string::npos) {
    throw std::runtime_error("requests.json gives no value for a parameter of " + key + ": " + r.target);
  }
  return r;
}

TEST(AuthorizationMatrixTest, EveryOperationAnswersEveryRoleAsTheMatrixSays) {
  const std::string dir = BB_AUTHZ_DIR;
  const json::object requests = json::parse(ReadFile(dir + "/requests.json")).as_object();
  // The expected matrix: "METHOD /path" then one status per role.
  std::map<std::string, std::vector<int>> expected;
  std::vector<std::string> order;
  std::istringstream matrix(ReadFile(dir + "/matrix.tsv"));
  for (std::string line; std::getline(matrix, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream cells(line);
    std::string method, path;
    cells >> method >> path;
    std::vector<int> codes;
    for (int code; cells >> code;) codes.push_back(code);
    ASSERT_EQ(codes.size(), kRoleCount) << "matrix.tsv: " << line;
    ASSERT_TRUE(expected.emplace(method + " " + path, codes).second) << "listed twice: " << line;
    order.push_back(method + " " + path);
  }
  // Every operation of the document has a row, and every row an operation.
  std::vector<std::string> operations;
  for (const auto& [method, target] : OpenApiOperations([](const std::string&, const std::string& name) {
         return "{" + name + "}";
       })) {
    operations.push_back(method + " " + target);
  }
  for (const std::string& op : operations) EXPECT_TRUE(expected.contains(op)) << "no row in matrix.tsv for " << op;
  for (const std::string& op : order) {
    EXPECT_NE(std::find(operations.begin(), operations.end(), op), operations.end())
        << "matrix.tsv lists " << op << ", which the OpenAPI document does not";
  }
  for (const auto& [key, spec] : requests) {
    EXPECT_TRUE(expected.contains(std::string(key))) << "requests.json describes " << key << ", which has no row";
  }

  std::map<std::string, std::vector<int>> observed;
  auto world = std::make_unique<World>();
  for (const std::string& op : operations) {
    std::vector<int>& codes = observed[op];
    for (const char* role : kRoles) {
      const Request r = RequestFor(op, requests, *world);
      HttpClient client = world->As(role);
      const ClientResponse answer = client.Send(r.method, r.target, r.body);
      codes.push_back(answer.status);
      const auto want = expected.find(op);
      if (want != expected.end()) {
        const int wanted = want->second[codes.size() - 1];
        EXPECT_EQ(answer.status, wanted) << op << " as " << role << " (" << r.target << "): " << answer.body.substr(0, 300);
      }
      // A write that went through changed the world: the next role gets a fresh one.
      if (r.method != "GET" && answer.status < 300) world = std::make_unique<World>();
    }
  }

  if (const char* record = std::getenv("BIOBRIDGE_AUTHZ_RECORD")) {
    std::ofstream out(record);
    out << "# operation";
    for (const char* role : kRoles) out << '\t' << role;
    out << '\n';
    for (const std::string& op : operations) {
      out << op;
      for (int code : observed[op]) out << '\t' << code;
      out << '\n';
    }
  }
}

}  // namespace
}  // namespace biobridge::api
