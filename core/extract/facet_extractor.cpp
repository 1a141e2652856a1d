#include "extract/facet_extractor.h"

#include <algorithm>

#include "text/normalize.h"

namespace newsdesk::extract {
namespace {

// Adds `value` unless its key is there already (then keeps the higher score).
void merge(std::vector<FacetValue>& values, FacetValue value) {
  if (value.key.empty()) return;
  const auto same = std::find_if(values.begin(), values.end(),
                                 [&](const FacetValue& v) { return v.key == value.key; });
  if (same == values.end()) {
    values.push_back(std::move(value));
  } else if (value.score > same->score) {
    same->score = value.score;
    same->evidence = std::move(value.evidence);
  }
}

void strongest_first(std::vector<FacetValue>& values) {
  std::stable_sort(values.begin(), values.end(),
                   [](const FacetValue& a, const FacetValue& b) { return a.score > b.score; });
}

}  // namespace

FacetSources FacetSources::defaults() {
  const std::filesystem::path data = NEWSDESK_DATA_DIR;
  return {{data / "companies.tsv"}, data / "countries.tsv", data / "taxonomy.txt"};
}

FacetExtractor::FacetExtractor(const FacetSources& sources)
    : companies_(CompanyDirectory::load(sources.company_files)),
      countries_(CountryDirectory::load(sources.countries_file)),
      taxonomy_(Taxonomy::load(sources.taxonomy_file)) {}

ArticleFacets FacetExtractor::extract(const Article& article) const {
  ArticleFacets facets;
  for (const std::string& given : article.companies) {
    const CompanyInfo* company = companies_.resolve(given);
    merge(facets.companies, company ? FacetValue{company->id, company->name, kMetadataScore, {}}
                                    : FacetValue{text::slug(given), given, kMetadataScore, {}});
  }
  for (const std::string& given : article.countries) {
    const auto code = countries_.resolve(given);
    const std::string key = code ? *code : given;
    merge(facets.countries, {key, country_display_name(key), kMetadataScore, {}});
  }
  for (const std::string& given : article.topics) {
    const TopicInfo* topic = taxonomy_.find(given);
    merge(facets.topics, {given, topic ? topic->name : given, kMetadataScore, {}});
  }

  const std::vector<Token> tokens = tokenize_article(article);
  const auto company_tags = extract_companies(companies_, article, tokens);
  for (const FacetTag& tag : company_tags) {
    const CompanyInfo* company = companies_.find(tag.key);
    std::string name = company ? company->name : (tag.evidence.empty() ? tag.key : tag.evidence[0]);
    merge(facets.companies, {tag.key, std::move(name), tag.score, tag.evidence});
  }
  for (const FacetTag& tag :
       extract_countries(countries_, companies_, article, company_tags, tokens)) {
    merge(facets.countries, {tag.key, country_display_name(tag.key), tag.score, tag.evidence});
  }
  for (const FacetTag& tag : classify_topics(taxonomy_, article, tokens)) {
    const TopicInfo* topic = taxonomy_.find(tag.key);
    merge(facets.topics, {tag.key, topic ? topic->name : tag.key, tag.score, tag.evidence});
  }
  strongest_first(facets.companies);
  strongest_first(facets.countries);
  strongest_first(facets.topics);
  if (!article.published) facets.text_date = find_text_date(article);
  return facets;
}

}  // namespace newsdesk::extract
