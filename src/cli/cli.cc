#include "cli/cli.h"

#include <CLI/CLI.hpp>

#include <iostream>

#include "base/log.h"
#include "base/time_zone.h"
#include "cli/commands.h"
#include "storage/store.h"

namespace biobridge::cli {

int ExitCodeFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return kExitOk;
    case StatusCode::kMalformed:
    case StatusCode::kInvalidArgument:
    case StatusCode::kResourceExhausted: return kExitInvalidInput;
    case StatusCode::kNotFound:
    case StatusCode::kAlreadyExists:
    case StatusCode::kAborted:
    case StatusCode::kFailedPrecondition:
    case StatusCode::kUnauthenticated:
    case StatusCode::kPermissionDenied: return kExitNotFound;
    case StatusCode::kTooManyRequests:
    case StatusCode::kUnavailable: return kExitUnavailable;
    case StatusCode::kInternal: return kExitInternal;
  }
  return kExitInternal;
}

namespace {

// --db of every command: a SQLite file or a PostgreSQL server (BIOBRIDGE_DB).
CLI::Option* AddDatabase(CLI::App* command, std::string& db) {
  return command
      ->add_option("--db", db,
                   "SQLite database file (created when missing), or postgresql://USER@HOST:PORT/DB. With PostgreSQL, "
                   "this node's search index is in BIOBRIDGE_SEARCH_DIR (default var/search) and the documents' "
                   "files, shared by every node, in BIOBRIDGE_FILES_DIR (default var/files)")
      ->envname("BIOBRIDGE_DB");
}

}  // namespace

int Cli::Run(int argc, char** argv) {
  CLI::App app{"BioBridge: a cross-border biomedical cooperation exchange", "biobridge"};
  app.require_subcommand(1);

  ServeOptions serve;
  auto* serve_cmd = app.add_subcommand("serve", "Run the web server and JSON API");
  AddDatabase(serve_cmd, serve.db_path)->required();
  serve_cmd->add_option("--search-dir", serve.search_dir, "This node's search index (default: beside a SQLite file; var/search)")
      ->envname("BIOBRIDGE_SEARCH_DIR");
  serve_cmd->add_option("--files-dir", serve.files_dir,
                        "The documents' files, one directory every node shares (default: beside a SQLite file; var/files)")
      ->envname("BIOBRIDGE_FILES_DIR");
  serve_cmd->add_option("--address", serve.address, "Address to listen on")->capture_default_str();
  serve_cmd->add_option("--port", serve.port, "Port to listen on; 0 picks a free one and prints it")
      ->capture_default_str();
  serve_cmd->add_option("--threads", serve.threads, "Server threads (default: one per core)");
  serve_cmd->add_flag("--demo", serve.demo, "Load the shipped demo data into an empty database");
  serve_cmd->add_option("--public-url", serve.public_url,
                        "Address people use, e.g. https://exchange.example.org (https: Secure cookies and HSTS)")
      ->envname("BIOBRIDGE_PUBLIC_URL");
  serve_cmd->add_option("--smtp-url", serve.smtp_url,
                        "Mail server, smtp://HOST:PORT (STARTTLS when offered) or smtps://HOST:PORT; user and "
                        "password from BIOBRIDGE_SMTP_USER and BIOBRIDGE_SMTP_PASSWORD. Without it, mail stays in "
                        "the outbox")
      ->envname("BIOBRIDGE_SMTP_URL");
  serve_cmd->add_option("--mail-from", serve.mail_from, "Sender of mails, e.g. \"BioBridge <noreply@example.org>\"")
      ->envname("BIOBRIDGE_MAIL_FROM");
  serve_cmd->add_flag("--smtp-require-tls", serve.smtp_require_tls, "With smtp://, send only over STARTTLS")
      ->envname("BIOBRIDGE_SMTP_REQUIRE_TLS");
  serve_cmd->add_option("--jobs-interval", serve.jobs_interval_seconds,
                        "Seconds between runs of the scheduled jobs: digests, review reminders, saved-search alerts")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  serve_cmd->add_flag("--sync-full", serve.synchronous_full, "fsync every commit (survives power loss; slower)");
  serve_cmd->add_option("--list-cache-mb", serve.list_cache_mb,
                        "MiB of list pages kept between changes to the data; 0 asks the database for every list")
      ->check(CLI::Range(0, 65536))
      ->capture_default_str();
  serve_cmd->add_option("--log-level", serve.log_level, "debug, info, warn or error")->capture_default_str();

  ImportOptions import;
  auto* import_cmd = app.add_subcommand("import", "Import records into the database");
  AddDatabase(import_cmd, import.db_path)->required();
  import_cmd->add_option("--format", import.format, "jsonl (interchange format) or ror (ROR CSV)")
      ->check(CLI::IsMember({"jsonl", "ror"}))
      ->capture_default_str();
  import_cmd->add_option("FILE", import.file, "File to import; - reads standard input")->required();
  import_cmd->add_option("--batch", import.batch_size, "Records per transaction")->capture_default_str();
  import_cmd->add_flag("--defer-indexing", import.defer_indexing,
                       "Do not update the search index (it catches up when the server starts, or run reindex)");
  import_cmd->add_option("--files", import.files, "The directory `export --files` wrote documents' files to");

  ExportOptions export_options;
  auto* export_cmd = app.add_subcommand("export", "Export the directory as JSON Lines");
  AddDatabase(export_cmd, export_options.db_path)->required();
  export_cmd->add_option("--out", export_options.out, "Output file (default: standard output)");
  export_cmd->add_option("--files", export_options.files,
                         "Also copy every document's file, checked, into this directory (for import --files)");

  BackupOptions backup;
  auto* backup_cmd = app.add_subcommand(
      "backup", "Copy the database and every document's file, checked, into a new directory (serve from it to restore)");
  AddDatabase(backup_cmd, backup.db_path)->required();
  backup_cmd->add_option("--out", backup.out, "A new (or empty) directory")->required();

  MigrateOptions migrate;
  auto* migrate_cmd = app.add_subcommand(
      "migrate", "Move an installation from SQLite to a new PostgreSQL database: every record, account and history, "
                 "and the documents' files, each count verified");
  migrate_cmd->add_option("--from", migrate.from, "sqlite:PATH of the database to move (stop its server first)")
      ->required();
  migrate_cmd->add_option("--to", migrate.to, "postgresql://USER@HOST:PORT/DB, a new, empty database")->required();
  migrate_cmd->add_option("--from-files", migrate.from_files, "Its documents' files (default: PATH.files)");
  migrate_cmd->add_option("--files-dir", migrate.to_files,
                          "The files directory the PostgreSQL nodes share (default: BIOBRIDGE_FILES_DIR, else var/files)");

  MatchOptions match;
  AssignOptions assign;
  auto* match_cmd = app.add_subcommand("match", "Ranked complementary partners, with the reasons");
  AddDatabase(match_cmd, match.db_path)->required();
  auto* from_opportunity = match_cmd->add_option("--opportunity", match.opportunity, "Match an opportunity (id)");
  auto* from_organization = match_cmd->add_option("--organization", match.organization, "Match an organisation (id)");
  auto* from_text = match_cmd->add_option("--text", match.text, "Match a need written in any language");
  from_opportunity->excludes(from_organization)->excludes(from_text);
  from_organization->excludes(from_text);
  match_cmd->add_option("--lang", match.lang, "Language of titles and reasons (ISO 639-1; default: the source's)");
  match_cmd->add_option("--type", match.type, "Only organization or opportunity candidates")
      ->check(CLI::IsMember({"organization", "opportunity"}));
  match_cmd->add_option("--top", match.top, "How many candidates (1-50)")->capture_default_str();
  match_cmd->add_flag("--json", match.json, "Print JSON: the candidates best first, each with its organisation id");

  ReindexOptions reindex;
  auto* reindex_cmd = app.add_subcommand("reindex", "Rebuild the search index from the database");
  AddDatabase(reindex_cmd, reindex.db_path)->required();
  reindex_cmd->add_option("--threads", reindex.threads, "Analysis threads (default: one per core)")
      ->check(CLI::Range(0, 256));

  auto* assign_cmd = app.add_subcommand(
      "assign", "Optimal reviewer assignment (exact min-cost flow): for a programme's committee, or from "
                "openreview-matcher CSV files");
  auto* assign_db = AddDatabase(assign_cmd, assign.db_path);
  auto* assign_programme = assign_cmd->add_option("--programme", assign.programme, "The programme whose committee to assign");
  auto* assign_scores = assign_cmd->add_option("--scores", assign.scores, "paperID,reviewerID,score rows (unlisted pairs score 0)")
                            ->check(CLI::ExistingFile);
  assign_cmd->add_option("--conflicts", assign.conflicts, "paperID,reviewerID,-1 rows: pairs never assigned")
      ->check(CLI::ExistingFile)
      ->needs(assign_scores);
  assign_db->needs(assign_programme)->excludes(assign_scores);
  assign_programme->needs(assign_db);
  assign_cmd->add_option("--k", assign.k, "Reviewers per project (default 3, or the committee's)")->check(CLI::Range(1, 1000));
  assign_cmd->add_option("--max-load", assign.max_load, "Most projects per reviewer (required with --scores)")
      ->check(CLI::Range(1, 1000000));
  assign_cmd->add_option("--min-load", assign.min_load, "Fewest projects per reviewer")->check(CLI::Range(0, 1000000));
  assign_cmd->add_flag("--fairness", assign.fairness,
                       "Then raise the worst-served projects: the largest floor on every pair's affinity, best total under it");
  assign_cmd->add_flag("--allow-uncovered", assign.allow_uncovered,
                       "Assign what can be and report the projects left short, instead of refusing");
  assign_cmd->add_flag("--save", assign.save, "With --programme: store the result as the committee's draft")
      ->needs(assign_programme);
  assign_cmd->add_flag("--json", assign.json, "Print one JSON document: figures, uncovered projects, assignments");

  ScheduleOptions schedule;
  auto* schedule_cmd = app.add_subcommand("schedule", "Schedule an event's accepted meeting requests");
  AddDatabase(schedule_cmd, schedule.db_path)->required();
  schedule_cmd->add_option("--event", schedule.event, "The event")->required();
  schedule_cmd->add_flag("--save", schedule.save, "Store the result as the event's draft schedule");
  schedule_cmd->add_flag("--json", schedule.json, "Print JSON: the meetings, the weight and the bound");
  schedule_cmd->add_option("--seconds", schedule.seconds, "The most the scheduler may take (default 10)")
      ->check(CLI::Range(0.1, 3600.0));

  app.add_subcommand("version", "Print the version");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }

  ConfigureLogging(serve_cmd->parsed() ? serve.log_level : "warn");
  if (serve_cmd->parsed()) return serve_(serve);
  if (import_cmd->parsed()) return RunImport(import, std::cin, std::cerr);
  if (export_cmd->parsed()) return RunExport(export_options, std::cout, std::cerr);
  if (backup_cmd->parsed()) return RunBackup(backup, std::cerr);
  if (migrate_cmd->parsed()) return RunMigrate(migrate, std::cout, std::cerr);
  if (reindex_cmd->parsed()) return RunReindex(reindex, std::cerr);
  if (match_cmd->parsed()) return RunMatch(match, std::cout, std::cerr);
  if (assign_cmd->parsed()) return RunAssign(assign, std::cout, std::cerr);
  if (schedule_cmd->parsed()) return RunSchedule(schedule, std::cout, std::cerr);
  std::cout << "biobridge 0.1.0\ntzdata " << TimeZone::DataVersion() << " (the system's, for every time zone)\n";
  return kExitOk;
}

}  // namespace biobridge::cli
