// Duplicate stories: the story key (schema), its collapse slot and group
// term (document builder), and Enquire::set_collapse_key on real indexes.
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "extract/dates.h"
#include "index/index_paths.h"
#include "schema.h"
#include "search/index_reader.h"
#include "search/searcher.h"
#include "support/test_env.h"

using namespace newsdesk;
namespace t = newsdesk::testing;

namespace {

std::int64_t at(const char* iso8601) {
  return *extract::parse_iso8601(iso8601);
}

class Index {
 public:
  explicit Index(const std::filesystem::path& input) {
    index::IndexWriterOptions options;
    options.shards = 2;
    index::IndexWriter writer(dir_ / "db", options);
    index::index_paths(writer, {input},
                       [](const ingest::Problem& p) { FAIL(p.origin + ": " + p.message); });
  }
  [[nodiscard]] Xapian::Database db() const { return search::open_index(dir_ / "db").all; }

 private:
  t::TempDir dir_;
};

struct Shown {
  std::string title;
  Xapian::doccount similar = 0;  // collapsed into it
  std::string story;             // collapse key
};

std::vector<Shown> run(const Xapian::Database& db, const Xapian::Query& query, bool collapse) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  if (collapse) enquire.set_collapse_key(schema::kStorySlot);
  std::vector<Shown> shown;
  const Xapian::MSet mset = enquire.get_mset(0, 100, db.get_doccount());
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    shown.push_back({schema::stored_article(it.get_document()).article.title,
                     it.get_collapse_count(), it.get_document().get_value(schema::kStorySlot)});
  }
  return shown;
}

const Xapian::Database& corpus() {
  static const Index index(t::source_dir() / "corpus");
  static const Xapian::Database db = index.db();
  return db;
}

}  // namespace

TEST_CASE("titles are compared without case, punctuation, wire tags or attributions",
          "[collapse]") {
  CHECK(schema::normalised_title("Siemens to buy industrial software maker Veridane Systems for "
                                 "$4.5 billion - report") ==
        schema::normalised_title("Siemens to Buy Industrial Software Maker Veridane Systems for "
                                 "$4.5 Billion"));
  CHECK(schema::normalised_title("UPDATE 2-Siemens to buy Veridane - sources") ==
        "siemens-to-buy-veridane");
  CHECK(schema::normalised_title("(CORRECTED) - BANKAMERICA NEGOTIATING SALE OF UNITS") ==
        "bankamerica-negotiating-sale-of-units");
  CHECK(schema::normalised_title("EXCLUSIVE: Soci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale weighs "
                                 "sale | Rhine Market Journal") == "societe-generale-weighs-sale");
  // What is not a tag or an attribution stays.
  CHECK(schema::normalised_title("Update on the economy") == "update-on-the-economy");
  CHECK(schema::normalised_title("Updates to Fed rules") == "updates-to-fed-rules");
  CHECK(schema::normalised_title("ECONOMIC SPOTLIGHT - ITALIAN BOOM") ==
        "economic-spotlight-italian-boom");  // too little would remain
  CHECK(schema::normalised_title("U.S. CORPORATE FINANCE - ASSET-BACK MARKET GROWS") ==
        "u-s-corporate-finance-asset-back-market-grows");  // too long for an attribution
  CHECK(schema::normalised_title("TOKYO RUBBER (YEN PER KILO) - APRIL 07") ==
        "tokyo-rubber-yen-per-kilo-april-07");  // a date is no attribution
  CHECK(schema::normalised_title("  ") == "");
}

TEST_CASE("a story key is the normalised title and the UTC day", "[collapse]") {
  const std::string body =
      "The Federal Reserve entered the government securities market to arrange 1.5 billion dlrs "
      "of customer repurchase agreements, a spokesman said.";
  const std::string title = "FED ADDS RESERVES VIA CUSTOMER REPURCHASES";
  const std::string key = schema::story_key(title, body, at("1987-03-02T15:00:00Z"));
  CHECK(key.size() == 16);
  CHECK(schema::story_term(key) == "XSTORY" + key);
  // The same day: the same story, whatever the body and the hour.
  CHECK(schema::story_key("Fed adds reserves via customer repurchases - Fed", "Other words.",
                          at("1987-03-02T23:59:00Z")) == key);
  // A recurring headline on another day is another story.
  CHECK(schema::story_key(title, body, at("1987-03-03T15:00:00Z")) != key);
  // A short title needs the same opening words too ("Markets Wrap" of two outlets).
  const auto day = at("2025-01-02T10:00:00Z");
  CHECK(schema::story_key("Markets Wrap", "Stocks rose in Tokyo.", day) !=
        schema::story_key("Markets Wrap", "Oil fell in London.", day));
  CHECK(schema::story_key("Markets Wrap", "Stocks rose in Tokyo.", day) ==
        schema::story_key("MARKETS WRAP", "Stocks rose in Tokyo!", day));
  // Undated: title and opening words.
  CHECK(schema::story_key(title, body, std::nullopt) ==
        schema::story_key(title, body + " More text.", std::nullopt));
  CHECK(schema::story_key(title, body, std::nullopt) !=
        schema::story_key(title, "Something else entirely.", std::nullopt));
  CHECK(schema::story_key(title, body, std::nullopt) != key);
  // No title, no key: never collapsed.
  CHECK(schema::story_key("", body, at("1987-03-02T15:00:00Z")).empty());
}

TEST_CASE("the corpus's duplicate story shows once, with 1 similar", "[collapse]") {
  const Xapian::Database& db = corpus();
  const Xapian::Query query(Xapian::Query::OP_AND, Xapian::Query("siemen"),
                            Xapian::Query("veridan"));
  REQUIRE(run(db, query, false).size() == 2);
  const auto collapsed = run(db, query, true);
  REQUIRE(collapsed.size() == 1);
  CHECK(collapsed[0].similar == 1);
  REQUIRE(collapsed[0].story.size() == 16);
  // "List the similar": every article of the group, by its term.
  const auto group = run(db, Xapian::Query(schema::story_term(collapsed[0].story)), false);
  std::set<std::string> titles;
  for (const auto& shown : group) titles.insert(shown.title);
  CHECK(titles == std::set<std::string>{
                      "Siemens to Buy Industrial Software Maker Veridane Systems for $4.5 Billion",
                      "Siemens to buy industrial software maker Veridane Systems for $4.5 billion "
                      "- report"});
}

TEST_CASE("no other corpus articles are collapsed", "[collapse]") {
  const Xapian::Database& db = corpus();
  const auto all = run(db, Xapian::Query::MatchAll, false);
  const auto collapsed = run(db, Xapian::Query::MatchAll, true);
  CHECK(collapsed.size() + 1 == all.size());
  std::map<std::string, int> groups;
  for (const auto& shown : all) {
    CAPTURE(shown.title);
    CHECK(shown.story.size() == 16);  // every corpus article has a title
    ++groups[shown.story];
  }
  CHECK(groups.size() + 1 == all.size());
}

TEST_CASE("wire repeats collapse, recurring headlines of other days do not", "[collapse]") {
  t::TempDir dir;
  t::write_file(
      dir / "in/wire.jsonl",
      R"({"title": "FED ADDS RESERVES VIA CUSTOMER REPURCHASES", "body": "The Federal Reserve arranged 1.5 billion dlrs of customer repurchase agreements.", "url": "u:1", "published": "1987-03-02T15:00:00Z"})"
      "\n"
      R"({"title": "FED ADDS RESERVES VIA CUSTOMER REPURCHASES", "body": "The Federal Reserve arranged two billion dlrs of customer repurchase agreements.", "url": "u:2", "published": "1987-03-03T15:00:00Z"})"
      "\n"
      R"({"title": "FED ADDS RESERVES VIA CUSTOMER REPURCHASES", "body": "The Federal Reserve arranged one billion dlrs of customer repurchase agreements.", "url": "u:3", "published": "1987-03-04T15:00:00Z"})"
      "\n"
      R"({"title": "Qantas to buy four 747-400s", "body": "Qantas Airways has placed a firm order with Boeing for four aircraft.", "url": "u:4", "published": "1987-03-01T02:00:00Z", "source": "Wire A"})"
      "\n"
      R"({"title": "UPDATE 1-Qantas to buy four 747-400s", "body": "Qantas Airways placed a firm order with Boeing for four 747-400 aircraft worth one billion dlrs.", "url": "u:5", "published": "1987-03-01T09:00:00Z", "source": "Wire B"})"
      "\n"
      R"({"title": "Qantas to buy four 747-400s - report", "body": "Qantas ordered four Boeing aircraft, a newspaper said.", "url": "u:6", "published": "1987-03-01T11:00:00+01:00", "source": "Wire C"})"
      "\n");
  const Index index(dir / "in");
  const Xapian::Database db = index.db();
  const auto fed = run(db, Xapian::Query("Sfed"), true);
  CHECK(fed.size() == 3);
  for (const auto& shown : fed) CHECK(shown.similar == 0);
  const auto qantas = run(db, Xapian::Query("Sqanta"), true);
  REQUIRE(qantas.size() == 1);
  CHECK(qantas[0].similar == 2);
  CHECK(run(db, Xapian::Query(schema::story_term(qantas[0].story)), false).size() == 3);
  CHECK(run(db, Xapian::Query("Sqanta"), false).size() == 3);  // collapse=false shows all
}

TEST_CASE("'N similar' counts every matching copy, under the search's filters",
          "[collapse][search]") {
  // 40 copies of one story from two sources: one that says "copper" often,
  // 39 that say it only in the title; and 400 other articles that outrank
  // those 39. The ranked match for the top 3 discards the weak copies
  // before collapsing, so Xapian's own collapse count misses them.
  t::TempDir dir;
  std::string lines;
  for (int i = 0; i < 40; ++i) {
    const std::string body = i == 0 ? "Copper copper copper: the copper smelter returned to copper."
                                    : "Workers returned. Copy " + std::to_string(i) + ".";
    lines += R"({"title": "Copper Smelter Strike Ends", "body": ")" + body +
             R"(", "url": "u:copy)" + std::to_string(i) + R"(", "source": ")" +
             (i % 4 == 0 ? "Wire A" : "Wire B") + R"(", "published": "2025-05-05T10:00:00Z"})" +
             "\n";
  }
  for (int i = 0; i < 400; ++i) {
    lines += R"({"title": "Copper note )" + std::to_string(i) +
             R"(", "body": "Copper prices moved as copper stocks fell.", "url": "u:other)" +
             std::to_string(i) + R"(", "source": "Wire B", "published": "2025-05-0)" +
             std::to_string(1 + i % 4) + R"(T00:00:00Z"})" + "\n";
  }
  t::write_file(dir / "in/news.jsonl", lines);
  {
    index::IndexWriterOptions options;
    options.shards = 2;
    index::IndexWriter writer(dir / "db", options);
    index::index_paths(writer, {dir / "in"}, [](const ingest::Problem&) {});
  }
  search::Searcher searcher(dir / "db");
  search::SearchRequest request;
  request.query = "copper";
  request.size = 3;
  const auto story = [&](const search::SearchResult& result) {
    for (const auto& hit : result.hits) {
      if (hit.title == "Copper Smelter Strike Ends") return hit;
    }
    FAIL("the story is not shown");
    return search::Hit{};
  };
  CHECK(story(searcher.search(request)).similar == 39);
  request.filters[static_cast<std::size_t>(schema::Facet::Source)] = {"Wire A"};
  CHECK(story(searcher.search(request)).similar == 9);  // 10 copies from Wire A
  // Everything, newest first (counted from the facet columns alone).
  request.query.clear();
  CHECK(story(searcher.search(request)).similar == 9);
  request.filters = {};
  CHECK(story(searcher.search(request)).similar == 39);
  request.query = "copper";
  // Listing the group shows every copy that matches.
  request.filters = {};
  request.group = story(searcher.search(request)).group;
  request.size = 100;
  CHECK(searcher.search(request).total == 40);

  // Without facet counts: the same exact figures; `total` counts articles,
  // not collapsed stories.
  search::SearchRequest plain;
  plain.query = "copper";
  plain.size = 3;
  plain.facet_size = 0;
  const search::SearchResult result = searcher.search(plain);
  CHECK(result.total == 440);
  CHECK(result.total_exact);
  CHECK(result.facets.empty());
  CHECK(story(result).similar == 39);
  plain.collapse = false;
  CHECK(searcher.search(plain).total == 440);
}
