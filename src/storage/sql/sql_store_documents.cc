// SqlStore: documents (schema 0012_documents.sql). The files themselves
// are kept by files/blob_store.h.
#include <fmt/format.h>

#include "storage/sql/connection.h"
#include "storage/sql/journal_rows.h"
#include "storage/sql/sql_store.h"

namespace biobridge::storage::sql {
namespace {

constexpr std::string_view kColumns =
    "id, organization_id, subject_type, subject_id, name, media_type, size, sha256, confidentiality, uploaded_by, "
    "created_at";

domain::Document DocumentOf(const Statement& row) {
  domain::Document d;
  d.id = row.Text(0);
  d.organization_id = row.Text(1);
  d.subject_type = row.Text(2);
  d.subject_id = row.Text(3);
  d.name = row.Text(4);
  d.media_type = row.Text(5);
  d.size = row.Int(6);
  d.sha256 = row.Text(7);
  d.confidentiality = row.Text(8);
  d.uploaded_by = row.Text(9);
  d.created_at = FromUnixMillis(row.Int(10));
  return d;
}

Result<std::vector<domain::Document>> Select(Connection& c, std::string_view where,
                                             const std::vector<std::string>& values) {
  BB_ASSIGN_OR_RETURN(Statement select,
                      c.Prepare(fmt::format("SELECT {} FROM documents WHERE {} ORDER BY created_at, id", kColumns, where)));
  for (std::size_t i = 0; i < values.size(); ++i) select.Bind(static_cast<int>(i + 1), values[i]);
  std::vector<domain::Document> out;
  while (true) {
    BB_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    out.push_back(DocumentOf(select));
  }
  return out;
}

Result<std::int64_t> BytesOf(Connection& c, std::string_view organization_id) {
  BB_ASSIGN_OR_RETURN(Statement sum, c.Prepare("SELECT coalesce(sum(size), 0) FROM documents WHERE organization_id = ?"));
  BB_RETURN_IF_ERROR(sum.Bind(1, organization_id).Step().status());
  return sum.Int(0);
}

json::object Summary(const domain::Document& d) {
  return json::object{{"subject", d.subject_type + ":" + d.subject_id}, {"name", d.name},
                      {"media_type", d.media_type},    {"size", d.size},
                      {"sha256", d.sha256},            {"confidentiality", d.confidentiality}};
}

}  // namespace

Status SqlStore::CreateDocument(const domain::Document& d, const WriteContext& context) {
  BB_RETURN_IF_ERROR(domain::ValidateDocument(d));
  return WriteTransaction(context, [&](Connection& c) -> Status {
    // The subject is the organisation itself or one of its opportunities, certificates or projects.
    if (d.subject_type == "organization") {
      if (d.subject_id != d.organization_id) return InvalidArgumentError("subject", "a document of an organisation is its own");
      BB_ASSIGN_OR_RETURN(bool found, c.Exists("SELECT 1 FROM organizations WHERE id = ?", d.organization_id));
      if (!found) return NotFoundError(fmt::format("no organisation has id '{}'", d.organization_id));
    } else {
      // An opportunity, a certificate or a project for review, of this organisation.
      const std::string_view table = d.subject_type == "opportunity"    ? "opportunities"
                                     : d.subject_type == "certificate" ? "certificates"
                                                                        : "review_projects";
      BB_ASSIGN_OR_RETURN(Statement owner, c.Prepare(fmt::format("SELECT organization_id FROM {} WHERE id = ?", table)));
      BB_ASSIGN_OR_RETURN(bool found, owner.Bind(1, d.subject_id).Step());
      if (!found) return NotFoundError(fmt::format("no {} has id '{}'", d.subject_type, d.subject_id));
      if (owner.Text(0) != d.organization_id) {
        return InvalidArgumentError("subject", fmt::format("the {} is another organisation's", d.subject_type));
      }
    }
    BB_ASSIGN_OR_RETURN(const std::int64_t used, BytesOf(c, d.organization_id));
    if (used + d.size > domain::kDocumentQuotaBytes) {
      return ResourceExhaustedError(fmt::format("the organisation's documents would take {} MB, more than its {} MB; "
                                                "delete some first",
                                                (used + d.size) >> 20, domain::kDocumentQuotaBytes >> 20));
    }
    BB_ASSIGN_OR_RETURN(Statement insert, c.Prepare(fmt::format(
        "INSERT INTO documents ({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", kColumns)));
    BB_RETURN_IF_ERROR(insert.Bind(1, d.id)
                           .Bind(2, d.organization_id)
                           .Bind(3, d.subject_type)
                           .Bind(4, d.subject_id)
                           .Bind(5, d.name)
                           .Bind(6, d.media_type)
                           .Bind(7, d.size)
                           .Bind(8, d.sha256)
                           .Bind(9, d.confidentiality)
                           .Bind(10, d.uploaded_by)
                           .Bind(11, ToUnixMillis(d.created_at))
                           .Run());
    json::object changes;
    for (const auto& [key, value] : Summary(d)) changes[key] = json::object{{"before", nullptr}, {"after", value}};
    return AppendAudit(c, context, "create", "document", d.id, changes);
  });
}

Result<domain::Document> SqlStore::GetDocument(std::string_view id) {
  std::vector<domain::Document> found;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(found, Select(c, "id = ?", {std::string(id)}));
    return Status::Ok();
  }));
  if (found.empty()) return NotFoundError(fmt::format("no document has id '{}'", id));
  return std::move(found.front());
}

Result<std::vector<domain::Document>> SqlStore::ListDocuments(std::string_view subject_type,
                                                                std::string_view subject_id) {
  std::vector<domain::Document> found;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(found, Select(c, "subject_type = ? AND subject_id = ?",
                                      {std::string(subject_type), std::string(subject_id)}));
    return Status::Ok();
  }));
  return found;
}

Result<bool> SqlStore::DeleteDocument(std::string_view id, const WriteContext& context) {
  bool shared = false;
  BB_RETURN_IF_ERROR(WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(std::vector<domain::Document> found, Select(c, "id = ?", {std::string(id)}));
    if (found.empty()) return NotFoundError(fmt::format("no document has id '{}'", id));
    BB_ASSIGN_OR_RETURN(Statement remove, c.Prepare("DELETE FROM documents WHERE id = ?"));
    BB_RETURN_IF_ERROR(remove.Bind(1, id).Run());
    BB_ASSIGN_OR_RETURN(shared, c.Exists("SELECT 1 FROM documents WHERE sha256 = ?", found.front().sha256));
    json::object changes;
    for (const auto& [key, value] : Summary(found.front())) changes[key] = json::object{{"before", value}, {"after", nullptr}};
    return AppendAudit(c, context, "delete", "document", id, changes);
  }));
  return shared;
}

Status SqlStore::ForEachDocument(const std::function<Status(const domain::Document&)>& visit) {
  return Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement rows,
                        c.PrepareStreaming(fmt::format("SELECT {} FROM documents ORDER BY created_at, id", kColumns)));
    while (true) {
      BB_ASSIGN_OR_RETURN(bool row, rows.Step());
      if (!row) return Status::Ok();
      BB_RETURN_IF_ERROR(visit(DocumentOf(rows)));
    }
  });
}

Result<std::int64_t> SqlStore::DocumentBytes(std::string_view organization_id) {
  std::int64_t bytes = 0;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(bytes, BytesOf(c, organization_id));
    return Status::Ok();
  }));
  return bytes;
}

}  // namespace biobridge::storage::sql
