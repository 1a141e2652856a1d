// Runs searches against one index: SearchRequest in, SearchResult out.
#pragma once

#include <xapian.h>

#include <filesystem>

#include "search/search_types.h"

namespace newsdesk::search {

// Owns a read-only Xapian::Database; not thread-safe (use one per thread).
class Searcher {
 public:
  // Throws std::runtime_error if there is no readable index of our schema.
  explicit Searcher(const std::filesystem::path& db_dir);

  // Throws UserError for a request that cannot be run (bad paging, a query
  // that is too long).
  [[nodiscard]] SearchResult search(const SearchRequest& request);

  // Picks up what the indexer committed since the database was opened.
  void reopen();

  [[nodiscard]] std::size_t document_count() const { return db_.get_doccount(); }

 private:
  Xapian::Database db_;
};

}  // namespace newsdesk::search
