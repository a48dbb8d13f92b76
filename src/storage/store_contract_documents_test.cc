// The storage contract for documents: rows tied to their organisation or one
// of its opportunities, the organisation's quota checked in the transaction,
// and deletion telling whether the file is still used.
#include <gmock/gmock.h>

#include "storage/store_contract_test.h"

namespace biobridge::storage {
namespace {

const Timestamp kT0 = FromUnixMillis(1'780'000'000'000);
WriteContext At(int seconds) { return WriteContext{"usr_ann", kT0 + std::chrono::seconds(seconds)}; }


domain::Document Doc(const char* id, const char* org, std::string subject_type, std::string subject_id,
                     std::int64_t size, char hash = 'a') {
  domain::Document d;
  d.id = id;
  d.organization_id = org;
  d.subject_type = std::move(subject_type);
  d.subject_id = std::move(subject_id);
  d.name = "deck.pdf";
  d.media_type = "application/pdf";
  d.size = size;
  d.sha256 = std::string(64, hash);
  d.confidentiality = "members";
  d.uploaded_by = "usr_ann";
  d.created_at = kT0;
  return d;
}

TEST_P(StoreContractTest, DocumentsBelongToTheirOrganisationWithinItsQuota) {
  ASSERT_TRUE(store_->CreateOrganization(MinimalOrganization("org-a"), At(0), "").ok());
  ASSERT_TRUE(store_->CreateOrganization(MinimalOrganization("org-b"), At(0), "").ok());
  domain::Opportunity o;
  o.id = "opp-b";
  o.organization_id = "org-b";
  o.direction = "offer";
  o.cooperation = {"supply"};
  o.title = {{"en", "Filters"}};
  ASSERT_TRUE(store_->CreateOpportunity(o, At(0)).ok());

  constexpr std::int64_t kFile = domain::kMaxDocumentBytes;
  ASSERT_TRUE(store_->CreateDocument(Doc("doc-1", "org-a", "organization", "org-a", kFile), At(1)).ok());
  EXPECT_EQ(*store_->GetDocument("doc-1"), Doc("doc-1", "org-a", "organization", "org-a", kFile));
  EXPECT_EQ(store_->CreateDocument(Doc("doc-big", "org-a", "organization", "org-a", kFile + 1), At(1)).code(),
            StatusCode::kResourceExhausted);
  // Another's opportunity, or an organisation's document under another: refused.
  EXPECT_EQ(store_->CreateDocument(Doc("doc-2", "org-a", "opportunity", "opp-b", 10), At(2)).field(), "subject");
  EXPECT_EQ(store_->CreateDocument(Doc("doc-2", "org-a", "organization", "org-b", 10), At(2)).field(), "subject");
  EXPECT_EQ(store_->CreateDocument(Doc("doc-2", "org-a", "opportunity", "opp-none", 10), At(2)).code(),
            StatusCode::kNotFound);
  // The quota counts every document of the organisation (the same file twice too).
  for (int i = 2; i <= domain::kDocumentQuotaBytes / kFile; ++i) {
    ASSERT_TRUE(store_->CreateDocument(Doc(("doc-q" + std::to_string(i)).c_str(), "org-a", "organization", "org-a",
                                           kFile), At(2)).ok());
  }
  EXPECT_EQ(*store_->DocumentBytes("org-a"), domain::kDocumentQuotaBytes);
  EXPECT_EQ(store_->CreateDocument(Doc("doc-2", "org-a", "organization", "org-a", 1), At(2)).code(),
            StatusCode::kResourceExhausted);
  ASSERT_TRUE(store_->CreateDocument(Doc("doc-3", "org-b", "opportunity", "opp-b", 10, 'b'), At(3)).ok());
  EXPECT_EQ(store_->ListDocuments("opportunity", "opp-b")->size(), 1u);
  EXPECT_EQ(store_->ListDocuments("organization", "org-a")->size(), 20u);

  // A record with documents is not deleted under them.
  EXPECT_EQ(store_->DeleteOpportunity("opp-b", 1, At(4)).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->DeleteOrganization("org-a", 1, At(4)).code(), StatusCode::kFailedPrecondition);

  // org-a's documents share one file: deleting one leaves it in use; the
  // file of org-b's only document is free once it is deleted.
  EXPECT_EQ(*store_->DeleteDocument("doc-1", At(4)), true);
  EXPECT_EQ(*store_->DeleteDocument("doc-3", At(5)), false);
  EXPECT_EQ(store_->DeleteDocument("doc-3", At(6)).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->ListAudit("document", "doc-1")->size(), 2u);
  EXPECT_TRUE(store_->DeleteOpportunity("opp-b", 1, At(7)).ok());
}

}  // namespace
}  // namespace biobridge::storage
