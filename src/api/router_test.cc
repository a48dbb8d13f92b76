#include "api/router.h"

#include <gtest/gtest.h>

namespace biobridge::api {
namespace {

Handler Named(std::string name) {
  return [name](RequestContext&) -> Result<HttpResponse> { return HttpResponse{200, "text/plain", name, {}}; };
}

TEST(RouterTest, MatchesLiteralAndParameterSegments) {
  Router router;
  router.Add({"GET", "/api/organizations", {}, Named("list")});
  router.Add({"GET", "/api/organizations/{id}", {}, Named("get")});
  router.Add({"DELETE", "/api/organizations/{id}/members/{user_id}", {}, Named("remove")});

  auto list = router.Find("GET", "/api/organizations");
  ASSERT_NE(list.route, nullptr);
  EXPECT_EQ(list.route->pattern, "/api/organizations");

  auto get = router.Find("GET", "/api/organizations/org-1");
  ASSERT_NE(get.route, nullptr);
  EXPECT_EQ(get.path_parameters.at("id"), "org-1");

  auto remove = router.Find("DELETE", "/api/organizations/o/members/u");
  ASSERT_NE(remove.route, nullptr);
  EXPECT_EQ(remove.path_parameters.at("user_id"), "u");
}

TEST(RouterTest, ReportsTheMethodsAPathAccepts) {
  Router router;
  router.Add({"GET", "/api/organizations/{id}", {}, Named("get")});
  router.Add({"PATCH", "/api/organizations/{id}", {}, Named("patch")});
  auto post = router.Find("POST", "/api/organizations/x");
  EXPECT_EQ(post.route, nullptr);
  EXPECT_EQ(post.allowed_methods, (std::vector<std::string>{"GET", "PATCH"}));
  auto none = router.Find("GET", "/api/nothing/here");
  EXPECT_EQ(none.route, nullptr);
  EXPECT_TRUE(none.allowed_methods.empty());
  EXPECT_EQ(router.Find("GET", "/api/organizations/x/extra").route, nullptr);
}

}  // namespace
}  // namespace biobridge::api

namespace biobridge::api {
namespace {

TEST(RouterTest, PathsLongerThanAnyRouteMatchNothing) {
  Router router;
  router.Add({"GET", "/a/{x}", {}, Named("a")});
  std::string long_path;
  for (int i = 0; i < 40; ++i) long_path += "/a";
  EXPECT_EQ(router.Find("GET", long_path).route, nullptr);
  EXPECT_NE(router.Find("GET", "//a///b/").route, nullptr);  // empty segments are skipped
}

}  // namespace
}  // namespace biobridge::api
