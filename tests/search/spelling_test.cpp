// "Did you mean": spelling data written by IndexWriter (one table per shard)
// and suggest_spelling on real indexes.
#include "search/spelling.h"

#include <catch2/catch.hpp>
#include <set>

#include "index/index_paths.h"
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

std::optional<std::string> suggest(const std::string& query) {
  return search::suggest_spelling(corpus(), query);
}

std::set<std::string> spellings(const Xapian::Database& db) {
  std::set<std::string> words;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) words.insert(*it);
  return words;
}

// A word's spelling frequency over all the tables of `db`.
Xapian::termcount spelling_frequency(const Xapian::Database& db, const std::string& word) {
  Xapian::termcount total = 0;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
    if (*it == word) total += it.get_termfreq();
  }
  return total;
}

}  // namespace

TEST_CASE("misspelt words get the corpus's own spelling", "[spelling]") {
  // Both words are in the corpus: "Alibaba" in titles and bodies,
  // "semiconductor" in five bodies (never in a title).
  CHECK(suggest("alibab") == "alibaba");
  CHECK(suggest("semiconducter") == "semiconductor");
  CHECK(suggest("alibab semiconducter exports") == "alibaba semiconductor exports");
}

TEST_CASE("a suggestion keeps the case the word was typed in", "[spelling]") {
  CHECK(suggest("Alibab cloud") == "Alibaba cloud");
  CHECK(suggest("SEMICONDUCTER") == "SEMICONDUCTOR");
}

TEST_CASE("operators, field clauses and phrases are kept as typed", "[spelling]") {
  CHECK(suggest("Alibab AND \"export controls\" company:nvidia -semiconducter (cloud OR chips)") ==
        "Alibaba AND \"export controls\" company:nvidia -semiconductor (cloud OR chips)");
  CHECK(suggest("+alibab NOT tariffs") == "+alibaba NOT tariffs");
  // Inside a phrase or a field clause a word is what the user asked for.
  CHECK_FALSE(suggest("\"alibab cloud\""));
  CHECK_FALSE(suggest("title:alibab"));
  CHECK_FALSE(suggest("source:\"alibab ledger\""));
  // An unmatched quote is dropped by the query builder: the words after it count.
  CHECK(suggest("\"alibab cloud") == "\"alibaba cloud");
}

TEST_CASE("no suggestion when every word is known or has no near neighbour", "[spelling]") {
  CHECK_FALSE(suggest("alibaba cloud growth"));
  CHECK_FALSE(suggest("semiconductors"));     // stemmed like semiconductor: known
  CHECK_FALSE(suggest("veridane"));           // a rare name the index has
  CHECK_FALSE(suggest("zzqxvw"));             // nothing near it
  CHECK_FALSE(suggest("fed opec 2025 AND"));  // short words, numbers, operators
  CHECK_FALSE(suggest(""));
  CHECK_FALSE(suggest(std::string(3000, 'a')));  // longer than any query that is run
}

TEST_CASE("established words stay, typos the index itself has are corrected", "[spelling]") {
  t::TempDir dir;
  std::string jsonl;
  const auto add = [&](const std::string& title, int copies) {
    for (int i = 0; i < copies; ++i) {
      jsonl += R"({"title": ")" + title + R"(", "body": "Text.", "url": "u:)" + title +
               std::to_string(i) + "\"}\n";
    }
  };
  add("Bond market report", 200);
  add("Bonn talks resume", 20);  // a real word, 10 times rarer than its neighbour
  add("Government plans", 30);
  add("Goverment plans", 1);  // a typo in the articles themselves
  t::write_file(dir / "in/a.jsonl", jsonl);
  {
    index::IndexWriter writer(dir / "db");
    index::index_paths(writer, {dir / "in"}, [](const ingest::Problem&) {});
  }
  const Xapian::Database db = search::open_index(dir / "db").all;
  REQUIRE(db.get_doccount() == 251);
  CHECK(db.get_spelling_suggestion("bonn", 1) == "bond");  // what Xapian alone would say
  CHECK_FALSE(search::suggest_spelling(db, "bonn talks"));
  CHECK(search::suggest_spelling(db, "goverment plans") == "government plans");
}

TEST_CASE("suggestions come from the spelling data of every shard", "[spelling]") {
  t::TempDir dir;
  t::write_file(
      dir / "in/a.jsonl",
      R"({"title": "Quarterly update", "body": "Zanzibarian spice exports rose.", "url": "u:1"})"
      "\n"
      R"({"title": "Another update", "body": "Copper prices fell.", "url": "u:2"})"
      "\n"
      R"({"title": "Third update", "body": "Grain harvests were late.", "url": "u:3"})"
      "\n");
  {
    index::IndexWriterOptions options;
    options.shards = 2;
    index::IndexWriter writer(dir / "db", options);
    index::index_paths(writer, {dir / "in"}, [](const ingest::Problem&) {});
  }
  const search::OpenIndex index = search::open_index(dir / "db");
  REQUIRE(index.shards.size() == 2);
  // The rare word is in one shard's table only, yet the index suggests it.
  const bool in_first = spellings(index.shards[0]).count("zanzibarian") == 1;
  const bool in_second = spellings(index.shards[1]).count("zanzibarian") == 1;
  CHECK(in_first != in_second);
  CHECK(search::suggest_spelling(index.all, "zanzibarean spice") == "zanzibarian spice");
  const Xapian::Database& other = index.shards[in_first ? 1 : 0];
  CHECK(other.get_spelling_suggestion("zanzibarean").empty());
}

TEST_CASE("spelling data holds plain words: no numbers, no unspaced scripts", "[spelling]") {
  t::TempDir dir;
  Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
  search::SpellingCollector collector;
  collector.add_text("Nestle's 4G phones sold 1987 units OPEC output ok \xe8\x85\xbe\xe8\xae\xaf.");
  collector.add_text("Phones again");
  collector.add_text("Ignored words", 0);
  collector.add_text("Units only counted", 1);
  CHECK(collector.pending_words() == 7);
  collector.flush(db);
  CHECK(collector.pending_words() == 0);
  db.commit();
  CHECK(spellings(db) ==
        std::set<std::string>{"again", "nestle", "opec", "output", "phones", "sold", "units"});
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
    CHECK(it.get_termfreq() == (*it == "phones" || *it == "units" ? 2u : 1u));
  }
  CHECK(db.get_spelling_suggestion("phonez") == "phones");
}

TEST_CASE("spelling data counts every sealed segment and every run once", "[spelling]") {
  t::TempDir dir;
  // Run 1: 30 articles in segments of 4 per shard (several sealed, merged
  // in tiers and at the end); run 2: 5 more articles in a second file.
  std::string first, second;
  for (int i = 0; i < 30; ++i) {
    first += R"({"title": "Copper report )" + std::to_string(i) +
             R"(", "body": "Smelters ship cathodes.", "url": "u:a)" + std::to_string(i) + "\"}\n";
  }
  for (int i = 0; i < 5; ++i) {
    second += R"({"title": "Copper outlook", "body": "Tungsten too.", "url": "u:b)" +
              std::to_string(i) + "\"}\n";
  }
  t::write_file(dir / "in/a.jsonl", first);
  index::IndexWriterOptions options;
  options.shards = 2;
  options.batch_size = 3;
  options.segment_size = 4;
  options.merge_factor = 2;
  const auto run = [&] {
    index::IndexWriter writer(dir / "db", options);
    index::index_paths(writer, {dir / "in"}, [](const ingest::Problem&) {});
  };
  run();
  t::write_file(dir / "in/b.jsonl", second);
  run();
  const Xapian::Database db = search::open_index(dir / "db").all;
  REQUIRE(db.get_doccount() == 35);
  CHECK(spelling_frequency(db, "copper") == 35);
  CHECK(spelling_frequency(db, "report") == 30);
  CHECK(spelling_frequency(db, "cathodes") == 30);
  CHECK(spelling_frequency(db, "tungsten") == 5);
  CHECK(spelling_frequency(db, "outlook") == 5);
}
