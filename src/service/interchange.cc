#include "service/interchange.h"

#include <fmt/format.h>

#include "domain/codec.h"
#include "domain/validation.h"
#include "service/authorization.h"
#include "service/attachment_interchange.h"
#include "service/directory_service.h"
#include "service/event_interchange.h"
#include "service/import_batch.h"
#include "storage/store.h"

namespace biobridge::service {

namespace {

// One line of JSON Lines as a validated record, or why it cannot be one.
Result<storage::DirectoryRecord> DecodeLine(std::string_view line, const domain::Taxonomies& taxonomies,
                                            std::string& id) {
  BB_ASSIGN_OR_RETURN(json::value value, ParseJson(line, JsonLimits{.max_depth = 16}));
  if (!value.is_object()) {
    return InvalidArgumentError("", fmt::format("each line must be a JSON object, got {}", JsonKindName(value)));
  }
  const json::object& object = value.get_object();
  if (const json::value* v = object.if_contains("id"); v && v->is_string()) id = v->get_string();
  const json::value* type = object.if_contains("type");
  if (!type || !type->is_string()) {
    return InvalidArgumentError("type", "each record needs a \"type\": \"organization\", \"opportunity\", "
                                        "\"collaboration\", \"event\", \"delegate\", \"meeting_request\", "
                                        "\"certificate\" or \"document\"");
  }
  if (type->get_string() == domain::kOrganizationType) {
    BB_ASSIGN_OR_RETURN(domain::Organization o, domain::OrganizationFromJson(object));
    BB_RETURN_IF_ERROR(domain::ValidateRecordId(o.id));
    BB_RETURN_IF_ERROR(domain::ValidateOrganization(o, taxonomies));
    return storage::DirectoryRecord(std::move(o));
  }
  if (type->get_string() == domain::kOpportunityType) {
    BB_ASSIGN_OR_RETURN(domain::Opportunity o, domain::OpportunityFromJson(object));
    BB_RETURN_IF_ERROR(domain::ValidateRecordId(o.id));
    BB_RETURN_IF_ERROR(domain::ValidateOpportunity(o, taxonomies));
    return storage::DirectoryRecord(std::move(o));
  }
  if (type->get_string() == domain::kCollaborationType) {
    BB_ASSIGN_OR_RETURN(domain::Collaboration c, domain::CollaborationFromJson(object));
    BB_RETURN_IF_ERROR(domain::ValidateRecordId(c.id));
    BB_RETURN_IF_ERROR(domain::ValidateCollaboration(c, taxonomies));
    return storage::DirectoryRecord(std::move(c));
  }
  return InvalidArgumentError("type", fmt::format("records of type \"{}\" cannot be imported; this version imports "
                                                  "\"organization\", \"opportunity\", \"collaboration\", \"event\", "
                                                  "\"delegate\", \"meeting_request\", \"certificate\" and \"document\"",
                                                  std::string_view(type->get_string())));
}

}  // namespace

Result<ImportReport> Interchange::ImportJsonLines(const Principal& who, std::istream& in,
                                                  const ImportOptions& options) {
  BB_RETURN_IF_ERROR(RequirePlatformAdmin(who, "import records"));
  ImportBatch batch(context_.store, {who.actor(), context_.clock.Now()}, options);
  std::string line;
  std::size_t line_number = 0;
  std::size_t bytes = 0;
  std::vector<EventLine> event_lines;
  std::size_t event_records = 0;
  std::vector<EventLine> attachment_lines;  // certificates and documents
  while (std::getline(in, line)) {
    ++line_number;
    bytes += line.size() + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    if (line.size() > options.max_line_bytes) {
      batch.Refuse(line_number, "", ResourceExhaustedError(fmt::format("the line is {} bytes long; the limit is {}",
                                                                       line.size(), options.max_line_bytes)));
      continue;
    }
    std::string id;
    // Partnering-event records wait until the directory they name is in.
    if (Result<json::value> parsed = ParseJson(line, JsonLimits{.max_depth = 16}); parsed.ok() && parsed->is_object()) {
      const json::value* type = parsed->as_object().if_contains("type");
      if (type && type->is_string() && IsEventRecordType(type->get_string())) {
        ++event_records;
        event_lines.push_back({line_number, std::move(parsed->as_object())});
        continue;
      }
      if (type && type->is_string() && IsAttachmentRecordType(type->get_string())) {
        attachment_lines.push_back({line_number, std::move(parsed->as_object())});
        continue;
      }
    }
    auto record = DecodeLine(line, context_.taxonomies, id);
    if (!record.ok()) {
      batch.Refuse(line_number, id, record.status());
    } else {
      BB_RETURN_IF_ERROR(batch.Add(line_number, std::move(record).value(), bytes));
    }
  }
  if (in.bad()) return UnavailableError("the input could not be read to the end");
  auto report = batch.Finish(bytes);
  if (report.ok()) {
    report->records += event_records + attachment_lines.size();
    BB_RETURN_IF_ERROR(ImportEventLines(context_, {who.actor(), context_.clock.Now()}, std::move(event_lines), *report));
    BB_RETURN_IF_ERROR(ImportAttachmentLines(context_, options.files, blobs_, {who.actor(), context_.clock.Now()},
                                             std::move(attachment_lines), *report));
  }
  if (!options.defer_indexing) SyncSearchIndex(context_);
  return report;
}

Result<std::size_t> Interchange::ExportJsonLines(const Principal& who, std::ostream& out) {
  BB_RETURN_IF_ERROR(RequirePlatformAdmin(who, "export the directory"));
  std::size_t count = 0;
  auto write_json = [&](const json::object& record) -> Status {
    out << json::serialize(record) << '\n';
    if (!out) return UnavailableError("the output could not be written (disk full?)");
    ++count;
    return Status::Ok();
  };
  auto write = [&](const auto& record) { return write_json(domain::ToJson(record)); };
  BB_RETURN_IF_ERROR(context_.store.ForEachOrganization(write));
  BB_RETURN_IF_ERROR(context_.store.ForEachOpportunity(write));
  BB_RETURN_IF_ERROR(context_.store.ForEachCollaboration(write));
  BB_RETURN_IF_ERROR(ExportEventRecords(context_, write_json));
  BB_RETURN_IF_ERROR(ExportAttachmentRecords(context_, write_json));
  out.flush();
  if (!out) return UnavailableError("the output could not be written (disk full?)");
  return count;
}

Result<std::size_t> Interchange::ExportFiles(const Principal& who, files::BlobStore& to) {
  BB_RETURN_IF_ERROR(RequirePlatformAdmin(who, "export the directory's files"));
  if (!blobs_) return FailedPreconditionError("this installation keeps no files");
  return CopyDocumentFiles(context_, *blobs_, to);
}

}  // namespace biobridge::service
