#include "extract/facet_extractor.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>

#include "ingest/plain_article.h"
#include "support/test_env.h"

using namespace newsdesk;
namespace t = newsdesk::testing;

namespace {

const extract::FacetExtractor& extractor() {
  static const extract::FacetExtractor instance(extract::FacetSources::defaults());
  return instance;
}

bool has(const std::vector<extract::FacetValue>& values, const std::string& key) {
  return std::any_of(values.begin(), values.end(), [&](const auto& v) { return v.key == key; });
}

}  // namespace

TEST_CASE("the shared scraped sample gets Alibaba, Apple, CN, AE, AI and no date",
          "[extract][shared]") {
  const std::filesystem::path sample = "corpora/samples/alibaba-apple-ai-partnership.txt";
  if (!t::shared_available(sample)) return;
  std::ifstream in(t::shared_dir() / sample, std::ios::binary);
  const auto article = ingest::parse_plain_article(
      std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
  REQUIRE(article);
  const auto facets = extractor().extract(*article);
  CHECK(has(facets.companies, "alibaba"));
  CHECK(has(facets.companies, "apple"));
  CHECK(has(facets.countries, "CN"));
  CHECK(has(facets.countries, "AE"));
  CHECK(has(facets.topics, "ai"));
  CHECK_FALSE(article->published);
  CHECK_FALSE(facets.text_date);
}

TEST_CASE("source metadata is merged with extraction under canonical keys", "[extract]") {
  Article article;
  article.title = "NVIDIA (NASDAQ: NVDA) Forecasts Record Quarter";
  article.body = "SANTA CLARA, California, May 28, 2025 — NVIDIA said data centre revenue rose.";
  article.companies = {"Nvidia Corp"};
  article.countries = {"us"};
  article.topics = {"earnings"};
  const auto facets = extractor().extract(article);
  REQUIRE(facets.companies.size() >= 1);
  CHECK(facets.companies[0].key == "nvidia");   // the metadata name resolved to its id
  CHECK(facets.companies[0].name == "Nvidia");  // the reference data's display name
  CHECK(std::count_if(facets.companies.begin(), facets.companies.end(),
                      [](const auto& v) { return v.key == "nvidia"; }) == 1);
  CHECK(facets.countries[0].key == "US");
  CHECK(facets.countries[0].name == "United States");
  CHECK(has(facets.topics, "earnings"));
  REQUIRE(facets.text_date);  // undated article: the dateline gives the day
  CHECK(facets.text_date->evidence == "May 28, 2025");
}
