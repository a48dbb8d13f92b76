#include "cli/command_support.h"

#include <fmt/format.h>

#include <filesystem>

#include "cli/cli.h"

namespace biobridge::cli {

int Fail(std::ostream& err, const Status& status, std::string_view command) {
  err << "biobridge" << (command.empty() ? "" : " ") << command << ": " << status.ToString() << '\n';
  return ExitCodeFor(status.code());
}

Result<std::unique_ptr<service::Environment>> OpenDatabase(const std::string& path, bool catch_up_search) {
  return service::Environment::Open({.db_path = path, .skip_search_catch_up = !catch_up_search});
}

Result<std::unique_ptr<service::Environment>> OpenExistingDatabase(const std::string& path, bool catch_up_search) {
  if (!std::filesystem::exists(path)) return NotFoundError(fmt::format("no database at '{}'", path));
  return OpenDatabase(path, catch_up_search);
}

}  // namespace biobridge::cli
