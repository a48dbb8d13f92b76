// Timing and memory for the benchmark programs under bench/.
#pragma once

#include <sys/resource.h>

#include <chrono>

namespace biobridge::bench {

using Clock = std::chrono::steady_clock;

inline double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

// The process's peak resident memory so far (getrusage).
inline long PeakMegabytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

}  // namespace biobridge::bench
