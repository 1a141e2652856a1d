// Reading the tab-separated reference files (data/companies.tsv, data/countries.tsv).
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace newsdesk::extract {

// Throws std::runtime_error("file:line: message") for the row being read.
using TsvFail = std::function<void(const std::string& message)>;

// Calls `row` for every line of `file` that is not blank or a '#' comment
// (a trailing CR is dropped), split at tabs. Throws std::runtime_error
// naming the file if it cannot be read ("cannot read <what>"), and
// "file:line: expected N tab-separated columns" for a row of another width.
void read_tsv(const std::filesystem::path& file, const std::string& what, std::size_t columns,
              const std::function<void(const std::vector<std::string>&, const TsvFail&)>& row);

}  // namespace newsdesk::extract
