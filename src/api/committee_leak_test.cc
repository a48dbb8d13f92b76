// Conflicts and blindness of the expert committee, proven over the whole
// API: a project whose title, team and documents carry unique markers is
// reviewed double-blind by two experts while a third has a conflict with its
// applicant. Every operation of the OpenAPI document is called as each of
// them, the applicant and an outsider, and no answer may carry what that
// person must not see:
// - the conflicted expert and the outsider never see the project;
// - a reviewer never sees the applicant, the other reviewer's name or the
//   other reviewer's confidential comment;
// - the applicant never sees a reviewer's name or a confidential comment.
// A file uploaded onto the project follows the project: the reviewers read
// it (double-blind: without its name or owner), nobody else does.
// As a control, the chair does see everything.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "api/api_test_server.h"

namespace biobridge::api {
namespace {

using domain::MembershipRole;
using testing::ClientResponse;
using testing::HttpClient;

constexpr std::string_view kTitle = "PROJECT-TITLE-55e0";
constexpr std::string_view kTeam = "TEAM-MEMBER-2d41";
constexpr std::string_view kDocument = "APPLICANT-DOC-8b1c";
constexpr std::string_view kApplicantId = "org-applicant-6a7f";
constexpr std::string_view kReviewerA = "REVIEWER-NAME-91cc";
constexpr std::string_view kReviewerB = "REVIEWER-NAME-0b77";
constexpr std::string_view kConfidentialA = "CONFIDENTIAL-COMMENT-3e9f";
constexpr std::string_view kFileContent = "PROJECT-FILE-7c2d";  // inside the file uploaded onto the project

json::object Json(const std::string& text) { return json::parse(text).as_object(); }

class CommitteeLeakTest : public ::testing::Test, public ApiTestServer {
 protected:
  void SetUp() override {
    env_.Organization("org-op", "CN");
    env_.Organization(std::string(kApplicantId), "RU");
    chair_ = env_.User("chair@op.cn", {{"org-op", MembershipRole::kAdmin}});
    applicant_ = env_.User("lead@applicant.ru", {{std::string(kApplicantId), MembershipRole::kMember}});
    outsider_ = env_.User("someone@else.org");
    reviewer_a_ = env_.User("a@experts.org");
    reviewer_b_ = env_.User("b@experts.org");
    conflicted_ = env_.User("c@experts.org");
    ASSERT_TRUE(env_.pipeline
                    .CreateProgramme(service::Principal::System("test"), Json(R"({"id": "prog-1", "name": {"en": "Call"}, "kind": "open_innovation_call",
                                                      "operator": "org-op"})"))
                    .ok());
    auto expert = [&](const service::Principal& who, const std::string& id, std::string_view name, const std::string& extra) {
      auto e = env_.committee.CreateExpert(
          who, Json(fmt::format(R"({{"id": "{}", "name": "{}", "languages": ["en", "ru"],
              "expertise": {{"en": "Biosimilar antibodies and their manufacturing"}}{}}})", id, name, extra)));
      ASSERT_TRUE(e.ok()) << e.status().ToString();
    };
    expert(reviewer_a_, "exp-a", kReviewerA, "");
    expert(reviewer_b_, "exp-b", kReviewerB, "");
    expert(conflicted_, "exp-c", "Conflicted Expert",
           fmt::format(R"(, "conflicts": [{{"kind": "consulting", "organization": "{}"}}])", kApplicantId));
    auto project = env_.committee.SubmitProject(
        applicant_, "prog-1",
        Json(fmt::format(R"({{"organization": "{}", "language": "en",
            "title": {{"en": "Biosimilar antibody {}"}}, "summary": {{"en": "Manufacturing of a biosimilar antibody."}},
            "team": [{{"name": "{}"}}], "documents": [{{"name": "{}.pdf"}}]}})",
                         kApplicantId, kTitle, kTeam, kDocument)));
    ASSERT_TRUE(project.ok()) << project.status().ToString();
    project_id_ = project->project.id;
    ASSERT_TRUE(env_.committee
                    .PutCommittee(chair_, "prog-1",
                                  Json(R"({"members": ["exp-a", "exp-b", "exp-c"],
                                           "settings": {"reviewers_per_project": 2, "max_load": 1, "blind": "double"}})"))
                    .ok());
    auto draft = env_.committee.DraftAssignment(chair_, "prog-1", {});
    ASSERT_TRUE(draft.ok()) << draft.status().ToString();
    ASSERT_TRUE(env_.committee.PublishAssignment(chair_, "prog-1", draft->meta.version).ok());
    auto review = env_.committee.SaveReview(
        reviewer_a_, project_id_,
        Json(fmt::format(R"({{"scores": {{"innovation": 4, "market": 4, "regulatory": 3, "manufacturing": 4,
            "supply_chain": 3, "team": 4}}, "strengths": "Solid process", "risks": "Scale-up",
            "confidential_comment": "{}", "recommendation": "accept", "status": "submitted"}})",
                         kConfidentialA)));
    ASSERT_TRUE(review.ok()) << review.status().ToString();
    auto b_draft = env_.committee.SaveReview(reviewer_b_, project_id_, Json(R"({"scores": {"innovation": 3}})"));
    ASSERT_TRUE(b_draft.ok());
    // A file on the project, named for its applicant.
    auto file = env_.documents.Upload(applicant_,
                                      {.organization_id = std::string(kApplicantId),
                                       .name = fmt::format("{} {}.txt", kApplicantId, kDocument),
                                       .review_project_id = project_id_},
                                      fmt::format("Dossier of the project.\n{}\n", kFileContent));
    ASSERT_TRUE(file.ok()) << file.status().ToString();
    document_id_ = file->id;
    document_sha256_ = file->sha256;
    const std::int64_t version = env_.store().GetReviewProject(project_id_)->meta.version;
    ASSERT_TRUE(env_.committee
                    .Decide(chair_, project_id_, Json(fmt::format(R"({{"outcome": "accept", "override_reason": "Decided on the dossier", "version": {}}})", version)))
                    .ok());
  }

  HttpClient As(const service::Principal& who) {
    HttpClient client = Client();
    client.set_bearer(env_.accounts.CreateApiToken(who, "committee leak test")->token);
    return client;
  }

  std::vector<std::pair<std::string, std::string>> Operations() const {
    return OpenApiOperations([this](const std::string& path, const std::string& name) -> std::string {
      if (name == "user_id") return outsider_.user()->id;
      if (name == "opportunity_id") return "opp_none";
      if (name == "name") return "countries";
      if (path.starts_with("/api/organizations/")) return std::string(kApplicantId);
      if (path.starts_with("/api/programmes/")) return "prog-1";
      if (path.starts_with("/api/review-projects/")) return project_id_;
      if (path.starts_with("/api/experts/")) return "exp-a";
      if (path.starts_with("/api/documents/")) return document_id_;
      return "none";
    });
  }

  // What `client` gets from every operation: reads first, then writes (with
  // an empty object; none should succeed in a way that leaks).
  std::vector<std::pair<std::string, ClientResponse>> Walk(HttpClient& client) {
    std::vector<std::pair<std::string, ClientResponse>> out;
    for (bool writes : {false, true}) {
      for (const auto& [method, target] : Operations()) {
        if ((method != "GET") != writes) continue;
        ClientResponse r = client.Send(method, target, method == "GET" || method == "DELETE" ? "" : "{}");
        EXPECT_LT(r.status, 500) << method << " " << target << ": " << r.body;
        out.emplace_back(method + " " + target, std::move(r));
      }
    }
    return out;
  }

  static bool Has(const ClientResponse& r, std::string_view marker) { return r.body.find(marker) != std::string::npos; }

  service::Principal chair_, applicant_, outsider_, reviewer_a_, reviewer_b_, conflicted_;
  std::string project_id_;
  std::string document_id_;
  std::string document_sha256_;
};

TEST_F(CommitteeLeakTest, ConflictsAndBlindnessHoldOnEveryRoute) {
  ASSERT_GE(Operations().size(), 60u) << "the OpenAPI document lists every route";
  struct Viewer {
    const char* who;
    service::Principal principal;
    bool may_see_project;
    std::vector<std::string_view> never;  // markers that must not appear in any answer
  };
  const std::vector<Viewer> viewers = {
      {"the conflicted expert", conflicted_, false,
       {kTitle, kTeam, kDocument, kReviewerA, kReviewerB, kConfidentialA, kFileContent}},
      {"an outsider", outsider_, false, {kTitle, kTeam, kDocument, kReviewerA, kReviewerB, kConfidentialA, kFileContent}},
      {"reviewer B", reviewer_b_, true, {kTeam, kDocument, kReviewerA, kConfidentialA}},
      {"the applicant", applicant_, true, {kReviewerA, kReviewerB, kConfidentialA}},
  };
  for (const Viewer& viewer : viewers) {
    HttpClient client = As(viewer.principal);
    bool saw_project = false, saw_file = false;
    for (const auto& [operation, r] : Walk(client)) {
      SCOPED_TRACE(fmt::format("{} as {} -> {}", operation, viewer.who, r.status));
      for (std::string_view marker : viewer.never) EXPECT_FALSE(Has(r, marker)) << marker << ": " << r.body.substr(0, 400);
      saw_project = saw_project || Has(r, kTitle);
      saw_file = saw_file || Has(r, kFileContent);
      // Nor does the project's file, its name or its metadata.
      // (Routes under /api/organizations/ are called with the applicant's id: they echo the caller's own input.)
      if (viewer.principal.user()->id == reviewer_b_.user()->id && operation.find("documents") != std::string::npos &&
          operation.find("/api/organizations/") == std::string::npos) {
        EXPECT_FALSE(Has(r, kApplicantId)) << r.body.substr(0, 400);
      }
      // Nor its hash, which would find the same file wherever else it is.
      if (viewer.principal.user()->id != applicant_.user()->id) {
        EXPECT_FALSE(Has(r, document_sha256_)) << r.body.substr(0, 400);
      }
      // Double-blind: nothing that shows the project to a reviewer names its applicant.
      if (viewer.principal.user()->id == reviewer_b_.user()->id && Has(r, kTitle)) {
        EXPECT_FALSE(Has(r, kApplicantId)) << r.body.substr(0, 400);
      }
    }
    EXPECT_EQ(saw_project, viewer.may_see_project) << viewer.who;
    EXPECT_EQ(saw_file, viewer.may_see_project) << viewer.who;
    // The mails waiting for them hold no more than the answers did.
    const std::string mails = env_.MailsTo(viewer.principal.user()->email);
    for (std::string_view marker : viewer.never) EXPECT_EQ(mails.find(marker), std::string::npos) << viewer.who << ": " << marker;
    if (viewer.principal.user()->id == reviewer_b_.user()->id) {
      EXPECT_NE(mails.find(kTitle), std::string::npos) << "the reviewer is mailed the assignment";
      EXPECT_EQ(mails.find(kApplicantId), std::string::npos) << "double-blind in mail too";
    }
  }
}

TEST_F(CommitteeLeakTest, TheChairSeesWhatOthersMayNot) {
  HttpClient chair = As(chair_);
  ClientResponse reviews = chair.Get("/api/review-projects/" + project_id_ + "/reviews");
  ASSERT_EQ(reviews.status, 200) << reviews.body;
  EXPECT_TRUE(Has(reviews, kReviewerA));
  EXPECT_TRUE(Has(reviews, kConfidentialA));
  ClientResponse project = chair.Get("/api/review-projects/" + project_id_);
  EXPECT_TRUE(Has(project, kTeam));
  EXPECT_TRUE(Has(project, kApplicantId));
  // The applicant's report: anonymous remarks, as JSON and as HTML.
  HttpClient applicant = As(applicant_);
  ClientResponse report = applicant.Get("/api/review-projects/" + project_id_ + "/report?lang=ru");
  ASSERT_EQ(report.status, 200) << report.body;
  EXPECT_EQ(report.Json().at("strengths").at(0).at("reviewer"), "A");
  ClientResponse html = applicant.Get("/api/review-projects/" + project_id_ + "/report.html?lang=ru");
  ASSERT_EQ(html.status, 200);
  EXPECT_EQ(html.Header("content-security-policy").rfind("default-src 'none'", 0), 0u);
  EXPECT_TRUE(Has(html, "Анализ перспектив развития"));
  EXPECT_TRUE(Has(html, "Solid process"));
  EXPECT_FALSE(Has(html, kReviewerA));
}

}  // namespace
}  // namespace biobridge::api
