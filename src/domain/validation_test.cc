#include "domain/validation.h"

#include <gtest/gtest.h>

#include "domain/codec.h"

namespace biobridge::domain {
namespace {

const Taxonomies& T() { return Taxonomies::Builtin(); }

Organization ValidOrganization() {
  Organization o;
  o.name = {{"en", "Hangzhou Filtration"}, {"zh", "杭州过滤"}};
  o.kind = "supplier";
  o.country = "CN";
  o.modalities = {"bioprocess_equipment"};
  o.certifications = {{"ISO 9001", Date{2027, 5, 1}}};
  return o;
}

Opportunity ValidOpportunity() {
  Opportunity o;
  o.organization_id = "org-1";
  o.direction = "offer";
  o.cooperation = {"supply"};
  o.title = {{"en", "Depth filters for biologics"}};
  return o;
}

template <typename Record, typename Mutate>
Status Check(Record record, Mutate mutate) {
  mutate(record);
  if constexpr (std::is_same_v<Record, Organization>) {
    return ValidateOrganization(record, T());
  } else {
    return ValidateOpportunity(record, T());
  }
}

TEST(ValidationTest, ValidRecordsPass) {
  EXPECT_TRUE(ValidateOrganization(ValidOrganization(), T()).ok());
  EXPECT_TRUE(ValidateOpportunity(ValidOpportunity(), T()).ok());
}

TEST(ValidationTest, OrganizationErrorsNameTheField) {
  struct Case {
    std::function<void(Organization&)> mutate;
    const char* field;
    const char* message_part;
  } cases[] = {
      {[](Organization& o) { o.name = {}; }, "name", "at least one language"},
      {[](Organization& o) { o.name.Set("english", "X"); }, "name.english", "ISO 639-1"},
      {[](Organization& o) { o.name.Set("en", std::string(301, 'x')); }, "name.en", "limit is 300"},
      {[](Organization& o) { o.kind = "pharma"; }, "kind", "unknown organisation kind 'pharma'"},
      {[](Organization& o) { o.kind = ""; }, "kind", "required"},
      {[](Organization& o) { o.country = "XX"; }, "country", "unknown country code 'XX'"},
      {[](Organization& o) { o.country = ""; }, "country", "required"},
      {[](Organization& o) { o.therapeutic_areas = {"oncology", "cancer"}; }, "therapeutic_areas[1]", "'cancer'"},
      {[](Organization& o) { o.therapeutic_areas = {"oncology", "oncology"}; }, "therapeutic_areas[1]", "twice"},
      {[](Organization& o) { o.modalities = {"magic"}; }, "modalities[0]", "unknown modality"},
      {[](Organization& o) { o.markets = {"RU", "SU"}; }, "markets[1]", "unknown country"},
      {[](Organization& o) { o.certifications.push_back({"", {}}); }, "certifications[1].name", "needs a name"},
      {[](Organization& o) { o.capabilities.assign(51, "x"); }, "capabilities", "limit is 50"},
      {[](Organization& o) { o.website = "example.org"; }, "website", "https://"},
  };
  for (const Case& c : cases) {
    Status s = Check(ValidOrganization(), c.mutate);
    ASSERT_FALSE(s.ok()) << c.field;
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(s.field(), c.field);
    EXPECT_NE(s.message().find(c.message_part), std::string::npos) << s.message();
  }
}

TEST(ValidationTest, OpportunityErrorsNameTheField) {
  struct Case {
    std::function<void(Opportunity&)> mutate;
    const char* field;
  } cases[] = {
      {[](Opportunity& o) { o.organization_id = ""; }, "organization"},
      {[](Opportunity& o) { o.organization_id = "bad id"; }, "organization"},
      {[](Opportunity& o) { o.direction = "sell"; }, "direction"},
      {[](Opportunity& o) { o.cooperation = {}; }, "cooperation"},
      {[](Opportunity& o) { o.cooperation = {"supply", "barter"}; }, "cooperation[1]"},
      {[](Opportunity& o) { o.title = {}; }, "title"},
      {[](Opportunity& o) { o.stage = "phase2"; }, "stage"},
      {[](Opportunity& o) { o.target_countries = {"EU"}; }, "target_countries[0]"},
      {[](Opportunity& o) { o.confidentiality = "secret"; }, "confidentiality"},
  };
  for (const Case& c : cases) {
    Status s = Check(ValidOpportunity(), c.mutate);
    ASSERT_FALSE(s.ok()) << c.field;
    EXPECT_EQ(s.field(), c.field) << s.ToString();
  }
}

TEST(ValidationTest, RecordIds) {
  EXPECT_TRUE(ValidateRecordId("ror:01nbken06").ok());
  EXPECT_TRUE(ValidateRecordId("org_k3v9w2m4q7x1").ok());
  EXPECT_FALSE(ValidateRecordId("").ok());
  EXPECT_FALSE(ValidateRecordId("-x").ok());
  EXPECT_FALSE(ValidateRecordId("a b").ok());
  EXPECT_FALSE(ValidateRecordId("a/b").ok());
  EXPECT_FALSE(ValidateRecordId(std::string(65, 'a')).ok());
}

}  // namespace
}  // namespace biobridge::domain
