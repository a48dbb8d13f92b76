#include "domain/certificate.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "domain/taxonomy.h"

namespace biobridge::domain {
namespace {

Date D(int y, unsigned m, unsigned d) { return {y, m, d}; }

Certificate Gmp() {
  Certificate c;
  c.organization_id = "org-1";
  c.kind = "gmp_nmpa";
  c.issuer = "NMPA";
  c.number = "GD20230001";
  c.issued_on = D(2023, 3, 1);
  c.expires_on = D(2028, 2, 28);
  return c;
}

bool Contains(const std::vector<std::string>& v, std::string_view x) { return std::find(v.begin(), v.end(), x) != v.end(); }

TEST(CertificateKindsTest, EveryKindHasThreeLanguagesAndAFamily) {
  const auto& kinds = CertificateKinds::Builtin().all();
  ASSERT_GE(kinds.size(), 20u);
  for (const CertificateKind& k : kinds) {
    for (const char* lang : {"en", "zh", "ru"}) EXPECT_NE(k.labels.Find(lang), nullptr) << k.code << " " << lang;
    EXPECT_FALSE(k.family.empty()) << k.code;
  }
  // The taxonomy endpoint serves the same file.
  EXPECT_TRUE(Taxonomies::Builtin().Find("certificate_kinds")->Contains("iso_13485"));
  EXPECT_TRUE(CertificateKinds::Builtin().IsKindOrFamily("gmp"));
  EXPECT_FALSE(CertificateKinds::Builtin().IsKindOrFamily("gmpx"));
}

TEST(CertificateKindsTest, WhereAKindHolds) {
  const CertificateKinds& kinds = CertificateKinds::Builtin();
  EXPECT_TRUE(kinds.Find("gmp_eaeu")->HoldsIn("KZ", ""));  // a group member
  EXPECT_TRUE(kinds.Find("gmp_eaeu")->HoldsIn("AM", ""));
  EXPECT_FALSE(kinds.Find("gmp_eaeu")->HoldsIn("UZ", ""));
  EXPECT_TRUE(kinds.Find("gmp_nmpa")->HoldsIn("CN", ""));
  EXPECT_FALSE(kinds.Find("gmp_nmpa")->HoldsIn("RU", ""));
  EXPECT_TRUE(kinds.Find("iso_13485")->HoldsIn("UZ", ""));  // international
  EXPECT_TRUE(kinds.Find("gmp_pics")->HoldsIn("CH", "CH"));
  EXPECT_FALSE(kinds.Find("gmp_pics")->HoldsIn("CH", "DE"));
  EXPECT_TRUE(kinds.Find("ce_mdr")->HoldsIn("DE", ""));
}

TEST(CertificateTest, CountriesWhereItHolds) {
  Certificate c = Gmp();
  EXPECT_EQ(CertificateCountries(c), std::vector<std::string>{"CN"});
  c.kind = "eaeu_registration";
  const auto eaeu = CertificateCountries(c);
  EXPECT_EQ(eaeu.size(), 5u);
  EXPECT_TRUE(Contains(eaeu, "KZ"));
  EXPECT_TRUE(Contains(eaeu, "RU"));
  c.kind = "iso_13485";
  EXPECT_EQ(CertificateCountries(c), std::vector<std::string>{"*"});
}

TEST(CertificateTest, InForceUntilTheLastDay) {
  const Certificate c = Gmp();
  EXPECT_TRUE(c.InForce(D(2028, 2, 28)));
  EXPECT_FALSE(c.InForce(D(2028, 2, 29)));
  EXPECT_FALSE(c.InForce(D(2023, 2, 28)));  // not issued yet
  EXPECT_EQ(c.DaysLeft(D(2028, 1, 29)), 30);
  EXPECT_EQ(c.DaysLeft(D(2028, 3, 1)), -2);
  Certificate forever = c;
  forever.expires_on.reset();
  EXPECT_TRUE(forever.InForce(D(2090, 1, 1)));
  EXPECT_FALSE(forever.DaysLeft(D(2090, 1, 1)).has_value());
}

TEST(CertificateTest, ValidationNamesTheField) {
  EXPECT_TRUE(ValidateCertificate(Gmp()).ok());
  auto field_of = [](Certificate c) { return ValidateCertificate(c).field(); };
  Certificate c = Gmp();
  c.kind = "gmp_mars";
  EXPECT_EQ(field_of(c), "kind");
  c = Gmp();
  c.expires_on = D(2023, 2, 1);
  EXPECT_EQ(field_of(c), "expires_on");
  EXPECT_NE(ValidateCertificate(c).message().find("before the issue date"), std::string::npos);
  c = Gmp();
  c.issuer.clear();
  EXPECT_EQ(field_of(c), "issuer");
  c = Gmp();
  c.country = "XX";
  EXPECT_EQ(field_of(c), "country");
  c = Gmp();
  c.kind = "gmp_pics";  // holds in its issuer's country, which must be given
  EXPECT_EQ(field_of(c), "country");
  c.country = "CH";
  EXPECT_TRUE(ValidateCertificate(c).ok());
  c = Gmp();
  c.products.assign(kMaxCertificateScopeItems + 1, "vial");
  EXPECT_EQ(field_of(c), "products");
  c = Gmp();
  c.verification = CertificateVerification{"u", "", {}, "gossip", ""};
  EXPECT_EQ(field_of(c), "method");
}

}  // namespace
}  // namespace biobridge::domain
