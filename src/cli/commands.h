// The subcommands cli/ runs itself. Each writes what it did (and what it
// refused) to `err`, and returns an exit code.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>

namespace biobridge::cli {

struct ImportOptions {
  std::string db_path;
  std::string format = "jsonl";
  std::string file;  // "-" for standard input
  std::size_t batch_size = 10000;
};

struct ExportOptions {
  std::string db_path;
  std::string out;  // empty: standard output
};

int RunImport(const ImportOptions& options, std::istream& stdin_stream, std::ostream& err);
int RunExport(const ExportOptions& options, std::ostream& stdout_stream, std::ostream& err);

}  // namespace biobridge::cli
