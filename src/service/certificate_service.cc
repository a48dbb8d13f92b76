#include "service/certificate_service.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/random.h"
#include "domain/codec.h"
#include "service/authorization.h"
#include "service/directory_service.h"
#include "service/notices.h"
#include "service/request_body.h"
#include "storage/store.h"

namespace biobridge::service {
namespace {

const std::initializer_list<std::string_view> kFields = {"kind",    "issuer",  "number", "country",   "detail",
                                                             "products", "sites", "issued_on", "expires_on", "version"};

Status Missing(std::string_view id) { return NotFoundError(fmt::format("no certificate has id '{}'", id)); }

Result<std::vector<std::string>> TextList(const json::object& body, std::string_view key) {
  std::vector<std::string> out;
  const json::value* v = body.if_contains(key);
  if (!v || v->is_null()) return out;
  if (!v->is_array()) return InvalidArgumentError(std::string(key), "a list of strings");
  for (const json::value& item : v->get_array()) {
    if (!item.is_string()) return InvalidArgumentError(std::string(key), "a list of strings");
    std::string text(item.get_string());
    if (!text.empty()) out.push_back(std::move(text));
  }
  return out;
}

Result<std::optional<Date>> DateField(const json::object& body, std::string_view key) {
  const json::value* v = body.if_contains(key);
  if (!v || v->is_null() || (v->is_string() && v->get_string().empty())) return std::optional<Date>();
  if (!v->is_string()) return InvalidArgumentError(std::string(key), "a date written YYYY-MM-DD");
  Result<Date> date = ParseDate(v->get_string());
  if (!date.ok()) return InvalidArgumentError(std::string(key), date.status().message());
  return std::optional<Date>(*date);
}

// Applies the members present in `body` to `c`.
Status Apply(const json::object& body, domain::Certificate& c) {
  BB_RETURN_IF_ERROR(UnknownFields(body, kFields));
  for (const auto& [key, field] : {std::pair<std::string_view, std::string*>{"kind", &c.kind},
                                   {"issuer", &c.issuer},
                                   {"number", &c.number},
                                   {"country", &c.country},
                                   {"detail", &c.detail}}) {
    if (!body.contains(key)) continue;
    BB_ASSIGN_OR_RETURN(*field, Text(body, key, false, key == "number" ? 100 : 200));
  }
  if (body.contains("products")) {
    BB_ASSIGN_OR_RETURN(c.products, TextList(body, "products"));
  }
  if (body.contains("sites")) {
    BB_ASSIGN_OR_RETURN(c.sites, TextList(body, "sites"));
  }
  if (body.contains("issued_on")) {
    BB_ASSIGN_OR_RETURN(std::optional<Date> issued, DateField(body, "issued_on"));
    c.issued_on = issued.value_or(Date{});
  }
  if (body.contains("expires_on")) {
    BB_ASSIGN_OR_RETURN(c.expires_on, DateField(body, "expires_on"));
  }
  return domain::ValidateCertificate(c);
}

// What a verifier checked: editing any of it takes the verified mark off.
bool SameAsChecked(const domain::Certificate& a, const domain::Certificate& b) {
  return a.kind == b.kind && a.issuer == b.issuer && a.number == b.number && a.country == b.country &&
         a.detail == b.detail && a.products == b.products && a.sites == b.sites && a.issued_on == b.issued_on &&
         a.expires_on == b.expires_on;
}

json::object KindLabel(std::string_view kind) {
  const domain::CertificateKind* k = domain::CertificateKinds::Builtin().Find(kind);
  return k ? domain::ToJson(k->labels) : json::object{{"en", kind}};
}

}  // namespace

Result<domain::Certificate> CertificateService::Load(std::string_view id) {
  Result<domain::Certificate> c = context_.store.GetCertificate(id);
  if (!c.ok() && c.status().code() == StatusCode::kNotFound) return Missing(id);
  return c;
}

Result<std::vector<domain::Certificate>> CertificateService::List(const Principal&, std::string_view organization_id) {
  BB_RETURN_IF_ERROR(context_.store.GetOrganization(organization_id).status());
  return context_.store.ListCertificates(organization_id);
}

Result<domain::Certificate> CertificateService::Get(const Principal&, std::string_view id) { return Load(id); }

Result<domain::Certificate> CertificateService::Create(const Principal& who, std::string_view organization_id,
                                                       const json::value& body) {
  BB_RETURN_IF_ERROR(RequireMemberInPerson(who, organization_id, "record its certificates"));
  if (!body.is_object()) return InvalidArgumentError("", "send the certificate as a JSON object");
  BB_RETURN_IF_ERROR(context_.store.GetOrganization(organization_id).status());
  domain::Certificate c;
  c.organization_id = organization_id;
  BB_RETURN_IF_ERROR(Apply(body.get_object(), c));
  const Timestamp now = context_.clock.Now();
  const Date today = DateOf(now);
  if (c.issued_on > today) return InvalidArgumentError("issued_on", "is in the future; record it once it is issued");
  c.id = NewId(context_.random, "cer_");
  c.created_by = who.actor();
  c.created_at = c.updated_at = now;
  c.lapsed = c.expires_on && *c.expires_on < today;  // recorded after the fact: already out of force
  BB_RETURN_IF_ERROR(context_.store.CreateCertificate(c, {who.actor(), now}));
  SyncSearchIndex(context_);
  return c;
}

Result<domain::Certificate> CertificateService::Update(const Principal& who, std::string_view id, std::int64_t version,
                                                       const json::value& body) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "edit a certificate"));
  BB_ASSIGN_OR_RETURN(const domain::Certificate before, Load(id));
  BB_RETURN_IF_ERROR(RequireMemberInPerson(who, before.organization_id, "edit its certificates"));
  if (!body.is_object()) return InvalidArgumentError("", "send the changes as a JSON object");
  domain::Certificate next = before;
  BB_RETURN_IF_ERROR(Apply(body.get_object(), next));
  const Timestamp now = context_.clock.Now();
  const Date today = DateOf(now);
  if (next.issued_on > today) return InvalidArgumentError("issued_on", "is in the future; record it once it is issued");
  if (!SameAsChecked(before, next)) next.verification.reset();
  if (next.expires_on != before.expires_on) {
    // A renewal starts the reminders and the lapse afresh.
    next.reminded_days = 0;
    next.lapsed = next.expires_on && *next.expires_on < today;
  }
  next.version = version;
  BB_ASSIGN_OR_RETURN(domain::Certificate saved, context_.store.UpdateCertificate(next, {who.actor(), now}));
  SyncSearchIndex(context_);
  return saved;
}

Status CertificateService::Delete(const Principal& who, std::string_view id, std::int64_t version) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "delete a certificate"));
  BB_ASSIGN_OR_RETURN(const domain::Certificate c, Load(id));
  if (!who.platform_admin()) BB_RETURN_IF_ERROR(RequireMemberInPerson(who, c.organization_id, "delete its certificates"));
  BB_RETURN_IF_ERROR(context_.store.DeleteCertificate(id, version, {who.actor(), context_.clock.Now()}));
  SyncSearchIndex(context_);
  return Status::Ok();
}

Status CertificateService::RequireVerifier(const Principal& who, const domain::Certificate& c, std::string* verifier_org) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "verify a certificate"));
  if (who.MemberOf(c.organization_id)) {
    return PermissionDeniedError("an organisation's own certificates are verified by someone else");
  }
  if (who.platform_admin()) {
    verifier_org->clear();
    return Status::Ok();
  }
  for (const std::string& organization : who.organization_ids()) {
    BB_ASSIGN_OR_RETURN(const bool accredited, context_.store.IsAccredited(organization));
    if (accredited) {
      *verifier_org = organization;
      return Status::Ok();
    }
  }
  return PermissionDeniedError(
      "only a platform admin or a member of an accredited association may verify certificates");
}

Result<domain::Certificate> CertificateService::Verify(const Principal& who, std::string_view id, const json::value& body) {
  BB_ASSIGN_OR_RETURN(domain::Certificate c, Load(id));
  std::string verifier_org;
  BB_RETURN_IF_ERROR(RequireVerifier(who, c, &verifier_org));
  if (!body.is_object()) return InvalidArgumentError("", "send {\"method\": ..., \"note\": ...}");
  const json::object& o = body.get_object();
  BB_RETURN_IF_ERROR(UnknownFields(o, {"method", "note", "version"}));
  BB_ASSIGN_OR_RETURN(std::string method, Text(o, "method", true, 20));
  BB_ASSIGN_OR_RETURN(std::string note, Text(o, "note", false, 1000));
  BB_ASSIGN_OR_RETURN(const std::int64_t version, Version(o));
  if (version != 0) c.version = version;
  const Timestamp now = context_.clock.Now();
  c.verification = domain::CertificateVerification{who.actor(), verifier_org, now, std::move(method), std::move(note)};
  storage::WriteContext write{who.actor(), now};
  write.notices.push_back(notices::ToOrganization(
      notices::Make("certificate_verified", "certificate", c.id, "/organizations/" + c.organization_id,
                    json::object{{"certificate", KindLabel(c.kind)},
                                 {"number", c.number},
                                 {"by", verifier_org.empty() ? json::value("BioBridge")
                                                             : notices::OrganizationName(context_.store, verifier_org)}}),
      c.organization_id, ""));
  BB_ASSIGN_OR_RETURN(domain::Certificate saved, context_.store.UpdateCertificate(c, write));
  SyncSearchIndex(context_);
  return saved;
}

Result<domain::Certificate> CertificateService::WithdrawVerification(const Principal& who, std::string_view id) {
  BB_ASSIGN_OR_RETURN(domain::Certificate c, Load(id));
  std::string verifier_org;
  BB_RETURN_IF_ERROR(RequireVerifier(who, c, &verifier_org));
  if (!c.verification) return c;
  c.verification.reset();
  BB_ASSIGN_OR_RETURN(domain::Certificate saved, context_.store.UpdateCertificate(c, {who.actor(), context_.clock.Now()}));
  SyncSearchIndex(context_);
  return saved;
}

Status CertificateService::SetAccreditation(const Principal& who, std::string_view organization_id, bool accredited) {
  BB_RETURN_IF_ERROR(RequirePlatformAdmin(who, "accredit an association"));
  return context_.store.SetAccreditation(organization_id, accredited, {who.actor(), context_.clock.Now()});
}

Result<bool> CertificateService::IsAccredited(std::string_view organization_id) {
  BB_RETURN_IF_ERROR(context_.store.GetOrganization(organization_id).status());
  return context_.store.IsAccredited(organization_id);
}

Result<CertificateExpiryRound> CertificateService::RunExpiry() {
  const Timestamp now = context_.clock.Now();
  const Date today = DateOf(now);
  const Date horizon = DateOf(now + std::chrono::days(domain::kCertificateReminderDays[0]));
  BB_ASSIGN_OR_RETURN(std::vector<domain::Certificate> due, context_.store.ListCertificatesExpiringBy(horizon));
  CertificateExpiryRound round;
  bool any_lapsed = false;
  for (const domain::Certificate& c : due) {
    const int days_left = *c.DaysLeft(today);
    // The nearest threshold reached; a reminder once per threshold, none
    // for thresholds passed before the first round saw it.
    int threshold = 0;
    for (const int t : domain::kCertificateReminderDays) {
      if (days_left <= t) threshold = t;
    }
    const bool lapsed = days_left < 0;
    const bool remind = !lapsed && threshold != 0 && (c.reminded_days == 0 || threshold < c.reminded_days);
    if (!remind && !lapsed) continue;
    storage::WriteContext write{"system:certificate-expiry", now};
    const json::object params{{"certificate", KindLabel(c.kind)},
                              {"number", c.number},
                              {"expires", FormatDate(*c.expires_on)},
                              {"days", days_left}};
    write.notices.push_back(notices::ToOrganization(
        notices::Make(lapsed ? "certificate_expired" : "certificate_expiring", "certificate", c.id,
                      "/organizations/" + c.organization_id, params),
        c.organization_id, ""));
    BB_RETURN_IF_ERROR(context_.store.RecordCertificateReminder(c.id, remind ? threshold : c.reminded_days, lapsed, write));
    round.reminders += remind;
    round.lapsed += lapsed;
    any_lapsed = any_lapsed || lapsed;
  }
  if (any_lapsed) SyncSearchIndex(context_);
  return round;
}

}  // namespace biobridge::service
