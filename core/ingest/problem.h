// How readers hand over articles and report bad records without stopping.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "article.h"

namespace newsdesk::ingest {

// A record that could not be read as given. `skipped` is true when the record
// was dropped, false when it was kept with the faulty field left out.
struct Problem {
  std::string origin;    // file path ("-" = standard input)
  std::size_t line = 0;  // 1-based line or record number; 0 = the whole file
  std::string message;
  bool skipped = true;
};

using ArticleSink = std::function<void(Article&&)>;
using ProblemSink = std::function<void(const Problem&)>;

}  // namespace newsdesk::ingest
