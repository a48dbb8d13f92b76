// Market-development plans: drafted from the country profiles, the
// organisation's certificates and the matcher; unknowns said, never
// invented; edited against the version read; read only by those it is
// shared with or its visibility admits; exported as escaped HTML.
#include "service/plan_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/service_env.h"

namespace biobridge::service {
namespace {

using domain::MembershipRole;
using ::testing::HasSubstr;

json::value Json(std::string_view text) { return json::parse(text); }

class PlanServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_.Organization("org-cn", "CN", "supplier");
    env_.Organization("org-kz", "KZ", "distributor");
    env_.Organization("org-kz-hosp", "KZ", "hospital");
    env_.Organization("org-ru", "RU", "distributor");
    maker_ = env_.User("li@cn.example", {{"org-cn", MembershipRole::kMember}});
    kz_ = env_.User("aigul@kz.example", {{"org-kz", MembershipRole::kMember}});
    ru_ = env_.User("olga@ru.example", {{"org-ru", MembershipRole::kMember}});
    ASSERT_TRUE(env_.directory.PatchOrganization(kz_, "org-kz", Json(R"({"description": {"ru":
        "Дистрибьютор лекарственных препаратов и шприцев в Казахстане: импорт, регистрация, дистрибуция."},
        "version": 1})").as_object()).ok());
    ASSERT_TRUE(env_.certificates.Create(maker_, "org-cn", Json(R"({"kind": "gmp_nmpa", "issuer": "NMPA",
        "number": "GD-1", "issued_on": "2025-01-01", "expires_on": "2029-01-01"})")).ok());
  }

  PlanView Draft(const std::string& countries) {
    auto plan = env_.plans.Draft(maker_, Json(R"({"organization": "org-cn", "product": "prefilled heparin syringes",
        "product_kind": "drug", "language": "en", "countries": )" + countries + "}"));
    EXPECT_TRUE(plan.ok()) << plan.status().ToString();
    return plan.ok() ? *plan : PlanView{};
  }

  static const json::object& Section(const PlanView& plan, std::string_view country) {
    for (const json::value& s : plan.doc.at("countries").as_array()) {
      if (s.at("country").as_string() == country) return s.as_object();
    }
    static const json::object none;
    ADD_FAILURE() << "no section " << country;
    return none;
  }

  biobridge::testing::ServiceEnv env_;
  Principal maker_, kz_, ru_;
};

TEST_F(PlanServiceTest, KazakhstanAndUzbekistanFromTheProfilesTheCertificatesAndTheMatcher) {
  const PlanView plan = Draft(R"(["KZ", "UZ"])");
  const json::object& kz = Section(plan, "KZ");
  EXPECT_TRUE(kz.at("profile").as_bool());
  // The EAEU route with its months and source, after the representative step (unknown for drugs: kept).
  bool route = false;
  for (const json::value& step : kz.at("steps").as_array()) {
    if (step.at("name").at("en").as_string().starts_with("EAEU registration")) {
      route = true;
      EXPECT_EQ(step.at("months"), Json("[7,7]"));
      EXPECT_THAT(std::string(step.at("source").at("title").as_string()), HasSubstr("Decision No. 78"));
    }
  }
  EXPECT_TRUE(route);
  // The NMPA GMP holds in China only: GMP is missing here, and the kinds that would count are named.
  EXPECT_TRUE(kz.at("certificates").at("counting").as_array().empty());
  const json::object& missing = kz.at("certificates").at("missing").at(0).as_object();
  EXPECT_EQ(missing.at("need"), "gmp");
  EXPECT_THAT(json::serialize(missing.at("kinds")), HasSubstr("gmp_eaeu"));
  EXPECT_THAT(json::serialize(missing.at("kinds")), ::testing::Not(HasSubstr("gmp_nmpa")));
  // Distributors in Kazakhstan through the matcher, with reasons; no Russian one.
  const json::array& roles = kz.at("partners").as_array();
  ASSERT_FALSE(roles.empty());
  EXPECT_EQ(roles[0].at("role"), "distributor");
  ASSERT_FALSE(roles[0].at("candidates").as_array().empty());
  EXPECT_EQ(roles[0].at("candidates").at(0).at("organization"), "org-kz");
  EXPECT_FALSE(roles[0].at("candidates").at(0).at("reasons").as_array().empty());
  EXPECT_THAT(json::serialize(kz.at("partners")), ::testing::Not(HasSubstr("org-ru")));
  // Uzbekistan's profile names no route yet: the plan says so.
  const json::object& uz = Section(plan, "UZ");
  EXPECT_THAT(json::serialize(uz.at("unknown")), HasSubstr("routes"));
  EXPECT_THAT(json::serialize(uz.at("unknown")), HasSubstr("dossier_languages"));
}

TEST_F(PlanServiceTest, ACountryWithoutAProfileIsUnknownNotInvented) {
  const PlanView plan = Draft(R"(["BR"])");
  const json::object& br = Section(plan, "BR");
  EXPECT_FALSE(br.at("profile").as_bool());
  EXPECT_THAT(json::serialize(br.at("unknown")), HasSubstr("routes"));
  ASSERT_EQ(br.at("steps").as_array().size(), 1u);  // only the market entry the plan itself adds
  for (const json::value& step : br.at("steps").as_array()) EXPECT_TRUE(step.at("months").is_null());
}

TEST_F(PlanServiceTest, BadInputNamesTheField) {
  auto field_of = [&](const char* body) { return env_.plans.Draft(maker_, Json(body)).status().field(); };
  EXPECT_EQ(field_of(R"({"organization": "org-cn", "product": "x", "product_kind": "drug", "countries": ["KZ", "XX"]})"),
            "countries[1]");
  EXPECT_EQ(field_of(R"({"organization": "org-cn", "product": "x", "product_kind": "food", "countries": ["KZ"]})"),
            "product_kind");
  EXPECT_EQ(field_of(R"({"organization": "org-cn", "product": "x", "product_kind": "drug", "countries": []})"), "countries");
  EXPECT_EQ(env_.plans.Draft(ru_, Json(R"({"organization": "org-cn", "product": "x", "product_kind": "drug",
      "countries": ["KZ"]})")).status().code(), StatusCode::kPermissionDenied);
}

TEST_F(PlanServiceTest, EditedSharedReadAndExportedAsItsOwnerChooses) {
  const PlanView plan = Draft(R"(["KZ"])");
  // Private: only its organisation.
  EXPECT_EQ(env_.plans.Get(kz_, plan.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(env_.plans.Get(Principal::Anonymous(), plan.id).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(env_.plans.ListOf(kz_, "org-cn")->empty());
  // Shared with the Kazakh distributor: it reads it, does not edit it, does not see who else has it.
  auto shared = env_.plans.Share(maker_, plan.id, "org-kz", true);
  ASSERT_TRUE(shared.ok()) << shared.status().ToString();
  EXPECT_EQ(shared->shared_with, std::vector<std::string>{"org-kz"});
  auto read = env_.plans.Get(kz_, plan.id);
  ASSERT_TRUE(read.ok());
  EXPECT_TRUE(read->shared_with.empty());
  EXPECT_FALSE(read->mine);
  EXPECT_EQ(env_.plans.SharedWith(kz_)->size(), 1u);
  EXPECT_EQ(env_.plans.Update(kz_, plan.id, Json(R"({"version": 1, "title": "mine now"})")).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(env_.plans.Get(ru_, plan.id).status().code(), StatusCode::kNotFound);
  // Edited against the version read; a stale edit refused; a bad step named.
  auto edited = env_.plans.Update(maker_, plan.id, Json(R"({"version": 1, "title": "Heparin <b>2027</b>",
      "countries": [{"country": "KZ", "notes": "Start with Almaty"}]})"));
  ASSERT_TRUE(edited.ok()) << edited.status().ToString();
  EXPECT_EQ(edited->version, 2);
  EXPECT_EQ(env_.plans.Update(maker_, plan.id, Json(R"({"version": 1, "title": "x"})")).status().code(),
            StatusCode::kAborted);
  EXPECT_EQ(env_.plans.Update(maker_, plan.id, Json(R"({"version": 2, "countries": [{"country": "KZ",
      "steps": [{"name": {"en": "Register"}, "months": [9, 3]}]}]})")).status().field(), "countries[0].steps[0].months");
  EXPECT_EQ(env_.plans.Update(maker_, plan.id, Json(R"({"version": 2, "countries": [{"country": "UZ"}]})")).status().field(),
            "countries[0].country");
  // Public: anyone reads it.
  ASSERT_TRUE(env_.plans.Update(maker_, plan.id, Json(R"({"version": 2, "visibility": "public"})")).ok());
  EXPECT_TRUE(env_.plans.Get(Principal::Anonymous(), plan.id).ok());
  // The export escapes what members wrote.
  auto html = env_.plans.ExportHtml(kz_, plan.id, "ru");
  ASSERT_TRUE(html.ok());
  EXPECT_THAT(*html, HasSubstr("Heparin &lt;b&gt;2027&lt;/b&gt;"));
  EXPECT_THAT(*html, HasSubstr("Казахстан"));
  EXPECT_THAT(*html, HasSubstr("Start with Almaty"));
  EXPECT_EQ(env_.plans.Delete(kz_, plan.id, 3).code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(env_.plans.Delete(maker_, plan.id, 3).ok());
  EXPECT_EQ(env_.plans.Get(maker_, plan.id).status().code(), StatusCode::kNotFound);
}

TEST_F(PlanServiceTest, TheCommitteesDecisionAndRecommendationsBecomePartOfThePlan) {
  env_.Organization("org-op", "CN", "association");
  env_.Programme("prog-sco", "org-op", "SCO Biomedicine Expert Committee");
  const Principal chair = env_.User("chair@op.example", {{"org-op", MembershipRole::kAdmin}});
  const PlanView plan = Draft(R"(["KZ", "UZ"])");
  EXPECT_EQ(env_.plans.SubmitForReview(kz_, plan.id, "prog-sco").status().code(), StatusCode::kNotFound);  // not theirs
  Result<std::string> project = env_.plans.SubmitForReview(maker_, plan.id, "prog-sco");
  ASSERT_TRUE(project.ok()) << project.status().ToString();
  auto submitted = env_.committee.GetProject(chair, *project);
  ASSERT_TRUE(submitted.ok()) << submitted.status().ToString();
  const std::string summary = *submitted->project.summary.Find("en");
  EXPECT_THAT(summary, HasSubstr("KZ:"));
  EXPECT_THAT(summary, HasSubstr("Missing: gmp"));
  EXPECT_THAT(summary, HasSubstr("Unknown:"));
  // Another organisation's plan cannot be named in a project.
  EXPECT_EQ(env_.committee.SubmitProject(kz_, "prog-sco", Json(R"({"organization": "org-kz", "title": {"en": "x"},
      "summary": {"en": "y"}, "language": "en", "plan": ")" + plan.id + R"("})").as_object()).status().field(), "plan");

  // The committee scores prospects on the shipped rubric for plans.
  const Principal reviewer = env_.User("expert@sco.example");
  ASSERT_TRUE(env_.committee.CreateExpert(reviewer, Json(R"({"id": "e-kz", "name": "Aigerim Sadykova",
      "expertise": {"en": "Market access and drug registration in Kazakhstan and the EAEU"}, "languages": ["en", "ru"]})").as_object()).ok());
  EXPECT_EQ(env_.committee.PutCommittee(chair, "prog-sco", Json(R"({"members": ["e-kz"],
      "settings": {"rubric_preset": "marketing"}})").as_object()).status().field(), "settings.rubric_preset");
  auto committee = env_.committee.PutCommittee(chair, "prog-sco", Json(R"({"members": ["e-kz"],
      "settings": {"rubric_preset": "prospects", "reviewers_per_project": 1}})").as_object());
  ASSERT_TRUE(committee.ok()) << committee.status().ToString();
  ASSERT_EQ(committee->settings.rubric.size(), 5u);
  EXPECT_EQ(committee->settings.rubric[3].id, "partners");
  auto draft = env_.committee.DraftAssignment(chair, "prog-sco", Json("{}").as_object());
  ASSERT_TRUE(draft.ok()) << draft.status().ToString();
  ASSERT_TRUE(env_.committee.PublishAssignment(chair, "prog-sco", draft->meta.version).ok());
  auto scored = env_.committee.SaveReview(reviewer, *project, Json(R"({"scores": {"market": 4,
      "regulatory": 2, "supply_chain": 3, "partners": 5, "team": 4}, "strengths": "A named distributor",
      "risks": "No EAEU GMP yet", "recommendation": "revise", "status": "submitted"})").as_object());
  ASSERT_TRUE(scored.ok()) << scored.status().ToString();

  auto decided = env_.committee.Decide(chair, *project, Json(R"({"version": 1, "outcome": "revise",
      "note": "Secure EAEU GMP first; start with Kazakhstan through a distributor."})").as_object());
  ASSERT_TRUE(decided.ok()) << decided.status().ToString();
  const PlanView reviewed = *env_.plans.Get(maker_, plan.id);
  const json::object& review = reviewed.doc.at("committee_review").as_object();
  EXPECT_EQ(review.at("outcome"), "revise");
  EXPECT_THAT(std::string(review.at("recommendations").as_string()), HasSubstr("EAEU GMP"));
  EXPECT_EQ(review.at("reviews"), 1);
  EXPECT_DOUBLE_EQ(review.at("overall").to_number<double>(), 3.6);
  const json::array& criteria = review.at("criteria").as_array();
  ASSERT_EQ(criteria.size(), 5u);
  EXPECT_EQ(criteria[1].at("id"), "regulatory");
  EXPECT_DOUBLE_EQ(criteria[1].at("mean").to_number<double>(), 2.0);
  EXPECT_EQ(criteria[3].at("name").at("ru"), "Партнёры");
  // What one reviewer wrote stays in the committee's report, not in the plan.
  EXPECT_EQ(json::serialize(review).find("No EAEU GMP yet"), std::string::npos);
  EXPECT_EQ(reviewed.version, plan.version + 1);
  auto html = env_.plans.ExportHtml(maker_, plan.id, "ru");
  ASSERT_TRUE(html.ok());
  EXPECT_THAT(*html, HasSubstr("Заключение комитета"));
  EXPECT_THAT(*html, HasSubstr("<td>Партнёры</td><td>5.0</td>"));
  EXPECT_THAT(*html, HasSubstr("Secure EAEU GMP first"));
}

}  // namespace
}  // namespace biobridge::service
