#include "domain/codec.h"

#include <gtest/gtest.h>

namespace biobridge::domain {
namespace {

json::object Parse(std::string_view text) { return json::parse(text).as_object(); }

TEST(CodecTest, OrganizationRoundTripsInCanonicalOrder) {
  const std::string line =
      R"({"type":"organization","id":"org-1","name":{"en":"Neva Rehab","ru":"Нева Реаб"},"kind":"hospital",)"
      R"("country":"RU","city":{"en":"Saint Petersburg"},"therapeutic_areas":["neurology","rehabilitation"],)"
      R"("certifications":[{"name":"ISO 9001","expires":"2027-05-01"},{"name":"Licence"}],)"
      R"("markets":["RU","KZ"],"website":"https://example.org","beds":420,"notes":{"x":1}})";
  auto org = OrganizationFromJson(Parse(line));
  ASSERT_TRUE(org.ok()) << org.status().ToString();
  EXPECT_EQ(*org->name.Find("ru"), "Нева Реаб");
  ASSERT_EQ(org->certifications.size(), 2u);
  EXPECT_EQ(FormatDate(*org->certifications[0].expires), "2027-05-01");
  EXPECT_FALSE(org->certifications[1].expires.has_value());
  // Unknown fields are kept, in order, after the known ones.
  EXPECT_EQ(org->extra.size(), 2u);
  EXPECT_EQ(json::serialize(ToJson(*org)), line);
}

TEST(CodecTest, OpportunityRoundTrips) {
  const std::string line =
      R"({"type":"opportunity","id":"opp-1","organization":"org-1","direction":"request",)"
      R"("cooperation":["distribution","clinical_trial"],"title":{"zh":"寻找俄罗斯经销商"},)"
      R"("stage":"marketed","target_countries":["RU"],"confidentiality":"members","expires":"2027-01-31"})";
  auto opp = OpportunityFromJson(Parse(line));
  ASSERT_TRUE(opp.ok()) << opp.status().ToString();
  EXPECT_EQ(opp->cooperation.size(), 2u);
  EXPECT_EQ(json::serialize(ToJson(*opp)), line);
}

TEST(CodecTest, NamesTheFieldOfAWrongType) {
  struct Case {
    const char* json;
    const char* field;
  } cases[] = {
      {R"({"name":5})", "name"},
      {R"({"name":{"en":["x"]}})", "name.en"},
      {R"({"therapeutic_areas":"oncology"})", "therapeutic_areas"},
      {R"({"therapeutic_areas":["oncology",3]})", "therapeutic_areas[1]"},
      {R"({"certifications":[{"name":"GMP","expires":"soon"}]})", "certifications[0].expires"},
      {R"({"certifications":[7]})", "certifications[0]"},
      {R"({"country":["CN"]})", "country"},
      {R"({"version":"2"})", "version"},
      {R"({"type":"opportunity"})", "type"},
  };
  for (const Case& c : cases) {
    auto org = OrganizationFromJson(Parse(c.json));
    ASSERT_FALSE(org.ok()) << c.json;
    EXPECT_EQ(org.status().code(), StatusCode::kInvalidArgument) << c.json;
    EXPECT_EQ(org.status().field(), c.field) << c.json;
  }
  auto opp = OpportunityFromJson(Parse(R"({"cooperation":{"a":1}})"));
  EXPECT_EQ(opp.status().field(), "cooperation");
}

TEST(CodecTest, AcceptsPlainStringsAsTextAndNormalisesCountryCase) {
  auto org = OrganizationFromJson(Parse(R"({"name":" 北京康复医疗 ","city":"Москва","country":"ru","markets":["kz"]})"));
  ASSERT_TRUE(org.ok());
  EXPECT_EQ(*org->name.Find("zh"), "北京康复医疗");
  EXPECT_EQ(*org->city.Find("ru"), "Москва");
  EXPECT_EQ(org->country, "RU");
  EXPECT_EQ(org->markets[0], "KZ");
}

TEST(CodecTest, ServerFieldsAreNotKeptAsExtra) {
  auto org = OrganizationFromJson(Parse(R"({"name":"A","version":3,"created_at":"x","updated_at":"y"})"));
  ASSERT_TRUE(org.ok());
  EXPECT_EQ(org->meta.version, 3);
  EXPECT_TRUE(org->extra.empty());
  json::object out = ToJson(*org);
  AddMeta(out, org->meta);
  EXPECT_EQ(out.at("version").as_int64(), 3);
  EXPECT_TRUE(out.contains("created_at"));
}

}  // namespace
}  // namespace biobridge::domain

namespace biobridge::domain {
namespace {

// Found by fuzzing (tests/fuzz/regressions/json_body): a whole number beyond
// what an int64 holds made Boost.JSON throw out of the codec (a 500 from the
// API) instead of an error naming the field.
TEST(CodecTest, AWholeNumberTooLargeIsAnErrorNamingTheFieldNotAnException) {
  const json::object collaboration =
      json::parse(R"({"id":"c","organizations":["a","b"],"year":10333333333333333321})").as_object();
  Result<Collaboration> c = CollaborationFromJson(collaboration);
  EXPECT_EQ(c.status().field(), "year");
  const json::object organization =
      json::parse(R"({"id":"o","name":"X","kind":"company","country":"CN","version":18446744073709551615})").as_object();
  EXPECT_EQ(OrganizationFromJson(organization).status().field(), "version");
  EXPECT_EQ(WholeNumber(json::parse("9223372036854775807")), std::optional<std::int64_t>(INT64_MAX));
  EXPECT_EQ(WholeNumber(json::parse("9223372036854775808")), std::nullopt);
  EXPECT_EQ(WholeNumber(json::parse("2.5")), std::nullopt);
}

}  // namespace
}  // namespace biobridge::domain
