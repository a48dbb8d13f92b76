// Certificates: what an organisation (above all a supplier or manufacturer)
// holds — GMP by an authority, ISO 13485, CE under MDR, an NMPA or EAEU
// registration, a DMF — with its issuer, number, scope, dates, document and,
// when someone trusted checked it, a verified mark.
//
// The kinds are shipped data (data/taxonomy/certificate_kinds.json): labels
// in en/zh/ru, a family ("gmp", "quality_system", ...), the matching
// vocabulary concept, and where the issuing authority's decision holds —
// countries or country groups, the certificate's own issuing country, or
// nowhere in particular (an international standard).
//
// A certificate counts (search filters, matching, plans) while it is in
// force: issued, and not past its expiry date (the last day it holds).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "base/time.h"
#include "domain/localized_text.h"

namespace biobridge::domain {

inline constexpr std::size_t kMaxCertificateScopeItems = 50;
inline constexpr std::size_t kMaxCertificatesPerOrganization = 200;
// Reminders go out this many days before expiry, each once.
inline constexpr int kCertificateReminderDays[] = {90, 30, 7};
// How a verifier checked a certificate.
inline constexpr std::string_view kVerificationMethods[] = {"registry", "original", "issuer"};

struct CertificateKind {
  std::string code;
  LocalizedText labels;
  std::string family;                // "gmp", "quality_system", "market_authorisation", ...
  std::string concept_id;            // vocabulary concept, or empty
  std::vector<std::string> valid_in; // country codes and group codes ("eaeu", "eu")
  bool issuer_country = false;       // holds in the country of its issuing authority
  bool international = false;        // not tied to a jurisdiction

  // Whether a certificate of this kind issued in `issuing_country` holds in
  // `country` (international kinds hold everywhere).
  bool HoldsIn(std::string_view country, std::string_view issuing_country) const;
};

class CertificateKinds {
 public:
  // The kinds shipped in the binary, parsed once; thread-safe.
  static const CertificateKinds& Builtin();
  static Result<CertificateKinds> FromJson(std::string_view text);

  const CertificateKind* Find(std::string_view code) const;
  const std::vector<CertificateKind>& all() const { return kinds_; }
  // Whether `code` names a kind or a family (filters accept either).
  bool IsKindOrFamily(std::string_view code) const;

 private:
  std::vector<CertificateKind> kinds_;
};

struct CertificateVerification {
  std::string verified_by;               // user id
  std::string verifier_organization_id;  // the accredited association, or empty for a platform admin
  Timestamp verified_at{};
  std::string method;                    // kVerificationMethods
  std::string note;
  friend bool operator==(const CertificateVerification&, const CertificateVerification&) = default;
};

struct Certificate {
  std::string id;
  std::string organization_id;
  std::string kind;                  // certificate_kinds code
  std::string issuer;                // the authority or body, e.g. "NMPA", "TÜV SÜD (NB 0123)"
  std::string number;
  std::string country;               // of the issuing authority; needed for kinds that hold there
  std::string detail;                // e.g. the cleanroom class, the notified body's number
  std::vector<std::string> products; // scope
  std::vector<std::string> sites;    // scope
  Date issued_on{};
  std::optional<Date> expires_on;    // none: does not expire
  std::optional<CertificateVerification> verification;
  int reminded_days = 0;             // the nearest reminder sent (90/30/7), 0 none yet
  bool lapsed = false;               // expiry seen by the expiry round: no longer counted
  std::string created_by;
  Timestamp created_at{};
  Timestamp updated_at{};
  std::int64_t version = 1;
  friend bool operator==(const Certificate&, const Certificate&) = default;

  bool InForce(const Date& today) const { return issued_on <= today && (!expires_on || *expires_on >= today); }
  // Days left until expiry (negative once expired); nullopt without expiry.
  std::optional<int> DaysLeft(const Date& today) const;
};

// Every field checked against the kinds and the countries, naming the field
// that is wrong: an unknown kind or country, an empty issuer or number, an
// expiry before the issue date, a scope too long.
Status ValidateCertificate(const Certificate& certificate);

// The interchange form ("type": "certificate"; dates as YYYY-MM-DD, the
// verification as an object) and back; FromJson checks the shape and
// CertificateFromJson leaves ValidateCertificate to the caller.
inline constexpr std::string_view kCertificateType = "certificate";
json::object ToJson(const Certificate& certificate);
Result<Certificate> CertificateFromJson(const json::object& object);

// The countries (and "*" for anywhere) where the certificate holds, with
// groups expanded to their member countries.
std::vector<std::string> CertificateCountries(const Certificate& certificate);

}  // namespace biobridge::domain
