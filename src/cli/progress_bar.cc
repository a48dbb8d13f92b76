#include "cli/progress_bar.h"

#include <fmt/format.h>

#include <algorithm>

namespace biobridge::cli {

ProgressBar::ProgressBar(std::ostream& out, std::size_t total_bytes, bool enabled)
    : out_(out), total_bytes_(total_bytes), enabled_(enabled), started_(std::chrono::steady_clock::now()) {}

void ProgressBar::Update(std::size_t bytes_done, std::size_t records) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;  // no flicker
  last_draw_ = now;
  drawn_ = true;
  const double seconds = std::max(1e-3, std::chrono::duration<double>(now - started_).count());
  const auto rate = static_cast<std::size_t>(records / seconds);
  std::string line;
  if (total_bytes_ > 0) {
    constexpr int kWidth = 30;
    const double fraction = std::min(1.0, static_cast<double>(bytes_done) / static_cast<double>(total_bytes_));
    const int filled = static_cast<int>(fraction * kWidth);
    line = fmt::format("[{}{}] {:3.0f}%  ", std::string(filled, '#'), std::string(kWidth - filled, '-'),
                       fraction * 100);
  }
  line += fmt::format("{} records  {}/s", records, rate);
  out_ << '\r' << line << "\x1b[K" << std::flush;
}

void ProgressBar::Finish() {
  if (enabled_ && drawn_) out_ << '\n';
}

}  // namespace biobridge::cli
