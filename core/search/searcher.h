// Runs searches against one index: SearchRequest in, SearchResult out.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <memory>
#include <vector>

#include "search/index_reader.h"
#include "search/search_types.h"

namespace newsdesk::extract {
class FacetExtractor;
}

namespace newsdesk::search {

class FacetCounter;
class Synonyms;

// What every search reads besides the index: the reference data (company,
// country and topic names, to resolve query words and filters and to name
// facet values) and the synonyms. Loaded once per process and shared by all
// searchers; immutable, so safe to share between threads.
struct SearchResources {
  std::shared_ptr<const extract::FacetExtractor> reference;  // may be null
  std::shared_ptr<const Synonyms> synonyms;                  // may be null

  // The repository's data/ files, plus extra company and synonym files
  // (later files add to earlier ones). Throws std::runtime_error naming a bad file.
  static std::shared_ptr<const SearchResources> load(
      const std::vector<std::filesystem::path>& extra_company_files = {},
      const std::vector<std::filesystem::path>& extra_synonym_files = {});
};

// Owns read-only handles on one index; not thread-safe (use one per thread).
class Searcher {
 public:
  // Throws std::runtime_error if there is no readable index of our schema.
  // Without resources, SearchResources::load() is used.
  explicit Searcher(const std::filesystem::path& db_dir,
                    std::shared_ptr<const SearchResources> resources = nullptr);
  ~Searcher();
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;

  // Throws UserError for a request that cannot be run (bad paging, a query
  // that is too long, an unknown article id for related_to).
  [[nodiscard]] SearchResult search(const SearchRequest& request);

  // Picks up what the indexer committed since the database was opened
  // (new articles, new or merged segments).
  void reopen();

  [[nodiscard]] std::size_t document_count() const { return index_.all.get_doccount(); }

 private:
  FacetCounter& counter();

  std::shared_ptr<const SearchResources> resources_;
  std::filesystem::path db_dir_;
  OpenIndex index_;
  std::unique_ptr<FacetCounter> counter_;  // loaded at the first search that counts facets
};

}  // namespace newsdesk::search
