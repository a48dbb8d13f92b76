// ImportBatch: collects decoded records of an import, commits them to the
// store in batches, and keeps the report. Shared by the importers of each
// input format. Internal to service/.
#pragma once

#include <string>
#include <vector>

#include "service/interchange.h"

namespace biobridge::service {

class ImportBatch {
 public:
  ImportBatch(storage::Store& store, storage::WriteContext context, const ImportOptions& options)
      : store_(store), context_(std::move(context)), options_(options) {}

  // Records a line refused before it reached the store.
  void Refuse(std::size_t line, std::string id, Status why);
  // Queues a valid record, committing the batch when it is full. Fails only
  // when the database itself fails.
  Status Add(std::size_t line, storage::DirectoryRecord record, std::size_t bytes_read);
  // Commits what is queued and returns the report.
  Result<ImportReport> Finish(std::size_t bytes_read);

 private:
  Status Flush(std::size_t bytes_read);

  storage::Store& store_;
  storage::WriteContext context_;
  const ImportOptions& options_;
  std::vector<storage::DirectoryRecord> records_;
  std::vector<std::size_t> lines_;
  ImportReport report_;
};

}  // namespace biobridge::service
