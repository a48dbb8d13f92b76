#include "domain/regulatory_profile.h"

#include <gtest/gtest.h>

#include <set>

namespace biobridge::domain {
namespace {

json::object Minimal() {
  return json::parse(R"({"country": "KZ",
    "regulators": [{"role": "both", "name": {"en": "National Center for Expertise"}}],
    "routes": [{"product": "drug", "name": {"en": "EAEU registration"},
                "months": {"value": [7, 7], "source": {"title": "Decision 78", "url": "https://docs.eaeunion.org/"},
                           "as_of": "2026-12-05"},
                "source": {"title": "Decision 78"}}],
    "ich": {"value": null}, "pics": {"value": null},
    "local_representative": {"drug": {"value": null}, "device": {"value": "required", "source": {"title": "Decision 46"},
                                                                 "as_of": "2026-12-05"}},
    "local_clinical_data": {"value": null},
    "dossier_languages": {"value": ["ru"], "source": {"title": "Decision 78"}, "as_of": "2026-12-05"},
    "reliance": []})").as_object();
}

TEST(RegulatoryProfileTest, TheShippedProfilesCoverTheJurisdictionsAndAreValid) {
  std::set<std::string> countries;
  for (const json::value& p : BuiltinRegulatoryProfiles().at("profiles").as_array()) {
    EXPECT_TRUE(ValidateRegulatoryProfile(p.as_object()).ok());
    countries.insert(std::string(p.at("country").as_string()));
  }
  for (const char* c : {"CN", "RU", "KZ", "BY", "AM", "KG", "IN", "PK", "IR", "UZ", "TJ", "EU", "IL", "US"}) {
    EXPECT_TRUE(countries.count(c)) << c;
  }
}

TEST(RegulatoryProfileTest, AFactNeedsItsSourceAndDateOrIsUnknown) {
  EXPECT_TRUE(ValidateRegulatoryProfile(Minimal()).ok());
  auto field_of = [](json::object p) { return ValidateRegulatoryProfile(p).field(); };
  json::object p = Minimal();
  p["ich"] = json::parse(R"({"value": "member"})");  // no source
  EXPECT_EQ(field_of(p), "ich.source");
  p["ich"] = json::parse(R"({"value": "member", "source": {"title": "ICH"}, "as_of": "last year"})");
  EXPECT_EQ(field_of(p), "ich.as_of");
  p["ich"] = json::parse(R"({"value": "honorary", "source": {"title": "ICH"}, "as_of": "2026-01-01"})");
  EXPECT_EQ(field_of(p), "ich.value");
  p = Minimal();
  p["routes"].as_array()[0].as_object()["months"].as_object()["value"] = json::parse("[9, 3]");
  EXPECT_EQ(field_of(p), "routes[0].months.value");
  p = Minimal();
  p["country"] = "Atlantis";
  EXPECT_EQ(field_of(p), "country");
  p = Minimal();
  p["rumours"] = "x";
  EXPECT_EQ(field_of(p), "rumours");
  p = Minimal();
  p["dossier_languages"].as_object()["value"] = json::parse(R"(["klingon"])");
  EXPECT_EQ(field_of(p), "dossier_languages.value");
}

TEST(RegulatoryProfileTest, AMemberStateIsCoveredByTheEuProfile) {
  EXPECT_EQ(JurisdictionOf("DE"), "EU");
  EXPECT_EQ(JurisdictionOf("KZ"), "KZ");
  EXPECT_EQ(JurisdictionOf("CH"), "CH");
}

}  // namespace
}  // namespace biobridge::domain
