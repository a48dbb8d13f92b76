// Certificates over HTTP: recorded by a member with every bad field named
// (422), their state today and where they hold in the view, a scan attached
// as a document, the verified mark by an admin only (403 otherwise), and the
// search filters a buyer uses.
#include <gtest/gtest.h>

#include "api/api_test_server.h"

namespace biobridge::api {
namespace {

using domain::MembershipRole;
using testing::ClientResponse;
using testing::HttpClient;

const std::string kPdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

class CertificatesTest : public ::testing::Test, public ApiTestServer {
 protected:
  void SetUp() override {
    env_.Organization("org-cn", "CN", "supplier");
    env_.Organization("org-ru", "RU", "distributor");
    member_.set_bearer(env_.accounts.CreateApiToken(env_.User("li@cn.example", {{"org-cn", MembershipRole::kMember}}),
                                                    "test")->token);
    buyer_.set_bearer(env_.accounts.CreateApiToken(env_.User("olga@ru.example", {{"org-ru", MembershipRole::kMember}}),
                                                   "test")->token);
    admin_.set_bearer(env_.accounts.CreateApiToken(env_.Admin(), "test")->token);
  }
  HttpClient member_ = Client();
  HttpClient buyer_ = Client();
  HttpClient admin_ = Client();
};

TEST_F(CertificatesTest, RecordAttachAScanVerifyAndFindIt) {
  // The clock is 2026-11-23: this GMP expires in 60 days.
  ClientResponse created = member_.Post("/api/organizations/org-cn/certificates", R"({"kind": "gmp_nmpa",
      "issuer": "NMPA", "number": "GD-1", "issued_on": "2022-01-22", "expires_on": "2027-01-22",
      "products": ["预灌封注射器"]})");
  ASSERT_EQ(created.status, 201) << created.body;
  const json::value body = created.Json();
  const json::object& c = body.as_object();
  const std::string id(c.at("id").as_string());
  EXPECT_EQ(created.Header("location"), "/api/certificates/" + id);
  EXPECT_EQ(c.at("state"), "expiring");
  EXPECT_EQ(c.at("days_left"), 60);
  EXPECT_EQ(c.at("holds_in"), json::array{"CN"});
  EXPECT_EQ(c.at("family"), "gmp");
  EXPECT_TRUE(c.at("verified").is_null());

  ClientResponse scan = member_.Send("POST", "/api/organizations/org-cn/documents?name=gmp.pdf&certificate=" + id, kPdf,
                                     {{"Content-Type", "application/octet-stream"}});
  ASSERT_EQ(scan.status, 201) << scan.body;
  EXPECT_EQ(scan.Json().at("subject").at("type"), "certificate");
  ClientResponse listed = Client().Get("/api/organizations/org-cn/certificates");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.Json().at("items").at(0).at("documents").as_array().size(), 1u);
  // A certificate with its scan is not deleted under it.
  EXPECT_EQ(member_.Send("DELETE", "/api/certificates/" + id + "?version=1", "").status, 409);

  // Only an admin verifies: the buyer and the holder are refused.
  const std::string how = R"({"method": "registry", "note": "NMPA database"})";
  EXPECT_EQ(buyer_.Post("/api/certificates/" + id + "/verification", how).status, 403);
  EXPECT_EQ(member_.Post("/api/certificates/" + id + "/verification", how).status, 403);
  ClientResponse verified = admin_.Post("/api/certificates/" + id + "/verification", how);
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(verified.Json().at("verified").at("by"), "platform");
  EXPECT_EQ(verified.body.find("usr_"), std::string::npos) << "no person's account in the mark";

  // A Russian buyer finds it by kind and by where it holds.
  ClientResponse found = buyer_.Get("/api/search?q=%D1%88%D0%BF%D1%80%D0%B8%D1%86%D1%8B%20GMP&certificate=gmp&certified_in=CN");
  ASSERT_EQ(found.status, 200) << found.body;
  ASSERT_EQ(found.Json().at("items").as_array().size(), 1u);
  EXPECT_EQ(found.Json().at("items").at(0).at("id"), "org-cn");
  EXPECT_EQ(buyer_.Get("/api/search?q=GMP&certificate=gmp&certified_in=KZ").Json().at("items").as_array().size(), 0u);
}

TEST_F(CertificatesTest, BadInputNamesTheField) {
  auto field_of = [&](const std::string& body) {
    ClientResponse r = member_.Post("/api/organizations/org-cn/certificates", body);
    EXPECT_EQ(r.status, 422) << r.body;
    return std::string(r.Json().at("error").at("field").as_string());
  };
  EXPECT_EQ(field_of(R"({"kind": "iso_13485", "issuer": "TÜV", "number": "1", "issued_on": "2025-05-01",
                         "expires_on": "2025-04-30"})"), "expires_on");
  EXPECT_EQ(field_of(R"({"kind": "iso_99999", "issuer": "TÜV", "number": "1", "issued_on": "2025-05-01"})"), "kind");
  EXPECT_EQ(field_of(R"({"kind": "gmp_pics", "issuer": "X", "number": "1", "issued_on": "2025-05-01", "country": "QQ"})"),
            "country");
  EXPECT_EQ(buyer_.Get("/api/search?q=GMP&certified_in=Narnia").Json().at("error").at("field"), "certified_in");
  EXPECT_EQ(Client().Get("/api/organizations/org-cn/certificates").Json().at("items").as_array().size(), 0u);
  EXPECT_EQ(Client().Get("/api/organizations/org-none/certificates").status, 404);
}

}  // namespace
}  // namespace biobridge::api
