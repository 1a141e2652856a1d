// How the writer keeps an index on disk. An index is a folder of Xapian
// databases, "segments", behind a Xapian stub file (XAPIANDB) that lists
// them, so every reader opens the folder as one database. Articles are
// spread over a fixed number of shards (one per core when the index is
// created) by a hash of their id, and each shard is a list of segments:
// "shard<k>.<sequence>".
//
// Why segments: adding a batch to a large Xapian database rewrites a block
// for nearly every distinct term of the batch (postings and positions are
// keyed by term), so batch commits into one growing database cost more and
// more. A batch written to a new, empty segment is written sequentially;
// segments are then merged with Xapian's compactor, a linear merge, as
// Lucene merges its segments. The stub only ever lists committed segments,
// and it is replaced atomically, so a reader or a crash sees either the old
// list or the new one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace newsdesk::index {

struct SegmentName {
  unsigned shard = 0;
  std::uint64_t sequence = 0;  // unique in the index; later segments have higher numbers

  [[nodiscard]] std::string folder() const;  // "shard2.000017"
  // Reads a folder name; also "shard<k>" alone (sequence 0).
  static std::optional<SegmentName> parse(std::string_view folder);
};

class IndexLockedError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Exclusive right to write an index, for as long as the object lives (an
// advisory lock on a file in the folder; released by the OS if the process
// dies). Throws IndexLockedError if another writer holds it.
class IndexLock {
 public:
  explicit IndexLock(const std::filesystem::path& dir);
  ~IndexLock();
  IndexLock(const IndexLock&) = delete;
  IndexLock& operator=(const IndexLock&) = delete;

 private:
  int fd_ = -1;
};

// Replaces the stub of `dir` with one listing `folders`, in that order,
// atomically and durably (written, synced, renamed, directory synced).
void write_stub(const std::filesystem::path& dir, const std::vector<std::string>& folders);

// Deletes the segment folders of `dir` that `listed` does not name: what a
// merge replaced, or what a crash left half-written. Only call while no
// segment is being written.
void remove_unlisted_segments(const std::filesystem::path& dir,
                              const std::vector<std::string>& listed);

// Merges the committed segments `sources` (oldest first) into a new segment
// at `target` with Xapian's compactor: postings, positions, documents,
// values, spelling data and metadata; document ids renumbered in order.
void merge_segments(const std::vector<std::filesystem::path>& sources,
                    const std::filesystem::path& target);

}  // namespace newsdesk::index
