// Indexes files and folders: the work of newsdesk-index, usable in-process.
// First a plan (what is new, changed, unchanged, gone), then its application.
#pragma once

#include <filesystem>
#include <functional>
#include <vector>

#include "index/file_state.h"
#include "index/index_writer.h"
#include "ingest/problem.h"

namespace newsdesk::index {

struct IndexOptions {
  bool prune = false;  // forget articles of files gone from the given folders
  bool force = false;  // re-read files even when unchanged
};

enum class FileAction {
  Add,        // not in the index yet
  Update,     // changed since it was indexed
  Unchanged,  // same size and mtime, or same content: skipped
  Touch,      // same content but a new mtime: only its recorded state changes
};

struct PlannedFile {
  std::filesystem::path path;  // as given or found
  FileAction action = FileAction::Add;
  FileState state;  // size and mtime now (content_hash set if it was computed)
};

struct IndexPlan {
  std::vector<PlannedFile> files;
  std::vector<FileState> removed;  // with --prune: indexed files that are gone
  std::size_t missing_files = 0;   // named on the command line but absent
  std::size_t ignored_files = 0;   // in folders, without an article extension
};

// Walks `paths` (folders recursively, hidden entries skipped, article
// extensions only, sorted) and compares each file with the state recorded
// in `db` (nullptr: an index that does not exist yet). Missing paths are
// reported through `problems`. Reads a file only when its size matches but
// its mtime does not (to compare content hashes).
IndexPlan plan_index(const Xapian::Database* db, const std::vector<std::filesystem::path>& paths,
                     const IndexOptions& options, const ingest::ProblemSink& problems);

struct IndexSummary {
  std::size_t files = 0;            // files read
  std::size_t unchanged_files = 0;  // skipped as unchanged
  std::size_t removed_files = 0;    // pruned
  std::size_t articles = 0;         // articles added or replaced
  std::size_t failed_files = 0;
  std::size_t skipped_records = 0;  // bad records dropped inside otherwise good files
  std::size_t warnings = 0;         // records kept with a faulty field left out
  std::size_t ignored_files = 0;    // files in folders without an article extension
  std::uint64_t bytes = 0;          // bytes of the files read
  double seconds = 0;

  [[nodiscard]] std::size_t errors() const { return failed_files + skipped_records; }
};

struct IndexProgress {
  std::size_t files_done = 0, files_total = 0;
  std::uint64_t bytes_done = 0, bytes_total = 0;
  std::size_t articles = 0;
};
using ProgressSink = std::function<void(const IndexProgress&)>;

// Applies a plan: re-reads added and updated files (a file's old articles
// are forgotten once it reads, so an unreadable file keeps them), records
// each file's state after its articles, prunes removed files, and commits.
// Every problem, a whole failed file included (line 0), goes to `problems`;
// the run always continues.
IndexSummary apply_plan(IndexWriter& writer, const IndexPlan& plan,
                        const ingest::ProblemSink& problems, const ProgressSink& progress = {});

// plan_index + apply_plan on the writer's own index.
IndexSummary index_paths(IndexWriter& writer, const std::vector<std::filesystem::path>& paths,
                         const ingest::ProblemSink& problems, const IndexOptions& options = {},
                         const ProgressSink& progress = {});

}  // namespace newsdesk::index
