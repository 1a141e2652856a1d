// Command-line options of newsdesk-query.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <vector>

#include "search/search_types.h"

namespace newsdesk::cli {

struct QueryOptions {
  std::filesystem::path db;
  search::SearchRequest request;
  bool json = false;                                 // print the API's JSON instead of text
  std::vector<std::filesystem::path> company_files;  // added to data/companies.tsv
  std::vector<std::filesystem::path> synonym_files;  // added to data/synonyms.txt
};

// Parses argv; the query is the remaining words joined by spaces. Returns
// nullopt after printing --help; throws std::invalid_argument for bad options.
std::optional<QueryOptions> parse_options(int argc, const char* const argv[]);

}  // namespace newsdesk::cli
