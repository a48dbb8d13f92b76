#include "cli/command_support.h"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>

#include "cli/cli.h"

namespace biobridge::cli {

int Fail(std::ostream& err, const Status& status, std::string_view command) {
  err << "biobridge" << (command.empty() ? "" : " ") << command << ": " << status.ToString() << '\n';
  return ExitCodeFor(status.code());
}

namespace {

std::string EnvOr(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

}  // namespace

Result<std::unique_ptr<service::Environment>> OpenDatabase(const std::string& path, bool catch_up_search) {
  return service::Environment::Open({.db_path = path,
                                     .search_path = EnvOr("BIOBRIDGE_SEARCH_DIR"),
                                     .files_path = EnvOr("BIOBRIDGE_FILES_DIR"),
                                     .skip_search_catch_up = !catch_up_search});
}

Result<std::unique_ptr<service::Environment>> OpenExistingDatabase(const std::string& path, bool catch_up_search) {
  if (!service::Environment::IsPostgresUrl(path) && !std::filesystem::exists(path)) {
    return NotFoundError(fmt::format("no database at '{}'", path));
  }
  return OpenDatabase(path, catch_up_search);
}

}  // namespace biobridge::cli
