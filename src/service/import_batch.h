// ImportBatch: collects decoded records of an import and commits them to the
// store in batches, on a writer thread of its own, while the caller goes on
// decoding the next batch (double buffering: decoding and writing overlap,
// which roughly uses two cores). An import into an empty directory is a bulk
// load (Store::StartBulkLoad): list indexes are built once at the end. Keeps
// the import's report. Shared by the importers of each input format.
// Internal to service/.
#pragma once

#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "service/interchange.h"
#include "storage/store.h"  // internal to service/: it batches writes to the store

namespace biobridge::service {

class ImportBatch {
 public:
  ImportBatch(storage::Store& store, storage::WriteContext context, const ImportOptions& options);
  ~ImportBatch();  // waits for the writer
  ImportBatch(const ImportBatch&) = delete;
  ImportBatch& operator=(const ImportBatch&) = delete;

  // Records a line refused before it reached the store.
  void Refuse(std::size_t line, std::string id, Status why);
  // Queues a valid record; hands the batch to the writer when it is full.
  // Fails only when the database itself failed on an earlier batch.
  Status Add(std::size_t line, storage::DirectoryRecord record, std::size_t bytes_read);
  // Commits what is queued, waits for the writer and returns the report.
  Result<ImportReport> Finish(std::size_t bytes_read);

 private:
  struct Batch {
    std::vector<storage::DirectoryRecord> records;
    std::vector<std::size_t> lines;
    std::size_t bytes_read = 0;
  };

  // Hands `filling_` to the writer, waiting while it still writes the last one.
  Status HandOff(std::size_t bytes_read);
  void WriterLoop();
  void Write(Batch& batch);  // on the writer thread

  storage::Store& store_;
  const storage::WriteContext context_;
  const ImportOptions& options_;
  const std::size_t batch_size_;
  Batch filling_;          // the caller's
  ImportReport report_;    // the caller's part: records counted, refused before the store

  std::mutex mutex_;
  std::condition_variable changed_;
  std::optional<Batch> queued_;        // guarded by mutex_: handed over, not yet taken
  bool writing_ = false;               // guarded by mutex_
  bool closing_ = false;               // guarded by mutex_
  Status failure_;                     // guarded by mutex_: the database failed
  ImportReport written_;               // the writer's part: outcomes and store refusals
  bool bulk_load_ = false;  // the caller's: indexes to build again at the end
  std::thread writer_;
};

}  // namespace biobridge::service
