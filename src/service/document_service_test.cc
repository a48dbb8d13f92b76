// Documents on the confidentiality ladder: a member uploads, the type is read
// from the bytes, limits are checked before anything is kept, and each tier
// is readable by exactly those who may read text of that tier.
#include "service/document_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/service_env.h"
#include "storage/store.h"

namespace biobridge::service {
namespace {

using domain::MembershipRole;

json::object Json(std::string_view text) { return json::parse(text).as_object(); }

const std::string kPdf =
    "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    "trailer << /Root 1 0 R >>\n%%EOF\n";

class DocumentServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_.Organization("org-cn", "CN", "supplier");
    env_.Organization("org-ru", "RU", "hospital");
    supplier_ = env_.User("li@cn.example", {{"org-cn", MembershipRole::kMember}});
    buyer_ = env_.User("olga@ru.example", {{"org-ru", MembershipRole::kAdmin}});
    ASSERT_TRUE(env_.directory.CreateOpportunity(supplier_, Json(R"({"id": "opp-filters", "organization": "org-cn",
        "direction": "offer", "cooperation": ["supply"], "title": {"en": "Depth filters"}})")).ok());
  }

  domain::Document Upload(const std::string& tier, const std::string& opportunity = "", std::string bytes = kPdf) {
    Result<domain::Document> d = env_.documents.Upload(supplier_, {"org-cn", opportunity, "deck.pdf", tier}, bytes + tier);
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    return d.ok() ? *d : domain::Document{};
  }

  StatusCode ReadCode(const Principal& who, const std::string& id) {
    Result<DocumentContent> content = env_.documents.Download(who, id);
    return content.status().code();
  }

  biobridge::testing::ServiceEnv env_;
  Principal supplier_, buyer_;
};

TEST_F(DocumentServiceTest, AMemberUploadsAndEveryoneReadsAPublicDeck) {
  Result<domain::Document> d =
      env_.documents.Upload(supplier_, {"org-cn", "opp-filters", "C:\\decks\\..\\Deck \"2027\".pdf", "public"}, kPdf);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->name, "Deck 2027.pdf");
  EXPECT_EQ(d->media_type, "application/pdf");
  EXPECT_EQ(d->subject_type, "opportunity");
  EXPECT_EQ(d->size, static_cast<std::int64_t>(kPdf.size()));
  Result<DocumentContent> read = env_.documents.Download(Principal::Anonymous(), d->id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->bytes, kPdf);
  EXPECT_EQ(env_.documents.List(Principal::Anonymous(), "opportunity", "opp-filters")->size(), 1u);

  // The same file again is a second document over one kept file; deleting
  // one leaves the other readable.
  const domain::Document twin = *env_.documents.Upload(supplier_, {"org-cn", "", "again.pdf", "public"}, kPdf);
  EXPECT_EQ(twin.sha256, d->sha256);
  ASSERT_TRUE(env_.documents.Delete(supplier_, d->id).ok());
  EXPECT_EQ(ReadCode(Principal::Anonymous(), d->id), StatusCode::kNotFound);
  EXPECT_EQ(env_.documents.Download(buyer_, twin.id)->bytes, kPdf);
  EXPECT_EQ(env_.documents.Delete(buyer_, twin.id).code(), StatusCode::kPermissionDenied);
}

TEST_F(DocumentServiceTest, WhatIsRefusedIsRefusedBeforeAnythingIsKept) {
  auto code = [&](const Principal& who, DocumentUpload upload, std::string_view bytes) {
    return env_.documents.Upload(who, upload, bytes).status();
  };
  const Status html = code(supplier_, {"org-cn", "", "deck.pdf", "public"}, "<!DOCTYPE html><html><script></script>");
  EXPECT_EQ(html.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(html.field(), "file");
  EXPECT_EQ(code(supplier_, {"org-cn", "", "big.pdf", "public"}, kPdf + std::string(domain::kMaxDocumentBytes, ' ')).code(),
            StatusCode::kResourceExhausted);
  EXPECT_EQ(code(supplier_, {"org-cn", "", "deck.pdf", "secret"}, kPdf).field(), "confidentiality");
  EXPECT_EQ(code(supplier_, {"org-cn", "", "..", "public"}, kPdf).field(), "name");
  EXPECT_EQ(code(buyer_, {"org-cn", "", "deck.pdf", "public"}, kPdf).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(code(env_.Admin(), {"org-cn", "", "deck.pdf", "public"}, kPdf).code(), StatusCode::kPermissionDenied);
  // Another organisation's opportunity, even a hidden one, is as absent as
  // one that never was: an upload tells nothing of it.
  ASSERT_TRUE(env_.directory.CreateOpportunity(buyer_, Json(R"({"id": "opp-hidden", "organization": "org-ru",
      "direction": "request", "cooperation": ["supply"], "title": {"en": "Hidden"}, "confidentiality": "cda"})")).ok());
  const Status hidden = code(supplier_, {"org-cn", "opp-hidden", "deck.pdf", "public"}, kPdf);
  const Status none = code(supplier_, {"org-cn", "opp-none", "deck.pdf", "public"}, kPdf);
  EXPECT_EQ(hidden.code(), StatusCode::kNotFound);
  EXPECT_EQ(none.code(), StatusCode::kNotFound);
  EXPECT_EQ(*env_.store().DocumentBytes("org-cn"), 0);
  // And no file was kept for any of them.
  std::size_t kept = 0;
  if (std::filesystem::exists(env_.dir.path() / "files")) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(env_.dir.path() / "files")) {
      kept += entry.is_regular_file() ? 1 : 0;
    }
  }
  EXPECT_EQ(kept, 0u);
}

TEST_F(DocumentServiceTest, EachTierIsReadByThoseWhoMayReadItsText) {
  const domain::Document members = Upload("members");
  const domain::Document cda = Upload("cda", "opp-filters");
  const Principal unverified = env_.Unverified("new@x.example");
  EXPECT_EQ(ReadCode(Principal::Anonymous(), members.id), StatusCode::kNotFound);
  EXPECT_EQ(ReadCode(unverified, members.id), StatusCode::kNotFound);
  EXPECT_EQ(ReadCode(buyer_, members.id), StatusCode::kOk);
  EXPECT_EQ(ReadCode(buyer_, cda.id), StatusCode::kNotFound);
  EXPECT_EQ(env_.documents.Get(buyer_, cda.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(env_.documents.List(buyer_, "opportunity", "opp-filters")->size(), 0u);
  EXPECT_EQ(env_.documents.List(supplier_, "opportunity", "opp-filters")->size(), 1u);

  // A deal about the opportunity, then the agreement accepted by both sides.
  auto interest = env_.pipeline.ExpressInterest(buyer_, Json(R"({"from_organization": "org-ru",
      "opportunity": "opp-filters", "message": "We need filters."})"));
  ASSERT_TRUE(interest.ok()) << interest.status().ToString();
  auto deal = env_.pipeline.AcceptInterest(supplier_, interest->id, interest->meta.version);
  ASSERT_TRUE(deal.ok()) << deal.status().ToString();
  EXPECT_EQ(ReadCode(buyer_, cda.id), StatusCode::kNotFound) << "a deal without the agreement is not enough";
  for (auto [who, org] : {std::pair{&supplier_, "org-cn"}, std::pair{&buyer_, "org-ru"}}) {
    ASSERT_TRUE(env_.pipeline.AcceptAgreement(*who, deal->id, json::object{{"organization", org},
        {"agreement_version", CurrentAgreement().version}}).ok());
  }
  EXPECT_EQ(ReadCode(buyer_, cda.id), StatusCode::kOk);
  EXPECT_EQ(env_.documents.List(buyer_, "opportunity", "opp-filters")->size(), 1u);
}

}  // namespace
}  // namespace biobridge::service
