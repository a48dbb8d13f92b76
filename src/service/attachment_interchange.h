// Certificates and documents in the interchange format ("certificate",
// "document"), so that an export carries an organisation's qualifications
// and files and an import brings them back. Internal to service/:
// Interchange collects these lines while it imports the directory and
// applies them after it (and after the events), certificates first, then
// documents, whatever their order in the file.
//
// A document line names its file by SHA-256; the bytes travel beside the
// JSON Lines in a directory laid out as files::BlobStore (`export --files`),
// are read back checked against the hash, typed again from their content,
// and kept in the installation's own file store before the row is written.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "files/blob_store.h"
#include "service/context.h"
#include "service/event_interchange.h"
#include "service/interchange.h"

namespace biobridge::service {

// True for the types this file handles.
bool IsAttachmentRecordType(std::string_view type);

// Every certificate, then every document, each handed to `write`.
Status ExportAttachmentRecords(const ServiceContext& context, const std::function<Status(const json::object&)>& write);

// Creates, replaces or leaves each record as it is, counting into `report`
// and refusing (with the line and reason) what does not validate, a
// document whose file is not in `files_from` (or when there is none), and a
// document when `files_to` is null (an installation without a file store).
Status ImportAttachmentLines(const ServiceContext& context, files::BlobStore* files_from, files::BlobStore* files_to,
                            const storage::WriteContext& write, std::vector<EventLine> lines, ImportReport& report);

// Copies the file of every document from `from` into `to`, each read back
// checked; kInternal naming the document whose file is missing or damaged.
Result<std::size_t> CopyDocumentFiles(const ServiceContext& context, files::BlobStore& from, files::BlobStore& to);

}  // namespace biobridge::service
