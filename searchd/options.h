// Command-line options of newsdesk-searchd.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace newsdesk::searchd {

struct SearchdOptions {
  std::filesystem::path db;
  std::string host = "127.0.0.1";  // loopback unless asked otherwise
  int port = 8080;                 // 0 = any free port (printed at startup)
  std::filesystem::path web_root;  // static front-end
  int threads = 8;
  bool access_log = true;
  std::vector<std::filesystem::path> company_files;  // added to data/companies.tsv
  std::vector<std::filesystem::path> synonym_files;  // added to data/synonyms.txt
};

// Parses argv. Returns nullopt after printing --help; throws
// std::invalid_argument with a usage message for bad options.
std::optional<SearchdOptions> parse_options(int argc, const char* const argv[]);

}  // namespace newsdesk::searchd
