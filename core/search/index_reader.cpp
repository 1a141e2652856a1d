#include "search/index_reader.h"

#include <fstream>
#include <stdexcept>
#include <string>

#include "schema.h"

namespace newsdesk::search {
namespace {

constexpr const char* kStubFile = "XAPIANDB";

std::vector<std::filesystem::path> shard_paths(const std::filesystem::path& dir) {
  std::ifstream in(dir / kStubFile);
  if (!in) return {dir};  // a single plain database (or nothing: opening says so)
  std::vector<std::filesystem::path> paths;
  std::string backend, name;
  while (in >> backend >> name) {
    if (backend != "auto") {
      throw std::runtime_error((dir / kStubFile).string() + ": unsupported shard type '" + backend +
                               "'");
    }
    paths.push_back(dir / name);
  }
  if (paths.empty()) throw std::runtime_error((dir / kStubFile).string() + " lists no shards");
  return paths;
}

}  // namespace

OpenIndex open_index(const std::filesystem::path& db_dir) {
  OpenIndex index;
  try {
    for (const std::filesystem::path& path : shard_paths(db_dir)) {
      Xapian::Database shard(path.string());
      index.all.add_database(shard);
      index.shards.push_back(std::move(shard));
    }
    schema::check_version(index.all);  // recorded in the first shard
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw std::runtime_error("no index at " + db_dir.string() + " (" + e.get_msg() +
                             "); build one with newsdesk-index");
  }
  return index;
}

}  // namespace newsdesk::search
