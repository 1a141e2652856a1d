// All facet extraction behind one call: companies, countries, topics and a
// text date, merged with what the source's metadata already says.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "article.h"
#include "extract/companies.h"
#include "extract/countries.h"
#include "extract/facet_tag.h"
#include "extract/text_date.h"
#include "extract/topics.h"

namespace newsdesk::extract {

// Where the reference data comes from.
struct FacetSources {
  std::vector<std::filesystem::path> company_files;  // later files add to earlier ones
  std::filesystem::path countries_file;
  std::filesystem::path taxonomy_file;

  // The repository's data/ files.
  static FacetSources defaults();
};

// Loads the reference data once; extract() is const and thread-safe.
class FacetExtractor {
 public:
  // Throws std::runtime_error naming the file and line of bad data.
  explicit FacetExtractor(const FacetSources& sources);

  // Metadata values (resolved to canonical keys where the reference data
  // knows them) first, then extracted ones, strongest first.
  [[nodiscard]] ArticleFacets extract(const Article& article) const;

  [[nodiscard]] const CompanyDirectory& companies() const { return companies_; }
  [[nodiscard]] const CountryDirectory& countries() const { return countries_; }
  [[nodiscard]] const Taxonomy& taxonomy() const { return taxonomy_; }

 private:
  CompanyDirectory companies_;
  CountryDirectory countries_;
  Taxonomy taxonomy_;
};

// A score that metadata values get: the source said so, so it is central.
inline constexpr double kMetadataScore = 100.0;

}  // namespace newsdesk::extract
