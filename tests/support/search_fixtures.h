// Test fixtures shared by the search tests, built once per test process.
#pragma once

#include <filesystem>
#include <memory>

#include "extract/facet_extractor.h"

namespace newsdesk::testing {

// The reference data of data/ (companies, countries, taxonomy).
const std::shared_ptr<const extract::FacetExtractor>& reference_data();

// The bundled corpus/ indexed as newsdesk-index does by default on two
// cores: two shards, every facet extracted. The index folder; read-only.
const std::filesystem::path& extracted_corpus_index();

}  // namespace newsdesk::testing
