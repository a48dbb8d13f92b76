// The subcommands cli/ runs itself. Each writes what it did (and what it
// refused) to `err`, and returns an exit code.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>

#include "solve/scheduler.h"

namespace biobridge::cli {

struct ImportOptions {
  std::string db_path;
  std::string format = "jsonl";
  std::string file;  // "-" for standard input
  std::size_t batch_size = 10000;
  bool defer_indexing = false;  // leave the search index to the next start or `reindex`
  std::string files;  // the directory an export wrote documents' files to; empty: none
};

struct ExportOptions {
  std::string db_path;
  std::string out;    // empty: standard output
  std::string files;  // a directory for documents' files (laid out by SHA-256); empty: metadata only
};

struct BackupOptions {
  std::string db_path;
  std::string out;  // a new directory
};

struct MigrateOptions {
  std::string from;        // sqlite:PATH
  std::string to;          // postgresql://...
  std::string from_files;  // empty: PATH + ".files"
  std::string to_files;    // empty: BIOBRIDGE_FILES_DIR, else var/files
};

struct ReindexOptions {
  std::string db_path;
  int threads = 0;  // 0: one per core
};

struct MatchOptions {
  std::string db_path;
  std::string opportunity;   // exactly one of these three
  std::string organization;
  std::string text;
  std::string lang;
  std::string type;
  int top = 10;
  bool json = false;
};

// Reviewer assignment: from openreview-matcher CSV files (`scores` set), or
// for a programme's committee in a database (`db_path` and `programme`).
struct AssignOptions {
  std::string scores;     // paperID,reviewerID,score
  std::string conflicts;  // paperID,reviewerID,-1 (optional)
  std::string db_path;
  std::string programme;
  bool save = false;      // store the result as the committee's draft
  int k = 0;              // 0: 3 for files, the committee's setting for a programme
  int min_load = -1;      // -1: 0 for files, the committee's setting
  int max_load = 0;       // 0: required for files, the committee's setting
  bool fairness = false;
  bool allow_uncovered = false;
  bool json = false;
};

// The meeting schedule of an event: a preview, or (`save`) its new draft.
struct ScheduleOptions {
  std::string db_path;
  std::string event;
  bool save = false;
  bool json = false;
  double seconds = solve::kDefaultSeconds;  // the most the scheduler may take
};

int RunImport(const ImportOptions& options, std::istream& stdin_stream, std::ostream& err);
int RunExport(const ExportOptions& options, std::ostream& stdout_stream, std::ostream& err);
// The database and its documents' files, checked, into a new directory
// (service/backup.h); what was copied on `err`.
int RunBackup(const BackupOptions& options, std::ostream& err);
// Moves an installation from SQLite to a new PostgreSQL database, with its
// documents' files; prints each table's count, verified on both sides.
int RunMigrate(const MigrateOptions& options, std::ostream& out, std::ostream& err);
// Ranked partners for an opportunity, an organisation or a text, with reasons;
// as a table, or with `json` as one JSON document, best first.
int RunMatch(const MatchOptions& options, std::ostream& out, std::ostream& err);
// The optimal assignment: as CSV (paperID,reviewerID,score, by paper) with a
// summary on `err`, or with `json` as one JSON document with the figures. For
// a programme: project by project with the reviewers' names and affinity.
int RunAssign(const AssignOptions& options, std::ostream& out, std::ostream& err);
// As a table of slot, table and the two delegates, or with `json` as
// DESIGN.md's {"meetings":[{"request","slot","table"}],...} with the figures.
int RunSchedule(const ScheduleOptions& options, std::ostream& out, std::ostream& err);
// Rebuilds the search index from the database.
int RunReindex(const ReindexOptions& options, std::ostream& err);

}  // namespace biobridge::cli
