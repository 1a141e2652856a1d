// Indexes files and folders: the work of newsdesk-index, usable in-process.
#pragma once

#include <filesystem>
#include <vector>

#include "index/index_writer.h"
#include "ingest/problem.h"

namespace newsdesk::index {

struct IndexSummary {
  std::size_t files = 0;     // files read (whether or not they failed)
  std::size_t articles = 0;  // articles added or replaced
  std::size_t failed_files = 0;
  std::size_t skipped_records = 0;  // bad records dropped inside otherwise good files
  std::size_t warnings = 0;         // records kept with a faulty field left out
  std::size_t ignored_files = 0;    // files in folders without an article extension
  double seconds = 0;

  [[nodiscard]] std::size_t errors() const { return failed_files + skipped_records; }
};

// Indexes every path: a file is read whatever its extension, a folder is
// walked recursively (hidden entries skipped, files with an article extension
// taken, in sorted order). Re-indexing a file first forgets its old articles.
// Every problem, a whole failed file included (line 0), goes to `problems`;
// the run always continues. Commits at the end.
IndexSummary index_paths(IndexWriter& writer, const std::vector<std::filesystem::path>& paths,
                         const ingest::ProblemSink& problems);

}  // namespace newsdesk::index
