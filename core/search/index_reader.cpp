#include "search/index_reader.h"

#include <stdexcept>
#include <string>

#include "schema.h"

namespace newsdesk::search {
namespace {

OpenIndex open_listed(const std::filesystem::path& db_dir,
                      const std::optional<std::vector<std::filesystem::path>>& listed) {
  OpenIndex index;
  // Without a stub: a single plain database (or nothing: opening says so).
  for (const std::filesystem::path& path : listed ? *listed : std::vector{db_dir}) {
    Xapian::Database shard(path.string());
    index.all.add_database(shard);
    index.shards.push_back(std::move(shard));
  }
  if (listed) index.listed = *listed;
  schema::check_version(index.all);  // recorded in the first segment
  return index;
}

}  // namespace

OpenIndex open_index(const std::filesystem::path& db_dir) {
  constexpr int kAttempts = 5;
  for (int attempt = 1;; ++attempt) {
    const auto listed = schema::read_shard_stub(db_dir);
    try {
      return open_listed(db_dir, listed);
    } catch (const Xapian::DatabaseOpeningError& e) {
      // A segment merged away since the stub was read: read it again.
      if (listed && attempt < kAttempts && schema::read_shard_stub(db_dir) != listed) continue;
      throw std::runtime_error("no index at " + db_dir.string() + " (" + e.get_msg() +
                               "); build one with newsdesk-index");
    }
  }
}

bool segments_changed(const OpenIndex& index, const std::filesystem::path& db_dir) {
  const auto listed = schema::read_shard_stub(db_dir);
  return listed ? *listed != index.listed : !index.listed.empty();
}

}  // namespace newsdesk::search
