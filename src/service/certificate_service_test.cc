// Certificates: members record them (every bad field named), anyone reads
// them, only a platform admin or an accredited association verifies them
// (never their own), an edit of what was checked takes the mark off, the
// expiry round reminds 90/30/7 days ahead once each and lapses them, and
// search filters by kind and by where a certificate holds.
#include "service/certificate_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/service_env.h"

namespace biobridge::service {
namespace {

using domain::MembershipRole;

json::value Json(std::string_view text) { return json::parse(text); }

class CertificateServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_.Organization("org-cn", "CN", "supplier");
    env_.Organization("org-ru", "RU", "hospital");
    env_.Organization("org-assoc", "RU", "association");
    supplier_ = env_.User("li@cn.example", {{"org-cn", MembershipRole::kMember}});
    buyer_ = env_.User("olga@ru.example", {{"org-ru", MembershipRole::kAdmin}});
    association_ = env_.User("ivan@assoc.example", {{"org-assoc", MembershipRole::kMember}});
    admin_ = env_.Admin();
  }

  domain::Certificate Record(const std::string& body) {
    Result<domain::Certificate> c = env_.certificates.Create(supplier_, "org-cn", Json(body));
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? *c : domain::Certificate{};
  }

  // Titles of the notifications in `who`'s inbox of `kind`, in `lang`.
  std::vector<std::string> Titles(const Principal& who, std::string_view kind, std::string_view lang = "en") {
    std::vector<std::string> out;
    Result<Inbox> inbox = env_.notifications.List(who, 0, 100, false, lang);
    EXPECT_TRUE(inbox.ok());
    for (const InboxItem& item : inbox->items) {
      if (item.notification.kind == kind) out.push_back(item.text.title);
    }
    return out;
  }

  // Organisations a buyer finds for "organisation" with a certificate filter.
  std::vector<std::string> Found(const std::map<std::string, std::string>& filters) {
    Result<SearchPage> r = env_.search.Search(buyer_, Params(filters));
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    std::vector<std::string> ids;
    if (r.ok()) {
      for (const SearchItem& item : r->items) ids.push_back(item.record.id);
    }
    return ids;
  }
  static SearchParams Params(const std::map<std::string, std::string>& filters) {
    SearchParams p;
    p.q = "organisation";
    p.type = "organization";
    if (auto it = filters.find("certificate"); it != filters.end()) p.certificate = it->second;
    if (auto it = filters.find("certified_in"); it != filters.end()) p.certified_in = it->second;
    return p;
  }

  void AdvanceDays(int days) { env_.clock.Advance(std::chrono::hours(24 * days)); }

  biobridge::testing::ServiceEnv env_;
  Principal supplier_, buyer_, association_, admin_;
};

constexpr const char* kGmp = R"({"kind": "gmp_nmpa", "issuer": "NMPA", "number": "GD-2025-001",
    "products": ["prefilled syringes"], "sites": ["Suzhou"], "issued_on": "2025-01-15", "expires_on": "2027-01-14"})";

TEST_F(CertificateServiceTest, AMemberRecordsAndAnyoneReads) {
  const domain::Certificate c = Record(kGmp);
  EXPECT_EQ(c.kind, "gmp_nmpa");
  EXPECT_EQ(c.products, std::vector<std::string>{"prefilled syringes"});
  EXPECT_FALSE(c.verification.has_value());
  auto listed = env_.certificates.List(Principal::Anonymous(), "org-cn");
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().number, "GD-2025-001");
  // Not a member, not signed in, or a platform admin speaking for it: refused.
  EXPECT_EQ(env_.certificates.Create(buyer_, "org-cn", Json(kGmp)).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(env_.certificates.Create(Principal::Anonymous(), "org-cn", Json(kGmp)).status().code(),
            StatusCode::kUnauthenticated);
  EXPECT_EQ(env_.certificates.Create(admin_, "org-cn", Json(kGmp)).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(env_.certificates.Update(buyer_, c.id, 1, Json(R"({"number": "X"})")).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(env_.certificates.Delete(buyer_, c.id, 1).code(), StatusCode::kPermissionDenied);
}

TEST_F(CertificateServiceTest, BadInputNamesTheField) {
  auto field = [&](const char* body) { return env_.certificates.Create(supplier_, "org-cn", Json(body)).status(); };
  Status s = field(R"({"kind": "gmp_nmpa", "issuer": "NMPA", "number": "1", "issued_on": "2025-01-15",
                       "expires_on": "2024-01-15"})");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "expires_on");
  EXPECT_EQ(field(R"({"kind": "gmp_moon", "issuer": "NMPA", "number": "1", "issued_on": "2025-01-15"})").field(), "kind");
  EXPECT_EQ(field(R"({"kind": "gmp_pics", "issuer": "Swissmedic", "number": "1", "issued_on": "2025-01-15",
                      "country": "ZZ"})").field(), "country");
  EXPECT_EQ(field(R"({"kind": "iso_13485", "issuer": "TÜV", "number": "1", "issued_on": "2025-02-30"})").field(),
            "issued_on");
  EXPECT_EQ(field(R"({"kind": "iso_13485", "issuer": "TÜV", "number": "1", "issued_on": "2031-01-01"})").field(),
            "issued_on");  // in the future (the clock is in 2026)
  EXPECT_EQ(field(R"({"kind": "iso_13485", "number": "1", "issued_on": "2025-01-01"})").field(), "issuer");
  EXPECT_EQ(field(R"({"kind": "iso_13485", "issuer": "TÜV", "number": "1", "issued_on": "2025-01-01", "colour": 1})")
                .field(), "colour");
  EXPECT_TRUE(env_.certificates.List(supplier_, "org-cn")->empty());  // nothing half-kept
}

TEST_F(CertificateServiceTest, OnlyAnAdminOrAnAccreditedAssociationVerifiesAndNeverItsOwn) {
  const domain::Certificate c = Record(kGmp);
  const auto how = Json(R"({"method": "registry", "note": "NMPA database, 2026-11-23"})");
  EXPECT_EQ(env_.certificates.Verify(buyer_, c.id, how).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(env_.certificates.Verify(association_, c.id, how).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(env_.certificates.Verify(supplier_, c.id, how).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(env_.certificates.SetAccreditation(association_, "org-assoc", true).code(), StatusCode::kPermissionDenied);
  ASSERT_TRUE(env_.certificates.SetAccreditation(admin_, "org-assoc", true).ok());
  EXPECT_EQ(env_.certificates.Verify(association_, c.id, Json(R"({"method": "rumour"})")).status().field(), "method");
  Result<domain::Certificate> verified = env_.certificates.Verify(association_, c.id, how);
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_EQ(verified->verification->verifier_organization_id, "org-assoc");
  EXPECT_EQ(verified->verification->method, "registry");
  EXPECT_EQ(verified->verification->verified_at, env_.clock.Now());
  EXPECT_THAT(Titles(supplier_, "certificate_verified"), ::testing::ElementsAre(::testing::HasSubstr("GD-2025-001")));

  // Changing what was checked takes the mark off; a renamed product does too.
  Result<domain::Certificate> edited = env_.certificates.Update(supplier_, c.id, verified->version,
                                                                 Json(R"({"products": ["vials"]})"));
  ASSERT_TRUE(edited.ok()) << edited.status().ToString();
  EXPECT_FALSE(edited->verification.has_value());
  // An admin verifies too; the mark can be withdrawn.
  verified = env_.certificates.Verify(admin_, c.id, Json(R"({"method": "original"})"));
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(verified->verification->verifier_organization_id, "");
  EXPECT_FALSE(env_.certificates.WithdrawVerification(admin_, c.id)->verification.has_value());
  // A stale edit is refused.
  EXPECT_EQ(env_.certificates.Update(supplier_, c.id, 1, Json(R"({"number": "X"})")).status().code(),
            StatusCode::kAborted);
}

TEST_F(CertificateServiceTest, RemindersAt90_30And7DaysOnceEachThenExpired) {
  // The clock is 2026-11-23; the certificate expires 2027-03-01 (98 days on).
  Record(R"({"kind": "iso_13485", "issuer": "TÜV SÜD", "number": "Q5 001", "issued_on": "2024-03-02",
             "expires_on": "2027-03-01"})");
  EXPECT_EQ(env_.certificates.RunExpiry()->reminders, 0);
  AdvanceDays(8);  // 90 days left
  EXPECT_EQ(env_.certificates.RunExpiry()->reminders, 1);
  EXPECT_EQ(env_.certificates.RunExpiry()->reminders, 0);  // once
  AdvanceDays(59);  // 31 days left
  EXPECT_EQ(env_.certificates.RunExpiry()->reminders, 0);
  AdvanceDays(1);  // 30
  EXPECT_EQ(env_.certificates.RunExpiry()->reminders, 1);
  AdvanceDays(25);  // 5: the 7-day reminder was due on a day no round ran; it goes out now, once
  EXPECT_EQ(env_.certificates.RunExpiry()->reminders, 1);
  EXPECT_EQ(env_.certificates.RunExpiry()->reminders, 0);
  const auto reminders = Titles(supplier_, "certificate_expiring");
  ASSERT_EQ(reminders.size(), 3u);
  EXPECT_THAT(reminders.front(), ::testing::HasSubstr("2027-03-01"));
  EXPECT_THAT(Titles(supplier_, "certificate_expiring", "zh").front(), ::testing::HasSubstr("ISO 13485"));
  EXPECT_TRUE(Titles(buyer_, "certificate_expiring").empty());  // the holder's members only

  EXPECT_EQ(Found({{"certificate", "iso_13485"}}), std::vector<std::string>{"org-cn"});
  AdvanceDays(5);  // the last day: still in force
  EXPECT_EQ(env_.certificates.RunExpiry()->lapsed, 0);
  AdvanceDays(1);
  EXPECT_EQ(env_.certificates.RunExpiry()->lapsed, 1);
  EXPECT_EQ(env_.certificates.RunExpiry()->lapsed, 0);
  EXPECT_EQ(Titles(supplier_, "certificate_expired").size(), 1u);
  EXPECT_TRUE(Found({{"certificate", "iso_13485"}}).empty());  // no longer counted

  // Recording the renewal brings it back and starts the reminders afresh.
  const domain::Certificate old = env_.certificates.List(supplier_, "org-cn")->front();
  auto renewed = env_.certificates.Update(supplier_, old.id, old.version, Json(R"({"expires_on": "2030-03-01"})"));
  ASSERT_TRUE(renewed.ok());
  EXPECT_FALSE(renewed->lapsed);
  EXPECT_EQ(renewed->reminded_days, 0);
  EXPECT_EQ(Found({{"certificate", "iso_13485"}}), std::vector<std::string>{"org-cn"});
}

TEST_F(CertificateServiceTest, SearchFiltersByKindFamilyAndWhereItHolds) {
  env_.Organization("org-kz", "KZ", "supplier");
  const Principal kz = env_.User("aigul@kz.example", {{"org-kz", MembershipRole::kMember}});
  Record(kGmp);  // China only
  ASSERT_TRUE(env_.certificates.Create(kz, "org-kz", Json(R"({"kind": "gmp_eaeu", "issuer": "MoH RK",
      "number": "KZ-GMP-7", "issued_on": "2024-05-01", "expires_on": "2029-05-01"})")).ok());
  ASSERT_TRUE(env_.certificates.Create(kz, "org-kz", Json(R"({"kind": "iso_13485", "issuer": "TÜV",
      "number": "Q-1", "issued_on": "2024-05-01", "expires_on": "2020-05-01"})")).status().field() == "expires_on");

  EXPECT_THAT(Found({{"certificate", "gmp"}}), ::testing::UnorderedElementsAre("org-cn", "org-kz"));  // the family
  EXPECT_THAT(Found({{"certificate", "gmp_eaeu"}}), ::testing::ElementsAre("org-kz"));
  EXPECT_THAT(Found({{"certified_in", "AM"}}), ::testing::ElementsAre("org-kz"));  // EAEU rules hold in Armenia
  EXPECT_THAT(Found({{"certified_in", "CN"}}), ::testing::ElementsAre("org-cn"));
  EXPECT_THAT(Found({{"certificate", "gmp"}, {"certified_in", "KZ"}}), ::testing::ElementsAre("org-kz"));
  EXPECT_TRUE(Found({{"certificate", "gmp_nmpa"}, {"certified_in", "KZ"}}).empty());  // the same certificate
  // An international standard holds everywhere.
  ASSERT_TRUE(env_.certificates.Create(supplier_, "org-cn", Json(R"({"kind": "iso_13485", "issuer": "TÜV",
      "number": "Q-2", "issued_on": "2024-05-01", "expires_on": "2029-05-01"})")).ok());
  EXPECT_THAT(Found({{"certified_in", "UZ"}}), ::testing::ElementsAre("org-cn"));
  // Unknown codes are named.
  EXPECT_EQ(env_.search.Search(buyer_, Params({{"certificate", "gmp_moon"}})).status().field(), "certificate");
  EXPECT_EQ(env_.search.Search(buyer_, Params({{"certified_in", "Atlantis"}})).status().field(), "certified_in");
}

TEST_F(CertificateServiceTest, ABuyerAskingForGmpGetsCertifiedSuppliersFirstWithTheReason) {
  // Two Chinese makers of the same syringes; one records its NMPA GMP.
  env_.Organization("org-cn2", "CN", "supplier");
  const Principal other = env_.User("wang@cn2.example", {{"org-cn2", MembershipRole::kMember}});
  for (const auto& [who, id] : {std::pair{supplier_, "org-cn"}, std::pair{other, "org-cn2"}}) {
    ASSERT_TRUE(env_.directory.PatchOrganization(who, id, Json(R"({"description": {"zh": "预灌封注射器生产企业",
        "en": "Manufacturer of prefilled syringes"}, "version": 1})").as_object()).ok());
  }
  Record(kGmp);
  ASSERT_TRUE(env_.directory.CreateOpportunity(buyer_, Json(R"({"id": "opp-ru", "organization": "org-ru",
      "direction": "request", "cooperation": ["supply"], "title": {"ru": "Ищем поставщика преднаполненных шприцев с сертификатом GMP"},
      "description": {"ru": "Нужен производитель шприцев с действующим сертификатом GMP."}})").as_object()).ok());
  auto ranked = [&] {
    auto result = env_.match.ForOpportunity(buyer_, "opp-ru", {.lang = "ru", .type = "organization"});
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    std::vector<std::pair<std::string, std::string>> out;  // id, certification reason
    for (const MatchItem& item : result->items) {
      std::string reason;
      for (const MatchReason& r : item.reasons) {
        if (r.code == "certification") reason = r.text;
      }
      out.emplace_back(item.record.id, reason);
    }
    return out;
  };
  auto before = ranked();
  ASSERT_GE(before.size(), 2u);
  EXPECT_EQ(before[0].first, "org-cn");
  EXPECT_THAT(before[0].second, ::testing::HasSubstr("GMP"));  // "Имеет требуемые сертификаты: GMP…"
  EXPECT_EQ(std::find_if(before.begin(), before.end(), [](const auto& r) { return r.first == "org-cn2"; })->second, "");
  // Once it has expired (and the round saw it), it no longer counts.
  env_.clock.Set(*ParseTimestamp("2027-01-16T09:00:00Z"));
  ASSERT_EQ(env_.certificates.RunExpiry()->lapsed, 1);
  for (const auto& [id, reason] : ranked()) EXPECT_EQ(reason, "") << id;
}

}  // namespace
}  // namespace biobridge::service
