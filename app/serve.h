// `biobridge serve`: opens the database, makes sure there is an admin, loads
// the demo data when asked, and serves the API until SIGINT or SIGTERM.
#pragma once

#include "cli/cli.h"

namespace biobridge::app {

int Serve(const cli::ServeOptions& options);

}  // namespace biobridge::app
