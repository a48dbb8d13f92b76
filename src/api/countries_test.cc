// Countries over HTTP: a profile with every fact sourced or unknown, the
// EU's for a member state, none invented for a country without one, and
// profiles imported by a platform admin only, the bad fact named.
#include <gtest/gtest.h>

#include "api/api_test_server.h"

namespace biobridge::api {
namespace {

using testing::ClientResponse;
using testing::HttpClient;

class CountriesTest : public ::testing::Test, public ApiTestServer {};

TEST_F(CountriesTest, AProfileItsSourcesAndNothingInvented) {
  ClientResponse kz = Client().Get("/api/countries/KZ");
  ASSERT_EQ(kz.status, 200) << kz.body;
  const json::value body = kz.Json();
  EXPECT_EQ(body.at("jurisdiction"), "KZ");
  const json::object& route = body.at("profile").at("routes").at(0).as_object();
  EXPECT_EQ(route.at("months").at("value"), json::parse("[7,7]"));
  EXPECT_FALSE(route.at("months").at("source").at("title").as_string().empty());
  EXPECT_TRUE(body.at("profile").at("ich").at("value").is_null());  // not known: said so
  EXPECT_EQ(Client().Get("/api/countries/FR").Json().at("jurisdiction"), "EU");
  EXPECT_TRUE(Client().Get("/api/countries/BR").Json().at("profile").is_null());
  EXPECT_EQ(Client().Get("/api/countries/XX").status, 404);
}

TEST_F(CountriesTest, OnlyAPlatformAdminImportsAndABadFactIsNamed) {
  HttpClient admin = Client();
  admin.set_bearer(env_.accounts.CreateApiToken(env_.Admin(), "test")->token);
  HttpClient user = Client();
  user.set_bearer(env_.accounts.CreateApiToken(env_.User("u@example.org"), "test")->token);
  const std::string all = Client().Get("/api/regulatory-profiles").body;
  EXPECT_EQ(user.Send("PUT", "/api/regulatory-profiles", all).status, 403);
  EXPECT_EQ(Client().Send("PUT", "/api/regulatory-profiles", all).status, 401);
  ClientResponse same = admin.Send("PUT", "/api/regulatory-profiles", all);
  ASSERT_EQ(same.status, 200) << same.body.substr(0, 300);
  EXPECT_EQ(same.Json().at("changed"), 0);
  json::value bad = json::parse(all);
  bad.as_object()["profiles"].as_array()[1].as_object()["routes"].as_array()[0].as_object()["months"] =
      json::parse(R"({"value": [3, 1], "source": {"title": "x"}, "as_of": "2026-12-01"})");
  ClientResponse refused = admin.Send("PUT", "/api/regulatory-profiles", json::serialize(bad));
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.Json().at("error").at("field"), "profiles[1].routes[0].months.value");
}

TEST_F(CountriesTest, IndicatorsSideBySideWithTheirSourcesAndAsCsv) {
  ClientResponse compared = Client().Get("/api/indicators?countries=CN,kz,RU&lang=zh");
  ASSERT_EQ(compared.status, 200) << compared.body;
  const json::value body = compared.Json();
  EXPECT_EQ(body.at("countries").as_array().size(), 3u);
  const json::object& cn = body.at("countries").at(0).as_object();
  EXPECT_EQ(cn.at("country"), "CN");
  bool papers = false;
  for (const json::value& f : cn.at("figures").as_array()) {
    if (f.at("indicator") == "life_science_papers" && f.at("year") == 2023) {
      papers = true;
      EXPECT_EQ(f.at("value").to_number<double>(), 222964);
      EXPECT_FALSE(f.at("source").at("title").as_string().empty());
    }
  }
  EXPECT_TRUE(papers);
  EXPECT_TRUE(body.at("countries").at(2).at("figures").as_array().empty());  // Russia: no sourced figure, none made up
  EXPECT_EQ(body.at("indicators").at(0).at("label"), "生命科学论文");
  ClientResponse csv = Client().Get("/api/indicators/csv?countries=CN,KZ");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv.body.find("CN,class_iii_device_approvals,2023,6151,"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("KZ,biobridge_organizations,,0,BioBridge"), std::string::npos) << csv.body;
  EXPECT_EQ(Client().Get("/api/indicators?countries=CN,Mordor").Json().at("error").at("field"), "countries");
  EXPECT_EQ(Client().Get("/api/indicators?countries=").status, 422);
}

}  // namespace
}  // namespace biobridge::api
