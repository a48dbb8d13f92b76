#include "service/committee_service.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "service/document_service.h"
#include "service/notification_service.h"
#include "tests/support/service_env.h"
#include "storage/store.h"

namespace biobridge::service {
namespace {

using domain::MembershipRole;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

json::object Json(std::string_view text) { return json::parse(text).as_object(); }

// org-op runs the call; org-a (Russia) and org-b (China) apply. Five experts:
// e4 is a member of org-a, e5 holds equity in org-b.
class CommitteeServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_.Organization("org-op", "CN");
    env_.Organization("org-a", "RU");
    env_.Organization("org-b", "CN");
    chair_ = env_.User("chair@op.cn", {{"org-op", MembershipRole::kAdmin}});
    app_a_ = env_.User("lead@a.ru", {{"org-a", MembershipRole::kMember}});
    app_b_ = env_.User("lead@b.cn", {{"org-b", MembershipRole::kMember}});
    outsider_ = env_.User("someone@else.org");
    env_.Programme("prog-1", "org-op", "Biosimilar call");
    struct Spec {
      const char* name;
      const char* expertise;
      const char* languages;
      const char* extra;
    };
    const Spec specs[] = {
        {"Elena Volkova", "Biosimilar monoclonal antibodies, CMC, glycosylation and batch stability", R"(["en", "ru"])", ""},
        {"Zhang Min", "Medical devices, rehabilitation robots, regulatory approval in China", R"(["en", "zh"])", ""},
        {"Oliver Grant", "Oncology antibody drug conjugates and clinical development", R"(["en"])", ""},
        {"Pavel Orlov", "Biosimilars manufacturing and supply chain in Russia", R"(["ru", "en"])", ""},
        {"Wang Fang", "Biosimilar antibodies, market access in China", R"(["zh", "en"])",
         R"(, "conflicts": [{"kind": "equity", "organization": "org-b", "note": "holds shares"}])"},
    };
    for (int i = 0; i < 5; ++i) {
      Principal user = env_.User(fmt::format("expert{}@example.org", i + 1),
                                 i == 3 ? std::vector<std::pair<std::string, MembershipRole>>{{"org-a", MembershipRole::kMember}}
                                        : std::vector<std::pair<std::string, MembershipRole>>{});
      Result<domain::Expert> e = env_.committee.CreateExpert(
          user, Json(fmt::format(R"({{"id": "e{}", "name": "{}", "expertise": {{"en": "{}"}}, "languages": {}{}}})", i + 1,
                                 specs[i].name, specs[i].expertise, specs[i].languages, specs[i].extra)));
      ASSERT_TRUE(e.ok()) << e.status().ToString();
      experts_.push_back(user);
    }
    project_a_ = Submit(app_a_, R"({"organization": "org-a", "language": "ru",
        "title": {"ru": "Биоаналог трастузумаба", "en": "Trastuzumab biosimilar"},
        "summary": {"en": "A biosimilar monoclonal antibody with stable glycosylation across batches."},
        "team": [{"name": "Anna Petrova", "role": "lead"}],
        "documents": [{"name": "org-a dossier.pdf", "media_type": "application/pdf", "bytes": 1000}]})");
    project_b_ = Submit(app_b_, R"({"organization": "org-b", "language": "zh",
        "title": {"zh": "康复机器人", "en": "Rehabilitation robot"},
        "summary": {"en": "A rehabilitation robot for stroke patients seeking regulatory approval."}})");
    project_c_ = Submit(app_a_, R"({"organization": "org-a", "language": "en",
        "title": {"en": "Antibody drug conjugate for HER2 oncology"},
        "summary": {"en": "An antibody drug conjugate entering clinical development."}})");
    Result<domain::Committee> committee = env_.committee.PutCommittee(
        chair_, "prog-1",
        Json(R"({"members": ["e1", "e2", "e3", "e4", "e5"], "settings": {"reviewers_per_project": 2, "max_load": 2}})"));
    ASSERT_TRUE(committee.ok()) << committee.status().ToString();
  }

  std::string Submit(const Principal& who, std::string_view body) {
    Result<ProjectView> view = env_.committee.SubmitProject(who, "prog-1", Json(body));
    EXPECT_TRUE(view.ok()) << view.status().ToString();
    return view.ok() ? view->project.id : "";
  }

  domain::Committee Draft(std::string_view body = "{}") {
    Result<domain::Committee> c = env_.committee.DraftAssignment(chair_, "prog-1", Json(body));
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? *c : domain::Committee{};
  }

  domain::Committee Publish() {
    const domain::Committee draft = Draft();
    Result<domain::Committee> c = env_.committee.PublishAssignment(chair_, "prog-1", draft.meta.version);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? *c : domain::Committee{};
  }

  // The assigned experts (1-based index) of a project.
  static std::set<int> Reviewers(const domain::Committee& c, const std::string& project) {
    std::set<int> out;
    for (const auto& e : c.assignment) {
      if (e.project_id == project && e.status == "assigned") out.insert(e.expert_id[1] - '0');
    }
    return out;
  }

  const Principal& Expert(int n) const { return experts_[std::size_t(n - 1)]; }

  biobridge::testing::ServiceEnv env_;
  Principal chair_, app_a_, app_b_, outsider_;
  std::vector<Principal> experts_;
  std::string project_a_, project_b_, project_c_;
};

TEST_F(CommitteeServiceTest, TheDraftRespectsConflictsLoadsAndLanguages) {
  const domain::Committee c = Draft();
  EXPECT_EQ(c.assignment_state, "draft");
  for (const std::string& p : {project_a_, project_b_, project_c_}) EXPECT_EQ(Reviewers(c, p).size(), 2u) << p;
  // e4 is a member of org-a; e5 holds equity in org-b.
  EXPECT_FALSE(Reviewers(c, project_a_).contains(4));
  EXPECT_FALSE(Reviewers(c, project_c_).contains(4));
  EXPECT_FALSE(Reviewers(c, project_b_).contains(5));
  // The Russian project has a reader of Russian, the Chinese one a reader of Chinese.
  const std::set<int> a = Reviewers(c, project_a_), b = Reviewers(c, project_b_);
  EXPECT_TRUE(a.contains(1) || a.contains(4));
  EXPECT_TRUE(b.contains(2) || b.contains(5));
  std::map<std::string, int> load;
  for (const auto& e : c.assignment) ++load[e.expert_id];
  for (const auto& [expert, n] : load) EXPECT_LE(n, 2) << expert;
  EXPECT_EQ(c.figures.at("conflicts").to_number<int>(), 3);  // e4 × 2 projects of org-a, e5 × org-b
  EXPECT_GT(c.figures.at("total_affinity").as_double(), 0);
  // The conflict list tells the chair why.
  Result<std::vector<ConflictEntry>> conflicts = env_.committee.Conflicts(chair_, "prog-1");
  ASSERT_TRUE(conflicts.ok());
  ASSERT_EQ(conflicts->size(), 3u);
  EXPECT_EQ((*conflicts)[0].finding.kind, "same_organization");
  EXPECT_EQ((*conflicts)[2].finding.kind, "equity");
  // Before publication no expert sees any project.
  EXPECT_EQ(env_.committee.GetProject(Expert(1), project_a_).status().code(), StatusCode::kNotFound);
}

TEST_F(CommitteeServiceTest, ImpossibleSettingsAreRefusedNamingTheCauseAndWriteNothing) {
  const std::int64_t before = env_.store().GetCommittee("prog-1")->meta.version;
  // Each expert may take one project: 6 reviews needed, 5 available.
  ASSERT_TRUE(env_.committee
                  .PutCommittee(chair_, "prog-1", Json(fmt::format(R"({{"settings": {{"max_load": 1}}, "version": {}}})", before)))
                  .ok());
  Result<domain::Committee> refused = env_.committee.DraftAssignment(chair_, "prog-1", Json("{}"));
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.status().message(), HasSubstr("6 reviews are needed but 5 experts may give at most 5"));
  // Five reviewers per project: org-a's projects have only four experts without a conflict.
  ASSERT_TRUE(env_.committee
                  .PutCommittee(chair_, "prog-1",
                                Json(fmt::format(R"({{"settings": {{"max_load": 3, "reviewers_per_project": 5}}, "version": {}}})",
                                                 before + 1)))
                  .ok());
  refused = env_.committee.DraftAssignment(chair_, "prog-1", Json("{}"));
  EXPECT_THAT(refused.status().message(), HasSubstr("only 4 experts have no conflict with it, fewer than the 5"));
  EXPECT_EQ(env_.store().GetCommittee("prog-1")->assignment_state, "none");
  EXPECT_EQ(env_.store().GetCommittee("prog-1")->meta.version, before + 2);  // only the two settings changes
  // With allow_uncovered the chair gets a draft that says which projects are short, and why.
  const domain::Committee draft = Draft(R"({"allow_uncovered": true})");
  const json::array& uncovered = draft.figures.at("uncovered").as_array();
  ASSERT_FALSE(uncovered.empty());
  EXPECT_THAT(std::string(uncovered[0].at("reason").as_string()), HasSubstr("have no conflict with it"));
  // Six reviewers per project with five experts.
  EXPECT_EQ(env_.committee
                .PutCommittee(chair_, "prog-1",
                              Json(fmt::format(R"({{"settings": {{"reviewers_per_project": 6}}, "version": {}}})", draft.meta.version)))
                .ok(),
            true);
  EXPECT_THAT(env_.committee.DraftAssignment(chair_, "prog-1", Json("{}")).status().message(),
              HasSubstr("the committee has 5 experts but each project needs 6 reviewers"));
}

TEST_F(CommitteeServiceTest, ExpertsSeeOnlyTheirProjectsBlindAndNeverAConflict) {
  const domain::Committee c = Publish();
  for (int n = 1; n <= 5; ++n) {
    const Principal& expert = Expert(n);
    for (const std::string& p : {project_a_, project_b_, project_c_}) {
      if (n == 4 && p != project_b_) continue;  // e4 belongs to org-a: its projects are theirs as an applicant
      const bool assigned = Reviewers(c, p).contains(n);
      Result<ProjectView> view = env_.committee.GetProject(expert, p);
      EXPECT_EQ(view.ok(), assigned) << "expert " << n << " project " << p;
      if (view.ok()) {
        // Double-blind: nothing says who applied.
        EXPECT_TRUE(view->applicant_hidden);
        EXPECT_EQ(view->project.organization_id, "");
        EXPECT_THAT(view->project.team, IsEmpty());
        for (const auto& d : view->project.documents) EXPECT_THAT(d.name, ::testing::Not(HasSubstr("org-a")));
      }
    }
    Result<std::vector<ProjectView>> listed = env_.committee.ListProjects(expert, "prog-1");
    ASSERT_TRUE(listed.ok());
    for (const ProjectView& v : *listed) {
      EXPECT_TRUE(v.role == "applicant" || Reviewers(c, v.project.id).contains(n)) << v.project.id;
      if (v.role == "applicant") {
        EXPECT_EQ(n, 4);
      }
    }
    // An expert's view of the committee shows only their own assignments.
    Result<domain::Committee> mine = env_.committee.GetCommittee(expert, "prog-1");
    ASSERT_TRUE(mine.ok());
    for (const auto& e : mine->assignment) EXPECT_EQ(e.expert_id, fmt::format("e{}", n));
    EXPECT_TRUE(mine->figures.empty());
  }
  // The conflicted experts are refused in every route, as if the project did not exist
  // (e4 sees org-a's projects only as a member of org-a, and cannot review them).
  EXPECT_EQ(env_.committee.GetProject(Expert(4), project_a_)->role, "applicant");
  EXPECT_EQ(env_.committee.SaveReview(Expert(4), project_a_, Json("{}")).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(env_.committee.GetProject(Expert(5), project_b_).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(env_.committee.MyReview(Expert(5), project_b_).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(env_.committee.Report(Expert(5), project_b_, "en").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(env_.committee.Decline(Expert(5), "prog-1", project_b_, "").status().code(), StatusCode::kNotFound);
  // Outsiders and other applicants do not see projects either.
  EXPECT_EQ(env_.committee.GetProject(outsider_, project_a_).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(env_.committee.GetProject(app_b_, project_a_).status().code(), StatusCode::kNotFound);
  // The applicant sees their own project whole.
  EXPECT_EQ(env_.committee.GetProject(app_a_, project_a_)->project.team.size(), 1u);
}

// Regression (issue 15, finding 3): a reviewer who declared a conflict with
// an organisation lost access at once to a project it had applied with, and
// regained it when the conflict was withdrawn: three edits revealed the
// applicant of a double-blind review. Now what a reviewer can open follows
// the assignment; the chair sees the conflict and replaces the pair.
TEST_F(CommitteeServiceTest, AConflictDeclaredAfterPublicationGoesToTheChairNotToTheReviewersAccess) {
  const domain::Committee c = Publish();
  const int n = *Reviewers(c, project_c_).begin();
  const Result<std::vector<AssignedProject>> before = env_.committee.MyAssignments(Expert(n));
  ASSERT_TRUE(before.ok());
  auto declare = [&](json::array conflicts) {
    Result<domain::Expert> me = env_.committee.MyExpertProfile(Expert(n));
    ASSERT_TRUE(me.ok());
    json::object body = domain::ToJson(*me);
    body["conflicts"] = std::move(conflicts);
    body["version"] = me->meta.version;
    ASSERT_TRUE(env_.committee.UpdateExpert(Expert(n), me->id, body).ok());
  };
  declare(json::array{json::object{{"kind", "consulting"}, {"organization", "org-a"}}});
  // Nothing the reviewer can observe changes: the project, the list, the review.
  EXPECT_TRUE(env_.committee.GetProject(Expert(n), project_c_).ok());
  Result<std::vector<AssignedProject>> during = env_.committee.MyAssignments(Expert(n));
  ASSERT_TRUE(during.ok());
  EXPECT_EQ(during->size(), before->size());
  EXPECT_TRUE(env_.committee.SaveReview(Expert(n), project_c_, Json(R"({"scores": {"innovation": 3}})")).ok());
  // Declining another project does not quietly drop this one either.
  for (const AssignedProject& a : *during) {
    if (a.view.project.id == project_c_) continue;
    Result<std::vector<AssignedProject>> left = env_.committee.Decline(Expert(n), "prog-1", a.view.project.id, "");
    ASSERT_TRUE(left.ok()) << left.status().ToString();
    EXPECT_TRUE(std::any_of(left->begin(), left->end(),
                            [&](const AssignedProject& x) { return x.view.project.id == project_c_; }));
    break;
  }
  // The chair sees the conflict on an assigned pair, and replaces it.
  Result<std::vector<ConflictEntry>> conflicts = env_.committee.Conflicts(chair_, "prog-1");
  ASSERT_TRUE(conflicts.ok());
  EXPECT_TRUE(std::any_of(conflicts->begin(), conflicts->end(), [&](const ConflictEntry& e) {
    return e.expert_id == fmt::format("e{}", n) && e.project_id == project_c_ && e.assigned;
  }));
  const std::int64_t version = env_.store().GetCommittee("prog-1")->meta.version;
  Result<domain::Committee> updated = env_.committee.UpdateAssignment(chair_, "prog-1", version);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_FALSE(Reviewers(*updated, project_c_).contains(n));
  EXPECT_EQ(env_.committee.GetProject(Expert(n), project_c_).status().code(), StatusCode::kNotFound);
}

TEST_F(CommitteeServiceTest, ADeclineReplacesTheExpertAndKeepsTheRest) {
  const domain::Committee before = Publish();
  const int leaving = *Reviewers(before, project_c_).begin();
  Result<std::vector<AssignedProject>> left = env_.committee.Decline(Expert(leaving), "prog-1", project_c_, "travelling");
  ASSERT_TRUE(left.ok()) << left.status().ToString();
  // The answer is the expert's own assignments: not the committee.
  for (const AssignedProject& a : *left) EXPECT_NE(a.view.project.id, project_c_);
  Result<domain::Committee> after = env_.store().GetCommittee("prog-1");
  EXPECT_FALSE(Reviewers(*after, project_c_).contains(leaving));
  EXPECT_EQ(Reviewers(*after, project_c_).size(), 2u);
  // Every other pair stays where it was.
  int moved = 0;
  for (const auto& e : before.assignment) {
    if (e.project_id == project_c_ && e.expert_id == fmt::format("e{}", leaving)) continue;
    if (!Reviewers(*after, e.project_id).contains(e.expert_id[1] - '0')) ++moved;
  }
  EXPECT_LE(moved, 1);  // a chain move only if loads are full
  EXPECT_EQ(env_.committee.GetProject(Expert(leaving), project_c_).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(env_.committee.Decline(Expert(leaving), "prog-1", project_c_, "again").status().code(), StatusCode::kNotFound);
}

TEST_F(CommitteeServiceTest, ADeclineNeverMovesAPairWhoseReviewHasStarted) {
  const domain::Committee before = Publish();
  const int leaving = *Reviewers(before, project_c_).begin();
  // Every other assigned expert has started a review.
  for (const auto& e : before.assignment) {
    const int n = e.expert_id[1] - '0';
    if (n == leaving && e.project_id == project_c_) continue;
    ASSERT_TRUE(env_.committee.SaveReview(Expert(n), e.project_id, Json(R"({"scores": {"innovation": 3}})")).ok());
  }
  ASSERT_TRUE(env_.committee.Decline(Expert(leaving), "prog-1", project_c_, "").ok());
  Result<domain::Committee> after = env_.store().GetCommittee("prog-1");
  for (const auto& e : before.assignment) {
    if (e.project_id == project_c_ && e.expert_id == fmt::format("e{}", leaving)) continue;
    EXPECT_TRUE(Reviewers(*after, e.project_id).contains(e.expert_id[1] - '0')) << e.project_id << " " << e.expert_id;
  }
  // The declined slot is filled if someone has room, or reported.
  EXPECT_EQ(Reviewers(*after, project_c_).size() + after->figures.at("uncovered").as_array().size(), 2u);
}

TEST_F(CommitteeServiceTest, ProjectsSubmittedAfterPublicationAreAssignedKeepingEveryPair) {
  const domain::Committee before = Publish();
  const std::string late = Submit(app_b_, R"({"organization": "org-b", "language": "en",
      "title": {"en": "Wearable glucose monitor"}, "summary": {"en": "A biosensor for diabetes care."}})");
  EXPECT_EQ(env_.committee.GetProject(Expert(1), late).status().code(), StatusCode::kNotFound);
  // Five experts with loads of 2 give 10 reviews: the late project's two fit beside the six published.
  Result<domain::Committee> after = env_.committee.UpdateAssignment(chair_, "prog-1", before.meta.version);
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(Reviewers(*after, late).size(), 2u);
  EXPECT_FALSE(Reviewers(*after, late).contains(5));  // e5 holds equity in org-b
  for (const auto& e : before.assignment) EXPECT_TRUE(Reviewers(*after, e.project_id).contains(e.expert_id[1] - '0'));
  EXPECT_EQ(after->figures.at("kept").to_number<int>(), int(before.assignment.size()));
  EXPECT_EQ(env_.committee.UpdateAssignment(chair_, "prog-1", before.meta.version).status().code(), StatusCode::kAborted);
  EXPECT_EQ(env_.committee.UpdateAssignment(app_b_, "prog-1", after->meta.version).status().code(),
            StatusCode::kPermissionDenied);
}

TEST_F(CommitteeServiceTest, ReviewsAggregateIntoScoresADecisionAndAnAnonymousReport) {
  const domain::Committee c = Publish();
  const std::set<int> reviewers = Reviewers(c, project_a_);
  ASSERT_EQ(reviewers.size(), 2u);
  const int first = *reviewers.begin(), second = *reviewers.rbegin();
  // A partial draft is kept; submitting needs every criterion and a recommendation.
  Result<domain::Review> draft = env_.committee.SaveReview(Expert(first), project_a_, Json(R"({"scores": {"innovation": 5}})"));
  ASSERT_TRUE(draft.ok()) << draft.status().ToString();
  Result<domain::Review> incomplete = env_.committee.SaveReview(
      Expert(first), project_a_, Json(fmt::format(R"({{"scores": {{"innovation": 5}}, "status": "submitted", "version": {}}})",
                                                  draft->meta.version)));
  EXPECT_EQ(incomplete.status().field(), "scores.market");
  auto full = [](int score, std::string_view recommendation, std::string_view strengths, std::int64_t version) {
    return Json(fmt::format(R"({{"scores": {{"innovation": {0}, "market": {0}, "regulatory": {0}, "manufacturing": {0},
        "supply_chain": {0}, "team": {0}}}, "recommendation": "{1}", "strengths": "{2}", "risks": "Scale-up risk",
        "confidential_comment": "Only for the committee", "status": "submitted"{3}}})",
                            score, recommendation, strengths, version ? fmt::format(R"(, "version": {})", version) : ""));
  };
  ASSERT_TRUE(env_.committee.SaveReview(Expert(first), project_a_, full(5, "accept", "Strong CMC", draft->meta.version)).ok());
  ASSERT_TRUE(env_.committee.SaveReview(Expert(second), project_a_, full(2, "revise", "Good team", 0)).ok());
  EXPECT_EQ(env_.committee.SaveReview(Expert(first), project_a_, Json(R"({"status": "draft", "version": 2})")).status().code(),
            StatusCode::kFailedPrecondition);
  Result<std::vector<domain::ProjectScores>> scores = env_.committee.Scores(chair_, "prog-1");
  ASSERT_TRUE(scores.ok());
  ASSERT_EQ(scores->size(), 1u);
  EXPECT_NEAR(*(*scores)[0].overall, 3.5, 1e-9);
  EXPECT_TRUE((*scores)[0].disagreement);
  // The chair sees who reviewed; the applicant waits for the decision.
  Result<std::vector<ReviewerStatus>> reviews = env_.committee.ProjectReviews(chair_, project_a_);
  ASSERT_TRUE(reviews.ok());
  ASSERT_EQ(reviews->size(), 2u);
  for (const ReviewerStatus& r : *reviews) {
    EXPECT_EQ(r.status, "submitted");
    ASSERT_TRUE(r.review.has_value());
    EXPECT_FALSE(r.review->confidential_comment.empty());
  }
  EXPECT_EQ(env_.committee.ProjectReviews(app_a_, project_a_).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(env_.committee.Report(app_a_, project_a_, "en").status().code(), StatusCode::kFailedPrecondition);
  const std::int64_t version = env_.store().GetReviewProject(project_a_)->meta.version;
  Result<ProjectView> decided = env_.committee.Decide(
      chair_, project_a_, Json(fmt::format(R"({{"outcome": "revise", "note": "Show batch data", "version": {}}})", version)));
  ASSERT_TRUE(decided.ok()) << decided.status().ToString();
  EXPECT_EQ(env_.committee.Decide(app_a_, project_a_, Json(R"({"outcome": "accept", "version": 2})")).status().code(),
            StatusCode::kPermissionDenied);
  // Reviews close with the decision.
  EXPECT_EQ(env_.committee.SaveReview(Expert(first), project_a_, full(4, "accept", "x", 2)).status().code(),
            StatusCode::kFailedPrecondition);
  Result<ProspectReport> report = env_.committee.Report(app_a_, project_a_, "en");
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->decision->outcome, "revise");
  EXPECT_EQ(report->scores.submitted, 2);
  ASSERT_EQ(report->strengths.size(), 2u);
  EXPECT_EQ(report->strengths[0].reviewer, "A");
  EXPECT_EQ(report->recommendations.at("accept"), 1);
  EXPECT_EQ(report->programme_name, "Biosimilar call");
  // Nothing in it names a reviewer or carries the confidential comment.
  const std::string everything = fmt::format("{}{}{}", report->strengths[0].text, report->strengths[1].text, report->risks[0].text);
  EXPECT_THAT(everything, ::testing::Not(HasSubstr("Only for the committee")));
  for (const ProspectReport::Remark& r : report->strengths) EXPECT_EQ(r.reviewer.size(), 1u);
}

TEST_F(CommitteeServiceTest, TaxonomyCodesCountTowardsAffinity) {
  // An expert who wrote nothing but chose their therapeutic area still meets a project in it.
  Principal eye = env_.User("eye@experts.org");
  ASSERT_TRUE(env_.committee.CreateExpert(eye, Json(R"({"id": "e6", "name": "Eye Expert", "languages": ["en"],
      "therapeutic_areas": ["ophthalmology"]})")).ok());
  ASSERT_TRUE(env_.pipeline
                  .CreateProgramme(Principal::System("test"), Json(R"({"id": "prog-2", "name": {"en": "Eye call"},
                      "kind": "open_innovation_call", "operator": "org-op"})"))
                  .ok());
  ASSERT_TRUE(env_.committee.SubmitProject(app_a_, "prog-2", Json(R"({"organization": "org-a", "language": "en",
      "title": {"en": "Fundus camera for screening"}, "therapeutic_areas": ["ophthalmology"]})")).ok());
  ASSERT_TRUE(env_.committee
                  .PutCommittee(chair_, "prog-2", Json(R"({"members": ["e6"], "settings": {"reviewers_per_project": 1}})"))
                  .ok());
  Result<domain::Committee> preview = env_.committee.PreviewAssignment(chair_, "prog-2", {});
  ASSERT_TRUE(preview.ok()) << preview.status().ToString();
  ASSERT_EQ(preview->assignment.size(), 1u);
  EXPECT_GT(preview->assignment[0].affinity, 0.1);
  EXPECT_EQ(env_.store().GetCommittee("prog-2")->assignment_state, "none");  // a preview writes nothing
}

TEST_F(CommitteeServiceTest, OnlyTheChairRunsTheCommittee) {
  EXPECT_EQ(env_.committee.DraftAssignment(app_a_, "prog-1", Json("{}")).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(env_.committee.PutCommittee(Expert(1), "prog-1", Json(R"({"members": []})")).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(env_.committee.GetCommittee(outsider_, "prog-1").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(env_.committee.Conflicts(Expert(1), "prog-1").status().code(), StatusCode::kPermissionDenied);
  // Submitting for an organisation one is not a member of.
  EXPECT_EQ(env_.committee.SubmitProject(app_b_, "prog-1", Json(R"({"organization": "org-a", "language": "en",
      "title": "X"})")).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(env_.committee.SubmitProject(app_a_, "prog-1", Json(R"({"organization": "org-a", "language": "fr",
      "title": "X"})")).status().field(), "language");
  // Publishing freezes members and settings.
  const domain::Committee published = Publish();
  EXPECT_THAT(env_.committee
                  .PutCommittee(chair_, "prog-1",
                                Json(fmt::format(R"({{"members": ["e1"], "version": {}}})", published.meta.version)))
                  .status()
                  .message(),
              HasSubstr("members and settings are fixed"));
  EXPECT_EQ(env_.committee.DraftAssignment(chair_, "prog-1", Json("{}")).status().code(), StatusCode::kFailedPrecondition);
  // Experts' declared conflicts stay private to them.
  EXPECT_TRUE(env_.committee.GetExpert(chair_, "e5")->conflicts.empty());
  EXPECT_EQ(env_.committee.GetExpert(Expert(5), "e5")->conflicts.size(), 1u);
  EXPECT_EQ(env_.committee.GetExpert(app_a_, "e5").status().code(), StatusCode::kNotFound);
}

// A project's documents are read by those who may open the project; a
// double-blind expert gets them without the applicant's name on them.
TEST_F(CommitteeServiceTest, AProjectsDocumentsFollowTheProjectAndItsBlindness) {
  const std::string pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
  DocumentUpload upload{.organization_id = "org-a", .name = "org-a dossier.pdf", .confidentiality = "public",
                        .review_project_id = project_a_};
  // Only the applicant's members, and only onto their own project.
  EXPECT_EQ(env_.documents.Upload(app_b_, upload, pdf).status().code(), StatusCode::kPermissionDenied);
  DocumentUpload foreign = upload;
  foreign.organization_id = "org-b";
  foreign.review_project_id = project_a_;
  EXPECT_EQ(env_.documents.Upload(app_b_, foreign, pdf).status().code(), StatusCode::kNotFound);
  DocumentUpload both = upload;
  both.certificate_id = "crt-x";
  EXPECT_EQ(env_.documents.Upload(app_a_, both, pdf).status().field(), "review_project");
  Result<domain::Document> dossier = env_.documents.Upload(app_a_, upload, pdf);
  ASSERT_TRUE(dossier.ok()) << dossier.status().ToString();
  EXPECT_EQ(dossier->confidentiality, "cda");  // the project decides who reads it, never "public"

  const domain::Committee c = Publish();
  const std::set<int> reviewers = Reviewers(c, project_a_);
  ASSERT_FALSE(reviewers.empty());
  const Principal& reviewer = Expert(*reviewers.begin());
  Result<std::vector<domain::Document>> seen = env_.documents.List(reviewer, "review_project", project_a_);
  ASSERT_TRUE(seen.ok()) << seen.status().ToString();
  ASSERT_EQ(seen->size(), 1u);
  EXPECT_EQ(seen->front().name, "Document 1.pdf");
  EXPECT_EQ(seen->front().organization_id, "");
  EXPECT_EQ(seen->front().uploaded_by, "");
  EXPECT_EQ(seen->front().sha256, "");  // nor a hash to find the same file published elsewhere
  Result<DocumentContent> read = env_.documents.Download(reviewer, dossier->id);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->bytes, pdf);
  EXPECT_EQ(read->document.name, "Document 1.pdf");
  // The chair and the applicant see it as it is.
  EXPECT_EQ(env_.documents.Get(chair_, dossier->id)->name, "org-a dossier.pdf");
  EXPECT_EQ(env_.documents.Get(app_a_, dossier->id)->organization_id, "org-a");
  // An expert not assigned to it, a conflicted one, another applicant, an outsider: no such document.
  for (int n = 1; n <= 5; ++n) {
    if (reviewers.contains(n) || n == 4) continue;  // e4 is a member of org-a
    EXPECT_EQ(env_.documents.Get(Expert(n), dossier->id).status().code(), StatusCode::kNotFound) << n;
    EXPECT_THAT(*env_.documents.List(Expert(n), "review_project", project_a_), IsEmpty()) << n;
  }
  EXPECT_EQ(env_.documents.Get(app_b_, dossier->id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(env_.documents.Get(outsider_, dossier->id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(env_.documents.Get(Principal::Anonymous(), dossier->id).status().code(), StatusCode::kNotFound);
  // A decided project takes no more documents.
  ASSERT_TRUE(env_.committee
                  .Decide(chair_, project_a_,
                          Json(R"({"version": 1, "outcome": "accept", "override_reason": "Decided on the documents alone"})"))
                  .ok());
  EXPECT_EQ(env_.documents.Upload(app_a_, upload, pdf + " ").status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(CommitteeServiceTest, DecidingBeforeEveryReviewIsInTakesAReasonAndDraftsStayUnread) {
  const domain::Committee c = Publish();
  const std::set<int> reviewers = Reviewers(c, project_a_);
  ASSERT_EQ(reviewers.size(), 2u);
  const int drafting = *reviewers.begin(), silent = *reviewers.rbegin();
  ASSERT_TRUE(env_.committee
                  .SaveReview(Expert(drafting), project_a_,
                              Json(R"({"scores": {"innovation": 1}, "strengths": "Half a thought", "recommendation": "reject"})"))
                  .ok());
  // The chair sees that a draft exists and when it was saved, not what it says.
  Result<std::vector<ReviewerStatus>> reviews = env_.committee.ProjectReviews(chair_, project_a_);
  ASSERT_TRUE(reviews.ok()) << reviews.status().ToString();
  ASSERT_EQ(reviews->size(), 2u);
  std::map<std::string, const ReviewerStatus*> by_expert;
  for (const ReviewerStatus& r : *reviews) by_expert[r.expert_id] = &r;
  const ReviewerStatus& draft = *by_expert.at(fmt::format("e{}", drafting));
  EXPECT_EQ(draft.status, "draft");
  EXPECT_TRUE(draft.assigned);
  EXPECT_FALSE(draft.review.has_value());
  EXPECT_FALSE(draft.weighted.has_value());
  EXPECT_TRUE(draft.last_saved.has_value());
  EXPECT_EQ(by_expert.at(fmt::format("e{}", silent))->status, "not_started");

  // Deciding now needs a reason, and the refusal says what is missing.
  const std::int64_t version = env_.store().GetReviewProject(project_a_)->meta.version;
  Result<ProjectView> refused = env_.committee.Decide(
      chair_, project_a_, Json(fmt::format(R"({{"outcome": "reject", "version": {}}})", version)));
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.status().message(), HasSubstr("2 of the 2 assigned reviews are not submitted (1 a draft"));
  EXPECT_THAT(refused.status().message(), HasSubstr("override_reason"));
  EXPECT_EQ(env_.store().GetReviewProject(project_a_)->status, "submitted");
  EXPECT_EQ(env_.committee
                .Decide(chair_, project_a_,
                        Json(fmt::format(R"({{"outcome": "reject", "override_reason": "   ", "version": {}}})", version)))
                .status()
                .code(),
            StatusCode::kFailedPrecondition);

  Result<ProjectView> decided = env_.committee.Decide(
      chair_, project_a_,
      Json(fmt::format(R"({{"outcome": "revise", "override_reason": "The call closes before the reviewers return", "version": {}}})",
                       version)));
  ASSERT_TRUE(decided.ok()) << decided.status().ToString();
  ASSERT_TRUE(decided->project.decision.has_value());
  EXPECT_EQ(decided->project.decision->override_reason, "The call closes before the reviewers return");
  EXPECT_EQ(decided->project.decision->reviews_submitted, 0);
  EXPECT_EQ(decided->project.decision->reviewers_assigned, 2);
  // The applicant learns the outcome and what it rested on, not the chair's reason.
  Result<ProjectView> applicant = env_.committee.GetProject(app_a_, project_a_);
  ASSERT_TRUE(applicant.ok());
  ASSERT_TRUE(applicant->project.decision.has_value());
  EXPECT_EQ(applicant->project.decision->outcome, "revise");
  EXPECT_EQ(applicant->project.decision->reviews_submitted, 0);
  EXPECT_EQ(applicant->project.decision->override_reason, "");
}

TEST_F(CommitteeServiceTest, ADecisionOnEveryReviewNeedsNoReasonAndKeepsNone) {
  const domain::Committee c = Publish();
  const auto full = Json(R"({"scores": {"innovation": 4, "market": 4, "regulatory": 4, "manufacturing": 4,
      "supply_chain": 4, "team": 4}, "recommendation": "accept", "status": "submitted"})");
  for (int reviewer : Reviewers(c, project_b_)) ASSERT_TRUE(env_.committee.SaveReview(Expert(reviewer), project_b_, full).ok());
  const std::int64_t version = env_.store().GetReviewProject(project_b_)->meta.version;
  Result<ProjectView> decided = env_.committee.Decide(
      chair_, project_b_, Json(fmt::format(R"({{"outcome": "accept", "override_reason": "not needed", "version": {}}})", version)));
  ASSERT_TRUE(decided.ok()) << decided.status().ToString();
  EXPECT_EQ(decided->project.decision->reviews_submitted, 2);
  EXPECT_EQ(decided->project.decision->override_reason, "");  // nothing was overridden
}

TEST_F(CommitteeServiceTest, TheChairSwapsAReviewerByHandWithConflictsAndLoadsChecked) {
  // Room for a swap: 6 reviews, 5 experts taking up to 3. On the English
  // project (org-a's, e4 conflicts) every member reads the language, so
  // a member not on it with fewer than 3 is free: the two assigned take at
  // least one each, so the other two cannot both be full.
  Result<domain::Committee> roomy = env_.committee.PutCommittee(
      chair_, "prog-1",
      Json(fmt::format(R"({{"settings": {{"max_load": 3}}, "version": {}}})", env_.store().GetCommittee("prog-1")->meta.version)));
  ASSERT_TRUE(roomy.ok()) << roomy.status().ToString();
  domain::Committee c = Publish();
  const std::string& project = project_c_;
  const std::set<int> reviewers = Reviewers(c, project);
  Result<std::vector<ReviewerCandidate>> candidates = env_.committee.ReviewerCandidates(chair_, project);
  ASSERT_TRUE(candidates.ok()) << candidates.status().ToString();
  ASSERT_EQ(candidates->size(), 5u);
  // Assigned ones first, then those available by affinity, then the rest with why.
  EXPECT_TRUE((*candidates)[0].assigned && (*candidates)[1].assigned);
  const ReviewerCandidate* e4 = nullptr;
  for (const ReviewerCandidate& m : *candidates) {
    if (m.expert_id == "e4") e4 = &m;
  }
  ASSERT_NE(e4, nullptr);
  EXPECT_TRUE(e4->conflict.has_value());
  EXPECT_THAT(e4->unavailable, HasSubstr("conflict of interest"));
  auto swap = [&](std::string_view out, std::string_view in, std::int64_t version) {
    return env_.committee.SwapReviewer(
        chair_, project, Json(fmt::format(R"({{"replace": "{}", "with": "{}", "version": {}}})", out, in, version)));
  };
  const std::string out = fmt::format("e{}", *reviewers.begin());
  // A conflict, a member already on it, a stranger, a stale version, someone who is not chair.
  EXPECT_EQ(swap(out, "e4", c.meta.version).status().field(), "with");
  EXPECT_EQ(swap(out, fmt::format("e{}", *reviewers.rbegin()), c.meta.version).status().field(), "with");
  EXPECT_EQ(swap(out, "e9", c.meta.version).status().field(), "with");
  EXPECT_EQ(swap("e4", "e2", c.meta.version).status().field(), "replace");
  EXPECT_EQ(swap(out, "e2", c.meta.version - 1).status().code(), StatusCode::kAborted);
  EXPECT_EQ(env_.committee
                .SwapReviewer(Expert(2), project, Json(fmt::format(R"({{"replace": "{}", "with": "e2", "version": {}}})", out,
                                                                      c.meta.version)))
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  std::string in;
  for (const ReviewerCandidate& m : *candidates) {
    if (in.empty() && !m.assigned && m.unavailable.empty()) in = m.expert_id;
  }
  ASSERT_FALSE(in.empty()) << "no member is free to swap in";
  Result<domain::Committee> swapped = swap(out, in, c.meta.version);
  ASSERT_TRUE(swapped.ok()) << swapped.status().ToString();
  const std::set<int> now = Reviewers(*swapped, project);
  EXPECT_FALSE(now.contains(out[1] - '0'));
  EXPECT_TRUE(now.contains(in[1] - '0'));
  EXPECT_EQ(now.size(), 2u);
  EXPECT_EQ(swapped->figures.at("swapped_by_hand").to_number<int>(), 1);
  // The replaced reviewer loses the project and is told; the new one gains it and is told.
  EXPECT_EQ(env_.committee.GetProject(Expert(out[1] - '0'), project).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(env_.committee.GetProject(Expert(in[1] - '0'), project).ok());
  auto newest = [&](const Principal& who) {
    Result<Inbox> inbox = env_.notifications.List(who, 0, 1, false, "en");
    return inbox.ok() && !inbox->items.empty() ? inbox->items[0].notification.kind : std::string();
  };
  EXPECT_EQ(newest(Expert(out[1] - '0')), "review_withdrawn");
  EXPECT_EQ(newest(Expert(in[1] - '0')), "review_assigned");
  // A reviewer who submitted stays.
  const auto full = Json(R"({"scores": {"innovation": 4, "market": 4, "regulatory": 4, "manufacturing": 4,
      "supply_chain": 4, "team": 4}, "recommendation": "accept", "status": "submitted"})");
  ASSERT_TRUE(env_.committee.SaveReview(Expert(in[1] - '0'), project, full).ok());
  EXPECT_EQ(swap(in, out, swapped->meta.version).status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(CommitteeServiceTest, ASwapKeepsTheLanguageRule) {
  // Only e1 and e4 read Russian; e4 conflicts with org-a. With e1 on the
  // Russian project, nobody else could keep a reader on it.
  domain::Committee c = Publish();
  const std::set<int> reviewers = Reviewers(c, project_a_);
  ASSERT_TRUE(reviewers.contains(1));
  Result<std::vector<ReviewerCandidate>> candidates = env_.committee.ReviewerCandidates(chair_, project_a_);
  ASSERT_TRUE(candidates.ok());
  for (const ReviewerCandidate& m : *candidates) {
    if (m.assigned || !m.unavailable.empty()) continue;
    EXPECT_FALSE(m.reads_language) << m.expert_id;
    Result<domain::Committee> swapped = env_.committee.SwapReviewer(
        chair_, project_a_, Json(fmt::format(R"({{"replace": "e1", "with": "{}", "version": {}}})", m.expert_id, c.meta.version)));
    EXPECT_EQ(swapped.status().field(), "with") << m.expert_id;
    EXPECT_THAT(swapped.status().message(), HasSubstr("read its language (ru)"));
  }
}

}  // namespace
}  // namespace biobridge::service
