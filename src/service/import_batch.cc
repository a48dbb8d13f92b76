#include "service/import_batch.h"
#include "storage/store.h"

#include <algorithm>

namespace biobridge::service {
namespace {

std::string IdOf(const storage::DirectoryRecord& record) {
  return std::visit([](const auto& r) { return r.id; }, record);
}

}  // namespace

ImportBatch::ImportBatch(storage::Store& store, storage::WriteContext context, const ImportOptions& options)
    : store_(store),
      context_(std::move(context)),
      options_(options),
      batch_size_(std::max<std::size_t>(1, options.batch_size)),
      // Refused (and harmless) unless the directory is empty.
      bulk_load_(store.StartBulkLoad().ok()),
      writer_([this] { WriterLoop(); }) {}

ImportBatch::~ImportBatch() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  changed_.notify_all();
  writer_.join();
  // On the error paths; should this fail too, the store rebuilds on next open.
  if (bulk_load_) (void)store_.FinishBulkLoad();
}

void ImportBatch::Refuse(std::size_t line, std::string id, Status why) {
  ++report_.records;
  report_.refused.push_back({line, std::move(id), std::move(why)});
}

Status ImportBatch::Add(std::size_t line, storage::DirectoryRecord record, std::size_t bytes_read) {
  ++report_.records;
  filling_.records.push_back(std::move(record));
  filling_.lines.push_back(line);
  if (filling_.records.size() >= batch_size_) return HandOff(bytes_read);
  return Status::Ok();
}

Status ImportBatch::HandOff(std::size_t bytes_read) {
  filling_.bytes_read = bytes_read;
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return !queued_.has_value() || !failure_.ok(); });
  if (!failure_.ok()) return failure_;
  queued_ = std::move(filling_);
  filling_ = Batch();
  filling_.records.reserve(batch_size_);
  lock.unlock();
  changed_.notify_all();
  return Status::Ok();
}

void ImportBatch::WriterLoop() {
  while (true) {
    Batch batch;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return queued_.has_value() || closing_; });
      if (!queued_) return;  // closing with nothing left
      batch = std::move(*queued_);
      queued_.reset();
      writing_ = true;
    }
    changed_.notify_all();  // the caller may fill the next batch meanwhile
    Write(batch);
    {
      std::lock_guard lock(mutex_);
      writing_ = false;
    }
    changed_.notify_all();
  }
}

void ImportBatch::Write(Batch& batch) {
  {
    std::lock_guard lock(mutex_);
    if (!failure_.ok()) return;  // the database failed: write nothing more
  }
  auto outcomes = store_.ImportRecords(batch.records, context_);
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    if (!outcomes[i].ok()) {
      const StatusCode code = outcomes[i].status().code();
      // The database failing is not the line's fault: stop the import.
      if (code == StatusCode::kUnavailable || code == StatusCode::kInternal) {
        std::lock_guard lock(mutex_);
        failure_ = outcomes[i].status();
        return;
      }
      written_.refused.push_back({batch.lines[i], IdOf(batch.records[i]), outcomes[i].status()});
      continue;
    }
    switch (*outcomes[i]) {
      case storage::ImportOutcome::kCreated: ++written_.created; break;
      case storage::ImportOutcome::kUpdated: ++written_.updated; break;
      case storage::ImportOutcome::kUnchanged: ++written_.unchanged; break;
    }
  }
  written_.records += batch.records.size();
  if (options_.on_progress) options_.on_progress({batch.bytes_read, written_.records});
}

Result<ImportReport> ImportBatch::Finish(std::size_t bytes_read) {
  if (!filling_.records.empty()) BB_RETURN_IF_ERROR(HandOff(bytes_read));
  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return (!queued_.has_value() && !writing_) || !failure_.ok(); });
    if (!failure_.ok()) return failure_;
  }
  if (bulk_load_) {
    bulk_load_ = false;
    BB_RETURN_IF_ERROR(store_.FinishBulkLoad());
  }
  // The writer is idle and stays so: its part of the report can be read.
  ImportReport report = std::move(report_);
  report.created = written_.created;
  report.updated = written_.updated;
  report.unchanged = written_.unchanged;
  report.refused.insert(report.refused.end(), written_.refused.begin(), written_.refused.end());
  std::sort(report.refused.begin(), report.refused.end(),
            [](const ImportProblem& a, const ImportProblem& b) { return a.line < b.line; });
  if (options_.on_progress) options_.on_progress({bytes_read, report.records});
  return report;
}

}  // namespace biobridge::service
