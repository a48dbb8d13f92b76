// CertificateService: the certificates an organisation records
// (domain/certificate.h), their verification, and the expiry round.
//
// Who does what:
//  - Anyone reads an organisation's certificates (they are its public
//    qualification; the scans are documents at their own tier). Who verified
//    one is shown as the verifying organisation or the platform, never a
//    person's account.
//  - Members of the organisation record, edit and delete them in person
//    (a platform admin moderates: deletes, does not record for it). An edit
//    of what was checked (kind, issuer, number, country, scope, dates) takes
//    the verified mark off: the mark was for what the verifier saw.
//  - A platform admin, or a member of an association a platform admin
//    accredited, marks a certificate verified (who, when, how) or withdraws
//    the mark; never for their own organisation. Anyone else: kPermissionDenied.
//  - The expiry round (RunCertificateExpiry) tells the organisation's members
//    90, 30 and 7 days before a certificate expires (certificate_expiring,
//    each once, only the nearest when several are due) and once it has
//    (certificate_expired); an expired certificate leaves search filters and
//    matching then, and is shown as expired.
//
// Errors (beyond service/context.h's): kNotFound for a certificate of an
// organisation the caller may not see; kPermissionDenied for verifying one's
// own organisation's certificate, or verifying without being an accredited
// association or a platform admin; kInvalidArgument naming the field (kind,
// dates, countries, products).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "domain/certificate.h"
#include "service/context.h"
#include "service/principal.h"

namespace biobridge::service {

struct CertificateExpiryRound {
  int reminders = 0;
  int lapsed = 0;
};

class CertificateService {
 public:
  explicit CertificateService(const ServiceContext& context) : context_(context) {}

  // The organisation's certificates, by kind (kNotFound without it).
  Result<std::vector<domain::Certificate>> List(const Principal& who, std::string_view organization_id);
  Result<domain::Certificate> Get(const Principal& who, std::string_view id);
  // From a JSON body: kind, issuer, number, issued_on and optionally country,
  // detail, products, sites, expires_on. Every bad field named (422).
  Result<domain::Certificate> Create(const Principal& who, std::string_view organization_id, const json::value& body);
  // The fields given replace the stored ones; `version` is the one read
  // (kAborted when it changed since).
  Result<domain::Certificate> Update(const Principal& who, std::string_view id, std::int64_t version,
                                     const json::value& body);
  Status Delete(const Principal& who, std::string_view id, std::int64_t version);

  // body: {"method": "registry"|"original"|"issuer", "note": "..."}.
  Result<domain::Certificate> Verify(const Principal& who, std::string_view id, const json::value& body);
  Result<domain::Certificate> WithdrawVerification(const Principal& who, std::string_view id);

  // A platform admin accredits an association to verify certificates.
  Status SetAccreditation(const Principal& who, std::string_view organization_id, bool accredited);
  // kNotFound without the organisation.
  Result<bool> IsAccredited(std::string_view organization_id);

  // The expiry round at the clock's date (scheduled daily by ScheduledJobs).
  Result<CertificateExpiryRound> RunExpiry();

 private:
  Result<domain::Certificate> Load(std::string_view id);
  Status RequireVerifier(const Principal& who, const domain::Certificate& certificate, std::string* verifier_org);

  ServiceContext context_;
};

}  // namespace biobridge::service
