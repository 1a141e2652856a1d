// Integration: indexes the bundled corpus/ and checks what analysts would
// search for comes back first, in the expected order.
#include <catch2/catch.hpp>
#include <set>

#include "extract/dates.h"
#include "index/index_paths.h"
#include "search/searcher.h"
#include "support/test_env.h"

using namespace newsdesk;
namespace t = newsdesk::testing;

namespace {

class CorpusIndex {
 public:
  CorpusIndex() {
    index::IndexWriter writer(dir_ / "db");
    summary_ =
        index::index_paths(writer, {t::source_dir() / "corpus"},
                           [](const ingest::Problem& p) { FAIL(p.origin + ": " + p.message); });
  }
  search::SearchResult search(const std::string& query, std::size_t size = 10) {
    search::Searcher searcher(dir_ / "db");
    search::SearchRequest request;
    request.query = query;
    request.size = size;
    return searcher.search(request);
  }
  std::vector<std::string> titles(const std::string& query, std::size_t n) {
    std::vector<std::string> out;
    for (const auto& hit : search(query, n).hits) out.push_back(hit.title);
    return out;
  }
  const index::IndexSummary& summary() const { return summary_; }

 private:
  t::TempDir dir_;
  index::IndexSummary summary_;
};

CorpusIndex& corpus() {
  static CorpusIndex instance;  // built once per test process
  return instance;
}

}  // namespace

TEST_CASE("the sample corpus indexes cleanly and covers its promised spread", "[corpus]") {
  CHECK(corpus().summary().errors() == 0);
  CHECK(corpus().summary().articles >= 40);
  const auto all = corpus().search("", 100);
  REQUIRE(all.total == corpus().summary().articles);
  std::set<std::string> companies, countries, topics, years;
  std::size_t undated = 0;
  for (const auto& hit : all.hits) {
    companies.insert(hit.companies.begin(), hit.companies.end());
    countries.insert(hit.countries.begin(), hit.countries.end());
    topics.insert(hit.topics.begin(), hit.topics.end());
    if (hit.published) {
      years.insert(extract::format_iso8601(*hit.published).substr(0, 4));
    } else {
      ++undated;
    }
  }
  CHECK(companies.size() >= 15);
  CHECK(countries.size() >= 10);
  CHECK(topics.size() >= 8);
  CHECK(years == std::set<std::string>{"2024", "2025", "2026"});
  CHECK(undated > 0);  // scraped .txt files carry no date and get none invented
}

TEST_CASE("scraper noise never reaches titles or snippets", "[corpus]") {
  for (const auto& hit : corpus().search("", 100).hits) {
    CAPTURE(hit.title);
    CHECK(hit.title.find("Loading stock data") == std::string::npos);
    CHECK(hit.snippet.find("Loading stock data") == std::string::npos);
    CHECK(hit.snippet.substr(hit.snippet.size() < 5 ? 0 : hit.snippet.size() - 5) != "Close");
  }
}

TEST_CASE("analyst queries return the expected articles in order", "[corpus]") {
  const struct {
    const char* query;
    std::vector<std::string> top;  // the first results, in this order
  } cases[] = {
      {"opec output", {"OPEC+ Extends Oil Output Cuts Into 2025 to Shore Up Prices"}},
      {"chip export controls",
       {"US Tightens Chip Export Controls With Curbs on Memory and Chipmaking Tools to China",
        "NVIDIA Gets US Licences to Resume Some AI Chip Sales to China"}},
      {"tesla deliveries",
       {"Tesla Deliveries Fall for First Time in Nearly Four Years as EV Demand Cools",
        "Tesla Shares Jump as Robotaxi Service Expands to Three More US Cities"}},
      {"fed rate cut", {"Fed Cuts Rates by a Quarter Point and Signals More Easing Ahead"}},
      {"bank of japan yen", {"Yen Weakens Past 160 per Dollar, Testing Bank of Japan's Resolve"}},
      {"alibaba apple", {"Apple Steps Up Push to Bring AI Features to iPhones in China"}},
      {"nestle", {"Nestl\xc3\xa9 Holds Coffee Prices Firm as Bean Costs Stay Elevated"}},
      {"\"cross-site scripting\"",
       {"Critical Cross-Site Scripting Flaw in Popular CMS Plugin Puts 300,000 Sites at Risk"}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.query);
    const auto got = corpus().titles(c.query, c.top.size());
    CHECK(got == c.top);
  }
}

TEST_CASE("snippets of corpus hits highlight the query words", "[corpus]") {
  const auto result = corpus().search("opec output");
  REQUIRE_FALSE(result.hits.empty());
  CHECK(result.hits[0].snippet.find("<mark>output</mark>") != std::string::npos);
  const auto xss = corpus().search("\"cross-site scripting\"");
  REQUIRE_FALSE(xss.hits.empty());
  for (const auto& hit : corpus().search("alert script", 10).hits) {
    CHECK(hit.snippet.find("<script>") == std::string::npos);
  }
}
