// Opens an index for reading: the whole folder as one Xapian::Database for
// ranking, and each segment on its own, in the same order, for the work
// that needs a segment's own document ids (exact facet counting). The
// `shards` of an OpenIndex are these segments.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <vector>

namespace newsdesk::search {

struct OpenIndex {
  Xapian::Database all;                       // every segment; document ids interleave
  std::vector<Xapian::Database> shards;       // shards[i] is sub-database i of `all`
  std::vector<std::filesystem::path> listed;  // the segments the stub listed (empty: no stub)

  // The id in `all` of local document `local_id` of shards[shard].
  [[nodiscard]] Xapian::docid global_id(std::size_t shard, Xapian::docid local_id) const {
    return (local_id - 1) * static_cast<Xapian::docid>(shards.size()) +
           static_cast<Xapian::docid>(shard) + 1;
  }
};

// Reads the folder's XAPIANDB stub ("auto <segment folder>" lines) or opens
// a single plain database. Checks the schema version. Throws
// std::runtime_error naming the folder when there is no readable index.
// A writer may merge segments away between reading the stub and opening
// them: then the stub has changed, and it is read again.
OpenIndex open_index(const std::filesystem::path& db_dir);

// Whether the stub of `db_dir` lists other segments than `index` has open
// (the writer committed new segments or merged some).
bool segments_changed(const OpenIndex& index, const std::filesystem::path& db_dir);

}  // namespace newsdesk::search
