// Opens an index for reading: the whole folder as one Xapian::Database for
// ranking, and each local shard on its own, in the same order, for the work
// that needs a shard's own document ids (exact facet counting).
#pragma once

#include <xapian.h>

#include <filesystem>
#include <vector>

namespace newsdesk::search {

struct OpenIndex {
  Xapian::Database all;                  // every shard; document ids interleave
  std::vector<Xapian::Database> shards;  // shards[i] is sub-database i of `all`

  // The id in `all` of local document `local_id` of shards[shard].
  [[nodiscard]] Xapian::docid global_id(std::size_t shard, Xapian::docid local_id) const {
    return (local_id - 1) * static_cast<Xapian::docid>(shards.size()) +
           static_cast<Xapian::docid>(shard) + 1;
  }
};

// Reads the folder's XAPIANDB stub ("auto <shard folder>" lines) or opens a
// single plain database. Checks the schema version. Throws
// std::runtime_error naming the folder when there is no readable index.
OpenIndex open_index(const std::filesystem::path& db_dir);

}  // namespace newsdesk::search
