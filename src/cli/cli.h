// The biobridge command line: `serve`, `import`, `export`, `version`.
//
// Cli parses the arguments (CLI11) and runs import/export itself; `serve`
// is handed to the function app/ wires in, so that this module does not
// depend on the HTTP server. Exit codes come from one table (ExitCodeFor).
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>

#include "base/status.h"

namespace biobridge::cli {

struct ServeOptions {
  std::string db_path;     // a SQLite file or a postgresql:// URL
  std::string search_dir;  // empty: the default (service::Environment::Options)
  std::string files_dir;
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: pick a free port (printed)
  int threads = 0;            // 0: one per core
  bool demo = false;          // load the demo data into an empty database
  bool synchronous_full = false;
  int list_cache_mb = 32;  // list pages remembered between changes (0: none)
  std::string log_level = "info";
  // The address people reach BioBridge at, e.g. https://exchange.example.org
  // (behind a TLS proxy): with https, cookies are Secure and HSTS is sent;
  // state-changing requests must come from its origin. Empty: this server's
  // own address. BIOBRIDGE_PUBLIC_URL sets it too.
  std::string public_url;
  // Mail: an smtp:// or smtps:// server (user and password from
  // BIOBRIDGE_SMTP_USER and BIOBRIDGE_SMTP_PASSWORD), and the sender
  // ("BioBridge <noreply@exchange.example.org>"). Without a server, mail is
  // kept in the outbox (platform admins see it).
  std::string smtp_url;
  std::string mail_from;
  bool smtp_require_tls = false;
  // How often the scheduled jobs run (digests, review reminders, saved
  // search alerts), in seconds.
  int jobs_interval_seconds = 30;
};

// Exit codes of every subcommand.
enum ExitCode : int {
  kExitOk = 0,
  kExitRefused = 1,        // an import refused some lines (the others were committed)
  kExitUsage = 2,          // wrong flags or arguments
  kExitInvalidInput = 3,   // input that cannot be used (malformed file, invalid values)
  kExitNotFound = 4,       // a file or record that does not exist; a state that forbids it
  kExitUnavailable = 5,    // the database or a file cannot be opened, read or written
  kExitInternal = 6,
};
int ExitCodeFor(StatusCode code);

class Cli {
 public:
  using ServeFunction = std::function<int(const ServeOptions&)>;
  explicit Cli(ServeFunction serve) : serve_(std::move(serve)) {}

  int Run(int argc, char** argv);

 private:
  ServeFunction serve_;
};

}  // namespace biobridge::cli
