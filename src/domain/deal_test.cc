#include "domain/deal.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace biobridge::domain {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(DealStageTest, NamesRoundTrip) {
  for (DealStage s : kPipeline) EXPECT_EQ(*ParseDealStage(DealStageName(s)), s);
  EXPECT_EQ(*ParseDealStage("closed"), DealStage::kClosed);
  Result<DealStage> bad = ParseDealStage("negotiation", "to");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "to");
  EXPECT_THAT(bad.status().message(), HasSubstr("contact, cda, evaluation, intention, agreement, implementation"));
}

TEST(DealMoveTest, ForwardOneStageAtATime) {
  EXPECT_TRUE(CheckMove(DealStage::kContact, DealStage::kCda, {}, "", true).ok());
  EXPECT_TRUE(CheckMove(DealStage::kCda, DealStage::kEvaluation, {}, "", true).ok());
  EXPECT_TRUE(CheckMove(DealStage::kAgreement, DealStage::kImplementation, {}, "", true).ok());

  Status skip = CheckMove(DealStage::kContact, DealStage::kAgreement, {}, "", true);
  EXPECT_EQ(skip.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(skip.message(), HasSubstr("a deal at 'contact' cannot move to 'agreement'; it can move to: cda, closed"));
}

TEST(DealMoveTest, BackOneStage) {
  EXPECT_TRUE(CheckMove(DealStage::kEvaluation, DealStage::kCda, {}, "", true).ok());
  EXPECT_EQ(CheckMove(DealStage::kIntention, DealStage::kContact, {}, "", true).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(CheckMove(DealStage::kCda, DealStage::kCda, {}, "", true).code(), StatusCode::kFailedPrecondition);
}

TEST(DealMoveTest, TheCdaStageAndEverythingAfterItNeedAnAcceptedAgreement) {
  Status refused = CheckMove(DealStage::kContact, DealStage::kCda, {}, "", /*has_cda=*/false);
  EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.message(), HasSubstr("confidentiality agreement accepted by both parties"));
  // Going back to contact, or closing, needs none.
  EXPECT_TRUE(CheckMove(DealStage::kCda, DealStage::kContact, {}, "", false).ok());
  EXPECT_TRUE(CheckMove(DealStage::kContact, DealStage::kClosed, {}, "no_fit", false).ok());
}

TEST(DealMoveTest, ClosingNeedsAReasonFromTheList) {
  Status missing = CheckMove(DealStage::kEvaluation, DealStage::kClosed, {}, "", true);
  EXPECT_EQ(missing.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(missing.field(), "reason");
  Status unknown = CheckMove(DealStage::kEvaluation, DealStage::kClosed, {}, "bored", true);
  EXPECT_EQ(unknown.field(), "reason");
  EXPECT_THAT(unknown.message(), HasSubstr("unknown close reason 'bored'"));
  EXPECT_EQ(CheckMove(DealStage::kEvaluation, DealStage::kClosed, {}, "completed", true).field(), "reason");
  EXPECT_TRUE(CheckMove(DealStage::kImplementation, DealStage::kClosed, {}, "completed", true).ok());
  EXPECT_EQ(CheckMove(DealStage::kContact, DealStage::kCda, {}, "no_fit", true).field(), "reason");
}

TEST(DealMoveTest, AClosedDealReopensWhereItClosed) {
  EXPECT_TRUE(CheckMove(DealStage::kClosed, DealStage::kIntention, DealStage::kIntention, "", true).ok());
  Status elsewhere = CheckMove(DealStage::kClosed, DealStage::kContact, DealStage::kIntention, "", true);
  EXPECT_THAT(elsewhere.message(), HasSubstr("it can move to: intention"));
  EXPECT_EQ(CheckMove(DealStage::kClosed, DealStage::kContact, std::nullopt, "", true).code(),
            StatusCode::kFailedPrecondition);
}

TEST(DealMoveTest, AllowedMovesListWhatCheckMoveAccepts) {
  EXPECT_THAT(AllowedMoves(DealStage::kContact, {}, false), ElementsAre(DealStage::kClosed));
  EXPECT_THAT(AllowedMoves(DealStage::kContact, {}, true), ElementsAre(DealStage::kCda, DealStage::kClosed));
  EXPECT_THAT(AllowedMoves(DealStage::kEvaluation, {}, true),
              ElementsAre(DealStage::kIntention, DealStage::kCda, DealStage::kClosed));
  EXPECT_THAT(AllowedMoves(DealStage::kImplementation, {}, true),
              ElementsAre(DealStage::kAgreement, DealStage::kClosed));
  EXPECT_THAT(AllowedMoves(DealStage::kClosed, DealStage::kAgreement, true), ElementsAre(DealStage::kAgreement));
}

TEST(DealReasonsTest, Lists) {
  EXPECT_TRUE(IsDeclineReason("route_to_market_unclear"));
  EXPECT_FALSE(IsDeclineReason("no_fit"));
  EXPECT_TRUE(IsCloseReason("terms_not_agreed"));
  EXPECT_FALSE(IsCloseReason("too_early"));
}

}  // namespace
}  // namespace biobridge::domain
