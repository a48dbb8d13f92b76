#include "service/pipeline_service.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/service_env.h"
#include "storage/store.h"

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

TEST_F(PipelineServiceTest, ThePartiesNameADealItsValueNextStepAndContact) {
  const domain::Deal deal = Open();
  // Named after the opportunity when it opened.
  EXPECT_EQ(deal.details.title, "Ищем производителя реабилитационных роботов");
  auto update = [&](const Principal& who, std::string_view body) {
    return env_.pipeline.UpdateDealDetails(who, deal.id, Json(body));
  };
  const std::string ru_id = ru_.user()->id;
  Result<domain::Deal> named = update(cn_, fmt::format(R"({{"title": "Robots for the Moscow trial",
      "value": {{"amount": 250000, "currency": "usd"}}, "next_step": "Send the CE dossier", "due": "2027-01-15",
      "contact": "{}", "version": {}}})", ru_id, deal.meta.version));
  ASSERT_TRUE(named.ok()) << named.status().ToString();
  EXPECT_EQ(named->details.title, "Robots for the Moscow trial");
  EXPECT_EQ(named->details.value, 250000);
  EXPECT_EQ(named->details.currency, "USD");
  EXPECT_EQ(named->details.due, (Date{2027, 1, 15}));
  EXPECT_EQ(named->details.contact, ru_id);
  EXPECT_EQ(named->details.contact_name, ru_.user()->display_name.empty() ? "ru@example.ru" : ru_.user()->display_name);
  const std::int64_t v = named->meta.version;
  // A field left out keeps its value; null clears.
  Result<domain::Deal> cleared = update(ru_, fmt::format(R"({{"value": null, "version": {}}})", v));
  ASSERT_TRUE(cleared.ok()) << cleared.status().ToString();
  EXPECT_FALSE(cleared->details.value.has_value());
  EXPECT_EQ(cleared->details.next_step, "Send the CE dossier");
  const std::int64_t w = cleared->meta.version;
  // Bad input names its field and changes nothing.
  EXPECT_EQ(update(cn_, fmt::format(R"({{"contact": "{}", "version": {}}})", kz_.user()->id, w)).status().field(), "contact");
  EXPECT_EQ(update(cn_, fmt::format(R"({{"contact": "no-such-user", "version": {}}})", w)).status().field(), "contact");
  EXPECT_EQ(update(cn_, fmt::format(R"({{"value": {{"amount": 5, "currency": "dollars"}}, "version": {}}})", w)).status().field(),
            "value.currency");
  EXPECT_EQ(update(cn_, fmt::format(R"({{"value": {{"amount": -5, "currency": "USD"}}, "version": {}}})", w)).status().field(),
            "value.amount");
  EXPECT_EQ(update(cn_, fmt::format(R"({{"due": "15.01.2027", "version": {}}})", w)).status().field(), "due");
  EXPECT_EQ(update(cn_, fmt::format(R"({{"title": "{}", "version": {}}})", std::string(201, 'x'), w)).status().field(), "title");
  EXPECT_EQ(update(cn_, fmt::format(R"({{"colour": "red", "version": {}}})", w)).status().field(), "colour");
  EXPECT_EQ(update(cn_, R"({"title": "x"})").status().field(), "version");
  EXPECT_EQ(update(cn_, fmt::format(R"({{"title": "x", "version": {}}})", w - 1)).status().code(), StatusCode::kAborted);
  EXPECT_EQ(env_.store().GetDeal(deal.id)->meta.version, w);
  // Nobody else writes, or learns the deal exists.
  EXPECT_EQ(update(kz_, fmt::format(R"({{"title": "x", "version": {}}})", w)).status().code(), StatusCode::kNotFound);
}

TEST_F(PipelineServiceTest, AProgrammesOperatorSeesADealsTitleButNotWhatThePartiesKeepToThemselves) {
  env_.Programme("prog-1", "org-kz");
  Result<std::optional<domain::Invitation>> asked = env_.pipeline.AddProgrammeOpportunity(kz_, "prog-1", "opp-ru");
  ASSERT_TRUE(asked.ok() && asked->has_value());
  ASSERT_TRUE(env_.invitations.Accept(ru_, (*asked)->id, Json(R"({"version": 1})")).ok());
  Result<domain::Interest> interest = env_.pipeline.ExpressInterest(
      cn_, Json(R"({"from_organization": "org-cn", "opportunity": "opp-ru", "message": "Hello", "programme": "prog-1"})"));
  ASSERT_TRUE(interest.ok());
  Result<domain::Deal> deal = env_.pipeline.AcceptInterest(ru_, interest->id, interest->meta.version);
  ASSERT_TRUE(deal.ok());
  ASSERT_TRUE(env_.pipeline
                  .UpdateDealDetails(ru_, deal->id, Json(fmt::format(R"({{"title": "Trial robots",
                      "value": {{"amount": 900000, "currency": "EUR"}}, "next_step": "Price list", "due": "2027-02-01",
                      "contact": "{}", "version": {}}})", ru_.user()->id, deal->meta.version)))
                  .ok());
  for (const domain::Deal& seen : {*env_.pipeline.GetDeal(kz_, deal->id), env_.pipeline.ProgrammeDeals(kz_, "prog-1", {1, 20})->items.at(0)}) {
    EXPECT_EQ(seen.details, (domain::DealDetails{.title = "Trial robots"}));
  }
  EXPECT_EQ(env_.pipeline.GetDeal(cn_, deal->id)->details.value, 900000);
  // A platform admin reads the organisation's deals, titles only; its members read them whole.
  const Principal admin = env_.Admin();
  EXPECT_EQ(env_.pipeline.GetDeal(admin, deal->id)->details, (domain::DealDetails{.title = "Trial robots"}));
  EXPECT_EQ(env_.pipeline.ListDeals(admin, "org-ru", {1, 20})->items.at(0).details,
            (domain::DealDetails{.title = "Trial robots"}));
  EXPECT_EQ(env_.pipeline.ListDeals(ru_, "org-ru", {1, 20})->items.at(0).details.next_step, "Price list");
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

TEST_F(PipelineServiceTest, OnlyPlatformAdminsCreateProgrammes) {
  // Regression (issue 15, finding 1): any account could make itself a
  // programme's operator by creating the programme.
  EXPECT_EQ(env_.pipeline.CreateProgramme(kz_, Json(R"({"id": "prog-mine", "name": {"en": "Mine"}, "kind": "other",
                                                      "operator": "org-kz"})"))
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  // Refused before the body is read: what it says changes nothing.
  EXPECT_EQ(env_.pipeline.CreateProgramme(kz_, Json(R"({"kind": "bazaar"})")).status().code(),
            StatusCode::kPermissionDenied);
  const Principal admin = env_.Admin();
  EXPECT_EQ(env_.pipeline.CreateProgramme(admin, Json(R"({"name": {"en": "X"}, "kind": "bazaar", "operator": "org-kz"})"))
                .status()
                .field(),
            "kind");
  Result<domain::Programme> made = env_.pipeline.CreateProgramme(
      admin, Json(R"({"id": "prog-kz", "name": {"en": "Kazakh exchange"}, "kind": "bilateral_centre", "operator": "org-kz"})"));
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ(made->operator_organization, "org-kz");
}

TEST_F(PipelineServiceTest, AnOpportunityJoinsAProgrammeOnlyWithItsOwnersConsent) {
  env_.Programme("prog-1", "org-kz");
  // The operator asks; nothing is placed until org-ru accepts.
  Result<std::optional<domain::Invitation>> asked = env_.pipeline.AddProgrammeOpportunity(kz_, "prog-1", "opp-ru");
  ASSERT_TRUE(asked.ok()) << asked.status().ToString();
  ASSERT_TRUE(asked->has_value());
  EXPECT_EQ((*asked)->kind, "programme_opportunity");
  EXPECT_EQ((*asked)->invitee_organization, "org-ru");
  EXPECT_TRUE(env_.store().ListProgrammeOpportunities("prog-1")->empty());
  // Neither side: refused; what the operator may not see: named as not found.
  EXPECT_EQ(env_.pipeline.AddProgrammeOpportunity(cn_, "prog-1", "opp-ru").status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(env_.pipeline.AddProgrammeOpportunity(kz_, "prog-1", "opp-ru-cda").status().field(), "opportunity");
  // The operator cannot answer for the owner; the owner can.
  const json::object version = Json(R"({"version": 1})");
  EXPECT_EQ(env_.invitations.Accept(kz_, (*asked)->id, version).status().code(), StatusCode::kPermissionDenied);
  Result<std::vector<InvitationView>> mine = env_.invitations.Mine(ru_);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->front().target_name, "Programme prog-1");
  ASSERT_TRUE(env_.invitations.Accept(ru_, (*asked)->id, version).ok());
  EXPECT_THAT(*env_.store().ListProgrammeOpportunities("prog-1"), ::testing::ElementsAre("opp-ru"));
  // In already: nothing to ask.
  EXPECT_FALSE(env_.pipeline.AddProgrammeOpportunity(kz_, "prog-1", "opp-ru")->has_value());

  // The owner may apply to a programme; its operator consents.
  env_.Programme("prog-2", "org-kz");
  Result<std::optional<domain::Invitation>> applied = env_.pipeline.AddProgrammeOpportunity(ru_, "prog-2", "opp-ru-cda");
  ASSERT_TRUE(applied.ok() && applied->has_value());
  EXPECT_EQ((*applied)->invitee_organization, "org-kz");
  ASSERT_TRUE(env_.invitations.Accept(kz_, (*applied)->id, version).ok());
  EXPECT_THAT(*env_.store().ListProgrammeOpportunities("prog-2"), ::testing::ElementsAre("opp-ru-cda"));
}

TEST_F(PipelineServiceTest, ADealBelongsToTheProgrammeItsInterestNamedNeverToAnAlphabeticalFirst) {
  // Regression (issue 15, finding 1): a programme named "aaa-…" that claimed
  // another organisation's opportunity took its deals from the legitimate one.
  env_.Programme("prog-legit", "org-kz");
  ASSERT_TRUE(env_.pipeline.AddProgrammeOpportunity(env_.Admin("both@example.org", {{"org-kz", domain::MembershipRole::kMember},
                                                                                 {"org-ru", domain::MembershipRole::kMember}}),
                                                    "prog-legit", "opp-ru")
                  .ok());
  const Principal attacker = env_.User("attacker@example.org", {{"org-cn", domain::MembershipRole::kMember}});
  env_.Programme("aaa-hijack", "org-cn");  // say a platform admin did set one up for org-cn
  ASSERT_TRUE(env_.pipeline.AddProgrammeOpportunity(attacker, "aaa-hijack", "opp-ru").ok());  // only asks
  EXPECT_THAT(*env_.store().ProgrammesOfOpportunity("opp-ru"), ::testing::ElementsAre("prog-legit"));

  // Naming a programme the opportunity is not in is refused.
  EXPECT_EQ(env_.pipeline
                .ExpressInterest(kz_, Json(R"({"from_organization": "org-kz", "opportunity": "opp-ru",
                                               "message": "Hello", "programme": "aaa-hijack"})"))
                .status()
                .field(),
            "programme");
  Result<domain::Interest> through = env_.pipeline.ExpressInterest(
      kz_, Json(R"({"from_organization": "org-kz", "opportunity": "opp-ru", "message": "Hello", "programme": "prog-legit"})"));
  ASSERT_TRUE(through.ok()) << through.status().ToString();
  Result<domain::Deal> deal = env_.pipeline.AcceptInterest(ru_, through->id, through->meta.version);
  ASSERT_TRUE(deal.ok());
  EXPECT_EQ(deal->programme_id, "prog-legit");
  EXPECT_EQ(env_.pipeline.GetDeal(attacker, deal->id).status().code(), StatusCode::kNotFound);
  // Without a programme named, the deal belongs to none.
  Result<domain::Interest> plain = env_.pipeline.ExpressInterest(
      kz_, Json(R"({"from_organization": "org-kz", "opportunity": "opp-ru", "message": "Hi"})"));
  ASSERT_TRUE(plain.ok());
  Result<domain::Deal> unfiled = env_.pipeline.AcceptInterest(ru_, plain->id, plain->meta.version);
  ASSERT_TRUE(unfiled.ok());
  EXPECT_EQ(unfiled->programme_id, "");
  EXPECT_EQ(env_.pipeline.GetDeal(attacker, unfiled->id).status().code(), StatusCode::kNotFound);
}

TEST_F(PipelineServiceTest, AProgrammesOperatorSeesItsDealsAndAnalytics) {
  // org-kz runs the programme; org-ru's request is in it, with org-ru's consent.
  env_.Programme("prog-1", "org-kz");
  Result<std::optional<domain::Invitation>> asked = env_.pipeline.AddProgrammeOpportunity(kz_, "prog-1", "opp-ru");
  ASSERT_TRUE(asked.ok() && asked->has_value());
  ASSERT_TRUE(env_.invitations.Accept(ru_, (*asked)->id, Json(R"({"version": 1})")).ok());

  Result<domain::Interest> interest = env_.pipeline.ExpressInterest(
      cn_, Json(R"({"from_organization": "org-cn", "opportunity": "opp-ru", "message": "Our robots fit your trial.",
                    "programme": "prog-1"})"));
  ASSERT_TRUE(interest.ok()) << interest.status().ToString();
  Result<domain::Deal> accepted = env_.pipeline.AcceptInterest(ru_, interest->id, interest->meta.version);
  ASSERT_TRUE(accepted.ok());
  const domain::Deal deal = *accepted;  // opened on the clock's day
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
  // opp-ru names no area: the deal counts under none named, as in the flows.
  ASSERT_EQ(all->areas.size(), 1u);
  EXPECT_EQ(all->areas[0].area, "");
  EXPECT_EQ(all->areas[0].deals, 1);
  EXPECT_EQ(all->areas[0].agreements, 1);
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
