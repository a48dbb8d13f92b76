// SqlStore: certificates and accreditations (schema 0013_certificates.sql).
#include <fmt/format.h>

#include "storage/field_diff.h"
#include "storage/sql/connection.h"
#include "storage/sql/journal_rows.h"
#include "storage/sql/sql_store.h"

namespace biobridge::storage::sql {
namespace {

constexpr std::string_view kColumns =
    "id, organization_id, kind, issuer, number, country, detail, products, sites, issued_on, expires_on, "
    "verified_by, verifier_organization, verified_at, verification_method, verification_note, reminded_days, lapsed, "
    "created_by, created_at, updated_at, version";

std::string ListJson(const std::vector<std::string>& items) { return json::serialize(json::array(items.begin(), items.end())); }

std::vector<std::string> ListOf(std::string_view text) {
  std::vector<std::string> out;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const json::value& item : v.get_array()) {
    if (item.is_string()) out.emplace_back(item.get_string());
  }
  return out;
}

Date DateOrZero(std::string_view text) {
  Result<Date> d = ParseDate(text);
  return d.ok() ? *d : Date{};
}

domain::Certificate CertificateOf(const Statement& row) {
  domain::Certificate c;
  c.id = row.Text(0);
  c.organization_id = row.Text(1);
  c.kind = row.Text(2);
  c.issuer = row.Text(3);
  c.number = row.Text(4);
  c.country = row.Text(5);
  c.detail = row.Text(6);
  c.products = ListOf(row.Text(7));
  c.sites = ListOf(row.Text(8));
  c.issued_on = DateOrZero(row.Text(9));
  if (!row.IsNull(10)) c.expires_on = DateOrZero(row.Text(10));
  if (!row.IsNull(11)) {
    c.verification = domain::CertificateVerification{std::string(row.Text(11)), std::string(row.Text(12)),
                                                      FromUnixMillis(row.Int(13)), std::string(row.Text(14)),
                                                      std::string(row.Text(15))};
  }
  c.reminded_days = static_cast<int>(row.Int(16));
  c.lapsed = row.Int(17) != 0;
  c.created_by = row.Text(18);
  c.created_at = FromUnixMillis(row.Int(19));
  c.updated_at = FromUnixMillis(row.Int(20));
  c.version = row.Int(21);
  return c;
}

// Binds every column in kColumns order.
void BindAll(Statement& s, const domain::Certificate& c) {
  s.Bind(1, c.id).Bind(2, c.organization_id).Bind(3, c.kind).Bind(4, c.issuer).Bind(5, c.number).Bind(6, c.country);
  s.Bind(7, c.detail).Bind(8, ListJson(c.products)).Bind(9, ListJson(c.sites)).Bind(10, FormatDate(c.issued_on));
  if (c.expires_on) {
    s.Bind(11, FormatDate(*c.expires_on));
  } else {
    s.BindNull(11);
  }
  if (c.verification) {
    s.Bind(12, c.verification->verified_by).Bind(13, c.verification->verifier_organization_id);
    s.Bind(14, ToUnixMillis(c.verification->verified_at)).Bind(15, c.verification->method);
    s.Bind(16, c.verification->note);
  } else {
    for (int i = 12; i <= 16; ++i) s.BindNull(i);
  }
  s.Bind(17, std::int64_t{c.reminded_days}).Bind(18, std::int64_t{c.lapsed ? 1 : 0}).Bind(19, c.created_by);
  s.Bind(20, ToUnixMillis(c.created_at)).Bind(21, ToUnixMillis(c.updated_at)).Bind(22, c.version);
}

// How an organisation's certificates are listed.
constexpr std::string_view kByKind = "kind, issued_on, id";

Result<std::vector<domain::Certificate>> Select(Connection& c, std::string_view where, const std::string& value,
                                                std::string_view order = kByKind) {
  BB_ASSIGN_OR_RETURN(Statement select,
                      c.Prepare(fmt::format("SELECT {} FROM certificates WHERE {} ORDER BY {}", kColumns, where, order)));
  select.Bind(1, value);
  std::vector<domain::Certificate> out;
  while (true) {
    BB_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    out.push_back(CertificateOf(select));
  }
  return out;
}

Result<domain::Certificate> SelectOne(Connection& c, std::string_view id) {
  BB_ASSIGN_OR_RETURN(std::vector<domain::Certificate> found, Select(c, "id = ?", std::string(id)));
  if (found.empty()) return NotFoundError(fmt::format("no certificate has id '{}'", id));
  return std::move(found.front());
}

// What the audit records of a certificate: what its holder and its verifier
// said, not the expiry round's state.
json::object Summary(const domain::Certificate& c) {
  json::object out{{"kind", c.kind},
                   {"issuer", c.issuer},
                   {"number", c.number},
                   {"country", c.country},
                   {"detail", c.detail},
                   {"products", json::array(c.products.begin(), c.products.end())},
                   {"sites", json::array(c.sites.begin(), c.sites.end())},
                   {"issued_on", FormatDate(c.issued_on)},
                   {"expires_on", c.expires_on ? json::value(FormatDate(*c.expires_on)) : json::value(nullptr)}};
  out["verified_by"] = c.verification ? json::value(c.verification->verified_by) : json::value(nullptr);
  out["verification_method"] = c.verification ? json::value(c.verification->method) : json::value(nullptr);
  return out;
}

Status Changed(Connection& c, const WriteContext& context, const domain::Certificate& certificate) {
  return AppendChange(c, context, "certificates", certificate.organization_id, "upsert", 0);
}

}  // namespace

Status SqlStore::CreateCertificate(const domain::Certificate& certificate, const WriteContext& context) {
  BB_RETURN_IF_ERROR(domain::ValidateCertificate(certificate));
  return WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(bool found, c.Exists("SELECT 1 FROM organizations WHERE id = ?", certificate.organization_id));
    if (!found) return NotFoundError(fmt::format("no organisation has id '{}'", certificate.organization_id));
    BB_ASSIGN_OR_RETURN(Statement count, c.Prepare("SELECT count(*) FROM certificates WHERE organization_id = ?"));
    BB_RETURN_IF_ERROR(count.Bind(1, certificate.organization_id).Step().status());
    if (count.Int(0) >= static_cast<std::int64_t>(domain::kMaxCertificatesPerOrganization)) {
      return ResourceExhaustedError(fmt::format("an organisation records at most {} certificates; delete old ones first",
                                                domain::kMaxCertificatesPerOrganization));
    }
    BB_ASSIGN_OR_RETURN(Statement insert, c.Prepare(fmt::format(
        "INSERT INTO certificates ({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", kColumns)));
    BindAll(insert, certificate);
    BB_RETURN_IF_ERROR(insert.Run());
    BB_RETURN_IF_ERROR(AppendAudit(c, context, "create", "certificate", certificate.id, FieldDiff({}, Summary(certificate))));
    return Changed(c, context, certificate);
  });
}

Result<domain::Certificate> SqlStore::GetCertificate(std::string_view id) {
  domain::Certificate found;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(found, SelectOne(c, id));
    return Status::Ok();
  }));
  return found;
}

Result<std::vector<domain::Certificate>> SqlStore::ListCertificates(std::string_view organization_id) {
  std::vector<domain::Certificate> found;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(found, Select(c, "organization_id = ?", std::string(organization_id)));
    return Status::Ok();
  }));
  return found;
}

Result<std::map<std::string, std::vector<domain::Certificate>, std::less<>>> SqlStore::ListCertificatesOf(
    const std::vector<std::string>& organization_ids) {
  std::map<std::string, std::vector<domain::Certificate>, std::less<>> found;
  if (organization_ids.empty()) return found;  // (no transaction for nothing)
  BB_RETURN_IF_ERROR(Read(
      [&](Connection& c) -> Status {
        found.clear();
        return ForEachRowWithIdIn(
            c, fmt::format("SELECT {} FROM certificates WHERE organization_id IN ({{}}) ORDER BY {}", kColumns, kByKind),
            std::vector<std::string_view>(organization_ids.begin(), organization_ids.end()),
            [&](const Statement& row) {
              domain::Certificate certificate = CertificateOf(row);
              found[certificate.organization_id].push_back(std::move(certificate));
              return Status::Ok();
            });
      },
      /*snapshot=*/true));
  return found;
}

Status SqlStore::ForEachCertificate(const std::function<Status(const domain::Certificate&)>& visit) {
  return Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement rows,
                        c.PrepareStreaming(fmt::format("SELECT {} FROM certificates ORDER BY organization_id, kind, id", kColumns)));
    while (true) {
      BB_ASSIGN_OR_RETURN(bool row, rows.Step());
      if (!row) return Status::Ok();
      BB_RETURN_IF_ERROR(visit(CertificateOf(rows)));
    }
  });
}

Result<domain::Certificate> SqlStore::UpdateCertificate(const domain::Certificate& certificate,
                                                           const WriteContext& context) {
  BB_RETURN_IF_ERROR(domain::ValidateCertificate(certificate));
  domain::Certificate next = certificate;
  BB_RETURN_IF_ERROR(WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(const domain::Certificate before, SelectOne(c, certificate.id));
    if (before.version != certificate.version) {
      return AbortedError(fmt::format("the certificate changed since version {} (it is at {}); reload and try again",
                                      certificate.version, before.version));
    }
    if (before.organization_id != certificate.organization_id) return InvalidArgumentError("organization_id", "fixed");
    next.version = before.version + 1;
    next.updated_at = context.at;
    next.created_by = before.created_by;
    next.created_at = before.created_at;
    BB_ASSIGN_OR_RETURN(Statement remove, c.Prepare("DELETE FROM certificates WHERE id = ?"));
    BB_RETURN_IF_ERROR(remove.Bind(1, next.id).Run());
    BB_ASSIGN_OR_RETURN(Statement insert, c.Prepare(fmt::format(
        "INSERT INTO certificates ({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", kColumns)));
    BindAll(insert, next);
    BB_RETURN_IF_ERROR(insert.Run());
    BB_RETURN_IF_ERROR(AppendAudit(c, context, "update", "certificate", next.id, FieldDiff(Summary(before), Summary(next))));
    return Changed(c, context, next);
  }));
  return next;
}

Status SqlStore::DeleteCertificate(std::string_view id, std::int64_t expected_version, const WriteContext& context) {
  return WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(const domain::Certificate before, SelectOne(c, id));
    if (expected_version != 0 && before.version != expected_version) {
      return AbortedError(fmt::format("the certificate changed since version {} (it is at {}); reload and try again",
                                      expected_version, before.version));
    }
    BB_ASSIGN_OR_RETURN(bool has_documents,
                        c.Exists("SELECT 1 FROM documents WHERE subject_type = 'certificate' AND subject_id = ?", id));
    if (has_documents) return FailedPreconditionError("the certificate still has documents; delete them first");
    BB_ASSIGN_OR_RETURN(Statement remove, c.Prepare("DELETE FROM certificates WHERE id = ?"));
    BB_RETURN_IF_ERROR(remove.Bind(1, id).Run());
    BB_RETURN_IF_ERROR(AppendAudit(c, context, "delete", "certificate", id, FieldDiff(Summary(before), {})));
    return Changed(c, context, before);
  });
}

Result<std::vector<domain::Certificate>> SqlStore::ListCertificatesExpiringBy(const Date& date) {
  std::vector<domain::Certificate> found;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(found, Select(c, "expires_on IS NOT NULL AND lapsed = 0 AND expires_on <= ?", FormatDate(date),
                                      "expires_on, id"));
    return Status::Ok();
  }));
  return found;
}

Status SqlStore::RecordCertificateReminder(std::string_view id, int reminded_days, bool lapsed,
                                              const WriteContext& context) {
  return WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(const domain::Certificate before, SelectOne(c, id));
    BB_ASSIGN_OR_RETURN(Statement update,
                        c.Prepare("UPDATE certificates SET reminded_days = ?, lapsed = ? WHERE id = ?"));
    BB_RETURN_IF_ERROR(update.Bind(1, std::int64_t{reminded_days}).Bind(2, std::int64_t{lapsed ? 1 : 0}).Bind(3, id).Run());
    // A lapse takes the certificate out of search filters: the index hears of it.
    if (lapsed && !before.lapsed) return Changed(c, context, before);
    return Status::Ok();
  });
}

Status SqlStore::SetAccreditation(std::string_view organization_id, bool accredited, const WriteContext& context) {
  return WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(bool found, c.Exists("SELECT 1 FROM organizations WHERE id = ?", organization_id));
    if (!found) return NotFoundError(fmt::format("no organisation has id '{}'", organization_id));
    BB_ASSIGN_OR_RETURN(bool was, c.Exists("SELECT 1 FROM accreditations WHERE organization_id = ?", organization_id));
    if (was == accredited) return Status::Ok();
    if (accredited) {
      BB_ASSIGN_OR_RETURN(Statement insert, c.Prepare(
          "INSERT INTO accreditations (organization_id, granted_by, granted_at) VALUES (?, ?, ?)"));
      BB_RETURN_IF_ERROR(insert.Bind(1, organization_id).Bind(2, context.actor).Bind(3, ToUnixMillis(context.at)).Run());
    } else {
      BB_ASSIGN_OR_RETURN(Statement remove, c.Prepare("DELETE FROM accreditations WHERE organization_id = ?"));
      BB_RETURN_IF_ERROR(remove.Bind(1, organization_id).Run());
    }
    return AppendAudit(c, context, accredited ? "accredit" : "withdraw_accreditation", "organization", organization_id,
                       json::object{{"accredited", json::object{{"before", was}, {"after", accredited}}}});
  });
}

Result<bool> SqlStore::IsAccredited(std::string_view organization_id) {
  bool found = false;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(found, c.Exists("SELECT 1 FROM accreditations WHERE organization_id = ?", organization_id));
    return Status::Ok();
  }));
  return found;
}

}  // namespace biobridge::storage::sql
