// A one-line progress bar on a terminal: "[#####-----]  48%  120,000 records
// 61,000/s". Silent when the output is not a terminal, so logs and pipes
// stay clean.
#pragma once

#include <chrono>
#include <cstddef>
#include <ostream>

namespace biobridge::cli {

class ProgressBar {
 public:
  ProgressBar(std::ostream& out, std::size_t total_bytes, bool enabled);
  void Update(std::size_t bytes_done, std::size_t records);
  void Finish();  // ends the line

 private:
  std::ostream& out_;
  std::size_t total_bytes_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace biobridge::cli
