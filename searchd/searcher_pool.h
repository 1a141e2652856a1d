// Gives each request its own Searcher: Xapian objects are never shared between threads.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "search/searcher.h"

namespace newsdesk::searchd {

// Thread-safe. Searchers are created on demand and reused; each is reopened
// when borrowed, so requests see what the indexer has committed.
class SearcherPool {
 public:
  // Opens one searcher at once, so a missing or foreign index fails at
  // startup. Every searcher shares `resources`.
  SearcherPool(std::filesystem::path db_dir,
               std::shared_ptr<const search::SearchResources> resources);

  class Lease {
   public:
    Lease(SearcherPool& pool, std::unique_ptr<search::Searcher> searcher)
        : pool_(pool), searcher_(std::move(searcher)) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { pool_.give_back(std::move(searcher_)); }
    search::Searcher& operator*() { return *searcher_; }
    search::Searcher* operator->() { return searcher_.get(); }

   private:
    SearcherPool& pool_;
    std::unique_ptr<search::Searcher> searcher_;
  };

  Lease borrow();

 private:
  void give_back(std::unique_ptr<search::Searcher> searcher);

  std::filesystem::path db_dir_;
  std::shared_ptr<const search::SearchResources> resources_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<search::Searcher>> idle_;
};

}  // namespace newsdesk::searchd
