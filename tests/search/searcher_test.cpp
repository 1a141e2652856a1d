#include "search/searcher.h"

#include <catch2/catch.hpp>

#include "errors.h"
#include "index/index_paths.h"
#include "support/test_env.h"

using namespace newsdesk;
namespace t = newsdesk::testing;

namespace {

// A small index built from articles written here.
class SmallIndex {
 public:
  SmallIndex() {
    t::write_file(
        dir_ / "in/news.jsonl",
        R"({"title": "Quantum Chip Breakthrough", "body": "Researchers showed a new processor.", "url": "u:title", "published": "2025-01-02T00:00:00Z", "countries": ["US"], "companies": ["Société Générale"]})"
        "\n"
        R"({"title": "Markets Wrap", "body": "Stocks rose. A quantum computing startup listed. Bonds fell and the dollar was flat while oil prices climbed in late trading.", "url": "u:body", "published": "2025-03-01T00:00:00Z", "countries": ["JP"]})"
        "\n"
        R"({"title": "Browser Flaw Found", "body": "The proof of concept used <script>alert('x')</script> in a comment field & more.", "url": "u:xss", "published": "2024-06-01T00:00:00Z"})"
        "\n"
        R"({"title": "Undated Mining Note", "body": "Copper output rose at the mine.", "url": "u:undated"})"
        "\n");
    index::IndexWriter writer(dir_ / "db");
    index::index_paths(writer, {dir_ / "in"}, [](const ingest::Problem&) {});
  }
  search::SearchResult search(const search::SearchRequest& request) {
    search::Searcher searcher(dir_ / "db");
    return searcher.search(request);
  }
  search::SearchResult search(const std::string& query, std::size_t size = 10) {
    search::SearchRequest request;
    request.query = query;
    request.size = size;
    return search(request);
  }
  std::vector<std::string> urls(const search::SearchRequest& request) {
    std::vector<std::string> out;
    for (const auto& hit : search(request).hits) out.push_back(hit.url);
    return out;
  }
  std::vector<std::string> urls(const std::string& query) {
    search::SearchRequest request;
    request.query = query;
    return urls(request);
  }

 private:
  t::TempDir dir_;
};

}  // namespace

TEST_CASE("a title match outranks a body match", "[search]") {
  SmallIndex index;
  CHECK(index.urls("quantum") == std::vector<std::string>{"u:title", "u:body"});
}

TEST_CASE("words are stemmed and ANDed", "[search]") {
  SmallIndex index;
  CHECK(index.urls("stock climbing") == std::vector<std::string>{"u:body"});
  CHECK(index.urls("quantum copper").empty());
  CHECK(index.urls("quantum OR copper").size() == 3);
}

TEST_CASE("phrases, NOT and title: work", "[search]") {
  SmallIndex index;
  CHECK(index.urls("\"quantum computing\"") == std::vector<std::string>{"u:body"});
  CHECK(index.urls("quantum -stocks") == std::vector<std::string>{"u:title"});
  CHECK(index.urls("quantum NOT stocks") == std::vector<std::string>{"u:title"});
  CHECK(index.urls("title:quantum") == std::vector<std::string>{"u:title"});
}

TEST_CASE("facet fields filter with normalised values", "[search]") {
  SmallIndex index;
  CHECK(index.urls("country:jp") == std::vector<std::string>{"u:body"});
  CHECK(index.urls("quantum country:US") == std::vector<std::string>{"u:title"});
  CHECK(index.urls("company:\"societe generale\"") == std::vector<std::string>{"u:title"});
}

TEST_CASE("Unicode forms and case do not matter", "[search]") {
  SmallIndex index;
  CHECK(index.urls("QUANTUM") == index.urls("quantum"));
  CHECK(
      index.urls(
          "\xef\xbd\x91\xef\xbd\x95\xef\xbd\x81\xef\xbd\x8e\xef\xbd\x94\xef\xbd\x95\xef\xbd\x8d") ==
      index.urls("quantum"));  // full-width letters
}

TEST_CASE("snippets are HTML-escaped with matches marked", "[search]") {
  SmallIndex index;
  const auto result = index.search("alert");
  REQUIRE(result.hits.size() == 1);
  const std::string& snippet = result.hits[0].snippet;
  CHECK(snippet.find("<script>") == std::string::npos);
  CHECK(snippet.find("&lt;script&gt;<mark>alert</mark>") != std::string::npos);
  CHECK(snippet.find("&amp; more") != std::string::npos);
  CHECK(index.search("quantum").hits[0].title_html == "<mark>Quantum</mark> Chip Breakthrough");
}

TEST_CASE("an empty query lists every article, newest first, undated last", "[search]") {
  SmallIndex index;
  CHECK(index.urls("") == std::vector<std::string>{"u:body", "u:title", "u:xss", "u:undated"});
  const auto result = index.search("");
  CHECK(result.total == 4);
  CHECK(result.hits[0].published == 1740787200);
  CHECK_FALSE(result.hits[3].published);
}

TEST_CASE("malformed queries fall back to their words", "[search]") {
  SmallIndex index;
  CHECK(index.urls("\"quantum chip") == std::vector<std::string>{"u:title"});
  CHECK(index.urls("quantum AND") == index.urls("quantum"));
  CHECK(index.urls("AND AND quantum") == index.urls("quantum"));
  CHECK(index.urls("(quantum") == index.urls("quantum"));
  CHECK(index.urls("quantum NOT") == index.urls("quantum"));
  CHECK(index.urls("\"quantum AND") == index.urls("quantum"));
  CHECK(index.urls("\"quantum computing\" \"stocks") == std::vector<std::string>{"u:body"});
  CHECK(index.urls("quantum OR OR copper").size() == 3);
  CHECK(index.urls("quantum and stocks") == std::vector<std::string>{"u:body"});  // "and" is a word
}

TEST_CASE("requests that cannot be run are user errors", "[search]") {
  SmallIndex index;
  CHECK_THROWS_AS(index.search(std::string(5000, 'a')), UserError);
  CHECK_THROWS_AS(index.search("x", 0), UserError);
  CHECK_THROWS_AS(index.search("x", 1000), UserError);
}

TEST_CASE("opening a missing index says how to make one", "[search]") {
  t::TempDir dir;
  CHECK_THROWS_WITH(search::Searcher(dir / "nothing"), Catch::Contains("newsdesk-index"));
}

TEST_CASE("sort=date puts the newest match first", "[search]") {
  SmallIndex index;
  search::SearchRequest request;
  request.query = "quantum";
  request.sort = search::SortOrder::Date;
  CHECK(index.urls(request) == std::vector<std::string>{"u:body", "u:title"});
}

TEST_CASE("sort=recent decays relevance by age with a tunable half-life", "[search]") {
  SmallIndex index;
  search::SearchRequest request;
  request.query = "quantum";
  request.sort = search::SortOrder::Recent;
  // The title match is 58 days older than the body match.
  request.half_life_days = 1;
  CHECK(index.urls(request) == std::vector<std::string>{"u:body", "u:title"});
  request.half_life_days = 36500;  // age barely matters: relevance decides
  CHECK(index.urls(request) == std::vector<std::string>{"u:title", "u:body"});
  // Paging applies after the re-scoring.
  request.half_life_days = 1;
  request.size = 1;
  request.page = 2;
  CHECK(index.urls(request) == std::vector<std::string>{"u:title"});
}
