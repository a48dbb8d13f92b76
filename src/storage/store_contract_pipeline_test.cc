// The storage contract for contacts and deals: expressions of interest, the
// deals their acceptance opens, moves and agreement acceptances.
#include <gmock/gmock.h>

#include "storage/store_contract_test.h"

namespace biobridge::storage {
namespace {

using domain::CdaAcceptance;
using domain::Deal;
using domain::DealMove;
using domain::DealStage;
using domain::Interest;
using domain::InterestStatus;
using ::testing::HasSubstr;

const Timestamp kT0 = FromUnixMillis(1'780'000'000'000);

WriteContext At(int seconds, std::string actor = "user_alice") {
  return WriteContext{std::move(actor), kT0 + std::chrono::seconds(seconds)};
}

// Three organisations and org-ru's request, which the tests express interest in.
void Seed(Store& store) {
  for (const char* id : {"org-cn", "org-ru", "org-kz"}) {
    domain::Organization o;
    o.id = id;
    o.name = {{"en", std::string("Organisation ") + id}};
    o.kind = "company";
    o.country = "CN";
    ASSERT_TRUE(store.CreateOrganization(o, At(0)).ok());
  }
  domain::Opportunity opp;
  opp.id = "opp-ru";
  opp.organization_id = "org-ru";
  opp.direction = "request";
  opp.cooperation = {"distribution"};
  opp.title = {{"en", "Distributor wanted"}};
  ASSERT_TRUE(store.CreateOpportunity(opp, At(0)).ok());
}

Interest NewInterest(std::string id, std::string from, std::string to, std::string opportunity = {}) {
  Interest i;
  i.id = std::move(id);
  i.from_organization = std::move(from);
  i.to_organization = std::move(to);
  i.opportunity_id = std::move(opportunity);
  i.message = "We distribute in Kazakhstan and Russia.";
  i.created_by = "user_alice";
  return i;
}

Deal NewDeal(std::string id, int seconds) {
  Deal d;
  d.id = std::move(id);
  d.programme_id = "prog-1";
  d.moves.push_back(DealMove{std::nullopt, DealStage::kContact, "user_bob", At(seconds).at, "", ""});
  return d;
}

// An accepted interest of org-cn in opp-ru: the deal "deal-1" at contact.
Deal OpenDeal(Store& store) {
  EXPECT_TRUE(store.CreateInterest(NewInterest("int-1", "org-cn", "org-ru", "opp-ru"), At(1)).ok());
  Result<Deal> deal = store.AcceptInterest("int-1", 1, NewDeal("deal-1", 2), At(2, "user_bob"));
  EXPECT_TRUE(deal.ok()) << deal.status().message();
  return deal.ok() ? *deal : Deal{};
}

DealMove Move(DealStage from, DealStage to, int seconds, std::string reason = {}) {
  return DealMove{from, to, "user_bob", At(seconds).at, "note " + std::string(domain::DealStageName(to)),
                  std::move(reason)};
}

}  // namespace

TEST_P(StoreContractTest, PipelineAnInterestIsStoredPendingWithItsReferencesChecked) {
  Seed(*store_);
  Result<Interest> created = store_->CreateInterest(NewInterest("int-1", "org-cn", "org-ru", "opp-ru"), At(1));
  ASSERT_TRUE(created.ok()) << created.status().message();
  EXPECT_EQ(created->status, InterestStatus::kPending);
  EXPECT_EQ(created->meta.version, 1);
  EXPECT_EQ(*store_->GetInterest("int-1"), *created);

  EXPECT_EQ(store_->CreateInterest(NewInterest("int-2", "org-xx", "org-ru"), At(1)).status().field(),
            "from_organization");
  EXPECT_EQ(store_->CreateInterest(NewInterest("int-2", "org-cn", "org-ru", "opp-none"), At(1)).status().field(),
            "opportunity");
  Status not_theirs = store_->CreateInterest(NewInterest("int-2", "org-cn", "org-kz", "opp-ru"), At(1)).status();
  EXPECT_EQ(not_theirs.field(), "opportunity");
  EXPECT_THAT(not_theirs.message(), HasSubstr("is not one of organization 'org-kz'"));
  // One pending interest per sender and target.
  EXPECT_EQ(store_->CreateInterest(NewInterest("int-2", "org-cn", "org-ru", "opp-ru"), At(1)).status().code(),
            StatusCode::kAlreadyExists);
  // But one in the organisation itself is another target.
  EXPECT_TRUE(store_->CreateInterest(NewInterest("int-3", "org-cn", "org-ru"), At(1)).ok());
}

TEST_P(StoreContractTest, PipelineInterestsAreListedBySide) {
  Seed(*store_);
  ASSERT_TRUE(store_->CreateInterest(NewInterest("int-1", "org-cn", "org-ru", "opp-ru"), At(1)).ok());
  ASSERT_TRUE(store_->CreateInterest(NewInterest("int-2", "org-kz", "org-cn"), At(2)).ok());
  auto ids = [&](InterestSide side) {
    std::vector<std::string> out;
    Result<Page<Interest>> page = store_->ListInterests("org-cn", side, {1, 20});
    if (page.ok()) for (const Interest& i : page->items) out.push_back(i.id);
    return out;
  };
  EXPECT_EQ(ids(InterestSide::kSent), (std::vector<std::string>{"int-1"}));
  EXPECT_EQ(ids(InterestSide::kReceived), (std::vector<std::string>{"int-2"}));
  EXPECT_EQ(ids(InterestSide::kBoth), (std::vector<std::string>{"int-2", "int-1"}));  // newest first
  EXPECT_EQ(store_->ListInterests("org-cn", InterestSide::kBoth, {2, 1})->total, 2);
}

TEST_P(StoreContractTest, PipelineAcceptingOpensADealBetweenTheTwoInOneTransaction) {
  Seed(*store_);
  const Deal deal = OpenDeal(*store_);
  EXPECT_EQ(deal.initiator, "org-cn");
  EXPECT_EQ(deal.recipient, "org-ru");
  EXPECT_EQ(deal.opportunity_id, "opp-ru");
  EXPECT_EQ(deal.interest_id, "int-1");
  EXPECT_EQ(deal.programme_id, "prog-1");
  EXPECT_EQ(deal.stage, DealStage::kContact);
  EXPECT_EQ(*store_->GetDeal("deal-1"), deal);

  const Interest accepted = *store_->GetInterest("int-1");
  EXPECT_EQ(accepted.status, InterestStatus::kAccepted);
  EXPECT_EQ(accepted.deal_id, "deal-1");
  EXPECT_EQ(accepted.decided_by, "user_bob");
  EXPECT_EQ(accepted.meta.version, 2);
  // Decided once only; and a stale version is refused.
  EXPECT_EQ(store_->DeclineInterest("int-1", 2, "too_early", "", At(3)).status().code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(store_->CreateInterest(NewInterest("int-2", "org-kz", "org-ru"), At(3)).ok());
  EXPECT_EQ(store_->AcceptInterest("int-2", 7, NewDeal("deal-2", 4), At(4)).status().code(), StatusCode::kAborted);
  EXPECT_EQ(store_->GetDeal("deal-2").status().code(), StatusCode::kNotFound);  // nothing half-written
}

TEST_P(StoreContractTest, PipelineDecliningKeepsTheReasonAndOpensNoDeal) {
  Seed(*store_);
  ASSERT_TRUE(store_->CreateInterest(NewInterest("int-1", "org-cn", "org-ru"), At(1)).ok());
  Result<Interest> declined = store_->DeclineInterest("int-1", 1, "route_to_market_unclear", "Not in Russia yet", At(2));
  ASSERT_TRUE(declined.ok());
  EXPECT_EQ(declined->status, InterestStatus::kDeclined);
  EXPECT_EQ(declined->decline_reason, "route_to_market_unclear");
  EXPECT_EQ(*store_->GetInterest("int-1"), *declined);
  EXPECT_EQ(store_->ListDeals({}, {1, 20})->total, 0);
  // Declined, the pair may try again.
  EXPECT_TRUE(store_->CreateInterest(NewInterest("int-2", "org-cn", "org-ru"), At(3)).ok());
}

TEST_P(StoreContractTest, PipelineMovesAreRecordedInOrderWithTheStageAndVersion) {
  Seed(*store_);
  OpenDeal(*store_);
  Result<Deal> moved = store_->MoveDeal("deal-1", 1, Move(DealStage::kContact, DealStage::kCda, 10), At(10));
  ASSERT_TRUE(moved.ok()) << moved.status().message();
  EXPECT_EQ(moved->stage, DealStage::kCda);
  EXPECT_EQ(moved->meta.version, 2);
  ASSERT_EQ(moved->moves.size(), 2u);
  EXPECT_EQ(moved->moves[1].note, "note cda");

  // A stale version, or a move from a stage it is not at, changes nothing.
  EXPECT_EQ(store_->MoveDeal("deal-1", 1, Move(DealStage::kCda, DealStage::kEvaluation, 11), At(11)).status().code(),
            StatusCode::kAborted);
  EXPECT_EQ(store_->MoveDeal("deal-1", 2, Move(DealStage::kContact, DealStage::kCda, 11), At(11)).status().code(),
            StatusCode::kFailedPrecondition);

  Result<Deal> closed =
      store_->MoveDeal("deal-1", 2, Move(DealStage::kCda, DealStage::kClosed, 12, "terms_not_agreed"), At(12));
  ASSERT_TRUE(closed.ok());
  EXPECT_EQ(closed->stage, DealStage::kClosed);
  EXPECT_EQ(closed->closed_in, DealStage::kCda);
  EXPECT_EQ(closed->close_reason, "terms_not_agreed");
  Result<Deal> reopened = store_->MoveDeal("deal-1", 3, Move(DealStage::kClosed, DealStage::kCda, 13), At(13));
  ASSERT_TRUE(reopened.ok());
  EXPECT_FALSE(reopened->closed_in.has_value());
  EXPECT_TRUE(reopened->close_reason.empty());
  EXPECT_EQ(*store_->GetDeal("deal-1"), *reopened);
  EXPECT_EQ(reopened->moves.size(), 4u);
}

TEST_P(StoreContractTest, PipelineEachPartyAcceptsTheAgreementOnce) {
  Seed(*store_);
  OpenDeal(*store_);
  CdaAcceptance ru{"org-ru", "user_bob", "cda-1", std::string(64, 'a'), At(5).at};
  CdaAcceptance cn{"org-cn", "user_alice", "cda-1", std::string(64, 'a'), At(6).at};
  Result<Deal> one = store_->AcceptCda("deal-1", ru, At(5, "user_bob"));
  ASSERT_TRUE(one.ok());
  EXPECT_FALSE(one->HasCda());
  EXPECT_EQ(store_->AcceptCda("deal-1", ru, At(5, "user_bob")).status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->AcceptCda("deal-1", {"org-kz", "u", "cda-1", "x", At(5).at}, At(5)).status().field(), "organization");
  Result<Deal> both = store_->AcceptCda("deal-1", cn, At(6));
  ASSERT_TRUE(both.ok());
  EXPECT_TRUE(both->HasCda());
  EXPECT_EQ(store_->GetDeal("deal-1")->cda, (std::vector<CdaAcceptance>{ru, cn}));
}

TEST_P(StoreContractTest, PipelineWhatThePartiesWriteAboutADealIsKeptWholeAndVersioned) {
  Seed(*store_);
  OpenDeal(*store_);
  const std::int64_t version = store_->GetDeal("deal-1")->meta.version;
  domain::DealDetails details{.title = "Реабилитационные роботы — дистрибуция",
                              .value = 1'000'000'000'000'000,
                              .currency = "CNY",
                              .next_step = "Send the dossier; O'Brien's \"draft\" too",
                              .due = Date{2027, 1, 15},
                              .contact = "user_bob",
                              .contact_name = "Bob"};
  Result<Deal> updated = store_->UpdateDealDetails("deal-1", version, details, At(5, "user_bob"));
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->meta.version, version + 1);
  EXPECT_EQ(store_->GetDeal("deal-1")->details, details);
  EXPECT_EQ(store_->UpdateDealDetails("deal-1", version, {}, At(6)).status().code(), StatusCode::kAborted);
  EXPECT_EQ(store_->UpdateDealDetails("no-deal", 1, {}, At(6)).status().code(), StatusCode::kNotFound);
  // Cleared, the value is no value (not zero).
  ASSERT_TRUE(store_->UpdateDealDetails("deal-1", version + 1, {.title = "Short"}, At(7)).ok());
  const Deal cleared = *store_->GetDeal("deal-1");
  EXPECT_EQ(cleared.details, (domain::DealDetails{.title = "Short"}));
  EXPECT_FALSE(cleared.details.value.has_value());
  // The stage and moves are untouched.
  EXPECT_EQ(cleared.moves.size(), 1u);
  EXPECT_EQ(cleared.stage, DealStage::kContact);
}

TEST_P(StoreContractTest, PipelineDealsAreListedByPartyAndProgrammeAndVisitedInOrder) {
  Seed(*store_);
  OpenDeal(*store_);
  ASSERT_TRUE(store_->CreateInterest(NewInterest("int-2", "org-kz", "org-cn"), At(3)).ok());
  Deal other = NewDeal("deal-2", 4);
  other.programme_id = "prog-2";
  ASSERT_TRUE(store_->AcceptInterest("int-2", 1, other, At(4)).ok());

  auto ids = [&](DealFilter filter) {
    std::vector<std::string> out;
    Result<Page<Deal>> page = store_->ListDeals(filter, {1, 20});
    if (page.ok()) for (const Deal& d : page->items) out.push_back(d.id);
    return out;
  };
  EXPECT_EQ(ids({}), (std::vector<std::string>{"deal-2", "deal-1"}));
  EXPECT_EQ(ids({"org-cn", ""}), (std::vector<std::string>{"deal-2", "deal-1"}));
  EXPECT_EQ(ids({"org-ru", ""}), (std::vector<std::string>{"deal-1"}));
  EXPECT_EQ(ids({"", "prog-2"}), (std::vector<std::string>{"deal-2"}));
  EXPECT_EQ(ids({"org-ru", "prog-2"}), (std::vector<std::string>{}));

  std::vector<std::string> visited;
  ASSERT_TRUE(store_->ForEachDeal({}, [&](const Deal& d) {
    visited.push_back(d.id);
    EXPECT_FALSE(d.moves.empty());
    return Status::Ok();
  }).ok());
  EXPECT_EQ(visited, (std::vector<std::string>{"deal-1", "deal-2"}));
}

TEST_P(StoreContractTest, PipelineContactsAreAuditedAndKeepTheirOrganisations) {
  Seed(*store_);
  OpenDeal(*store_);
  ASSERT_TRUE(store_->MoveDeal("deal-1", 1, Move(DealStage::kContact, DealStage::kClosed, 9, "no_fit"), At(9)).ok());
  Result<std::vector<AuditEntry>> interest = store_->ListAudit("interest", "int-1");
  ASSERT_TRUE(interest.ok());
  ASSERT_EQ(interest->size(), 2u);
  EXPECT_EQ((*interest)[1].action, "accept");
  Result<std::vector<AuditEntry>> deal = store_->ListAudit("deal", "deal-1");
  ASSERT_EQ(deal->size(), 2u);
  EXPECT_EQ((*deal)[1].action, "move");
  EXPECT_EQ((*deal)[1].changes.at("stage").at("after"), "closed");

  Status refused = store_->DeleteOrganization("org-cn", 0, At(20));  // no opportunities, one deal
  EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.message(), HasSubstr("on record"));
}

TEST_P(StoreContractTest, PipelineProgrammesGroupOpportunities) {
  Seed(*store_);
  domain::Programme programme;
  programme.id = "prog-1";
  programme.name = {{"en", "Russia–China rehabilitation exchange"}};
  programme.kind = "bilateral_centre";
  programme.operator_organization = "org-kz";
  Result<domain::Programme> created = store_->CreateProgramme(programme, At(1));
  ASSERT_TRUE(created.ok()) << created.status().message();
  EXPECT_EQ(created->meta.version, 1);
  EXPECT_EQ(*store_->GetProgramme("prog-1"), *created);
  EXPECT_EQ(store_->CreateProgramme(programme, At(1)).status().code(), StatusCode::kAlreadyExists);
  domain::Programme orphan = programme;
  orphan.id = "prog-2";
  orphan.operator_organization = "org-none";
  EXPECT_EQ(store_->CreateProgramme(orphan, At(1)).status().field(), "operator");
  EXPECT_EQ(store_->ListProgrammes({1, 20})->total, 1);

  ASSERT_TRUE(store_->AddProgrammeOpportunity("prog-1", "opp-ru", At(2)).ok());
  ASSERT_TRUE(store_->AddProgrammeOpportunity("prog-1", "opp-ru", At(3)).ok());  // once is enough
  EXPECT_EQ(store_->AddProgrammeOpportunity("prog-1", "opp-none", At(3)).field(), "opportunity");
  EXPECT_EQ(store_->AddProgrammeOpportunity("prog-9", "opp-ru", At(3)).code(), StatusCode::kNotFound);
  EXPECT_EQ(*store_->ListProgrammeOpportunities("prog-1"), (std::vector<std::string>{"opp-ru"}));
  EXPECT_EQ(*store_->ProgrammesOfOpportunity("opp-ru"), (std::vector<std::string>{"prog-1"}));

  // Its operator is on record; the opportunity leaves it when deleted.
  EXPECT_EQ(store_->DeleteOrganization("org-kz", 0, At(4)).code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(store_->DeleteOpportunity("opp-ru", 0, At(5)).ok());
  EXPECT_TRUE(store_->ListProgrammeOpportunities("prog-1")->empty());
}

}  // namespace biobridge::storage
