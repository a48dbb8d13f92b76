#include "service/pipeline_service.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/service_env.h"

namespace biobridge::service {
namespace {

using domain::DealStage;
using domain::InterestStatus;
using ::testing::HasSubstr;

json::object Json(std::string_view text) { return json::parse(text).as_object(); }

// org-cn (a device maker) takes an interest in org-ru's request; org-kz looks on.
class PipelineServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_.Organization("org-cn", "CN", "company");
    env_.Organization("org-ru", "RU", "hospital");
    env_.Organization("org-kz", "KZ", "distributor");
    cn_ = env_.User("cn@example.cn", {{"org-cn", domain::MembershipRole::kAdmin}});
    ru_ = env_.User("ru@example.ru", {{"org-ru", domain::MembershipRole::kMember}});
    kz_ = env_.User("kz@example.kz", {{"org-kz", domain::MembershipRole::kAdmin}});
    ASSERT_TRUE(env_.directory
                    .CreateOpportunity(ru_, Json(R"({"id": "opp-ru", "organization": "org-ru", "direction": "request",
                        "cooperation": ["clinical_trial"], "title": {"ru": "Ищем производителя реабилитационных роботов"}})"))
                    .ok());
    ASSERT_TRUE(env_.directory
                    .CreateOpportunity(ru_, Json(R"({"id": "opp-ru-cda", "organization": "org-ru", "direction": "request",
                        "cooperation": ["clinical_trial"], "title": {"ru": "Закрытый запрос"}, "confidentiality": "cda"})"))
                    .ok());
  }

  domain::Interest Express() {
    Result<domain::Interest> interest = env_.pipeline.ExpressInterest(
        cn_, Json(R"({"from_organization": "org-cn", "opportunity": "opp-ru", "message": "Our robots fit your trial."})"));
    EXPECT_TRUE(interest.ok()) << interest.status().ToString();
    return interest.ok() ? *interest : domain::Interest{};
  }

  domain::Deal Open() {
    const domain::Interest interest = Express();
    Result<domain::Deal> deal = env_.pipeline.AcceptInterest(ru_, interest.id, interest.meta.version);
    EXPECT_TRUE(deal.ok()) << deal.status().ToString();
    return deal.ok() ? *deal : domain::Deal{};
  }

  Result<domain::Deal> Move(const Principal& who, const std::string& id, std::string_view body) {
    return env_.pipeline.MoveDeal(who, id, Json(body));
  }

  Result<domain::Deal> Sign(const Principal& who, const std::string& id, const std::string& organization) {
    return env_.pipeline.AcceptAgreement(
        who, id, Json(fmt::format(R"({{"organization": "{}", "agreement_version": "cda-v1"}})", organization)));
  }

  biobridge::testing::ServiceEnv env_;
  Principal cn_, ru_, kz_;
};

TEST_F(PipelineServiceTest, AnInterestGoesToTheOwnerOfTheOpportunity) {
  const domain::Interest interest = Express();
  EXPECT_EQ(interest.to_organization, "org-ru");
  EXPECT_EQ(interest.status, InterestStatus::kPending);
  EXPECT_EQ(env_.pipeline.ListInterests(ru_, "org-ru", storage::InterestSide::kReceived, {1, 20})->total, 1);
  // Outsiders do not learn that it exists.
  EXPECT_EQ(env_.pipeline.GetInterest(kz_, interest.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(env_.pipeline.ListInterests(kz_, "org-ru", storage::InterestSide::kBoth, {1, 20}).status().code(),
            StatusCode::kPermissionDenied);
}

TEST_F(PipelineServiceTest, BadInterestsAreRefusedWithTheFieldAtFault) {
  auto express = [&](const Principal& who, std::string_view body) {
    return env_.pipeline.ExpressInterest(who, Json(body)).status();
  };
  EXPECT_EQ(express(Principal::Anonymous(), R"({"from_organization": "org-cn", "organization": "org-ru", "message": "x"})")
                .code(),
            StatusCode::kUnauthenticated);
  EXPECT_EQ(express(kz_, R"({"from_organization": "org-cn", "organization": "org-ru", "message": "x"})").code(),
            StatusCode::kPermissionDenied);  // not on behalf of someone else's organisation
  EXPECT_EQ(express(cn_, R"({"from_organization": "org-cn", "organization": "org-ru"})").field(), "message");
  EXPECT_EQ(express(cn_, R"({"from_organization": "org-cn", "message": "x"})").field(), "opportunity");
  EXPECT_EQ(express(cn_, R"({"from_organization": "org-cn", "organization": "org-cn", "message": "x"})").field(),
            "from_organization");
  EXPECT_EQ(express(cn_, R"({"from_organization": "org-cn", "organization": "org-xx", "message": "x"})").field(),
            "organization");
  EXPECT_EQ(express(cn_, R"({"from_organization": "org-cn", "organization": "org-ru", "message": "x", "fax": 1})")
                .field(),
            "fax");
  // An opportunity they may not see is not there for them.
  EXPECT_EQ(express(cn_, R"({"from_organization": "org-cn", "opportunity": "opp-ru-cda", "message": "x"})").code(),
            StatusCode::kNotFound);
}

TEST_F(PipelineServiceTest, OnlyTheRecipientDecidesAndADeclineNeedsAReasonFromTheList) {
  const domain::Interest interest = Express();
  EXPECT_EQ(env_.pipeline.AcceptInterest(cn_, interest.id, 1).status().code(), StatusCode::kPermissionDenied);
  Status no_reason = env_.pipeline.DeclineInterest(ru_, interest.id, 1, "meh", "").status();
  EXPECT_EQ(no_reason.field(), "reason");
  EXPECT_THAT(no_reason.message(), HasSubstr("too_early, benefit_unclear, route_to_market_unclear"));
  Result<domain::Interest> declined = env_.pipeline.DeclineInterest(ru_, interest.id, 1, "too_early", "After phase 2");
  ASSERT_TRUE(declined.ok());
  EXPECT_EQ(declined->status, InterestStatus::kDeclined);
  EXPECT_EQ(env_.pipeline.AcceptInterest(ru_, interest.id, 2).status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(PipelineServiceTest, ADealGoesFromContactToAgreementWithTheAgreementSignedByBoth) {
  const domain::Deal deal = Open();
  EXPECT_EQ(deal.stage, DealStage::kContact);
  EXPECT_EQ(deal.initiator, "org-cn");
  EXPECT_EQ(env_.pipeline.GetDeal(kz_, deal.id).status().code(), StatusCode::kNotFound);

  // The CDA stage needs both acceptances.
  Result<domain::Deal> early = Move(cn_, deal.id, R"({"to": "cda"})");
  EXPECT_EQ(early.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(early.status().message(), HasSubstr("confidentiality agreement"));
  ASSERT_TRUE(Sign(ru_, deal.id, "org-ru").ok());
  EXPECT_EQ(Sign(ru_, deal.id, "org-cn").status().code(), StatusCode::kPermissionDenied);  // not theirs to sign
  Result<domain::Deal> signed_deal = Sign(cn_, deal.id, "org-cn");
  ASSERT_TRUE(signed_deal.ok());
  ASSERT_TRUE(signed_deal->HasCda());
  EXPECT_EQ(signed_deal->cda[0].text_sha256, CurrentAgreement().sha256);
  EXPECT_EQ(CurrentAgreement().sha256.size(), 64u);

  for (const char* stage : {"cda", "evaluation", "intention", "agreement"}) {
    Result<domain::Deal> moved = Move(cn_, deal.id, fmt::format(R"({{"to": "{}", "note": "on to {}"}})", stage, stage));
    ASSERT_TRUE(moved.ok()) << stage << ": " << moved.status().ToString();
    EXPECT_EQ(domain::DealStageName(moved->stage), stage);
  }
  const domain::Deal done = *env_.pipeline.GetDeal(ru_, deal.id);
  ASSERT_EQ(done.moves.size(), 5u);
  EXPECT_EQ(done.moves.back().note, "on to agreement");
  EXPECT_EQ(done.moves.back().actor, cn_.user()->id);

  // Illegal moves are refused, saying what is allowed.
  Result<domain::Deal> skip = Move(ru_, deal.id, R"({"to": "contact"})");
  EXPECT_THAT(skip.status().message(), HasSubstr("it can move to: implementation, intention, closed"));
  EXPECT_EQ(Move(ru_, deal.id, R"({"to": "closed"})").status().field(), "reason");
  EXPECT_EQ(Move(ru_, deal.id, R"({"to": "signed"})").status().field(), "to");
  EXPECT_EQ(Move(ru_, deal.id, R"({"to": "implementation", "version": 2})").status().code(), StatusCode::kAborted);
  EXPECT_EQ(Move(kz_, deal.id, R"({"to": "implementation"})").status().code(), StatusCode::kNotFound);
}

TEST_F(PipelineServiceTest, AnOldAgreementVersionIsRefused) {
  const domain::Deal deal = Open();
  Result<domain::Deal> old = env_.pipeline.AcceptAgreement(
      ru_, deal.id, Json(R"({"organization": "org-ru", "agreement_version": "cda-v0"})"));
  EXPECT_EQ(old.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(old.status().message(), HasSubstr("read it again"));
}

TEST_F(PipelineServiceTest, TheFunnelOfAnOrganisationCountsItsDeals) {
  const domain::Deal first = Open();
  ASSERT_TRUE(Move(ru_, first.id, R"({"to": "closed", "reason": "no_fit"})").ok());
  ASSERT_TRUE(env_.pipeline
                  .ExpressInterest(kz_, Json(R"({"from_organization": "org-kz", "organization": "org-ru",
                                                 "message": "We distribute in Kazakhstan."})"))
                  .ok());
  Result<domain::Funnel> funnel = env_.pipeline.OrganizationFunnel(ru_, "org-ru");
  ASSERT_TRUE(funnel.ok());
  EXPECT_EQ(funnel->deals, 1);  // an interest not yet accepted is no deal
  EXPECT_EQ(funnel->closed, 1);
  EXPECT_EQ(funnel->closed_by_reason.at("no_fit"), 1);
  EXPECT_EQ(funnel->stages[0].reached, 1);
  EXPECT_EQ(env_.pipeline.OrganizationFunnel(kz_, "org-ru").status().code(), StatusCode::kPermissionDenied);
}

TEST_F(PipelineServiceTest, AProgrammesOperatorSeesItsDealsAndAnalytics) {
  // org-kz runs the programme; org-ru's request is in it.
  Result<domain::Programme> programme = env_.pipeline.CreateProgramme(
      kz_, Json(R"({"id": "prog-1", "name": {"en": "Rehabilitation exchange"}, "kind": "bilateral_centre",
                  "operator": "org-kz"})"));
  ASSERT_TRUE(programme.ok()) << programme.status().ToString();
  EXPECT_EQ(env_.pipeline.CreateProgramme(kz_, Json(R"({"name": {"en": "X"}, "kind": "bazaar", "operator": "org-kz"})"))
                .status()
                .field(),
            "kind");
  EXPECT_EQ(env_.pipeline.CreateProgramme(cn_, Json(R"({"name": {"en": "X"}, "kind": "other", "operator": "org-kz"})"))
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  ASSERT_TRUE(env_.pipeline.AddProgrammeOpportunity(kz_, "prog-1", "opp-ru").ok());
  EXPECT_EQ(env_.pipeline.AddProgrammeOpportunity(cn_, "prog-1", "opp-ru").code(), StatusCode::kPermissionDenied);
  // The operator cannot add what it may not see.
  EXPECT_EQ(env_.pipeline.AddProgrammeOpportunity(kz_, "prog-1", "opp-ru-cda").field(), "opportunity");

  const domain::Deal deal = Open();  // org-cn's interest in opp-ru, opened on the clock's day
  EXPECT_EQ(deal.programme_id, "prog-1");
  // The operator reads it but does not move it.
  EXPECT_TRUE(env_.pipeline.GetDeal(kz_, deal.id).ok());
  EXPECT_EQ(Move(kz_, deal.id, R"({"to": "closed", "reason": "no_fit"})").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(env_.pipeline.ProgrammeDeals(kz_, "prog-1", {1, 20})->total, 1);
  EXPECT_EQ(env_.pipeline.ProgrammeDeals(cn_, "prog-1", {1, 20}).status().code(), StatusCode::kPermissionDenied);

  ASSERT_TRUE(Sign(ru_, deal.id, "org-ru").ok());
  ASSERT_TRUE(Sign(cn_, deal.id, "org-cn").ok());
  for (const char* stage : {"cda", "evaluation", "intention", "agreement"}) {
    ASSERT_TRUE(Move(ru_, deal.id, fmt::format(R"({{"to": "{}"}})", stage)).ok());
  }
  Result<Analytics> all = env_.pipeline.ProgrammeAnalytics(kz_, "prog-1", std::nullopt, std::nullopt);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(all->funnel.deals, 1);
  ASSERT_EQ(all->flows.size(), 1u);
  EXPECT_EQ(all->flows[0].from_country, "CN");
  EXPECT_EQ(all->flows[0].to_country, "RU");
  EXPECT_EQ(all->flows[0].agreements, 1);
  // opp-ru names no area: no area activity.
  EXPECT_TRUE(all->areas.empty());
  // A period that ends before the deal opened counts nothing.
  const Timestamp opened = deal.moves.front().at;
  Result<Analytics> before = env_.pipeline.ProgrammeAnalytics(kz_, "prog-1", std::nullopt, opened);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->funnel.deals, 0);
  EXPECT_TRUE(before->flows.empty());
  EXPECT_EQ(env_.pipeline.ProgrammeAnalytics(kz_, "prog-1", opened, opened).status().field(), "to");
  EXPECT_EQ(env_.pipeline.ProgrammeAnalytics(ru_, "prog-1", std::nullopt, std::nullopt).status().code(),
            StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace biobridge::service
