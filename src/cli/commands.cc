#include "cli/commands.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "cli/cli.h"
#include "cli/command_support.h"
#include "service/backup.h"
#include "service/migrate.h"
#include "cli/progress_bar.h"
#include "files/blob_store.h"
#include "service/environment.h"
#include "storage/store.h"

namespace biobridge::cli {

int RunImport(const ImportOptions& options, std::istream& stdin_stream, std::ostream& err) {
  std::ifstream file;
  std::istream* in = &stdin_stream;
  std::size_t total_bytes = 0;
  if (options.file != "-") {
    std::error_code ec;
    total_bytes = std::filesystem::file_size(options.file, ec);
    file.open(options.file, std::ios::binary);
    if (!file) return Fail(err, NotFoundError(fmt::format("cannot open '{}' for reading", options.file)));
    in = &file;
  }
  auto environment = OpenDatabase(options.db_path);
  if (!environment.ok()) return Fail(err, environment.status());

  ProgressBar progress(err, total_bytes, isatty(STDERR_FILENO) == 1);
  service::ImportOptions import_options;
  import_options.batch_size = options.batch_size;
  import_options.defer_indexing = options.defer_indexing;
  import_options.on_progress = [&](const service::ImportProgress& p) { progress.Update(p.bytes_read, p.records); };
  std::unique_ptr<files::BlobStore> files;
  if (!options.files.empty()) {
    if (!std::filesystem::is_directory(options.files)) {
      return Fail(err, NotFoundError(fmt::format("--files: '{}' is not a directory", options.files)));
    }
    auto opened = files::BlobStore::Open(options.files);
    if (!opened.ok()) return Fail(err, opened.status());
    files = std::move(*opened);
    import_options.files = files.get();
  }
  const auto started = std::chrono::steady_clock::now();
  const service::Principal system = service::Principal::System("import");
  service::Interchange& interchange = (*environment)->interchange();
  auto report = options.format == "ror" ? interchange.ImportRorCsv(system, *in, import_options)
                                        : interchange.ImportJsonLines(system, *in, import_options);
  progress.Finish();
  if (!report.ok()) return Fail(err, report.status());

  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const char* unit = options.format == "ror" ? "row" : "line";
  for (const service::ImportProblem& p : report->refused) {
    if (p.line == 0) {
      err << fmt::format("stopped: {}\n", p.status.message());
      continue;
    }
    err << fmt::format("{} {}{}: {}{}\n", unit, p.line, p.id.empty() ? "" : fmt::format(" (id {})", p.id),
                       p.status.field().empty() ? "" : p.status.field() + ": ", p.status.message());
  }
  err << fmt::format("imported {} records in {:.1f} s: {} created, {} updated, {} unchanged, {} refused\n",
                     report->records, seconds, report->created, report->updated, report->unchanged,
                     report->refused.size());
  return report->refused.empty() ? kExitOk : kExitRefused;
}

int RunExport(const ExportOptions& options, std::ostream& stdout_stream, std::ostream& err) {
  auto environment = OpenDatabase(options.db_path);
  if (!environment.ok()) return Fail(err, environment.status());
  const service::Principal system = service::Principal::System("export");
  // The files first: records never name a file the export lacks.
  if (!options.files.empty()) {
    auto files = files::BlobStore::Open(options.files);
    if (!files.ok()) return Fail(err, files.status());
    auto copied = (*environment)->interchange().ExportFiles(system, **files);
    if (!copied.ok()) return Fail(err, copied.status());
    err << fmt::format("copied the files of {} documents into {}\n", *copied, options.files);
  }
  // To standard output; into a pipe or a device (/dev/null) as it is, since
  // renaming a file onto it would replace it; else into a file written beside
  // the target and renamed at the end, so that none is left half-written.
  std::ostream* stream = &stdout_stream;
  std::ofstream file;
  std::string partial;
  if (!options.out.empty()) {
    std::error_code kind_ec;
    const std::filesystem::file_status target = std::filesystem::status(options.out, kind_ec);
    if (std::filesystem::is_directory(target)) {
      return Fail(err, InvalidArgumentError("out", fmt::format("'{}' is a directory; give a file", options.out)));
    }
    if (!std::filesystem::exists(target) || std::filesystem::is_regular_file(target)) partial = options.out + ".partial";
    const std::string& path = partial.empty() ? options.out : partial;
    file.open(path, std::ios::binary | std::ios::trunc);
    if (!file) return Fail(err, UnavailableError(fmt::format("cannot open '{}' for writing", path)));
    stream = &file;
  }
  auto written = (*environment)->interchange().ExportJsonLines(system, *stream);
  if (file.is_open()) file.close();
  std::error_code ec;
  if (written.ok() && !partial.empty()) std::filesystem::rename(partial, options.out, ec);
  if (!written.ok() || ec) {
    if (!partial.empty()) std::filesystem::remove(partial, ec);
    return Fail(err, written.ok() ? UnavailableError(fmt::format("cannot write '{}'", options.out)) : written.status());
  }
  err << fmt::format("exported {} records{}\n", *written, options.out.empty() ? "" : " to " + options.out);
  return kExitOk;
}

int RunBackup(const BackupOptions& options, std::ostream& err) {
  auto environment = OpenExistingDatabase(options.db_path);
  if (!environment.ok()) return Fail(err, environment.status());
  const auto started = std::chrono::steady_clock::now();
  auto report = service::Backup((*environment)->store(), (*environment)->blobs(), options.out);
  if (!report.ok()) return Fail(err, report.status());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  err << fmt::format("backed up the database and {} documents ({} files, {:.1f} MB) into {} in {:.1f} s; restore by "
                     "serving --db {}\n",
                     report->documents, report->files, static_cast<double>(report->bytes) / 1e6, options.out, seconds,
                     report->database);
  return kExitOk;
}

int RunMigrate(const MigrateOptions& options, std::ostream& out, std::ostream& err) {
  if (!options.from.starts_with("sqlite:")) {
    return Fail(err, InvalidArgumentError("from", "give the SQLite database as sqlite:PATH"), "migrate");
  }
  if (!service::Environment::IsPostgresUrl(options.to)) {
    return Fail(err, InvalidArgumentError("to", "give the PostgreSQL database as postgresql://USER@HOST:PORT/DB"),
                "migrate");
  }
  const std::string path = options.from.substr(std::string_view("sqlite:").size());
  const char* shared = std::getenv("BIOBRIDGE_FILES_DIR");
  const std::string to_files = !options.to_files.empty() ? options.to_files : shared && *shared ? shared : "var/files";
  const auto started = std::chrono::steady_clock::now();
  auto report = service::MigrateToPostgres(path, options.from_files.empty() ? path + ".files" : options.from_files,
                                           options.to, to_files, SystemClock().Now());
  if (!report.ok()) return Fail(err, report.status(), "migrate");
  for (const auto& table : report->tables) out << fmt::format("{:<28} {:>10}\n", table.name, table.rows);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  err << fmt::format("moved {} rows in {} tables to {} (every count verified on both sides) and {} files ({:.1f} MB) "
                     "to {} in {:.1f} s; start the nodes with --db on that URL and --files-dir {}\n",
                     report->rows, report->tables.size(), service::Environment::Describe(options.to), report->files,
                     static_cast<double>(report->bytes) / 1e6, to_files, seconds, to_files);
  return kExitOk;
}

int RunMatch(const MatchOptions& options, std::ostream& out, std::ostream& err) {
  const int sources = !options.opportunity.empty() + !options.organization.empty() + !options.text.empty();
  if (sources != 1) {
    err << "biobridge match: give exactly one of --opportunity ID, --organization ID or --text \"...\"\n";
    return kExitUsage;
  }
  auto environment = OpenExistingDatabase(options.db_path, /*catch_up_search=*/true);
  if (!environment.ok()) return Fail(err, environment.status());
  const service::MatchService& matcher = (*environment)->match_service();
  const service::Principal system = service::Principal::System("match");
  const service::MatchParams params{options.lang, options.type, options.top};
  auto result = !options.opportunity.empty()    ? matcher.ForOpportunity(system, options.opportunity, params)
                : !options.organization.empty() ? matcher.ForOrganization(system, options.organization, params)
                                                : matcher.ForText(system, options.text, params);
  if (!result.ok()) return Fail(err, result.status());
  if (options.json) {
    json::array candidates;
    int rank = 0;
    for (const service::MatchItem& item : result->items) {
      json::array reasons;
      for (const service::MatchReason& r : item.reasons) {
        reasons.push_back(json::object{{"code", r.code}, {"text", r.text}, {"contribution", r.contribution},
                                       {"items", json::value_from(r.items)}});
      }
      candidates.push_back(json::object{{"rank", ++rank},
                                        {"type", search::RecordTypeName(item.record.type)},
                                        {"id", item.record.id},
                                        {"organization_id", item.record.organization_id},
                                        {"organization_name", item.record.organization_name},
                                        {"title", item.record.title},
                                        {"country", item.record.country},
                                        {"kind", item.record.kind},
                                        {"score", item.score},
                                        {"reasons", std::move(reasons)}});
    }
    json::object document{{"language", result->language}};
    if (!result->source.id.empty()) {
      document["source"] = json::object{{"type", search::RecordTypeName(result->source.type)},
                                        {"id", result->source.id},
                                        {"title", result->source.title}};
    } else {
      document["source"] = json::object{{"text", options.text}};
    }
    document["candidates"] = std::move(candidates);
    out << ToJsonText(document) << '\n';
    return kExitOk;
  }
  out << (result->source.id.empty() ? fmt::format("Matches for: {}\n", options.text)
                                    : fmt::format("Matches for {} — {}\n", result->source.id, result->source.title));
  int rank = 0;
  for (const service::MatchItem& item : result->items) {
    out << fmt::format("{:>3}. {:.2f}  {:<12} {}  {} ({}, {})\n", ++rank, item.score,
                       search::RecordTypeName(item.record.type), item.record.id, item.record.title, item.record.country,
                       item.record.kind);
    for (const service::MatchReason& r : item.reasons) out << "         · " << r.text << '\n';
  }
  if (result->items.empty()) out << "  no candidates\n";
  return kExitOk;
}

int RunReindex(const ReindexOptions& options, std::ostream& err) {
  auto environment = OpenExistingDatabase(options.db_path);
  if (!environment.ok()) return Fail(err, environment.status());
  service::Environment& env = **environment;
  const auto organizations = env.store().ListOrganizations({}, {1, 1});
  const auto opportunities = env.store().ListOpportunities({}, {1, 1});
  if (!organizations.ok()) return Fail(err, organizations.status());
  if (!opportunities.ok()) return Fail(err, opportunities.status());
  const std::int64_t total = organizations->total + opportunities->total;
  const int threads = options.threads > 0 ? options.threads
                                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  ProgressBar progress(err, static_cast<std::size_t>(total), isatty(STDERR_FILENO) == 1);
  const auto started = std::chrono::steady_clock::now();
  Status rebuilt = env.search().Rebuild(env.store(), threads, [&](std::int64_t done) {
    if (done % 1000 == 0 || done == total) progress.Update(static_cast<std::size_t>(done), static_cast<std::size_t>(done));
  });
  progress.Finish();
  if (!rebuilt.ok()) return Fail(err, rebuilt);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  err << fmt::format("indexed {} records in {:.1f} s ({:.0f} records/s, {} threads)\n", env.search().document_count(),
                     seconds, seconds > 0 ? static_cast<double>(total) / seconds : 0.0, threads);
  return kExitOk;
}

}  // namespace biobridge::cli
