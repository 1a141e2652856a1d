#include "support/search_fixtures.h"

#include <catch2/catch.hpp>

#include "index/index_paths.h"
#include "support/test_env.h"

namespace newsdesk::testing {

const std::shared_ptr<const extract::FacetExtractor>& reference_data() {
  static const auto instance =
      std::make_shared<const extract::FacetExtractor>(extract::FacetSources::defaults());
  return instance;
}

const std::filesystem::path& extracted_corpus_index() {
  static const TempDir dir;
  static const std::filesystem::path db = [] {
    index::IndexWriterOptions options;
    options.shards = 2;
    options.extractor = reference_data();
    index::IndexWriter writer(dir / "db", options);
    index::index_paths(writer, {source_dir() / "corpus"},
                       [](const ingest::Problem& p) { FAIL(p.origin + ": " + p.message); });
    return dir / "db";
  }();
  return db;
}

}  // namespace newsdesk::testing
