#include "search/request_params.h"

#include <catch2/catch.hpp>

#include "errors.h"
#include "schema.h"

using namespace newsdesk;
using search::parse_search_params;

TEST_CASE("search parameters become a SearchRequest", "[params]") {
  const auto request = parse_search_params(
      {{"q", "opec output"}, {"page", "3"}, {"size", "20"}, {"snippet_length", "100"}});
  CHECK(request.query == "opec output");
  CHECK(request.page == 3);
  CHECK(request.size == 20);
  CHECK(request.snippet_length == 100);
  const auto defaults = parse_search_params({});
  CHECK(defaults.query.empty());
  CHECK(defaults.page == 1);
  CHECK(defaults.size == 10);
  CHECK(defaults.sort == search::SortOrder::Relevance);
  CHECK(defaults.collapse);
  CHECK(defaults.facet_size == 10);
}

TEST_CASE("search parameters that are not whole numbers are user errors", "[params]") {
  for (const char* bad : {"abc", "-1", "1.5", "99999999999", " 2"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(parse_search_params({{"page", bad}}), UserError);
    CHECK_THROWS_AS(parse_search_params({{"size", bad}}), UserError);
    CHECK_THROWS_AS(parse_search_params({{"facets", bad}}), UserError);
  }
}

TEST_CASE("facet filter parameters repeat and keep their facet", "[params]") {
  const auto request = parse_search_params({{"country", "CN"},
                                            {"country", "Japan"},
                                            {"company", "AAPL"},
                                            {"topic", "ai"},
                                            {"source", "Reuters"},
                                            {"country", ""}});
  using schema::Facet;
  CHECK(request.filters[static_cast<std::size_t>(Facet::Country)] ==
        std::vector<std::string>{"CN", "Japan"});
  CHECK(request.filters[static_cast<std::size_t>(Facet::Company)] ==
        std::vector<std::string>{"AAPL"});
  CHECK(request.filters[static_cast<std::size_t>(Facet::Topic)] == std::vector<std::string>{"ai"});
  CHECK(request.filters[static_cast<std::size_t>(Facet::Source)] ==
        std::vector<std::string>{"Reuters"});
}

TEST_CASE("too many facet filter values are a user error", "[params]") {
  search::SearchParams params;
  for (int i = 0; i <= 100; ++i) params.emplace("company", "c" + std::to_string(i));
  CHECK_THROWS_AS(parse_search_params(params), UserError);
}

TEST_CASE("from and to take calendar days only", "[params]") {
  const auto request = parse_search_params({{"from", "2025-01-01"}, {"to", "2025-03-31"}});
  CHECK(request.from_day == "2025-01-01");
  CHECK(request.to_day == "2025-03-31");
  for (const char* bad : {"2025", "2025-13-01", "2025-02-30", "yesterday", "2025-01-01T00:00"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(parse_search_params({{"from", bad}}), UserError);
  }
}

TEST_CASE("sort, half_life and collapse accept their documented values only", "[params]") {
  CHECK(parse_search_params({{"sort", "date"}}).sort == search::SortOrder::Date);
  CHECK(parse_search_params({{"sort", "recent"}, {"half_life", "7.5"}}).half_life_days == 7.5);
  CHECK_FALSE(parse_search_params({{"collapse", "false"}}).collapse);
  CHECK(parse_search_params({{"collapse", "1"}}).collapse);
  CHECK_THROWS_AS(parse_search_params({{"sort", "newest"}}), UserError);
  CHECK_THROWS_AS(parse_search_params({{"half_life", "0"}}), UserError);
  CHECK_THROWS_AS(parse_search_params({{"half_life", "abc"}}), UserError);
  CHECK_THROWS_AS(parse_search_params({{"collapse", "maybe"}}), UserError);
}

TEST_CASE("group and related carry ids through", "[params]") {
  const auto request = parse_search_params({{"group", "0123abcd"}, {"related", "reuters:42"}});
  CHECK(request.group == "0123abcd");
  CHECK(request.related_to == "reuters:42");
}
