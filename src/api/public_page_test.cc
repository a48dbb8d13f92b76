#include "api/public_page.h"

#include <gtest/gtest.h>

namespace biobridge::api {
namespace {

constexpr std::string_view kIndex =
    "<!doctype html>\n<html lang=\"en\">\n  <head>\n    <meta name=\"description\" content=\"BioBridge\" />\n"
    "    <title>BioBridge</title>\n  </head>\n  <body>\n    <div id=\"app\"></div>\n  </body>\n</html>\n";

TEST(PublicPageTest, ThePageCarriesItsTitleTextFactsAndItsAddressesInEveryLanguage) {
  const std::string html = RenderPublicPage(
      kIndex,
      {.language = "zh", .title = "格罗制药", .text = "研发胰岛素。", .facts = {{"国家", "俄罗斯"}}, .path = "/organizations/org-g"},
      "https://exchange.example.org");
  EXPECT_NE(html.find("<html lang=\"zh-Hans\">"), std::string::npos);
  EXPECT_NE(html.find("<title>格罗制药 · BioBridge</title>"), std::string::npos);
  EXPECT_NE(html.find("<meta name=\"description\" content=\"研发胰岛素。\" />"), std::string::npos);
  EXPECT_NE(html.find("<link rel=\"canonical\" href=\"https://exchange.example.org/organizations/org-g?lang=zh\" />"),
            std::string::npos);
  for (const char* alternate : {"hreflang=\"en\" href=\"https://exchange.example.org/organizations/org-g?lang=en\"",
                                "hreflang=\"zh-Hans\" href=\"https://exchange.example.org/organizations/org-g?lang=zh\"",
                                "hreflang=\"ru\" href=\"https://exchange.example.org/organizations/org-g?lang=ru\"",
                                "hreflang=\"x-default\" href=\"https://exchange.example.org/organizations/org-g\""}) {
    EXPECT_NE(html.find(alternate), std::string::npos) << alternate;
  }
  EXPECT_NE(html.find("<div id=\"app\"><article lang=\"zh-Hans\">\n<h1>格罗制药</h1>"), std::string::npos) << html;
  EXPECT_NE(html.find("<dt>国家</dt><dd>俄罗斯</dd>"), std::string::npos);
  EXPECT_NE(html.find("<p>研发胰岛素。</p>"), std::string::npos);
}

TEST(PublicPageTest, EveryTextIsEscaped) {
  const std::string html = RenderPublicPage(
      kIndex, {.language = "en", .title = "<script>alert(1)</script>", .text = "\"quoted\" & <b>", .path = "/opportunities/o"},
      "http://localhost:8080");
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("content=\"&quot;quoted&quot; &amp; &lt;b&gt;\""), std::string::npos);
}

TEST(PublicPageTest, ADescriptionIsCutAtWholeCharactersWithSpacesFolded) {
  EXPECT_EQ(Summary("Монокло-\n\n  нальные   антитела", 100), "Монокло- нальные антитела");
  EXPECT_EQ(Summary("单克隆抗体药物研发", 5), "单克隆抗体…");
  EXPECT_EQ(Summary("short", 5), "short");
  EXPECT_EQ(Summary("", 5), "");
}

}  // namespace
}  // namespace biobridge::api
