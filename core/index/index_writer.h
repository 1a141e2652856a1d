// The only writer of an index: opens or creates it, replaces a file's
// articles, and commits in batches.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <string>

#include "article.h"
#include "index/document_builder.h"
#include "index/file_state.h"

namespace newsdesk::index {

struct IndexWriterOptions {
  std::size_t batch_size = 2000;  // articles per commit (file bookkeeping rides along)
};

// Not thread-safe. Throws IndexLockedError if another writer holds the index.
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

  // Records a file's state once its articles are added (same commit batch,
  // so a crash never leaves a state without its articles).
  void record_file(const FileState& state);

  // Forgets a file that is gone: its articles and its recorded state.
  void remove_file(const std::string& origin);

  // Adds or replaces (by article id) one article; commits every batch_size.
  // Returns the article's id.
  std::string add(const Article& article);

  void commit();

  [[nodiscard]] Xapian::doccount document_count() const { return db_.get_doccount(); }
  [[nodiscard]] const Xapian::Database& database() const { return db_; }

 private:
  void count_article();  // commits every batch_size articles

  Xapian::WritableDatabase db_;
  DocumentBuilder builder_;
  IndexWriterOptions options_;
  std::size_t pending_ = 0;
};

class IndexLockedError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace newsdesk::index
