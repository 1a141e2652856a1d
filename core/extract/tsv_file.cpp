#include "extract/tsv_file.h"

#include <fstream>
#include <stdexcept>

#include "extract/tokens.h"

namespace newsdesk::extract {

void read_tsv(const std::filesystem::path& file, const std::string& what, std::size_t columns,
              const std::function<void(const std::vector<std::string>&, const TsvFail&)>& row) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(file.string() + ": cannot read " + what);
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const TsvFail fail = [&](const std::string& message) {
      throw std::runtime_error(file.string() + ":" + std::to_string(number) + ": " + message);
    };
    const std::vector<std::string> cols = split(line, '\t');
    if (cols.size() != columns) {
      fail("expected " + std::to_string(columns) + " tab-separated columns, found " +
           std::to_string(cols.size()));
    }
    row(cols, fail);
  }
}

}  // namespace newsdesk::extract
