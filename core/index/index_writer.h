// The only writer of an index: a folder of segments behind a stub file
// (index/segments.h). Each shard has its own thread that extracts facets,
// builds documents and writes them: analysis and writing use every core.
// New articles go to a shard's active segment, a new database that is
// sealed once it holds segment_size articles; segments are merged in tiers
// (merge_factor at a time) and at the end of the run. The first segment of
// shard 0 is the primary: it holds the schema version and the file states.
#pragma once

#include <xapian.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "article.h"
#include "index/file_state.h"
#include "index/segments.h"

namespace newsdesk::extract {
class FacetExtractor;
}

namespace newsdesk::index {

struct IndexWriterOptions {
  std::size_t batch_size = 2000;  // articles per commit (file bookkeeping rides along)
  // Articles a shard writes to one segment before it starts another: a
  // commit into a small database is cheap, into a large one dear.
  std::size_t segment_size = 20000;
  // Segments of about the same size (in powers of this factor) merge when
  // there are this many of them: each article is rewritten once per tier.
  std::size_t merge_factor = 10;
  unsigned shards = 0;  // for a new index; 0 = one per core. An existing index keeps its own.
  // Finds companies, countries, topics and text dates in each article (in
  // the shards' threads); null = only the facets the sources give.
  std::shared_ptr<const extract::FacetExtractor> extractor;
};

// Not thread-safe itself (one thread drives it). Throws IndexLockedError if
// another writer holds the index. Errors from a shard's thread (disk full,
// ...) are rethrown when the writer next waits for a commit: at the batch
// after next, wait_for_commit() or commit().
class IndexWriter {
 public:
  explicit IndexWriter(const std::filesystem::path& db_dir, IndexWriterOptions options = {});
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;
  // Commits what is pending; errors are swallowed here, so call commit().
  ~IndexWriter();

  // Deletes every article previously indexed from `origin`; call before
  // adding the file's articles again, so re-indexing never duplicates.
  void forget_file(const std::string& origin);

  // Records a file's state once its articles are added. The state is
  // committed one commit after its articles, so a crash never leaves a state
  // without its articles.
  void record_file(const FileState& state);

  // Forgets a file that is gone: its articles and its recorded state.
  void remove_file(const std::string& origin);

  // Adds or replaces (by article id) one article; commits every batch_size
  // articles. Returns the article's id.
  std::string add(Article article);

  // Batch commits run in the shards' threads while the next batch is read.
  // This waits for the one in flight, if any: readers then see every batch
  // committed so far. (It also lists the commit's segments in the stub and
  // hands the file states recorded before it to the primary.)
  void wait_for_commit();

  // The end of a run: waits for every shard to write what it was given,
  // commits all, and merges the segments this writer created into one per
  // shard (then tiers as usual), so readers open few databases.
  void commit();

  // Articles that could not be indexed (extraction or Xapian refused them:
  // e.g. a term too long) since the last call. The run goes on without them.
  struct ArticleFailure {
    std::string origin;
    std::size_t line = 0;
    std::string message;
  };
  std::vector<ArticleFailure> take_failures();

  // Articles in the index as of the last commit waited for.
  [[nodiscard]] Xapian::doccount document_count() const;
  [[nodiscard]] std::size_t shard_count() const { return shards_.size(); }

  // The index as it was opened, for reading file states before anything is
  // added (metadata comes from the primary).
  [[nodiscard]] const Xapian::Database& database() const { return opened_; }

  class Shard;  // a shard's segments, document builder, queue and thread

 private:
  // A batch commit; file states recorded so far ride with the next one.
  void commit_batch(bool end_of_run = false);
  void start_commit_all_shards(bool end_of_run);
  // A new segment folder name for `shard` (called from the shards' threads).
  std::string new_segment_name(unsigned shard);

  std::filesystem::path dir_;
  IndexLock lock_;
  std::vector<std::unique_ptr<Shard>> shards_;
  IndexWriterOptions options_;
  Xapian::Database opened_;
  std::vector<std::string> listed_;  // the segment folders the stub lists
  std::atomic<std::uint64_t> next_sequence_{1};
  // File states (metadata key, value) waiting for their articles' commit.
  std::vector<std::pair<std::string, std::string>> unsaved_states_;
  std::vector<std::pair<std::string, std::string>> states_of_commit_in_flight_;
  bool commit_in_flight_ = false;
  bool states_in_primary_queue_ = false;  // handed over, no commit started since
  std::size_t pending_ = 0;
};

}  // namespace newsdesk::index
