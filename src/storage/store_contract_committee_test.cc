// The storage contract for the expert committee: experts, projects for
// review, committees and reviews.
#include <gmock/gmock.h>

#include "storage/store_contract_test.h"

namespace biobridge::storage {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const Timestamp kT0 = FromUnixMillis(1'780'000'000'000);

WriteContext At(int seconds, std::string actor = "user_chair") {
  return WriteContext{std::move(actor), kT0 + std::chrono::seconds(seconds)};
}

void SeedProgramme(Store& store) {
  for (const char* id : {"org-op", "org-a", "org-b"}) {
    domain::Organization o;
    o.id = id;
    o.name = {{"en", id}};
    o.kind = "company";
    o.country = "CN";
    ASSERT_TRUE(store.CreateOrganization(o, At(0)).ok());
  }
  domain::Programme p;
  p.id = "prog-1";
  p.name = {{"en", "Call"}};
  p.kind = "open_innovation_call";
  p.operator_organization = "org-op";
  ASSERT_TRUE(store.CreateProgramme(p, At(0)).ok());
}

domain::ReviewProject Project(std::string id, std::string organization) {
  domain::ReviewProject p;
  p.id = std::move(id);
  p.programme_id = "prog-1";
  p.organization_id = std::move(organization);
  p.title = {{"en", "Project " + p.id}};
  p.language = "en";
  return p;
}

std::vector<std::string> ProjectIds(const std::vector<domain::ReviewProject>& projects) {
  std::vector<std::string> ids;
  for (const auto& p : projects) ids.push_back(p.id);
  return ids;
}

TEST_P(StoreContractTest, CommitteeExpertsAreStoredWholeAndOnePerAccount) {
  domain::User user;
  user.id = "u-expert";
  user.email = "expert@example.org";
  user.display_name = "Expert";
  ASSERT_TRUE(store_->CreateUser(user, "hash", At(0)).ok());
  domain::Expert e;
  e.id = "exp-1";
  e.user_id = "u-expert";
  e.name = "Dr. Expert";
  e.languages = {"en", "zh"};
  e.conflicts = {{"equity", "org-a", "", "", std::nullopt, "shares"}};
  Result<domain::Expert> created = store_->CreateExpert(e, At(1));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->meta.version, 1);
  Result<domain::Expert> read = store_->GetExpert("exp-1");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read, *created);
  EXPECT_EQ(store_->FindExpertOfUser("u-expert")->id, "exp-1");
  EXPECT_EQ(store_->FindExpertOfUser("u-nobody").status().code(), StatusCode::kNotFound);
  // A second profile for the same account, or for no account at all.
  domain::Expert twin = e;
  twin.id = "exp-2";
  EXPECT_EQ(store_->CreateExpert(twin, At(2)).status().field(), "user");
  twin.user_id = "u-missing";
  EXPECT_EQ(store_->CreateExpert(twin, At(2)).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->CreateExpert(e, At(2)).status().code(), StatusCode::kAlreadyExists);
  // Updates go by version, and the audit log records what changed.
  e.name = "Prof. Expert";
  Result<domain::Expert> updated = store_->UpdateExpert(e, 1, At(3));
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->meta.version, 2);
  EXPECT_EQ(store_->UpdateExpert(e, 1, At(4)).status().code(), StatusCode::kAborted);
  auto audit = store_->ListAudit("expert", "exp-1");
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 2u);
  EXPECT_THAT(json::serialize((*audit)[1].changes), HasSubstr("Prof. Expert"));
  auto page = store_->ListExperts({1, 10});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 1);
}

TEST_P(StoreContractTest, CommitteeProjectsCheckTheirReferencesAndListByApplicant) {
  SeedProgramme(*store_);
  ASSERT_TRUE(store_->CreateReviewProject(Project("rp-1", "org-a"), At(1)).ok());
  ASSERT_TRUE(store_->CreateReviewProject(Project("rp-2", "org-b"), At(2)).ok());
  ASSERT_TRUE(store_->CreateReviewProject(Project("rp-3", "org-a"), At(3)).ok());
  EXPECT_EQ(store_->CreateReviewProject(Project("rp-4", "org-zz"), At(4)).status().field(), "organization");
  domain::ReviewProject elsewhere = Project("rp-5", "org-a");
  elsewhere.programme_id = "prog-zz";
  EXPECT_EQ(store_->CreateReviewProject(elsewhere, At(4)).status().field(), "programme");
  EXPECT_THAT(ProjectIds(*store_->ListReviewProjects("prog-1", "")), ElementsAre("rp-1", "rp-2", "rp-3"));
  EXPECT_THAT(ProjectIds(*store_->ListReviewProjects("prog-1", "org-a")), ElementsAre("rp-1", "rp-3"));
  domain::ReviewProject decided = *store_->GetReviewProject("rp-2");
  decided.status = "decided";
  decided.decision = domain::Decision{"accept", "", "user_chair", At(5).at};
  Result<domain::ReviewProject> updated = store_->UpdateReviewProject(decided, 1, At(5));
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(store_->GetReviewProject("rp-2")->decision->outcome, "accept");
  EXPECT_EQ(store_->GetReviewProject("rp-404").status().code(), StatusCode::kNotFound);
}

TEST_P(StoreContractTest, CommitteeOnePerProgrammeReplacedByVersion) {
  SeedProgramme(*store_);
  EXPECT_EQ(store_->GetCommittee("prog-1").status().code(), StatusCode::kNotFound);
  domain::Committee c;
  c.programme_id = "prog-1";
  c.members = {"exp-1", "exp-2"};
  c.settings.reviewers_per_project = 2;
  Result<domain::Committee> created = store_->PutCommittee(c, 0, At(1));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(store_->PutCommittee(c, 0, At(2)).status().code(), StatusCode::kAlreadyExists);
  c.assignment_state = "draft";
  c.assignment = {{"rp-1", "exp-1", 0.42, "assigned", ""}};
  ASSERT_TRUE(store_->PutCommittee(c, 1, At(3)).ok());
  EXPECT_EQ(store_->PutCommittee(c, 1, At(4)).status().code(), StatusCode::kAborted);
  Result<domain::Committee> read = store_->GetCommittee("prog-1");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->meta.version, 2);
  EXPECT_EQ(read->settings.reviewers_per_project, 2);
  ASSERT_EQ(read->assignment.size(), 1u);
  EXPECT_DOUBLE_EQ(read->assignment[0].affinity, 0.42);
  EXPECT_EQ(store_->ListCommittees()->size(), 1u);
  domain::Committee orphan = c;
  orphan.programme_id = "prog-zz";
  EXPECT_EQ(store_->PutCommittee(orphan, 0, At(5)).status().field(), "programme");
}

TEST_P(StoreContractTest, CommitteeReviewsOnePerProjectAndExpert) {
  SeedProgramme(*store_);
  ASSERT_TRUE(store_->CreateReviewProject(Project("rp-1", "org-a"), At(1)).ok());
  ASSERT_TRUE(store_->CreateReviewProject(Project("rp-2", "org-b"), At(1)).ok());
  for (const char* id : {"exp-1", "exp-2"}) {
    domain::Expert e;
    e.id = id;
    e.name = id;
    ASSERT_TRUE(store_->CreateExpert(e, At(1)).ok());
  }
  auto review = [](std::string id, std::string project, std::string expert) {
    domain::Review r;
    r.id = std::move(id);
    r.programme_id = "prog-1";
    r.project_id = std::move(project);
    r.expert_id = std::move(expert);
    r.scores = {{"innovation", 4}};
    return r;
  };
  ASSERT_TRUE(store_->CreateReview(review("rv-1", "rp-1", "exp-1"), At(2)).ok());
  ASSERT_TRUE(store_->CreateReview(review("rv-2", "rp-1", "exp-2"), At(3)).ok());
  ASSERT_TRUE(store_->CreateReview(review("rv-3", "rp-2", "exp-1"), At(4)).ok());
  EXPECT_EQ(store_->CreateReview(review("rv-4", "rp-1", "exp-1"), At(5)).status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->CreateReview(review("rv-5", "rp-9", "exp-1"), At(5)).status().field(), "project");
  EXPECT_EQ(store_->CreateReview(review("rv-6", "rp-2", "exp-9"), At(5)).status().field(), "expert");
  auto ids = [](const std::vector<domain::Review>& rs) {
    std::vector<std::string> out;
    for (const auto& r : rs) out.push_back(r.id);
    return out;
  };
  EXPECT_THAT(ids(*store_->ListReviews({.project_id = "rp-1"})), ElementsAre("rv-1", "rv-2"));
  EXPECT_THAT(ids(*store_->ListReviews({.expert_id = "exp-1"})), ElementsAre("rv-1", "rv-3"));
  EXPECT_THAT(ids(*store_->ListReviews({.programme_id = "prog-1", .expert_id = "exp-2"})), ElementsAre("rv-2"));
  domain::Review submitted = *store_->GetReview("rv-1");
  submitted.status = "submitted";
  submitted.submitted_at = At(6).at;
  ASSERT_TRUE(store_->UpdateReview(submitted, 1, At(6)).ok());
  EXPECT_EQ(store_->GetReview("rv-1")->status, "submitted");
  EXPECT_EQ(store_->UpdateReview(submitted, 1, At(7)).status().code(), StatusCode::kAborted);
}

}  // namespace
}  // namespace biobridge::storage
