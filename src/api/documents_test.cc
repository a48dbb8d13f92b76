// Documents over HTTP: the file is the body (application/octet-stream), a
// body over the limit is refused from its Content-Length before it is read,
// the type comes from the content, and a download is an attachment with its
// real type, its name in UTF-8, sandboxed and never sniffed.
#include <gtest/gtest.h>

#include "api/api_test_server.h"

namespace biobridge::api {
namespace {

using domain::MembershipRole;
using testing::ClientResponse;
using testing::HttpClient;

const std::string kPdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
const std::vector<std::pair<std::string, std::string>> kFile = {{"Content-Type", "application/octet-stream"}};

class DocumentsTest : public ::testing::Test, public ApiTestServer {
 protected:
  void SetUp() override {
    env_.Organization("org-cn", "CN", "supplier");
    member_ = Client();
    member_.set_bearer(env_.accounts.CreateApiToken(env_.User("li@cn.example", {{"org-cn", MembershipRole::kMember}}),
                                                    "test")->token);
  }
  HttpClient member_ = Client();
};

TEST_F(DocumentsTest, UploadAndDownloadAsAnAttachmentOfItsRealType) {
  const std::string name = "%D0%9F%D1%80%D0%B5%D0%B7%D0%B5%D0%BD%D1%82%D0%B0%D1%86%D0%B8%D1%8F.pdf";  // Презентация.pdf
  ClientResponse up = member_.Send("POST", "/api/organizations/org-cn/documents?name=" + name, kPdf, kFile);
  ASSERT_EQ(up.status, 201) << up.body;
  EXPECT_EQ(up.Json().at("media_type"), "application/pdf");
  EXPECT_EQ(up.Json().at("name"), "Презентация.pdf");
  const std::string content(up.Json().at("content").as_string());

  ClientResponse down = Client().Get(content);
  ASSERT_EQ(down.status, 200);
  EXPECT_EQ(down.body, kPdf);
  EXPECT_EQ(down.Header("content-type"), "application/pdf");
  EXPECT_EQ(down.Header("content-disposition"),
            "attachment; filename=\"" + std::string(22, '_') + ".pdf\"; filename*=UTF-8''" + name);  // one _ a byte
  EXPECT_EQ(down.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(down.Header("content-security-policy"), "sandbox; default-src 'none'");
  EXPECT_EQ(Client().Get("/api/organizations/org-cn/documents").Json().at("items").as_array().size(), 1u);
}

TEST_F(DocumentsTest, AFileFarAboveTheJsonBodyLimitButWithinItsOwnIsKept) {
  // 20 MB: twenty times what a JSON body may be, within a document's 25 MB.
  const std::string big = kPdf + std::string(20 * 1024 * 1024, '\n');
  ClientResponse up = member_.Send("POST", "/api/organizations/org-cn/documents?name=big.pdf", big, kFile);
  ASSERT_EQ(up.status, 201) << up.body.substr(0, 200);
  EXPECT_EQ(up.Json().at("size"), static_cast<std::int64_t>(big.size()));
  EXPECT_EQ(Client().Get(std::string(up.Json().at("content").as_string())).body.size(), big.size());
  // The JSON routes keep their own limit.
  EXPECT_EQ(member_.Post("/api/organizations/org-cn/certificates", std::string(2 * 1024 * 1024, ' ')).status, 413);
}

TEST_F(DocumentsTest, BadFilesAreRefusedAndNothingIsKept) {
  // Over the limit: 413 from the Content-Length, before the body is read.
  ClientResponse big = member_.Send("POST", "/api/organizations/org-cn/documents?name=big.pdf",
                                    kPdf + std::string(domain::kMaxDocumentBytes, ' '), kFile);
  EXPECT_EQ(big.status, 413) << big.body.substr(0, 200);
  // HTML named as a PDF is HTML.
  ClientResponse html = member_.Send("POST", "/api/organizations/org-cn/documents?name=deck.pdf",
                                     "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", kFile);
  EXPECT_EQ(html.status, 422);
  EXPECT_EQ(html.Json().at("error").at("field"), "file");
  // A form from another site cannot upload: only a file or JSON is read.
  ClientResponse form = member_.Send("POST", "/api/organizations/org-cn/documents?name=deck.pdf", kPdf,
                                     {{"Content-Type", "text/plain"}});
  EXPECT_EQ(form.status, 415);
  ClientResponse tier = member_.Send("POST", "/api/organizations/org-cn/documents?name=deck.pdf&confidentiality=secret",
                                     kPdf, kFile);
  EXPECT_EQ(tier.Json().at("error").at("field"), "confidentiality");
  EXPECT_EQ(Client().Send("POST", "/api/organizations/org-cn/documents?name=deck.pdf", kPdf, kFile).status, 401);
  EXPECT_EQ(*env_.store().DocumentBytes("org-cn"), 0);

  // A members' file is not there for a visitor.
  ClientResponse members = member_.Send(
      "POST", "/api/organizations/org-cn/documents?name=sites.pdf&confidentiality=members", kPdf, kFile);
  ASSERT_EQ(members.status, 201);
  EXPECT_EQ(Client().Get(std::string(members.Json().at("content").as_string())).status, 404);
  EXPECT_TRUE(Client().Get("/api/organizations/org-cn/documents").Json().at("items").as_array().empty());
}

}  // namespace
}  // namespace biobridge::api
