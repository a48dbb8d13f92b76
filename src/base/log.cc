#include "base/log.h"

#include <spdlog/sinks/stdout_color_sinks.h>

namespace biobridge {

void ConfigureLogging(std::string_view level) {
  static auto logger = spdlog::stderr_color_mt("biobridge");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ %v", spdlog::pattern_time_type::utc);
  spdlog::set_level(spdlog::level::from_str(std::string(level)));
}

}  // namespace biobridge
