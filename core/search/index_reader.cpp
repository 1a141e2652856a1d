#include "search/index_reader.h"

#include <stdexcept>
#include <string>

#include "schema.h"

namespace newsdesk::search {

OpenIndex open_index(const std::filesystem::path& db_dir) {
  OpenIndex index;
  try {
    const auto listed = schema::read_shard_stub(db_dir);
    // Without a stub: a single plain database (or nothing: opening says so).
    for (const std::filesystem::path& path : listed ? *listed : std::vector{db_dir}) {
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
