// Command-line options of newsdesk-index.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace newsdesk::indexer {

struct IndexerOptions {
  std::filesystem::path db;
  std::vector<std::filesystem::path> paths;
  std::size_t batch_size = 2000;
  std::size_t segment_size = 20000;
  bool prune = false;    // forget articles of files gone from the given folders
  bool force = false;    // re-read unchanged files too
  bool dry_run = false;  // show what would change, change nothing
  bool progress = true;  // progress bar when stderr is a terminal
  bool json = false;     // machine-readable summary on stdout
  bool extract = true;   // find companies, countries, topics and text dates
  std::vector<std::filesystem::path> company_files;  // added to data/companies.tsv
  std::filesystem::path taxonomy_file;               // replaces data/taxonomy.txt
  std::filesystem::path explain;  // print what extraction finds in this file; index nothing
  bool quiet = false;             // no per-problem lines on stderr
};

// Parses argv. Returns nullopt after printing --help; throws
// std::invalid_argument with a usage message for bad options.
std::optional<IndexerOptions> parse_options(int argc, const char* const argv[]);

}  // namespace newsdesk::indexer
