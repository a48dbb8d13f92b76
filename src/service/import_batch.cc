#include "service/import_batch.h"

#include <algorithm>

namespace biobridge::service {
namespace {

std::string IdOf(const storage::DirectoryRecord& record) {
  return std::visit([](const auto& r) { return r.id; }, record);
}

}  // namespace

void ImportBatch::Refuse(std::size_t line, std::string id, Status why) {
  ++report_.records;
  report_.refused.push_back({line, std::move(id), std::move(why)});
}

Status ImportBatch::Add(std::size_t line, storage::DirectoryRecord record, std::size_t bytes_read) {
  ++report_.records;
  records_.push_back(std::move(record));
  lines_.push_back(line);
  if (records_.size() >= std::max<std::size_t>(1, options_.batch_size)) return Flush(bytes_read);
  return Status::Ok();
}

Status ImportBatch::Flush(std::size_t bytes_read) {
  if (!records_.empty()) {
    auto outcomes = store_.ImportRecords(records_, context_);
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      if (!outcomes[i].ok()) {
        const StatusCode code = outcomes[i].status().code();
        // The database failing is not the line's fault: stop the import.
        if (code == StatusCode::kUnavailable || code == StatusCode::kInternal) return outcomes[i].status();
        report_.refused.push_back({lines_[i], IdOf(records_[i]), outcomes[i].status()});
        continue;
      }
      switch (*outcomes[i]) {
        case storage::ImportOutcome::kCreated: ++report_.created; break;
        case storage::ImportOutcome::kUpdated: ++report_.updated; break;
        case storage::ImportOutcome::kUnchanged: ++report_.unchanged; break;
      }
    }
    records_.clear();
    lines_.clear();
  }
  if (options_.on_progress) options_.on_progress({bytes_read, report_.records});
  return Status::Ok();
}

Result<ImportReport> ImportBatch::Finish(std::size_t bytes_read) {
  BB_RETURN_IF_ERROR(Flush(bytes_read));
  std::sort(report_.refused.begin(), report_.refused.end(),
            [](const ImportProblem& a, const ImportProblem& b) { return a.line < b.line; });
  return std::move(report_);
}

}  // namespace biobridge::service
