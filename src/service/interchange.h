// Interchange: import and export of the JSON Lines format of DESIGN.md, and
// import of ROR's organisation registry (CSV).
//
// An import reads the whole input, checks each line on its own, and commits
// every good line (in batches, for speed); each refused line is reported with
// its number and the reason, and nothing of it is stored. Records whose id
// exists replace the stored record (so importing the same file twice changes
// nothing the second time). Organisations must come before the
// opportunities and collaborations that name them; events, certificates and
// documents are applied after the directory, whatever their place.
#pragma once

#include <cstddef>
#include <functional>
#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "files/blob_store.h"
#include "service/context.h"
#include "service/principal.h"

namespace biobridge::service {

struct ImportProblem {
  std::size_t line = 0;  // 1-based line (JSON Lines) or row (CSV, header = 1)
  std::string id;        // the record's id, when it could be read
  Status status;
};

struct ImportReport {
  std::size_t records = 0;  // lines or rows holding a record
  std::size_t created = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0;
  std::vector<ImportProblem> refused;
};

struct ImportProgress {
  std::size_t bytes_read = 0;
  std::size_t records = 0;
};

struct ImportOptions {
  std::size_t batch_size = 10000;              // records per transaction
  std::size_t max_line_bytes = 1024 * 1024;    // a longer line is refused
  std::function<void(const ImportProgress&)> on_progress;  // after each batch
  // Leave the search index behind (it catches up at the next start of the
  // server, or with `biobridge reindex`): for measuring the store alone.
  bool defer_indexing = false;
  // Where the files of "document" lines are (the directory `export --files`
  // wrote); none: document lines are refused, naming what is missing.
  files::BlobStore* files = nullptr;
};

class Interchange {
 public:
  // `blobs`: the installation's own file store, which imported documents'
  // files go into (none: documents cannot be imported).
  explicit Interchange(const ServiceContext& context, files::BlobStore* blobs = nullptr)
      : context_(context), blobs_(blobs) {}

  // Platform admins only (the CLI acts as the system). Fails as a whole only
  // when the input cannot be read or the database fails; bad lines go into
  // the report. The search index follows before the report is returned.
  Result<ImportReport> ImportJsonLines(const Principal& who, std::istream& in, const ImportOptions& options);

  // Reads ROR's CSV (columns ror_id, name, name_zh, name_ru,
  // names_other_lang, aliases, acronyms, country_code, city, types,
  // established, website, wikidata, ...). Each row becomes an organisation
  // with id "ror:<ror_id>", its Chinese and Russian names as language
  // variants, and ROR's other fields kept as extra fields. kMalformed when
  // the header lacks a required column.
  Result<ImportReport> ImportRorCsv(const Principal& who, std::istream& in, const ImportOptions& options);

  // Writes every organisation, then every opportunity, every collaboration,
  // the partnering events, every certificate and every document (its
  // metadata: the bytes go with ExportFiles), one JSON object per line in
  // interchange form. Returns the number of records written.
  Result<std::size_t> ExportJsonLines(const Principal& who, std::ostream& out);

  // Copies the file of every document into `to` (a directory laid out as a
  // files::BlobStore), each read back checked. Platform admins only.
  Result<std::size_t> ExportFiles(const Principal& who, files::BlobStore& to);

 private:
  ServiceContext context_;
  files::BlobStore* blobs_;
};

}  // namespace biobridge::service
