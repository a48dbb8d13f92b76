// The storage contract for certificates: rows of their organisation,
// versioned and audited, a change record on every write (the search index
// follows it), the expiry round's state apart from edits, documents under a
// certificate, and accreditations.
#include <gmock/gmock.h>

#include "storage/store_contract_test.h"

namespace biobridge::storage {
namespace {

const Timestamp kT0 = FromUnixMillis(1'780'000'000'000);
WriteContext At(int seconds) { return WriteContext{"usr_ann", kT0 + std::chrono::seconds(seconds)}; }

domain::Certificate Cert(const char* id, const char* org, const char* kind, Date expires) {
  domain::Certificate c;
  c.id = id;
  c.organization_id = org;
  c.kind = kind;
  c.issuer = "NMPA";
  c.number = std::string("N-") + id;
  c.products = {"prefilled syringes", "预灌封注射器"};
  c.sites = {"Suzhou"};
  c.issued_on = {2024, 1, 10};
  c.expires_on = expires;
  c.created_by = "usr_ann";
  c.created_at = kT0;
  c.updated_at = kT0;
  return c;
}

std::int64_t CertificateChanges(Store& store, std::string_view organization_id) {
  std::int64_t n = 0;
  const std::vector<ChangeRecord> changes = store.ListChanges(0, 1000).value();  // held: the loop reads into it
  for (const ChangeRecord& c : changes) {
    n += c.entity_type == "certificates" && c.entity_id == organization_id;
  }
  return n;
}

TEST_P(StoreContractTest, CertificatesAreVersionedAuditedAndFollowedByTheIndex) {
  ASSERT_TRUE(store_->CreateOrganization(MinimalOrganization("org-a"), At(0), "").ok());
  const domain::Certificate gmp = Cert("cer-1", "org-a", "gmp_nmpa", {2027, 6, 30});
  ASSERT_TRUE(store_->CreateCertificate(gmp, At(1)).ok());
  EXPECT_EQ(*store_->GetCertificate("cer-1"), gmp);
  EXPECT_EQ(store_->CreateCertificate(Cert("cer-x", "org-none", "gmp_nmpa", {2027, 6, 30}), At(1)).code(),
            StatusCode::kNotFound);
  domain::Certificate bad = Cert("cer-y", "org-a", "gmp_nmpa", {2020, 1, 1});
  EXPECT_EQ(store_->CreateCertificate(bad, At(1)).field(), "expires_on");
  ASSERT_TRUE(store_->CreateCertificate(Cert("cer-2", "org-a", "iso_13485", {2027, 1, 31}), At(2)).ok());
  EXPECT_EQ(store_->ListCertificates("org-a")->front().kind, "gmp_nmpa");  // by kind
  {  // Several organisations' at once, each in the same order.
    ASSERT_TRUE(store_->CreateOrganization(MinimalOrganization("org-b"), At(2), "").ok());
    ASSERT_TRUE(store_->CreateCertificate(Cert("cer-3", "org-b", "gmp_nmpa", {2028, 1, 31}), At(2)).ok());
    auto of = store_->ListCertificatesOf({"org-none", "org-b", "org-a", "org-b"});
    ASSERT_TRUE(of.ok()) << of.status().ToString();
    ASSERT_EQ(of->size(), 2u) << "only those that have certificates";
    EXPECT_EQ(of->at("org-a"), *store_->ListCertificates("org-a"));
    EXPECT_EQ(of->at("org-b"), *store_->ListCertificates("org-b"));
    ASSERT_TRUE(store_->DeleteCertificate("cer-3", 0, At(2)).ok());
  }
  EXPECT_EQ(CertificateChanges(*store_, "org-a"), 2);

  // An edit against the version it read; a stale one is refused.
  domain::Certificate edit = gmp;
  edit.number = "GD-2";
  edit.verification = domain::CertificateVerification{"usr_admin", "", kT0, "registry", "checked in the NMPA database"};
  auto updated = store_->UpdateCertificate(edit, At(3));
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(store_->GetCertificate("cer-1")->verification->note, "checked in the NMPA database");
  EXPECT_EQ(store_->UpdateCertificate(edit, At(4)).status().code(), StatusCode::kAborted);
  EXPECT_EQ(store_->ListAudit("certificate", "cer-1")->size(), 2u);

  // The expiry round: what expires by a date, its reminders, its lapse.
  auto due = store_->ListCertificatesExpiringBy({2027, 3, 1});
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ(due->front().id, "cer-2");
  ASSERT_TRUE(store_->RecordCertificateReminder("cer-2", 30, false, At(5)).ok());
  EXPECT_EQ(store_->GetCertificate("cer-2")->reminded_days, 30);
  EXPECT_EQ(store_->GetCertificate("cer-2")->version, 1);  // not an edit
  EXPECT_EQ(CertificateChanges(*store_, "org-a"), 3);     // two creates, one update
  ASSERT_TRUE(store_->RecordCertificateReminder("cer-2", 7, true, At(6)).ok());
  EXPECT_EQ(CertificateChanges(*store_, "org-a"), 4);     // the lapse is heard by the index
  EXPECT_TRUE(store_->ListCertificatesExpiringBy({2027, 3, 1})->empty());

  // A certificate with a document is not deleted under it; nor an organisation with certificates.
  domain::Document scan;
  scan.id = "doc-1";
  scan.organization_id = "org-a";
  scan.subject_type = "certificate";
  scan.subject_id = "cer-1";
  scan.name = "gmp.pdf";
  scan.media_type = "application/pdf";
  scan.size = 100;
  scan.sha256 = std::string(64, 'c');
  scan.uploaded_by = "usr_ann";
  scan.created_at = kT0;
  ASSERT_TRUE(store_->CreateDocument(scan, At(7)).ok());
  EXPECT_EQ(store_->DeleteCertificate("cer-1", 2, At(8)).code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(store_->DeleteDocument("doc-1", At(8)).ok());
  EXPECT_EQ(store_->DeleteCertificate("cer-1", 1, At(8)).code(), StatusCode::kAborted);
  EXPECT_EQ(store_->DeleteOrganization("org-a", 1, At(8)).code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(store_->DeleteCertificate("cer-1", 2, At(9)).ok());
  EXPECT_EQ(store_->GetCertificate("cer-1").status().code(), StatusCode::kNotFound);
  int visited = 0;
  ASSERT_TRUE(store_->ForEachCertificate([&](const domain::Certificate&) { ++visited; return Status::Ok(); }).ok());
  EXPECT_EQ(visited, 1);
}

TEST_P(StoreContractTest, AccreditationsAreGrantedAndWithdrawn) {
  ASSERT_TRUE(store_->CreateOrganization(MinimalOrganization("org-assoc"), At(0), "").ok());
  EXPECT_FALSE(*store_->IsAccredited("org-assoc"));
  ASSERT_TRUE(store_->SetAccreditation("org-assoc", true, At(1)).ok());
  ASSERT_TRUE(store_->SetAccreditation("org-assoc", true, At(2)).ok());  // once is enough
  EXPECT_TRUE(*store_->IsAccredited("org-assoc"));
  EXPECT_EQ(store_->ListAudit("organization", "org-assoc")->size(), 2u);  // created, accredited
  ASSERT_TRUE(store_->SetAccreditation("org-assoc", false, At(3)).ok());
  EXPECT_FALSE(*store_->IsAccredited("org-assoc"));
  EXPECT_EQ(store_->SetAccreditation("org-none", true, At(4)).code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace biobridge::storage

namespace biobridge::storage {
namespace {

TEST_P(StoreContractTest, RegulatoryProfilesAreVersionedAndAnUnchangedOneIsNotRewritten) {
  const WriteContext at{"usr_admin", FromUnixMillis(1'780'000'000'000)};
  EXPECT_TRUE(store_->ListRegulatoryProfiles()->empty());
  ASSERT_TRUE(store_->PutRegulatoryProfiles({{"KZ", R"({"country":"KZ"})"}, {"EU", R"({"country":"EU"})"}}, at).ok());
  ASSERT_TRUE(store_->PutRegulatoryProfiles({{"KZ", R"({"country":"KZ","v":2})"}, {"EU", R"({"country":"EU"})"}}, at).ok());
  auto listed = store_->ListRegulatoryProfiles();
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ(listed->at(0).jurisdiction, "EU");
  EXPECT_EQ(listed->at(0).version, 1);  // unchanged: not rewritten
  EXPECT_EQ(listed->at(1).version, 2);
  EXPECT_EQ(listed->at(1).doc, R"({"country":"KZ","v":2})");
  EXPECT_EQ(listed->at(1).updated_by, "usr_admin");
  EXPECT_EQ(store_->ListAudit("regulatory_profile", "KZ")->size(), 2u);
}

}  // namespace
}  // namespace biobridge::storage
