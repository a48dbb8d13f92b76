// What the subcommands share (internal to cli/): reporting a failure and
// opening the database.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "base/status.h"
#include "service/environment.h"

namespace biobridge::cli {

// Writes "biobridge[ <command>]: <status>" to `err` and returns the exit code
// the status maps to.
int Fail(std::ostream& err, const Status& status, std::string_view command = {});

// Commands that do not search leave the index as it is: catching it up is
// the server's job (or `reindex`'s). Creates the database when missing.
Result<std::unique_ptr<service::Environment>> OpenDatabase(const std::string& path, bool catch_up_search = false);
// The same for a database that must exist already: kNotFound naming it otherwise.
Result<std::unique_ptr<service::Environment>> OpenExistingDatabase(const std::string& path, bool catch_up_search = false);

}  // namespace biobridge::cli
