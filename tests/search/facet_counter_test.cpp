#include "search/facet_counter.h"

#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "errors.h"
#include "extract/facet_extractor.h"
#include "index/index_paths.h"
#include "search/index_reader.h"
#include "support/search_fixtures.h"
#include "support/test_env.h"

using namespace newsdesk;
namespace t = newsdesk::testing;
using schema::Facet;
using search::FacetCounts;
using search::FacetSelection;

namespace {

struct Spec {
  std::string title;
  std::vector<std::string> companies, countries, topics;
  std::string source;
  std::string published;  // "" = undated
};

// Articles whose facets come from their metadata only (no extraction), so
// every count below can be worked out by hand.
const std::vector<Spec> kArticles = {
    {"A1 chip",
     {"Apple", "Sony"},
     {"US", "JP"},
     {"ai", "earnings"},
     "Pacific Ledger",
     "2025-02-13T09:00:00Z"},
    {"A2", {"Sony"}, {"JP"}, {"smartphones-devices"}, "Pacific Ledger", "2025-02-14T09:00:00Z"},
    {"A3 chip", {"Toyota"}, {"JP", "CN"}, {"autos-ev"}, "Harbour Times", "2025-03-01T09:00:00Z"},
    {"A4 chip", {"Alibaba"}, {"CN"}, {"cloud", "ai"}, "Harbour Times", "2025-03-02T23:59:59Z"},
    {"A5", {"Apple"}, {"CN"}, {"ai"}, "Harbour Times", ""},
    {"A6", {"Acme Widgets"}, {"DE"}, {"earnings"}, "Pacific Ledger", "2025-02-13T18:00:00Z"},
    {"A7", {}, {"US"}, {}, "Wire Daily", "2025-01-20T00:00:00Z"},
    {"A8 chip", {"Apple", "Toyota"}, {"JP", "CN", "US"}, {"autos-ev", "ai"}, "Wire Daily", ""},
    {"A9", {"Apple"}, {"JP"}, {"ai"}, "Pacific Ledger", "2025-02-20T12:00:00Z"},
};

std::string jsonl(const std::vector<Spec>& specs) {
  std::string out;
  for (const Spec& s : specs) {
    nlohmann::json line = {{"title", s.title},         {"body", "Body of " + s.title + "."},
                           {"url", "u:" + s.title},    {"source", s.source},
                           {"companies", s.companies}, {"countries", s.countries},
                           {"topics", s.topics}};
    if (!s.published.empty()) line["published"] = s.published;
    out += line.dump() + "\n";
  }
  return out;
}

class TestIndex {
 public:
  TestIndex(const std::vector<Spec>& specs, unsigned shards,
            std::shared_ptr<const extract::FacetExtractor> extractor = nullptr) {
    t::write_file(dir_ / "in/news.jsonl", jsonl(specs));
    build({dir_ / "in"}, shards, std::move(extractor));
  }
  TestIndex(const std::filesystem::path& input, unsigned shards,
            std::shared_ptr<const extract::FacetExtractor> extractor) {
    build({input}, shards, std::move(extractor));
  }
  [[nodiscard]] const search::OpenIndex& index() const { return index_; }
  // Rewrites the input file and indexes again: the file's old articles are
  // deleted, leaving gaps in the document ids.
  void reindex(const std::vector<Spec>& specs, unsigned shards) {
    t::write_file(dir_ / "in/news.jsonl", jsonl(specs));
    build({dir_ / "in"}, shards, nullptr);
  }

 private:
  void build(const std::vector<std::filesystem::path>& inputs, unsigned shards,
             std::shared_ptr<const extract::FacetExtractor> extractor) {
    {
      index::IndexWriter writer(dir_ / "db", {.shards = shards, .extractor = std::move(extractor)});
      index::index_paths(writer, inputs,
                         [](const ingest::Problem& p) { FAIL(p.origin + ": " + p.message); });
    }
    index_ = search::open_index(dir_ / "db");
  }
  t::TempDir dir_;
  search::OpenIndex index_;
};

const std::shared_ptr<const extract::FacetExtractor>& reference() {
  return t::reference_data();
}

const search::FacetSummary& summary(const FacetCounts& counts, Facet facet) {
  return counts.facets.at(static_cast<std::size_t>(facet));
}

// "key=count" for each listed value, in order; selected values get a '*'.
std::vector<std::string> listed(const FacetCounts& counts, Facet facet) {
  std::vector<std::string> out;
  for (const auto& b : summary(counts, facet).top) {
    out.push_back(b.key + "=" + std::to_string(b.count) + (b.selected ? "*" : ""));
  }
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("multi-valued facets are counted exactly over the whole match set", "[facets]") {
  const TestIndex small(kArticles, 3);
  REQUIRE(small.index().shards.size() == 3);
  const search::FacetCounter counter(small.index(), nullptr);
  const FacetCounts counts = counter.count(Xapian::Query::MatchAll, {}, 10);
  CHECK(counts.total == 9);
  REQUIRE(counts.facets.size() == 4);
  CHECK(summary(counts, Facet::Company).facet == "company");
  CHECK(listed(counts, Facet::Company) ==
        Strings{"apple=4", "sony=2", "toyota=2", "acme-widgets=1", "alibaba=1"});
  CHECK(listed(counts, Facet::Country) == Strings{"jp=5", "cn=4", "us=3", "de=1"});
  CHECK(listed(counts, Facet::Topic) ==
        Strings{"ai=5", "autos-ev=2", "earnings=2", "cloud=1", "smartphones-devices=1"});
  CHECK(listed(counts, Facet::Source) ==
        Strings{"pacific-ledger=4", "harbour-times=3", "wire-daily=2"});
  CHECK(summary(counts, Facet::Company).distinct == 5);
  CHECK(summary(counts, Facet::Country).distinct == 4);
  CHECK(summary(counts, Facet::Source).distinct == 3);

  SECTION("a text query counts its own matches only") {
    const FacetCounts chip = counter.count(Xapian::Query("chip"), {}, 10);
    CHECK(chip.total == 4);  // A1, A3, A4, A8
    CHECK(listed(chip, Facet::Country) == Strings{"cn=3", "jp=3", "us=2"});
    CHECK(listed(chip, Facet::Company) == Strings{"apple=2", "toyota=2", "alibaba=1", "sony=1"});
  }
  SECTION("the same counts on one shard as on three") {
    const TestIndex single(kArticles, 1);
    const search::FacetCounter one(single.index(), nullptr);
    FacetSelection selection;
    selection[Facet::Country] = {"cn"};
    for (const Xapian::Query& q : {Xapian::Query::MatchAll, Xapian::Query("chip")}) {
      const FacetCounts a = counter.count(q, selection, 10);
      const FacetCounts b = one.count(q, selection, 10);
      CHECK(a.total == b.total);
      for (const Facet f : schema::kAllFacets) CHECK(listed(a, f) == listed(b, f));
    }
  }
  SECTION("top N keeps the most frequent, distinct counts all") {
    const FacetCounts two = counter.count(Xapian::Query::MatchAll, {}, 2);
    CHECK(listed(two, Facet::Company) == Strings{"apple=4", "sony=2"});
    CHECK(summary(two, Facet::Company).distinct == 5);
    const FacetCounts none = counter.count(Xapian::Query::MatchAll, {}, 0);
    CHECK(summary(none, Facet::Company).top.empty());
    CHECK(summary(none, Facet::Company).distinct == 5);
  }
  SECTION("a query matching nothing counts nothing") {
    const FacetCounts nothing = counter.count(Xapian::Query("nosuchword"), {}, 10);
    CHECK(nothing.total == 0);
    CHECK(summary(nothing, Facet::Company).top.empty());
    CHECK(summary(nothing, Facet::Company).distinct == 0);
    CHECK(nothing.dates.unit.empty());
    CHECK(nothing.dates.buckets.empty());
    CHECK(nothing.dates.undated == 0);
  }
}

TEST_CASE("multi-select: a facet is counted without its own filter", "[facets]") {
  const TestIndex small(kArticles, 2);
  const search::FacetCounter counter(small.index(), nullptr);

  SECTION("ticking CN still shows how many match JP") {
    FacetSelection selection;
    selection[Facet::Country] = {"CN"};  // any case: normalised to the stored key
    const FacetCounts counts = counter.count(Xapian::Query::MatchAll, selection, 10);
    CHECK(counts.total == 4);  // A3, A4, A5, A8
    CHECK(listed(counts, Facet::Country) == Strings{"jp=5", "cn=4*", "us=3", "de=1"});
    CHECK(listed(counts, Facet::Company) == Strings{"apple=2", "toyota=2", "alibaba=1"});
    CHECK(listed(counts, Facet::Source) == Strings{"harbour-times=3", "wire-daily=1"});
  }
  SECTION("values of one facet OR together") {
    FacetSelection selection;
    selection[Facet::Country] = {"cn", "de"};
    const FacetCounts counts = counter.count(Xapian::Query::MatchAll, selection, 10);
    CHECK(counts.total == 5);  // A3, A4, A5, A6, A8
    CHECK(listed(counts, Facet::Country) == Strings{"jp=5", "cn=4*", "us=3", "de=1*"});
    CHECK(listed(counts, Facet::Topic) == Strings{"ai=3", "autos-ev=2", "cloud=1", "earnings=1"});
  }
  SECTION("facets AND together, each counted under the others' filters") {
    FacetSelection selection;
    selection[Facet::Country] = {"cn"};
    selection[Facet::Topic] = {"ai"};
    const FacetCounts counts = counter.count(Xapian::Query::MatchAll, selection, 10);
    CHECK(counts.total == 3);  // A4, A5, A8
    // Countries among the ai articles (A1, A4, A5, A8, A9).
    CHECK(listed(counts, Facet::Country) == Strings{"cn=3*", "jp=3", "us=2"});
    // Topics among the CN articles (A3, A4, A5, A8).
    CHECK(listed(counts, Facet::Topic) == Strings{"ai=3*", "autos-ev=2", "cloud=1"});
    // Both filters for the facets nobody ticked.
    CHECK(listed(counts, Facet::Source) == Strings{"harbour-times=2", "wire-daily=1"});
    CHECK(listed(counts, Facet::Company) == Strings{"apple=2", "alibaba=1", "toyota=1"});
  }
  SECTION("filtered() gives the ranked search the same matches") {
    FacetSelection selection;
    selection[Facet::Country] = {"cn", "jp"};
    selection[Facet::Source] = {"Harbour Times"};
    selection.from_day = "20250301";
    for (const Xapian::Query& base : {Xapian::Query::MatchAll, Xapian::Query("chip")}) {
      Xapian::Enquire enquire(small.index().all);
      enquire.set_query(counter.filtered(base, selection));
      const Xapian::MSet mset = enquire.get_mset(0, 100);
      CHECK(mset.size() == counter.count(base, selection, 10).total);
      CHECK(mset.size() == 2);  // A3, A4
    }
    CHECK(counter.filtered(Xapian::Query("chip"), {}).get_description() ==
          Xapian::Query("chip").get_description());
  }
  SECTION("selected values are listed even outside the top N") {
    FacetSelection selection;
    selection[Facet::Company] = {"alibaba", "Nokia"};  // Nokia: in no article
    const FacetCounts counts = counter.count(Xapian::Query::MatchAll, selection, 2);
    CHECK(counts.total == 1);
    CHECK(listed(counts, Facet::Company) == Strings{"apple=4", "sony=2", "alibaba=1*", "nokia=0*"});
    CHECK(summary(counts, Facet::Company).distinct == 5);
  }
  SECTION("a value that cannot be a facet key matches nothing") {
    FacetSelection selection;
    selection[Facet::Topic] = {"--"};
    CHECK(counter.count(Xapian::Query::MatchAll, selection, 10).total == 0);
  }
  SECTION("a date range filters like a facet") {
    FacetSelection selection;
    selection.from_day = "20250201";
    selection.to_day = "20250228";
    const FacetCounts counts = counter.count(Xapian::Query::MatchAll, selection, 10);
    CHECK(counts.total == 4);  // A1, A2, A6, A9
    CHECK(listed(counts, Facet::Company) == Strings{"apple=2", "sony=2", "acme-widgets=1"});
    // The histogram is counted without the date range, and marks it.
    CHECK(counts.dates.unit == "day");
    CHECK(counts.dates.buckets.size() == 42);
    CHECK(counts.dates.undated == 2);
    for (const auto& bucket : counts.dates.buckets) {
      CHECK(bucket.selected == (bucket.from >= "20250201" && bucket.to <= "20250228"));
    }
    selection.to_day.clear();  // open-ended
    CHECK(counter.count(Xapian::Query::MatchAll, selection, 10).total == 6);
    selection.from_day.clear();
    selection.to_day = "20250213";
    CHECK(counter.count(Xapian::Query::MatchAll, selection, 10).total == 3);  // A1, A6, A7
  }
  SECTION("a malformed date bound is the user's error") {
    FacetSelection selection;
    selection.from_day = "2025-02-01";
    CHECK_THROWS_AS(counter.count(Xapian::Query::MatchAll, selection, 10), UserError);
    selection.from_day = "20250230";
    CHECK_THROWS_AS(counter.filtered(Xapian::Query::MatchAll, selection), UserError);
  }
}

TEST_CASE("facet values carry display names", "[facets]") {
  const TestIndex small(kArticles, 2);
  FacetSelection selection;
  selection[Facet::Company] = {"nokia"};
  const auto names = [&](const search::FacetCounter& counter, Facet facet) {
    std::map<std::string, std::pair<std::string, std::string>> out;
    // Nokia is selected in the company list only (the others would count nothing).
    const FacetSelection& s = facet == Facet::Company ? selection : FacetSelection{};
    const FacetCounts counts = counter.count(Xapian::Query::MatchAll, s, 10);
    for (const auto& b : summary(counts, facet).top) out[b.key] = {b.name, b.detail};
    return out;
  };
  SECTION("from the reference data, else from the stored articles") {
    const search::FacetCounter counter(small.index(), reference().get());
    const auto companies = names(counter, Facet::Company);
    CHECK(companies.at("apple") == std::pair<std::string, std::string>{"Apple", "NASDAQ:AAPL"});
    CHECK(companies.at("toyota") ==
          std::pair<std::string, std::string>{"Toyota Motor", "TSE:7203"});
    CHECK(companies.at("nokia").first == "Nokia");  // selected, in no article
    CHECK(companies.at("acme-widgets") == std::pair<std::string, std::string>{"Acme Widgets", ""});
    const auto countries = names(counter, Facet::Country);
    CHECK(countries.at("jp") == std::pair<std::string, std::string>{"Japan", "JP"});
    CHECK(countries.at("de") == std::pair<std::string, std::string>{"Germany", "DE"});
    CHECK(names(counter, Facet::Topic).at("ai").first == "Artificial intelligence");
    CHECK(names(counter, Facet::Topic).at("autos-ev").first == "Autos & electric vehicles");
    CHECK(names(counter, Facet::Source).at("pacific-ledger").first == "Pacific Ledger");
  }
  SECTION("without reference data, what the stored articles show") {
    const search::FacetCounter counter(small.index(), nullptr);
    const auto companies = names(counter, Facet::Company);
    CHECK(companies.at("apple") == std::pair<std::string, std::string>{"Apple", ""});
    CHECK(companies.at("acme-widgets").first == "Acme Widgets");
    CHECK(companies.at("nokia").first == "nokia");  // nothing knows it: the key
    CHECK(names(counter, Facet::Topic).at("ai").first == "ai");
    CHECK(names(counter, Facet::Country).at("cn").first == "China");
    CHECK(names(counter, Facet::Source).at("harbour-times").first == "Harbour Times");
  }
  SECTION("a second counter shares the loaded columns") {
    const search::FacetCounter first(small.index(), reference().get());
    const search::OpenIndex other = small.index();
    const search::FacetCounter second(other, first);
    const auto a = first.count(Xapian::Query("chip"), selection, 10);
    const auto b = second.count(Xapian::Query("chip"), selection, 10);
    CHECK(a.total == b.total);
    for (const Facet f : schema::kAllFacets) CHECK(listed(a, f) == listed(b, f));
    CHECK(names(second, Facet::Company).at("apple").first == "Apple");
    CHECK(first.stats().documents == 9);
    CHECK(first.stats().distinct[static_cast<std::size_t>(Facet::Company)] == 5);
    CHECK(first.stats().distinct_days == 6);
  }
}

TEST_CASE("the date histogram unit follows the span of the matches", "[facets]") {
  const TestIndex small(kArticles, 2);
  const search::FacetCounter counter(small.index(), nullptr);

  SECTION("days for a short span, contiguous with zeros, undated apart") {
    const FacetCounts counts = counter.count(Xapian::Query::MatchAll, {}, 10);
    const search::DateHistogram& h = counts.dates;
    CHECK(h.unit == "day");
    CHECK(h.undated == 2);            // A5, A8
    REQUIRE(h.buckets.size() == 42);  // 2025-01-20 .. 2025-03-02
    CHECK(h.buckets.front().label == "2025-01-20");
    CHECK(h.buckets.front().from == "20250120");
    CHECK(h.buckets.front().to == "20250120");
    CHECK(h.buckets.front().count == 1);
    CHECK(h.buckets[1].count == 0);
    CHECK(h.buckets[24].label == "2025-02-13");
    CHECK(h.buckets[24].count == 2);  // A1, A6
    CHECK(h.buckets.back().label == "2025-03-02");
    CHECK(h.buckets.back().count == 1);
    std::size_t dated = 0;
    for (const auto& b : h.buckets) dated += b.count;
    CHECK(dated + h.undated == counts.total);
  }
  SECTION("one day") {
    const FacetCounts counts = counter.count(Xapian::Query("a2"), {}, 10);
    REQUIRE(counts.dates.buckets.size() == 1);
    CHECK(counts.dates.unit == "day");
    CHECK(counts.dates.buckets[0].label == "2025-02-14");
  }
  SECTION("undated matches only") {
    const FacetCounts counts = counter.count(Xapian::Query("a5"), {}, 10);
    CHECK(counts.dates.unit.empty());
    CHECK(counts.dates.buckets.empty());
    CHECK(counts.dates.undated == 1);
  }

  const std::vector<Spec> spread = {
      {"old", {}, {}, {}, "S", "2010-05-01T00:00:00Z"},
      {"mid", {}, {}, {}, "S", "2023-01-05T00:00:00Z"},
      {"leap", {}, {}, {}, "S", "2024-02-29T00:00:00Z"},
      {"new one", {}, {}, {}, "S", "2025-02-13T00:00:00Z"},
      {"new two", {}, {}, {}, "S", "2025-02-14T00:00:00Z"},
  };
  const TestIndex wide(spread, 2);
  const search::FacetCounter wide_counter(wide.index(), nullptr);
  const auto either = [](const char* a, const char* b) {
    return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(a), Xapian::Query(b));
  };
  SECTION("months for a span of a few years") {
    const search::DateHistogram h = wide_counter.count(either("mid", "new"), {}, 10).dates;
    CHECK(h.unit == "month");
    REQUIRE(h.buckets.size() == 26);  // 2023-01 .. 2025-02
    CHECK(h.buckets.front().label == "2023-01");
    CHECK(h.buckets.front().from == "20230101");
    CHECK(h.buckets.front().to == "20230131");
    CHECK(h.buckets.front().count == 1);
    CHECK(h.buckets[13].label == "2024-02");
    CHECK(h.buckets[13].to == "20240229");
    CHECK(h.buckets[13].count == 0);
    CHECK(h.buckets.back().label == "2025-02");
    CHECK(h.buckets.back().count == 2);
  }
  SECTION("years for a longer span") {
    const FacetCounts counts = wide_counter.count(Xapian::Query::MatchAll, {}, 10);
    const search::DateHistogram& h = counts.dates;
    CHECK(h.unit == "year");
    REQUIRE(h.buckets.size() == 16);  // 2010 .. 2025
    CHECK(h.buckets.front().label == "2010");
    CHECK(h.buckets.front().from == "20100101");
    CHECK(h.buckets.front().to == "20101231");
    CHECK(h.buckets[1].count == 0);
    CHECK(h.buckets[14].label == "2024");
    CHECK(h.buckets[14].count == 1);
    CHECK(h.buckets.back().count == 2);
    CHECK(h.undated == 0);
  }
  SECTION("days up to two months, months beyond") {
    CHECK(wide_counter.count(Xapian::Query("new"), {}, 10).dates.unit == "day");
    CHECK(wide_counter.count(either("leap", "new"), {}, 10).dates.unit == "month");
  }
}

TEST_CASE("a few far-off dates do not stretch the histogram", "[facets]") {
  // 300 articles over ten days of March 2025, one from 2010 and one from 2031.
  std::vector<Spec> specs;
  for (int i = 0; i < 300; ++i) {
    specs.push_back({"bulk " + std::to_string(i),
                     {},
                     {},
                     {},
                     "S",
                     "2025-03-" + std::string(i % 10 < 9 ? "0" : "") + std::to_string(1 + i % 10) +
                         "T12:00:00Z"});
  }
  specs.push_back({"old", {}, {}, {}, "S", "2010-05-01T00:00:00Z"});
  specs.push_back({"future", {}, {}, {}, "S", "2031-01-09T00:00:00Z"});
  const TestIndex index(specs, 2);
  const search::FacetCounter counter(index.index(), nullptr);
  const search::DateHistogram h = counter.count(Xapian::Query::MatchAll, {}, 10).dates;
  CHECK(h.unit == "day");
  REQUIRE(h.buckets.size() == 10);
  CHECK(h.buckets.front().label == "2025-03-01");
  CHECK(h.buckets.back().label == "2025-03-10");
  CHECK(h.buckets.front().count == 30);
  CHECK(h.earlier.count == 1);
  CHECK(h.earlier.label == "before 2025-03-01");
  CHECK(h.earlier.from == "20100501");
  CHECK(h.earlier.to == "20250228");
  CHECK(h.later.count == 1);
  CHECK(h.later.label == "after 2025-03-10");
  CHECK(h.later.from == "20250311");
  CHECK(h.later.to == "20310109");

  FacetSelection selection;  // the outliers can be selected like a bucket
  selection.from_day = h.earlier.from;
  selection.to_day = h.earlier.to;
  const FacetCounts old = counter.count(Xapian::Query::MatchAll, selection, 10);
  CHECK(old.total == 1);
  CHECK(old.dates.earlier.selected);
  CHECK_FALSE(old.dates.later.selected);
  CHECK_FALSE(old.dates.buckets.front().selected);

  // Few matches: nothing is left out.
  const search::DateHistogram two =
      counter
          .count(Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("old"), Xapian::Query("bulk")),
                 {}, 10)
          .dates;
  CHECK(two.earlier.count == 1);  // 1 of 301 is under 0.5%
  const search::DateHistogram few =
      counter
          .count(Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("old"), Xapian::Query("1")), {},
                 10)
          .dates;
  CHECK(few.unit == "year");
  CHECK(few.earlier.count + few.later.count == 0);
  CHECK(few.buckets.size() == 16);  // 2010 .. 2025
}

namespace {

// The counts a facet should have, worked out the slow way: every matching
// document's stored values, and the selection's filters checked by hand.
struct BruteForce {
  std::size_t total = 0;
  std::array<std::map<std::string, std::size_t>, search::kFacetCount> counts;
  std::map<std::string, std::size_t> days;
  std::size_t undated = 0;
};

BruteForce brute_force(const Xapian::Database& db, const Xapian::Query& base,
                       const FacetSelection& selection) {
  Xapian::Enquire enquire(db);
  enquire.set_query(base);
  BruteForce out;
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  const auto in = [](const std::vector<std::string>& keys, const std::vector<std::string>& wanted) {
    for (const auto& k : keys)
      if (std::find(wanted.begin(), wanted.end(), k) != wanted.end()) return true;
    return false;
  };
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const Xapian::Document doc = it.get_document();
    std::array<std::vector<std::string>, search::kFacetCount> keys;
    std::array<bool, search::kFacetCount> passes{};
    for (std::size_t f = 0; f < search::kFacetCount; ++f) {
      keys[f] = schema::unpack_keys(doc.get_value(schema::layout(schema::kAllFacets[f]).slot));
      passes[f] = selection.keys[f].empty() || in(keys[f], selection.keys[f]);
    }
    const std::string day = doc.get_value(schema::kDaySlot);
    const bool date_passes =
        (selection.from_day.empty() || (!day.empty() && day >= selection.from_day)) &&
        (selection.to_day.empty() || (!day.empty() && day <= selection.to_day));
    const auto others_pass = [&](std::size_t except) {
      for (std::size_t f = 0; f < search::kFacetCount; ++f)
        if (f != except && !passes[f]) return false;
      return true;
    };
    if (others_pass(search::kFacetCount) && date_passes) ++out.total;
    for (std::size_t f = 0; f < search::kFacetCount; ++f) {
      if (!others_pass(f) || !date_passes) continue;
      for (const auto& k : keys[f]) ++out.counts[f][k];
    }
    if (others_pass(search::kFacetCount)) {
      if (day.empty()) {
        ++out.undated;
      } else {
        ++out.days[day];
      }
    }
  }
  return out;
}

}  // namespace

namespace {

// Compares count() with brute_force() for each base query and selection.
void check_against_brute_force(const search::FacetCounter& counter, const Xapian::Database& all,
                               const std::vector<Xapian::Query>& bases,
                               const std::vector<FacetSelection>& selections) {
  for (const Xapian::Query& base : bases) {
    for (const FacetSelection& selection : selections) {
      INFO(base.get_description());
      const FacetCounts counts = counter.count(base, selection, 100000);
      const BruteForce expected = brute_force(all, base, selection);
      CHECK(counts.total == expected.total);
      for (std::size_t f = 0; f < search::kFacetCount; ++f) {
        std::map<std::string, std::size_t> got;
        for (const auto& b : counts.facets[f].top)
          if (b.count > 0) got[b.key] = b.count;
        CHECK(got == expected.counts[f]);
        CHECK(counts.facets[f].distinct == expected.counts[f].size());
      }
      // Every bucket (and the outliers') holds exactly the matches of its days.
      const search::DateHistogram& h = counts.dates;
      std::vector<search::DateBucket> buckets = h.buckets;
      if (h.earlier.count != 0) buckets.insert(buckets.begin(), h.earlier);
      if (h.later.count != 0) buckets.push_back(h.later);
      std::size_t in_buckets = 0;
      for (const auto& b : buckets) {
        std::size_t expected_count = 0;
        for (const auto& [day, n] : expected.days)
          if (day >= b.from && day <= b.to) expected_count += n;
        CHECK(b.count == expected_count);
        in_buckets += expected_count;
      }
      std::size_t expected_dated = 0;
      for (const auto& [day, n] : expected.days) expected_dated += n;
      CHECK(in_buckets == expected_dated);
      CHECK(h.undated == expected.undated);
      CHECK(h.unit.empty() == expected.days.empty());
    }
  }
}

std::vector<FacetSelection> small_selections() {
  std::vector<FacetSelection> selections(1);
  FacetSelection s;
  s[Facet::Country] = {"cn"};
  selections.push_back(s);
  s[Facet::Topic] = {"ai", "earnings"};
  selections.push_back(s);
  s.from_day = "20250214";
  selections.push_back(s);
  FacetSelection dates;
  dates.to_day = "20250301";
  selections.push_back(dates);
  return selections;
}

}  // namespace

TEST_CASE("deleted documents and parallel shards count the same", "[facets]") {
  TestIndex small(kArticles, 2);
  // A1 .. A4 gone, A5 .. A9 written again (new document ids), plus one more.
  std::vector<Spec> next(kArticles.begin() + 4, kArticles.end());
  next.push_back({"A10 chip", {"Sony"}, {"KR"}, {"ai"}, "Wire Daily", "2025-04-01T00:00:00Z"});
  small.reindex(next, 2);
  const search::OpenIndex& index = small.index();
  REQUIRE(index.all.get_doccount() == 6);
  bool gaps = false;
  for (const auto& shard : index.shards) gaps |= shard.get_lastdocid() > shard.get_doccount();
  REQUIRE(gaps);

  search::FacetCounter counter(index, nullptr);
  const std::vector<Xapian::Query> bases = {Xapian::Query::MatchAll, Xapian::Query("chip"),
                                            Xapian::Query("body")};
  const FacetCounts all = counter.count(Xapian::Query::MatchAll, {}, 10);
  CHECK(all.total == 6);
  CHECK(all.dates.undated == 2);
  CHECK(listed(all, Facet::Company) == Strings{"apple=3", "acme-widgets=1", "sony=1", "toyota=1"});
  check_against_brute_force(counter, index.all, bases, small_selections());
  counter.set_parallel_shard_size(0);  // every shard in its own thread
  check_against_brute_force(counter, index.all, bases, small_selections());
}

TEST_CASE("counts on the bundled corpus equal a brute-force count", "[facets]") {
  const TestIndex corpus(t::source_dir() / "corpus", 2, reference());
  const search::OpenIndex& index = corpus.index();
  const search::FacetCounter counter(index, reference().get());
  const std::size_t everything = 100000;

  SECTION("every value's count over all articles is its term's posting list length") {
    const FacetCounts counts = counter.count(Xapian::Query::MatchAll, {}, everything);
    CHECK(counts.total == index.all.get_doccount());
    for (const Facet f : schema::kAllFacets) {
      const auto& s = summary(counts, f);
      CHECK(s.distinct == s.top.size());
      CHECK(s.distinct > 1);
      std::size_t distinct_terms = 0;
      const std::string prefix(schema::layout(f).prefix);
      for (auto term = index.all.allterms_begin(prefix); term != index.all.allterms_end(prefix);
           ++term) {
        // "N" also begins no other prefix; "XCO" is not a prefix of another facet's.
        ++distinct_terms;
        std::size_t postings = 0;
        for (auto p = index.all.postlist_begin(*term); p != index.all.postlist_end(*term); ++p)
          ++postings;
        const std::string key = (*term).substr(prefix.size());
        const auto bucket =
            std::find_if(s.top.begin(), s.top.end(), [&](const auto& b) { return b.key == key; });
        REQUIRE(bucket != s.top.end());
        CHECK(bucket->count == postings);
        // Stored keys are already keys: selecting one selects itself.
        CHECK(schema::facet_key(f, key) == key);
      }
      CHECK(distinct_terms == s.distinct);
    }
  }

  SECTION("without reference data, company names come from the stored articles") {
    const search::FacetCounter bare(index, nullptr);
    const FacetCounts counts = bare.count(Xapian::Query::MatchAll, {}, everything);
    std::size_t renamed = 0;  // gazetteer names that are not their id ("Toyota Motor": toyota)
    for (const auto& b : summary(counts, Facet::Company).top) {
      const extract::CompanyInfo* info = reference()->companies().find(b.key);
      if (info == nullptr) continue;
      CHECK(b.name == info->name);
      if (schema::facet_key(Facet::Company, info->name) != b.key) ++renamed;
    }
    CHECK(renamed > 0);
  }

  SECTION("with queries and selections") {
    const FacetCounts all = counter.count(Xapian::Query::MatchAll, {}, 3);
    std::vector<FacetSelection> selections(1);
    {
      FacetSelection s;
      s[Facet::Country] = {summary(all, Facet::Country).top[0].key};
      selections.push_back(s);
      s[Facet::Country].push_back(summary(all, Facet::Country).top[1].key);
      s[Facet::Topic] = {summary(all, Facet::Topic).top[0].key};
      selections.push_back(s);
      s.from_day = "20250101";
      s.to_day = "20251231";
      selections.push_back(s);
      FacetSelection company;
      company[Facet::Company] = {summary(all, Facet::Company).top[0].key,
                                 summary(all, Facet::Company).top[2].key};
      company[Facet::Source] = {summary(all, Facet::Source).top[0].key};
      selections.push_back(company);
    }
    // One term and conjunctions of terms are counted from posting lists,
    // other queries through Xapian's matcher.
    const auto both = [](const char* a, const char* b) {
      return Xapian::Query(Xapian::Query::OP_AND, Xapian::Query(a), Xapian::Query(b));
    };
    const std::vector<Xapian::Query> words = {Xapian::Query("data"), Xapian::Query("center")};
    const Xapian::Query phrase(Xapian::Query::OP_PHRASE, words.begin(), words.end(), 2);
    const std::vector<Xapian::Query> bases = {
        Xapian::Query::MatchAll,
        Xapian::Query("china"),
        Xapian::Query("chip"),
        both("chip", "china"),
        both("ai", "the"),
        Xapian::Query(Xapian::Query::OP_FILTER, both("chip", "china"), Xapian::Query("XTOPICai")),
        both("chip", "nosuchword"),
        Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("bank"), Xapian::Query("oil")),
        phrase};  // the matcher: positions needed
    CHECK(brute_force(index.all, phrase, {}).total > 0);
    CHECK(brute_force(index.all, both("chip", "china"), {}).total > 0);
    check_against_brute_force(counter, index.all, bases, selections);
    search::FacetCounter parallel(index, counter);
    parallel.set_parallel_shard_size(0);
    check_against_brute_force(parallel, index.all, bases, selections);
    // Many counts in parallel threads with one query object: each thread
    // must work on a copy of its own (a shared Xapian::Query's reference
    // count is not atomic; this crashed on the Reuters x20 index).
    const std::size_t expected = brute_force(index.all, bases[7], {}).total;
    for (int i = 0; i < 300; ++i) REQUIRE(parallel.count(bases[7], {}, 10).total == expected);
  }
}
