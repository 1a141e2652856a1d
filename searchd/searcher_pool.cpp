#include "searchd/searcher_pool.h"

namespace newsdesk::searchd {

SearcherPool::SearcherPool(std::filesystem::path db_dir,
                           std::shared_ptr<const search::SearchResources> resources)
    : db_dir_(std::move(db_dir)), resources_(std::move(resources)) {
  idle_.push_back(std::make_unique<search::Searcher>(db_dir_, resources_));
}

SearcherPool::Lease SearcherPool::borrow() {
  std::unique_ptr<search::Searcher> searcher;
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      searcher = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (searcher) {
    searcher->reopen();
  } else {
    searcher = std::make_unique<search::Searcher>(db_dir_, resources_);
  }
  return Lease(*this, std::move(searcher));
}

void SearcherPool::give_back(std::unique_ptr<search::Searcher> searcher) {
  if (!searcher) return;
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(searcher));
}

}  // namespace newsdesk::searchd
