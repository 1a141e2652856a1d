// A one-line progress display for terminals: files, articles, MB/s, ETA.
#pragma once

#include <chrono>
#include <cstdio>

#include "index/index_paths.h"

namespace newsdesk::indexer {

// Redraws at most ten times a second on `out`; clears the line when done.
class ProgressBar {
 public:
  explicit ProgressBar(std::FILE* out) : out_(out), start_(std::chrono::steady_clock::now()) {}
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  ~ProgressBar();

  void update(const index::IndexProgress& progress);

 private:
  std::FILE* out_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_{};
  bool drawn_ = false;
};

}  // namespace newsdesk::indexer
