#include "domain/committee.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/validation.h"

namespace biobridge::domain {
namespace {

using ::testing::HasSubstr;

Date D(int y, unsigned m, unsigned d) { return Date{y, m, d}; }

ReviewProject Project() {
  ReviewProject p;
  p.id = "proj-1";
  p.programme_id = "prog-1";
  p.organization_id = "org-applicant";
  p.title = {{"en", "A biosimilar for the Russian market"}};
  p.language = "en";
  p.team = {{"Anna Petrova", "", "lead"}, {"Li Wei", "user-li", "CMC"}};
  return p;
}

Expert Someone() {
  Expert e;
  e.id = "exp-1";
  e.name = "Ivan Sidorov";
  e.user_id = "user-ivan";
  return e;
}

ConflictContext Today() { return ConflictContext{.today = D(2026, 11, 23)}; }

TEST(ConflictTest, NoTieNoConflict) { EXPECT_FALSE(FindConflict(Someone(), Project(), Today())); }

TEST(ConflictTest, DeclaredConflictsWithAnOrganisationAPersonOrAProgramme) {
  Expert e = Someone();
  e.conflicts = {{"equity", "org-applicant", "", "", std::nullopt, "holds shares"}};
  auto found = FindConflict(e, Project(), Today());
  ASSERT_TRUE(found);
  EXPECT_EQ(found->kind, "equity");
  EXPECT_EQ(found->level, "organization");
  e.conflicts = {{"consulting", "", "anna petrova ", "", std::nullopt, ""}};  // case and spaces do not matter
  found = FindConflict(e, Project(), Today());
  ASSERT_TRUE(found);
  EXPECT_EQ(found->level, "person");
  EXPECT_THAT(found->detail, HasSubstr("Anna Petrova"));
  e.conflicts = {{"advisory_board", "", "user-li", "", std::nullopt, ""}};  // a team member by user id
  EXPECT_TRUE(FindConflict(e, Project(), Today()));
  e.conflicts = {{"competing_programme", "", "", "prog-1", std::nullopt, ""}};
  found = FindConflict(e, Project(), Today());
  ASSERT_TRUE(found);
  EXPECT_EQ(found->level, "programme");
  // A declared conflict that has ended no longer counts.
  e.conflicts = {{"consulting", "org-applicant", "", "", D(2025, 12, 31), ""}};
  EXPECT_FALSE(FindConflict(e, Project(), Today()));
}

TEST(ConflictTest, AffiliationsMembershipsAndTheTeam) {
  Expert e = Someone();
  e.affiliations = {{"org-applicant", "", "scientist", D(2015, 1, 1), D(2024, 6, 30)}};
  auto found = FindConflict(e, Project(), Today());
  ASSERT_TRUE(found);  // ended within three years
  EXPECT_EQ(found->kind, "same_organization");
  EXPECT_THAT(found->detail, HasSubstr("until 2024-06-30"));
  e.affiliations = {{"org-applicant", "", "scientist", D(2010, 1, 1), D(2020, 6, 30)}};
  EXPECT_FALSE(FindConflict(e, Project(), Today()));  // long ago
  ConflictContext member = Today();
  member.member_of = {"org-applicant"};
  EXPECT_TRUE(FindConflict(Someone(), Project(), member));
  Expert li = Someone();
  li.user_id = "user-li";
  EXPECT_EQ(FindConflict(li, Project(), Today())->level, "person");
}

TEST(ConflictTest, ARecentJointProjectOfTheExpertsOrganisation) {
  Expert e = Someone();
  e.affiliations = {{"org-institute", "", "professor", D(2018, 1, 1), std::nullopt}};
  ConflictContext context = Today();
  Collaboration c;
  c.id = "collab-9";
  c.title = {{"en", "Wearable ECG patches"}, {"zh", "可穿戴心电贴"}};
  c.year = 2025;
  c.organizations = {"org-institute", "org-applicant", "org-third"};
  context.collaborations = {c};
  auto found = FindConflict(e, Project(), context);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->kind, "joint_project");
  // Named so that a chair knows which, without the database's id.
  EXPECT_EQ(found->detail, "a joint project with the applicant since 2025: “Wearable ECG patches”");
  context.collaborations[0].year = 2019;  // not recent
  EXPECT_FALSE(FindConflict(e, Project(), context));
}

Review R(std::string project, std::string expert, int score) {
  Review r;
  r.project_id = std::move(project);
  r.expert_id = std::move(expert);
  r.status = "submitted";
  for (const RubricCriterion& c : DefaultRubric()) r.scores[c.id] = score;
  return r;
}

TEST(AggregateTest, WeightsCalibrationAndDisagreement) {
  CommitteeSettings settings;
  Review weighted = R("p", "e", 3);
  weighted.scores["innovation"] = 5;
  settings.rubric[0].weight = 4;  // innovation counts four times: (4×5 + 5×3) / 9
  EXPECT_NEAR(*WeightedScore(weighted, settings.rubric), 35.0 / 9, 1e-9);
  settings = {};
  // "lenient" gives 5 everywhere, "strict" 2; each reviewed both projects.
  std::vector<Review> reviews = {R("a", "lenient", 5), R("a", "strict", 2), R("b", "lenient", 5), R("b", "strict", 3),
                                 R("b", "draft-only", 1)};
  reviews.back().status = "draft";  // drafts do not count
  const std::vector<ProjectScores> scores = AggregateReviews(reviews, settings);
  ASSERT_EQ(scores.size(), 2u);
  EXPECT_EQ(scores[0].project_id, "a");
  EXPECT_EQ(scores[0].submitted, 2);
  EXPECT_NEAR(*scores[0].overall, 3.5, 1e-9);
  EXPECT_TRUE(scores[0].disagreement);  // 5 against 2
  EXPECT_NEAR(scores[0].spread, 3, 1e-9);
  // Leniency: the programme mean is 3.75; lenient +1.25, strict −1.25, each shrunk by 2/4.
  // The project both scored keeps its mean; calibration matters when reviewers differ per project.
  EXPECT_NEAR(*scores[0].calibrated, 3.5, 1e-9);
  EXPECT_NEAR(scores[1].criteria.at("market"), 4, 1e-9);
  // A project reviewed only by the lenient reviewer is pulled down.
  reviews.push_back(R("c", "lenient", 5));
  const auto with_c = AggregateReviews(reviews, settings);
  EXPECT_LT(*with_c[2].calibrated, 5.0);
}

TEST(CommitteeCodecTest, RoundTrips) {
  Expert e = Someone();
  e.expertise = {{"en", "Biosimilar CMC"}, {"ru", "Биоаналоги"}};
  e.languages = {"en", "ru"};
  e.affiliations = {{"org-x", "", "head of QA", D(2020, 1, 1), std::nullopt}};
  e.conflicts = {{"investor_portfolio", "org-y", "", "", D(2027, 1, 1), "fund II"}};
  e.publications = {{"Glycosylation of biosimilars", "Abstract", 2022}};
  auto back = ExpertFromJson(ToJson(e));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, e);
  ReviewProject p = Project();
  p.documents = {{"dossier.pdf", "application/pdf", 1200, std::string(64, 'a')}};
  p.decision = Decision{"accept", "strong", "user-chair", FromUnixMillis(1'700'000'000'000)};
  auto project = ReviewProjectFromJson(ToJson(p));
  ASSERT_TRUE(project.ok()) << project.status().ToString();
  EXPECT_EQ(*project, p);
  Committee c;
  c.programme_id = "prog-1";
  c.members = {"exp-1"};
  c.assignment_state = "published";
  c.assignment = {{"proj-1", "exp-1", 0.5, "assigned", ""}};
  c.published_at = FromUnixMillis(1'700'000'000'000);
  auto committee = CommitteeFromJson(ToJson(c));
  ASSERT_TRUE(committee.ok()) << committee.status().ToString();
  EXPECT_EQ(*committee, c);
  Review r = R("proj-1", "exp-1", 4);
  r.recommendation = "accept";
  r.submitted_at = FromUnixMillis(1'700'000'000'000);
  auto review = ReviewFromJson(ToJson(r));
  ASSERT_TRUE(review.ok());
  EXPECT_EQ(*review, r);
}

TEST(CommitteeValidationTest, NamesTheField) {
  const Taxonomies& t = Taxonomies::Builtin();
  Expert e = Someone();
  EXPECT_TRUE(ValidateExpert(e, t).ok());
  e.conflicts = {{"friendship", "org-x", "", "", std::nullopt, ""}};
  EXPECT_EQ(ValidateExpert(e, t).field(), "conflicts[0].kind");
  e.conflicts = {{"equity", "org-x", "Anna", "", std::nullopt, ""}};
  EXPECT_THAT(ValidateExpert(e, t).message(), HasSubstr("exactly one of organization, person or programme"));
  ReviewProject p = Project();
  EXPECT_TRUE(ValidateReviewProject(p, t).ok());
  p.language = "zh";
  EXPECT_THAT(ValidateReviewProject(p, t).message(), HasSubstr("give the title in the project's language (zh)"));
  CommitteeSettings s;
  s.min_load = 7;
  EXPECT_EQ(ValidateCommitteeSettings(s, t).field(), "min_load");
  s = {};
  s.rubric.push_back(s.rubric[0]);
  EXPECT_THAT(ValidateCommitteeSettings(s, t).message(), HasSubstr("'innovation' is listed twice"));
  Review r = R("p", "e", 4);
  r.scores.erase("team");
  r.recommendation = "accept";
  EXPECT_EQ(ValidateReview(r, {}).field(), "scores.team");
  r.status = "draft";
  EXPECT_TRUE(ValidateReview(r, {}).ok());  // a draft may be partial
  r.scores["charisma"] = 3;
  EXPECT_EQ(ValidateReview(r, {}).field(), "scores.charisma");
  EXPECT_EQ(ReviewFromJson(json::object{{"scores", json::object{{"market", 9}}}}).status().field(), "scores.market");
}

}  // namespace
}  // namespace biobridge::domain
