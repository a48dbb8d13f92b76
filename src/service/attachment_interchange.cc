#include "service/attachment_interchange.h"

#include <fmt/format.h>

#include "domain/certificate.h"
#include "domain/document.h"
#include "domain/validation.h"
#include "files/media_type.h"
#include "storage/store.h"

namespace biobridge::service {
namespace {

// What a certificate says, without what the store keeps of its history.
bool SameContent(domain::Certificate a, domain::Certificate b) {
  for (domain::Certificate* c : {&a, &b}) {
    c->version = 1;
    c->created_at = c->updated_at = {};
    c->created_by.clear();
  }
  return a == b;
}

Status ImportCertificate(const ServiceContext& context, const storage::WriteContext& write, const json::object& record,
                               ImportReport& report) {
  BB_ASSIGN_OR_RETURN(domain::Certificate c, domain::CertificateFromJson(record));
  BB_RETURN_IF_ERROR(domain::ValidateRecordId(c.id));
  BB_RETURN_IF_ERROR(domain::ValidateCertificate(c));
  if (c.created_by.empty()) c.created_by = write.actor;
  Result<domain::Certificate> existing = context.store.GetCertificate(c.id);
  if (!existing.ok() && existing.status().code() != StatusCode::kNotFound) return existing.status();
  if (!existing.ok()) {
    if (c.created_at == Timestamp{}) c.created_at = write.at;
    c.updated_at = c.created_at;
    c.version = 1;
    BB_RETURN_IF_ERROR(context.store.CreateCertificate(c, write));
    ++report.created;
    return Status::Ok();
  }
  if (existing->organization_id != c.organization_id) {
    return InvalidArgumentError("organization", fmt::format("certificate '{}' is another organisation's", c.id));
  }
  if (SameContent(*existing, c)) {
    ++report.unchanged;
    return Status::Ok();
  }
  c.version = existing->version;
  c.created_at = existing->created_at;
  c.created_by = existing->created_by;
  BB_RETURN_IF_ERROR(context.store.UpdateCertificate(c, write).status());
  ++report.updated;
  return Status::Ok();
}

Status ImportDocument(const ServiceContext& context, files::BlobStore* from, files::BlobStore* to,
                      const storage::WriteContext& write, const json::object& record, ImportReport& report) {
  BB_ASSIGN_OR_RETURN(domain::Document d, domain::DocumentFromJson(record));
  BB_RETURN_IF_ERROR(domain::ValidateRecordId(d.id));
  BB_RETURN_IF_ERROR(domain::ValidateDocument(d));
  Result<domain::Document> existing = context.store.GetDocument(d.id);
  if (existing.ok()) {
    // A document is never edited, only replaced by another: the same id must be the same file.
    if (existing->sha256 != d.sha256 || existing->subject_type != d.subject_type || existing->subject_id != d.subject_id) {
      return InvalidArgumentError("id", fmt::format("document '{}' exists with another file or subject", d.id));
    }
    ++report.unchanged;
    return Status::Ok();
  }
  if (existing.status().code() != StatusCode::kNotFound) return existing.status();
  if (!to) return FailedPreconditionError("this installation keeps no files; documents cannot be imported into it");
  if (!from) {
    return InvalidArgumentError("sha256", "the file is not in this import: give --files with the directory the export "
                                          "wrote its files to");
  }
  Result<std::string> bytes = from->Read(d.sha256);
  if (!bytes.ok()) {
    return InvalidArgumentError("sha256", fmt::format("the file {} is {} in the files directory", d.sha256,
                                                      bytes.status().code() == StatusCode::kNotFound ? "missing" : "damaged"));
  }
  if (static_cast<std::int64_t>(bytes->size()) != d.size) {
    return InvalidArgumentError("size", fmt::format("the file has {} bytes, the record says {}", bytes->size(), d.size));
  }
  BB_ASSIGN_OR_RETURN(const files::MediaType type, files::AllowedDocumentType(*bytes));
  d.media_type = type.mime;
  if (d.created_at == Timestamp{}) d.created_at = write.at;
  if (d.uploaded_by.empty()) d.uploaded_by = write.actor;
  BB_RETURN_IF_ERROR(to->Put(*bytes).status());
  BB_RETURN_IF_ERROR(context.store.CreateDocument(d, write));
  ++report.created;
  return Status::Ok();
}

}  // namespace

bool IsAttachmentRecordType(std::string_view type) {
  return type == domain::kCertificateType || type == domain::kDocumentType;
}

Status ExportAttachmentRecords(const ServiceContext& context, const std::function<Status(const json::object&)>& write) {
  BB_RETURN_IF_ERROR(context.store.ForEachCertificate(
      [&](const domain::Certificate& c) -> Status { return write(domain::ToJson(c)); }));
  return context.store.ForEachDocument([&](const domain::Document& d) -> Status { return write(domain::ToJson(d)); });
}

Status ImportAttachmentLines(const ServiceContext& context, files::BlobStore* files_from, files::BlobStore* files_to,
                             const storage::WriteContext& write, std::vector<EventLine> lines, ImportReport& report) {
  for (const std::string_view type : {domain::kCertificateType, domain::kDocumentType}) {
    for (const EventLine& line : lines) {
      if (line.record.at("type").as_string() != type) continue;
      std::string id;
      if (const json::value* v = line.record.if_contains("id"); v && v->is_string()) id = v->get_string();
      Status done = type == domain::kCertificateType
                        ? ImportCertificate(context, write, line.record, report)
                        : ImportDocument(context, files_from, files_to, write, line.record, report);
      if (done.code() == StatusCode::kUnavailable || done.code() == StatusCode::kInternal) return done;
      if (!done.ok()) report.refused.push_back({line.line, std::move(id), std::move(done)});
    }
  }
  return Status::Ok();
}

Result<std::size_t> CopyDocumentFiles(const ServiceContext& context, files::BlobStore& from, files::BlobStore& to) {
  std::size_t copied = 0;
  BB_RETURN_IF_ERROR(context.store.ForEachDocument([&](const domain::Document& d) -> Status {
    Result<std::string> bytes = from.Read(d.sha256);
    if (!bytes.ok()) {
      return InternalError(fmt::format("the file of document '{}' ({}) cannot be read: {}", d.id, d.name,
                                       bytes.status().message()));
    }
    BB_RETURN_IF_ERROR(to.Put(*bytes).status());
    ++copied;
    return Status::Ok();
  }));
  return copied;
}

}  // namespace biobridge::service
