// Related stories ("more like this") on the bundled corpus, indexed with
// facet extraction as newsdesk-index does.
#include "search/related.h"

#include <catch2/catch.hpp>
#include <set>

#include "extract/facet_extractor.h"
#include "index/index_paths.h"
#include "schema.h"
#include "search/index_reader.h"
#include "support/search_fixtures.h"
#include "support/test_env.h"

using namespace newsdesk;
namespace t = newsdesk::testing;

namespace {

const Xapian::Database& corpus() {
  static const Xapian::Database db = search::open_index(t::extracted_corpus_index()).all;
  return db;
}

std::string title_of(const Xapian::Document& doc) {
  return schema::stored_article(doc).article.title;
}

// The document id of the corpus article with this title.
Xapian::docid by_title(const std::string& title) {
  const Xapian::Database& db = corpus();
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    if (title_of(db.get_document(*it)) == title) return *it;
  }
  FAIL("no article titled " << title);
  return 0;
}

struct Related {
  std::vector<Xapian::docid> ids;
  std::vector<std::string> titles;
};

Related related(Xapian::docid doc, Xapian::doccount n = 10) {
  const Xapian::Database& db = corpus();
  Xapian::Enquire enquire(db);
  enquire.set_query(search::related_query(db, doc));
  enquire.set_collapse_key(schema::kStorySlot);
  Related out;
  const Xapian::MSet mset = enquire.get_mset(0, n);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    out.ids.push_back(*it);
    out.titles.push_back(title_of(it.get_document()));
  }
  return out;
}

const std::string kTeslaDeliveries =
    "Tesla Deliveries Fall for First Time in Nearly Four Years as EV Demand Cools";
const std::string kSiemensVeridane =
    "Siemens to Buy Industrial Software Maker Veridane Systems for $4.5 Billion";

}  // namespace

TEST_CASE("related stories of an article about Tesla are Tesla stories first", "[related]") {
  const Related got = related(by_title(kTeslaDeliveries), 3);
  CAPTURE(got.titles);
  REQUIRE(got.titles.size() == 3);
  const std::set<std::string> first_two(got.titles.begin(), got.titles.begin() + 2);
  CHECK(first_two ==
        std::set<std::string>{
            "Tesla Shares Jump as Robotaxi Service Expands to Three More US Cities",
            "BYD Outsells Tesla in Europe for the First Time as Chinese Brands Gain Ground"});
}

TEST_CASE("the closest related story is about the same subject", "[related]") {
  const struct {
    const char* article;
    const char* first;
  } cases[] = {
      {"NVIDIA Revenue Jumps as Data Center Sales Surge Past Forecasts",
       "NVIDIA Forecasts Another Record Quarter as Blackwell Shipments Ramp"},
      {"Alibaba Slashes Prices for Its AI Models as China Price War Deepens",
       "Alibaba Shares Rally in Hong Kong as Cloud Revenue Growth Accelerates"},
      {"Fed Cuts Rates by a Quarter Point and Signals More Easing Ahead",
       "Federal Reserve Holds Rates Steady, Signals Only One Cut This Year"},
      {"Spot Bitcoin ETFs Pull In $1 Billion in a Day as Bitcoin Hits Record",
       "Bitcoin Breaks Above $120,000 as Congress Takes Up Crypto Bills"},
      {"Shell Says It Has No Intention of Making an Offer for BP",
       "BP Cuts Renewables Spending and Lifts Oil Output Goal in Strategy Reset"},
      {"Samsung Patches Zero-Day Flaw in Galaxy Phones Exploited by Spyware",
       "Samsung Electronics Unveils Thinner Foldable Phones With Google's Gemini Built In"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.article);
    const Related got = related(by_title(c.article), 1);
    REQUIRE(got.titles.size() == 1);
    CHECK(got.titles[0] == c.first);
  }
}

TEST_CASE("related stories never include the article itself nor its duplicates", "[related]") {
  const Xapian::Database& db = corpus();
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::docid doc = *it;
    const std::string story = db.get_document(doc).get_value(schema::kStorySlot);
    CAPTURE(title_of(db.get_document(doc)));
    const Related got = related(doc, 60);
    CHECK_FALSE(got.ids.empty());
    for (const Xapian::docid other : got.ids) {
      CHECK(other != doc);
      CHECK(db.get_document(other).get_value(schema::kStorySlot) != story);
    }
  }
  // The Siemens/Veridane pair: neither copy is related to the other; the
  // other Siemens story comes first.
  const Related siemens = related(by_title(kSiemensVeridane), 1);
  REQUIRE(siemens.titles.size() == 1);
  CHECK(siemens.titles[0] == "Siemens and NVIDIA Expand Partnership on Industrial AI Software");
}

TEST_CASE("shared entities count: a company alone relates two articles", "[related]") {
  t::TempDir dir;
  t::write_file(
      dir / "in/a.jsonl",
      R"({"title": "Quarterly figures", "body": "Revenue rose on strong demand.", "url": "u:1", "companies": ["Veridane"]})"
      "\n"
      R"({"title": "Board changes", "body": "A new chair was named today.", "url": "u:2", "companies": ["Veridane"]})"
      "\n"
      R"({"title": "Harvest report", "body": "Grain stocks were ample this season.", "url": "u:3"})"
      "\n"
      R"({"title": "Port traffic", "body": "Ships queued at the harbour.", "url": "u:4"})"
      "\n");
  {
    index::IndexWriter writer(dir / "db");
    index::index_paths(writer, {dir / "in"}, [](const ingest::Problem&) {});
  }
  const Xapian::Database db = search::open_index(dir / "db").all;
  const auto doc = search::find_article(db, "u:1");
  REQUIRE(doc);
  Xapian::Enquire enquire(db);
  enquire.set_query(search::related_query(db, *doc));
  const Xapian::MSet mset = enquire.get_mset(0, 10);
  REQUIRE(mset.size() == 1);
  CHECK(title_of(mset.begin().get_document()) == "Board changes");
}

TEST_CASE("articles are found by their id", "[related]") {
  const Xapian::Database& db = corpus();
  const Xapian::docid doc = by_title(kSiemensVeridane);
  const std::string id = schema::stored_article(db.get_document(doc)).id;
  CHECK(search::find_article(db, id) == doc);
  CHECK_FALSE(search::find_article(db, "no-such-article"));
  CHECK_THROWS_AS(search::related_query(db, db.get_lastdocid() + 1), Xapian::DocNotFoundError);
}
