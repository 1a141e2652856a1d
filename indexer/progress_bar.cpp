#include "indexer/progress_bar.h"

#include <string>

namespace newsdesk::indexer {

ProgressBar::~ProgressBar() {
  if (drawn_) std::fprintf(out_, "\r\x1b[2K");
  std::fflush(out_);
}

void ProgressBar::update(const index::IndexProgress& p) {
  const auto now = std::chrono::steady_clock::now();
  const bool last = p.files_done == p.files_total;
  if (!last && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  drawn_ = true;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double fraction =
      p.bytes_total > 0 ? static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes_total)
                        : 1.0;
  const double mb_per_s = seconds > 0 ? static_cast<double>(p.bytes_done) / 1e6 / seconds : 0;
  constexpr int kWidth = 24;
  const int filled = static_cast<int>(fraction * kWidth);
  std::string bar(static_cast<std::size_t>(filled), '=');
  bar.resize(kWidth, ' ');
  std::fprintf(out_, "\r\x1b[2K[%s] %zu/%zu files · %zu articles · %.1f MB/s", bar.c_str(),
               p.files_done, p.files_total, p.articles, mb_per_s);
  if (fraction > 0.02 && !last) std::fprintf(out_, " · ETA %.0f s", seconds / fraction - seconds);
  std::fflush(out_);
}

}  // namespace newsdesk::indexer
