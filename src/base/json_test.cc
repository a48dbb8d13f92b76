#include "base/json.h"

#include <gtest/gtest.h>

namespace biobridge {
namespace {

TEST(JsonTest, ParsesADocument) {
  auto v = ParseJson(R"({"name":{"zh":"北京"},"n":[1,2]} )");
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->at("name").at("zh").as_string(), "北京");
}

TEST(JsonTest, SyntaxErrorsNameThePosition) {
  auto v = ParseJson("{\n  \"a\": 1,\n  \"b\": }");
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().code(), StatusCode::kMalformed);
  EXPECT_NE(v.status().message().find("line 3"), std::string::npos) << v.status().message();
}

TEST(JsonTest, RefusesInvalidUtf8WithItsOffset) {
  auto v = ParseJson("{\"a\":\"x\xfe\"}");
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().code(), StatusCode::kMalformed);
  EXPECT_NE(v.status().message().find("UTF-8"), std::string::npos);
  EXPECT_NE(v.status().message().find("byte 7"), std::string::npos) << v.status().message();
}

TEST(JsonTest, RefusesOverlongFormsAndSurrogatesInStringsAndKeys) {
  for (const char* doc : {"{\"a\":\"\xc0\xaf\"}", "{\"a\":\"\xed\xa0\x80\"}", "{\"\xf4\x90\x80\x80\":1}",
                          "[\"\xe4\xb8\"]"}) {
    auto v = ParseJson(doc);
    ASSERT_FALSE(v.ok()) << doc;
    EXPECT_NE(v.status().message().find("UTF-8"), std::string::npos) << v.status().message();
  }
}

TEST(JsonTest, RefusesDeepNesting) {
  std::string deep(40, '[');
  deep += std::string(40, ']');
  auto v = ParseJson(deep, JsonLimits{.max_depth = 32});
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.status().message().find("deeper than 32"), std::string::npos);
  EXPECT_TRUE(ParseJson(deep, JsonLimits{.max_depth = 64}).ok());
}

TEST(JsonTest, RefusesLongStringsNamingTheField) {
  std::string doc = R"({"a":{"list":["ok",")" + std::string(100, 'x') + R"("]}})";
  auto v = ParseJson(doc, JsonLimits{.max_string_bytes = 50});
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(v.status().field(), "a.list[1]");
}

TEST(JsonTest, RefusesTrailingDataAndEmptyInput) {
  EXPECT_EQ(ParseJson("{} {}").status().code(), StatusCode::kMalformed);
  EXPECT_EQ(ParseJson("   ").status().code(), StatusCode::kMalformed);
  EXPECT_EQ(ParseJson("{\"a\":").status().code(), StatusCode::kMalformed);
}

TEST(JsonTest, MergePatchFollowsRfc7396) {
  json::object target = json::parse(R"({"a":"b","c":{"d":"e","f":"g"}})").as_object();
  ApplyMergePatch(target, json::parse(R"({"a":"z","c":{"f":null},"n":{"x":null,"y":1}})").as_object());
  EXPECT_EQ(json::value(target), json::parse(R"({"a":"z","c":{"d":"e"},"n":{"y":1}})"));
}

TEST(JsonTest, NamesKinds) {
  EXPECT_EQ(JsonKindName(json::value(3)), "a number");
  EXPECT_EQ(JsonKindName(json::value("x")), "a string");
  EXPECT_EQ(JsonKindName(json::array()), "an array");
}

TEST(JsonTest, NumbersAreWrittenAsPeopleWriteThem) {
  const json::value doc = json::parse(R"({"weight":7.0,"percent":99.998,"small":0.000125,"count":3,"big":1e300,)"
                                      R"("text":"a \"quoted\" line\nwith \u0001 and 中文","list":[true,null,-2.5]})");
  EXPECT_EQ(ToJsonText(doc), R"({"weight":7,"percent":99.998,"small":0.000125,"count":3,"big":1e+300,)"
                             R"("text":"a \"quoted\" line\nwith \u0001 and 中文","list":[true,null,-2.5]})");
  // What it writes reads back as the same numbers (7.0 as the integer 7).
  const json::value back = json::parse(ToJsonText(doc));
  for (const char* key : {"weight", "percent", "small", "big"}) {
    EXPECT_EQ(back.at(key).to_number<double>(), doc.at(key).to_number<double>()) << key;
  }
  EXPECT_EQ(back.at("text"), doc.at("text"));
}

}  // namespace
}  // namespace biobridge
