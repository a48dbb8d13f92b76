// Logging goes through spdlog to stderr. Log lines name ids and codes, never
// record contents or secrets (passwords, tokens, confidential fields).
#pragma once

#include <spdlog/spdlog.h>

#include <string_view>

namespace biobridge {

// Sets the level ("debug", "info", "warn", "error", "off") and the line format.
void ConfigureLogging(std::string_view level);

}  // namespace biobridge
