#include "searchd/http_api.h"

#include <catch2/catch.hpp>

#include "errors.h"

using namespace newsdesk;

TEST_CASE("search parameters become a SearchRequest", "[searchd]") {
  const auto request = searchd::parse_search_request(
      {{"q", "opec output"}, {"page", "3"}, {"size", "20"}, {"snippet_length", "100"}});
  CHECK(request.query == "opec output");
  CHECK(request.page == 3);
  CHECK(request.size == 20);
  CHECK(request.snippet_length == 100);
  const auto defaults = searchd::parse_search_request({});
  CHECK(defaults.query.empty());
  CHECK(defaults.page == 1);
  CHECK(defaults.size == 10);
}

TEST_CASE("search parameters that are not whole numbers are user errors", "[searchd]") {
  for (const char* bad : {"abc", "-1", "1.5", "99999999999", " 2"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(searchd::parse_search_request({{"page", bad}}), UserError);
    CHECK_THROWS_AS(searchd::parse_search_request({{"size", bad}}), UserError);
  }
}
