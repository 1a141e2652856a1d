// The search core end to end on the bundled corpus, indexed with extraction:
// facet filters and counts as the HTTP API and the query tool ask for them.
#include <algorithm>
#include <catch2/catch.hpp>
#include <set>

#include "errors.h"
#include "extract/facet_extractor.h"
#include "index/index_paths.h"
#include "schema.h"
#include "search/searcher.h"
#include "support/search_fixtures.h"
#include "support/test_env.h"

using namespace newsdesk;
namespace t = newsdesk::testing;

namespace {

search::Searcher& corpus() {
  static search::Searcher instance(t::extracted_corpus_index());
  return instance;
}

search::SearchRequest query(const std::string& text) {
  search::SearchRequest request;
  request.query = text;
  request.size = 100;
  return request;
}

std::vector<std::string>& filter(search::SearchRequest& request, schema::Facet facet) {
  return request.filters[static_cast<std::size_t>(facet)];
}

const search::FacetSummary& facet(const search::SearchResult& result, const std::string& name) {
  for (const auto& summary : result.facets) {
    if (summary.facet == name) return summary;
  }
  FAIL("no facet " << name);
  throw std::logic_error("unreachable");
}

std::size_t count_of(const search::FacetSummary& summary, const std::string& key) {
  for (const auto& bucket : summary.top) {
    if (bucket.key == key) return bucket.count;
  }
  return 0;
}

std::set<std::string> ids(const search::SearchResult& result) {
  std::set<std::string> out;
  for (const auto& hit : result.hits) out.insert(hit.id);
  return out;
}

}  // namespace

TEST_CASE("facet counts cover the whole match set and the total is exact", "[search][facets]") {
  auto request = query("");
  request.size = 1;  // counts must not depend on the page
  request.facet_size = 100;
  const auto result = corpus().search(request);
  CHECK(result.total == 56);
  CHECK(result.total_exact);
  CHECK(result.hits.size() == 1);
  const auto& countries = facet(result, "country");
  std::size_t china = 0;  // by hand, over every article (size 100 > 56)
  for (const auto& hit : corpus().search(query("")).hits) {
    for (const auto& code : hit.countries) china += code == "CN";
  }
  CHECK(count_of(countries, "cn") == china);
  CHECK(china > 0);
  CHECK(countries.distinct >= 20);
  CHECK_FALSE(result.dates.unit.empty());
}

TEST_CASE("filter values are resolved like query fields: names, codes and tickers",
          "[search][facets]") {
  auto by_name = query("");
  filter(by_name, schema::Facet::Country).push_back("China");
  auto by_code = query("");
  filter(by_code, schema::Facet::Country).push_back("CN");
  auto by_field = query("country:cn");
  const auto named = corpus().search(by_name);
  CHECK(named.total > 0);
  CHECK(ids(named) == ids(corpus().search(by_code)));
  CHECK(ids(named) == ids(corpus().search(by_field)));

  auto by_ticker = query("");
  filter(by_ticker, schema::Facet::Company).push_back("AAPL");
  auto by_company = query("company:apple");
  const auto ticker = corpus().search(by_ticker);
  CHECK(ticker.total > 0);
  CHECK(ids(ticker) == ids(corpus().search(by_company)));
}

TEST_CASE("multi-select: a ticked country still shows the other countries' counts",
          "[search][facets]") {
  auto plain = query("");
  plain.facet_size = 100;
  const auto before = corpus().search(plain);
  auto ticked = plain;
  filter(ticked, schema::Facet::Country).push_back("cn");
  const auto after = corpus().search(ticked);
  // The country facet ignores its own filter...
  CHECK(count_of(facet(after, "country"), "jp") == count_of(facet(before, "country"), "jp"));
  CHECK(count_of(facet(after, "country"), "jp") > 0);
  // ...the others are counted within the filter.
  CHECK(after.total == count_of(facet(before, "country"), "cn"));
  for (const auto& bucket : facet(after, "country").top)
    CHECK(bucket.selected == (bucket.key == "cn"));

  // Values of one facet OR together, facets AND together.
  auto both = plain;
  filter(both, schema::Facet::Country) = {"cn", "jp"};
  const std::size_t either = corpus().search(both).total;
  CHECK(either >= after.total);
  auto and_topic = both;
  filter(and_topic, schema::Facet::Topic).push_back("ai");
  const auto narrowed = corpus().search(and_topic);
  CHECK(narrowed.total < either);
  CHECK(narrowed.total == count_of(facet(corpus().search(both), "topic"), "ai"));
}

TEST_CASE("from and to filter by day and leave the date histogram unfiltered", "[search][facets]") {
  auto request = query("");
  request.from_day = "2025-01-01";
  request.to_day = "2025-12-31";
  const auto result = corpus().search(request);
  CHECK(result.total > 0);
  for (const auto& hit : result.hits) {
    REQUIRE(hit.published);
    CHECK(*hit.published >= 1735689600);  // 2025-01-01
    CHECK(*hit.published < 1767225600);   // 2026-01-01
  }
  std::size_t histogram = result.dates.undated;
  for (const auto& bucket : result.dates.buckets) histogram += bucket.count;
  CHECK(histogram + result.dates.earlier.count + result.dates.later.count == 56);
  CHECK(result.dates.buckets.front().from.size() == 10);  // YYYY-MM-DD, as from/to take it
}

TEST_CASE("a query naming a company puts articles about it first", "[search][facets]") {
  const auto result = corpus().search(query("Nvidia"));
  REQUIRE(result.hits.size() >= 2);
  CHECK(result.hits.front().companies.front() == "Nvidia");
  REQUIRE_FALSE(result.expansions.empty());
}

TEST_CASE("facets=0 skips counting", "[search][facets]") {
  auto request = query("chips");
  request.facet_size = 0;
  const auto result = corpus().search(request);
  CHECK(result.facets.empty());
  CHECK(result.total > 0);
}

TEST_CASE("the same story from two sources shows once, with its copies one group away",
          "[search][collapse]") {
  const auto collapsed = corpus().search(query("siemens veridane"));
  REQUIRE(collapsed.hits.size() == 1);
  const auto& hit = collapsed.hits.front();
  CHECK(hit.similar == 1);
  CHECK(collapsed.total == 2);  // total counts articles, not stories
  REQUIRE_FALSE(hit.group.empty());

  auto all = query("siemens veridane");
  all.collapse = false;
  CHECK(corpus().search(all).hits.size() == 2);

  auto group = query("");
  group.group = hit.group;
  const auto copies = corpus().search(group);
  CHECK(copies.total == 2);
  std::set<std::string> sources;
  for (const auto& copy : copies.hits) sources.insert(copy.source);
  CHECK(sources.size() == 2);
}

TEST_CASE("related stories share the article's subject and never include it", "[search][related]") {
  const auto nvidia = corpus().search(query("title:nvidia title:revenue"));
  REQUIRE_FALSE(nvidia.hits.empty());
  auto request = query("");
  request.related_to = nvidia.hits.front().id;
  const auto related = corpus().search(request);
  REQUIRE(related.hits.size() >= 3);
  for (const auto& hit : related.hits) CHECK(hit.id != request.related_to);
  std::size_t about_nvidia = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& companies = related.hits[i].companies;
    about_nvidia += std::find(companies.begin(), companies.end(), "Nvidia") != companies.end();
  }
  CHECK(about_nvidia >= 2);

  request.related_to = "no-such-article";
  CHECK_THROWS_AS(corpus().search(request), UserError);
}

TEST_CASE("a misspelt query gets a suggestion from the index's vocabulary", "[search][spelling]") {
  CHECK(corpus().search(query("alibab")).suggestion == "alibaba");
  CHECK(corpus().search(query("semiconducter tariffs")).suggestion == "semiconductor tariffs");
  CHECK(corpus().search(query("nvidia chips")).suggestion.empty());
}
