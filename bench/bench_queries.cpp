// Query latency of newsdesk against plain Xapian on the same index, side by
// side in one run: every query of a benchmark file (default
// ../shared/bench/queries.tsv), single-threaded and in process, W warm-up
// rounds then R timed rounds, each query timed once per round and engine
// (the engines' order rotates from query to query so that a noisy neighbour
// hurts them alike). Prints p50/p90/p99/max/mean per engine of the wall time
// and of the thread's CPU time (which leaves out waiting for a core on a
// shared machine), the range of p50 and p99 over the rounds, and the ratios.
//
//   newsdesk-bench-queries --db DIR [--queries FILE] [--warmup W] [--rounds R]
//                          [--spy-slots 0,3] [--baseline-snippets MODE] [--only ENGINE] [--json]
//
// Engines:
//   newsdesk        Searcher::search, top 10 with snippets (what searchd runs).
//   xapian          the plain Xapian API without our extras: QueryParser (our
//                   stemmer, STEM_ALL, default AND), Enquire, top 10 with
//                   check_at_least = doccount (exact total), MSet::snippet of
//                   each hit's body with the flags the Searcher uses
//                   (exhaustive, no background model, which would look up
//                   the frequency of every word of the body and cost 3x the
//                   whole query); --baseline-snippets default for Xapian's
//                   default flags, none to see what snippets cost.
//   xapian+spies    the same plus a ValueCountMatchSpy on each of two
//                   single-valued slots (exact counts for two facets): by
//                   default the day slot (0) and the country slot (3, whose
//                   packed keys the spy counts as one value per article).
//
// --only ENGINE times that engine alone and skips the checks that compare
// engines: for profiling one engine (perf, callgrind, strace).
//
// Filters (country=<PLACES code>;topic=<TOPICS code>;date=A..B) become our
// facets: country via the CountryDirectory (bench/eval/reuters_places.tsv when
// it does not know the code), topic via bench/eval/reuters_topics.tsv (a code
// without a counterpart in our taxonomy is dropped, in every engine, and
// reported), date as a range of the day slot. Both engines filter with the
// same terms and range.
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>

#include "extract/countries.h"
#include "extract/facet_extractor.h"
#include "extract/tsv_file.h"
#include "schema.h"
#include "search/index_reader.h"
#include "search/query_builder.h"
#include "search/searcher.h"

namespace {

using namespace newsdesk;
using Clock = std::chrono::steady_clock;

const std::filesystem::path kSourceDir = NEWSDESK_SOURCE_DIR;
constexpr std::size_t kTopK = 10;
constexpr std::size_t kSnippetLength = 240;  // SearchRequest's default

// ---------------------------------------------------------------------------
// Benchmark queries and their filters

// An inclusive range of publication days ("YYYYMMDD") as a Xapian filter.
Xapian::Query day_range(const std::pair<std::string, std::string>& days) {
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kDaySlot, days.first, days.second);
}

struct FacetFilter {
  schema::Facet facet;
  std::string key;  // our facet key ("jp", "earnings")
};

struct BenchQuery {
  std::string text;
  std::string filters_as_given;
  std::vector<FacetFilter> facets;
  std::optional<std::pair<std::string, std::string>> days;  // inclusive "YYYYMMDD" range
  std::vector<std::string> dropped;                         // filters without a counterpart

  // The filters as one Xapian query (the facet terms ANDed, the day range),
  // or nullopt for none. Both engines filter with exactly this.
  [[nodiscard]] std::optional<Xapian::Query> filter() const {
    std::vector<Xapian::Query> parts;
    for (const FacetFilter& f : facets) parts.emplace_back(schema::facet_term(f.facet, f.key));
    if (days) parts.push_back(day_range(*days));
    if (parts.empty()) return std::nullopt;
    return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
  }
};

// Maps Reuters' PLACES and TOPICS codes to our facet keys, and remembers how
// each code was mapped for the report.
class FilterMapper {
 public:
  FilterMapper()
      : countries_(
            extract::CountryDirectory::load(extract::FacetSources::defaults().countries_file)) {
    load_tsv(kSourceDir / "bench/eval/reuters_places.tsv", places_);
    load_tsv(kSourceDir / "bench/eval/reuters_topics.tsv", topics_);
  }

  void apply(const std::string& key, const std::string& value, BenchQuery& q,
             const extract::TsvFail& fail) {
    if (key == "country") {
      const std::string code = country(value);
      if (code.empty()) {
        q.dropped.push_back("country=" + value);
      } else {
        q.facets.push_back(
            {schema::Facet::Country, schema::facet_key(schema::Facet::Country, code)});
      }
    } else if (key == "topic") {
      const auto it = topics_.find(value);
      if (it == topics_.end() || it->second.empty()) {
        q.dropped.push_back("topic=" + value);
        mapping_["topic=" + value] = "(no counterpart in data/taxonomy.txt: filter dropped)";
      } else {
        q.facets.push_back({schema::Facet::Topic, it->second});
        mapping_["topic=" + value] = "topic:" + it->second;
      }
    } else if (key == "date") {
      const std::size_t dots = value.find("..");
      const auto day = [&](std::string s) {
        if (s.size() != 10 || s[4] != '-' || s[7] != '-')
          fail("date must be YYYY-MM-DD..YYYY-MM-DD");
        s.erase(7, 1);
        s.erase(4, 1);
        return s;
      };
      if (dots == std::string::npos) fail("date must be YYYY-MM-DD..YYYY-MM-DD");
      q.days = {day(value.substr(0, dots)), day(value.substr(dots + 2))};
    } else {
      fail("unknown filter " + key);
    }
  }

  // "code -> mapping" lines for the report.
  [[nodiscard]] const std::map<std::string, std::string>& mapping() const { return mapping_; }

 private:
  static void load_tsv(const std::filesystem::path& file, std::map<std::string, std::string>& to) {
    extract::read_tsv(file, "Reuters code mapping", 2,
                      [&](const std::vector<std::string>& cols, const extract::TsvFail&) {
                        to[cols[0]] = cols[1];
                      });
  }

  // The ISO code of a PLACES code: the gazetteer first ("west-germany" is
  // looked up as "west germany"), the evaluation's table second.
  std::string country(const std::string& place) {
    std::string name = place;
    std::replace(name.begin(), name.end(), '-', ' ');
    const auto resolved = countries_.resolve(name);
    const auto listed = places_.find(place);
    std::string how;
    std::string code;
    if (resolved) {
      code = *resolved;
      how = "gazetteer";
      if (listed != places_.end() && listed->second != code) {
        how += "; reuters_places.tsv says " + listed->second;
      }
    } else if (listed != places_.end() && !listed->second.empty()) {
      code = listed->second;
      how = "reuters_places.tsv; gazetteer does not know it";
    } else {
      mapping_["country=" + place] = "(unknown: filter dropped)";
      return "";
    }
    mapping_["country=" + place] =
        "country:" + schema::facet_key(schema::Facet::Country, code) + "  (" + how + ")";
    return code;
  }

  extract::CountryDirectory countries_;
  std::map<std::string, std::string> places_, topics_;
  std::map<std::string, std::string> mapping_;
};

std::vector<BenchQuery> load_queries(const std::filesystem::path& file, FilterMapper& mapper) {
  std::vector<BenchQuery> queries;
  extract::read_tsv(file, "benchmark queries", 2,
                    [&](const std::vector<std::string>& cols, const extract::TsvFail& fail) {
                      BenchQuery q;
                      q.text = cols[0];
                      q.filters_as_given = cols[1];
                      std::istringstream filters(cols[1]);
                      std::string pair;
                      while (std::getline(filters, pair, ';')) {
                        const std::size_t eq = pair.find('=');
                        if (eq == std::string::npos) fail("filter without '=': " + pair);
                        mapper.apply(pair.substr(0, eq), pair.substr(eq + 1), q, fail);
                      }
                      queries.push_back(std::move(q));
                    });
  return queries;
}

// ---------------------------------------------------------------------------
// Engines

// What a search returned, reduced to what the checks compare.
struct Outcome {
  std::size_t total = 0;
  bool exact = true;
  std::vector<std::string> ids;  // article ids, in rank order
  std::size_t bytes = 0;         // of the snippets and facet values
};

class Engine {
 public:
  virtual ~Engine() = default;
  [[nodiscard]] virtual std::string name() const = 0;
  [[nodiscard]] virtual std::string description() const = 0;
  virtual Outcome run(const BenchQuery& q) = 0;
};

// The request newsdesk gets for a benchmark query: the one place to adapt as
// the Searcher API grows.
search::SearchRequest newsdesk_request(const BenchQuery& q) {
  search::SearchRequest request;
  request.query = q.text;
  // Filters as the API's company=/country=/topic= and from/to parameters.
  for (const FacetFilter& f : q.facets) {
    request.filters[static_cast<std::size_t>(f.facet)].push_back(f.key);
  }
  if (q.days) {
    const auto iso = [](const std::string& day) {
      return day.substr(0, 4) + "-" + day.substr(4, 2) + "-" + day.substr(6, 2);
    };
    request.from_day = iso(q.days->first);
    request.to_day = iso(q.days->second);
  }
  request.size = kTopK;
  request.snippet_length = kSnippetLength;
  request.facet_size = 10;  // exact counts of all four facets and the date histogram
  return request;
}

class NewsdeskEngine : public Engine {
 public:
  explicit NewsdeskEngine(const std::filesystem::path& db_dir) : searcher_(db_dir) {}
  [[nodiscard]] std::string name() const override { return "newsdesk"; }
  [[nodiscard]] std::string description() const override {
    return "Searcher::search, top 10, title+body snippets (total exact up to 1000)";
  }
  Outcome run(const BenchQuery& q) override {
    const search::SearchRequest request = newsdesk_request(q);
    const search::SearchResult result = searcher_.search(request);
    Outcome out;
    out.total = result.total;
    out.exact = result.total_exact;
    for (const search::Hit& hit : result.hits) {
      out.ids.push_back(hit.id);
      out.bytes += hit.snippet.size() + hit.title_html.size();
    }
    return out;
  }

 private:
  search::Searcher searcher_;
};

// How the baseline makes its snippets: MSet::snippet's default flags (the
// background model and exhaustive), without the background model (as the
// Searcher makes them; the default here), or not at all.
enum class SnippetMode { Default, NoBackground, None };

class XapianEngine : public Engine {
 public:
  XapianEngine(const std::filesystem::path& db_dir, std::vector<Xapian::valueno> spy_slots,
               SnippetMode snippets)
      : db_(search::open_index(db_dir).all), spy_slots_(std::move(spy_slots)), snippets_(snippets) {
    parser_.set_stemmer(stemmer_);
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_ALL);
    parser_.set_default_op(Xapian::Query::OP_AND);
  }
  [[nodiscard]] std::string name() const override {
    return spy_slots_.empty() ? "xapian" : "xapian+spies";
  }
  [[nodiscard]] std::string description() const override {
    std::string d = "QueryParser+Enquire, top 10, exact total, ";
    d += snippets_ == SnippetMode::Default        ? "body snippets"
         : snippets_ == SnippetMode::NoBackground ? "body snippets without the background model"
                                                  : "no snippets";
    if (!spy_slots_.empty()) {
      d += ", ValueCountMatchSpy on slots";
      for (const Xapian::valueno slot : spy_slots_) d += " " + std::to_string(slot);
    }
    return d;
  }
  Outcome run(const BenchQuery& q) override {
    Xapian::Query query = parser_.parse_query(q.text);
    if (const auto filter = q.filter()) {
      query = Xapian::Query(Xapian::Query::OP_FILTER, query, *filter);
    }
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
    for (const Xapian::valueno slot : spy_slots_) {
      spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot));
      enquire.add_matchspy(spies.back().get());
    }
    const Xapian::MSet mset = enquire.get_mset(0, kTopK, db_.get_doccount());
    Outcome out;
    out.total = mset.get_matches_estimated();
    out.exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      schema::StoredArticle stored = schema::stored_article(it.get_document());
      out.ids.push_back(std::move(stored.id));
      if (snippets_ == SnippetMode::Default) {
        out.bytes += mset.snippet(stored.article.body, kSnippetLength, stemmer_).size();
      } else if (snippets_ == SnippetMode::NoBackground) {
        out.bytes += mset.snippet(stored.article.body, kSnippetLength, stemmer_,
                                  Xapian::MSet::SNIPPET_EXHAUSTIVE)
                         .size();
      }
    }
    for (const auto& spy : spies) {  // read the counts, as a front end would
      for (auto v = spy->values_begin(); v != spy->values_end(); ++v) {
        out.bytes += (*v).size();
      }
    }
    return out;
  }

 private:
  Xapian::Database db_;
  Xapian::Stem stemmer_ = schema::make_stemmer();
  Xapian::QueryParser parser_;
  std::vector<Xapian::valueno> spy_slots_;
  SnippetMode snippets_;
};

// ---------------------------------------------------------------------------
// Timing and report

struct Percentiles {
  double p50 = 0, p90 = 0, p99 = 0, max = 0, mean = 0;
};

// Nearest-rank percentiles of `ms` (sorted in place).
Percentiles percentiles(std::vector<double> ms) {
  Percentiles p;
  if (ms.empty()) return p;
  std::sort(ms.begin(), ms.end());
  const auto rank = [&](double q) {
    const auto i = static_cast<std::size_t>(std::ceil(q * static_cast<double>(ms.size())));
    return ms[std::clamp<std::size_t>(i, 1, ms.size()) - 1];
  };
  p.p50 = rank(0.50);
  p.p90 = rank(0.90);
  p.p99 = rank(0.99);
  p.max = ms.back();
  double sum = 0;
  for (const double m : ms) sum += m;
  p.mean = sum / static_cast<double>(ms.size());
  return p;
}

// The timings of one engine on one clock: every sample, and per round.
struct Series {
  std::vector<double> samples;
  std::vector<Percentiles> rounds;

  void add_round(const std::vector<double>& ms) {
    rounds.push_back(percentiles(ms));
    samples.insert(samples.end(), ms.begin(), ms.end());
  }
  [[nodiscard]] Percentiles all() const { return percentiles(samples); }
  // Lowest and highest value of one percentile over the rounds.
  [[nodiscard]] std::pair<double, double> range(double Percentiles::*field) const {
    double lo = rounds.front().*field, hi = lo;
    for (const Percentiles& p : rounds) {
      lo = std::min(lo, p.*field);
      hi = std::max(hi, p.*field);
    }
    return {lo, hi};
  }
};

// CPU time of the calling thread, in milliseconds.
double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

struct Options {
  std::filesystem::path db;
  std::filesystem::path queries = kSourceDir.parent_path() / "shared/bench/queries.tsv";
  std::size_t warmup = 2;
  std::size_t rounds = 5;
  std::vector<Xapian::valueno> spy_slots = {schema::kDaySlot,
                                            schema::layout(schema::Facet::Country).slot};
  SnippetMode baseline_snippets = SnippetMode::NoBackground;
  std::string only;  // time this engine alone
  bool json = false;
};

Options parse_options(int argc, char* argv[]) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--db") {
      options.db = value();
    } else if (arg == "--queries") {
      options.queries = value();
    } else if (arg == "--warmup") {
      options.warmup = std::stoul(value());
    } else if (arg == "--rounds") {
      options.rounds = std::stoul(value());
      if (options.rounds == 0) throw std::invalid_argument("--rounds must be at least 1");
    } else if (arg == "--spy-slots") {
      options.spy_slots.clear();
      std::istringstream slots(value());
      std::string slot;
      while (std::getline(slots, slot, ',')) {
        options.spy_slots.push_back(static_cast<Xapian::valueno>(std::stoul(slot)));
      }
    } else if (arg == "--baseline-snippets") {
      const std::string mode = value();
      if (mode == "default") {
        options.baseline_snippets = SnippetMode::Default;
      } else if (mode == "no-background") {
        options.baseline_snippets = SnippetMode::NoBackground;
      } else if (mode == "none") {
        options.baseline_snippets = SnippetMode::None;
      } else {
        throw std::invalid_argument("--baseline-snippets is default, no-background or none");
      }
    } else if (arg == "--only") {
      options.only = value();
    } else if (arg == "--json") {
      options.json = true;
    } else if (arg == "--help" || arg == "-h") {
      std::cout << "usage: newsdesk-bench-queries --db DIR [--queries FILE] [--warmup W]"
                   " [--rounds R] [--spy-slots 0,3]\n"
                   "       [--baseline-snippets default|no-background|none]"
                   " [--only newsdesk|xapian|xapian+spies] [--json]\n";
      std::exit(0);
    } else {
      throw std::invalid_argument("unknown argument " + arg + " (see --help)");
    }
  }
  if (options.db.empty()) throw std::invalid_argument("--db DIR is required");
  return options;
}

}  // namespace

int main(int argc, char* argv[]) try {
  const Options options = parse_options(argc, argv);
  if (!std::filesystem::exists(options.queries)) {
    std::cout << "skipped: " << options.queries.string() << " is absent\n";
    return 0;
  }
  FilterMapper mapper;
  const std::vector<BenchQuery> queries = load_queries(options.queries, mapper);

  std::vector<std::unique_ptr<Engine>> engines;
  engines.push_back(std::make_unique<NewsdeskEngine>(options.db));
  engines.push_back(std::make_unique<XapianEngine>(options.db, std::vector<Xapian::valueno>{},
                                                   options.baseline_snippets));
  if (!options.spy_slots.empty()) {
    engines.push_back(
        std::make_unique<XapianEngine>(options.db, options.spy_slots, options.baseline_snippets));
  }
  if (!options.only.empty()) {
    std::erase_if(engines, [&](const auto& engine) { return engine->name() != options.only; });
    if (engines.empty()) throw std::invalid_argument("--only: no engine named " + options.only);
  }
  const search::OpenIndex index = search::open_index(options.db);

  // Checks, from one untimed round: do the engines do the same search?
  std::size_t same_top = 0, inexact = 0, total_mismatch = 0, dropped = 0;
  std::vector<std::string> differing;
  for (const BenchQuery& q : options.only.empty() ? queries : std::vector<BenchQuery>{}) {
    const Outcome ours = engines[0]->run(q);
    const Outcome plain = engines[1]->run(q);
    if (ours.ids == plain.ids) {
      ++same_top;
    } else {
      differing.push_back(q.text +
                          (q.filters_as_given.empty() ? "" : " [" + q.filters_as_given + "]"));
    }
    if (!ours.exact) ++inexact;
    if (ours.exact && ours.total != plain.total) ++total_mismatch;
    if (!q.dropped.empty()) ++dropped;
  }

  // Warm-up, then the timed rounds; the engines' order rotates per query.
  // Wall time is what a user waits; the thread's CPU time leaves out the time
  // spent waiting for a core, which on a shared machine is most of the noise.
  const std::size_t n_engines = engines.size();
  std::array<std::vector<Series>, 2> series;  // [wall, cpu][engine]
  for (auto& s : series) s.resize(n_engines);
  for (std::size_t round = 0; round < options.warmup + options.rounds; ++round) {
    const bool timed = round >= options.warmup;
    std::array<std::vector<std::vector<double>>, 2> this_round;
    for (auto& r : this_round) r.resize(n_engines);
    for (std::size_t i = 0; i < queries.size(); ++i) {
      for (std::size_t k = 0; k < n_engines; ++k) {
        const std::size_t e = (i + round + k) % n_engines;
        const auto wall_start = Clock::now();
        const double cpu_start = thread_cpu_ms();
        engines[e]->run(queries[i]);
        this_round[1][e].push_back(thread_cpu_ms() - cpu_start);
        this_round[0][e].push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - wall_start).count());
      }
    }
    if (!timed) continue;
    for (std::size_t c = 0; c < 2; ++c) {
      for (std::size_t e = 0; e < n_engines; ++e) series[c][e].add_round(this_round[c][e]);
    }
  }
  const std::array<const char*, 2> kClocks = {"wall", "cpu"};

  if (options.json) {
    nlohmann::ordered_json out;
    out["articles"] = index.all.get_doccount();
    out["shards"] = index.shards.size();
    out["queries"] = queries.size();
    out["warmup_rounds"] = options.warmup;
    out["timed_rounds"] = options.rounds;
    out["same_top_10"] = same_top;
    out["newsdesk_total_estimated"] = inexact;
    out["exact_totals_differing"] = total_mismatch;
    out["filters_dropped"] = dropped;
    out["filter_mapping"] = mapper.mapping();
    for (std::size_t e = 0; e < n_engines; ++e) {
      nlohmann::ordered_json engine = {{"description", engines[e]->description()}};
      for (std::size_t c = 0; c < 2; ++c) {
        const Percentiles all = series[c][e].all();
        nlohmann::ordered_json figures = {{"p50_ms", all.p50},
                                          {"p90_ms", all.p90},
                                          {"p99_ms", all.p99},
                                          {"max_ms", all.max},
                                          {"mean_ms", all.mean}};
        for (const Percentiles& p : series[c][e].rounds) {
          figures["rounds"].push_back({{"p50_ms", p.p50}, {"p99_ms", p.p99}, {"max_ms", p.max}});
        }
        engine[kClocks[c]] = figures;
      }
      out["engines"][engines[e]->name()] = engine;
    }
    std::cout << out.dump(2) << "\n";
    return 0;
  }

  std::printf(
      "index: %u articles in %zu shards; %zu queries; %zu warm-up + %zu timed rounds, "
      "one thread\n",
      index.all.get_doccount(), index.shards.size(), queries.size(), options.warmup,
      options.rounds);
  std::printf("filters (Reuters code -> our query-language form):\n");
  for (const auto& [code, form] : mapper.mapping()) {
    std::printf("  %-22s %s\n", code.c_str(), form.c_str());
  }
  std::printf("engines:\n");
  for (const auto& engine : engines) {
    std::printf("  %-13s %s\n", engine->name().c_str(), engine->description().c_str());
  }
  for (std::size_t c = 0; c < 2; ++c) {
    std::printf("\n%-13s %8s %8s %8s %8s %8s   %s\n", c == 0 ? "wall ms" : "CPU ms", "p50", "p90",
                "p99", "max", "mean", "p50 / p99 range over the rounds");
    for (std::size_t e = 0; e < n_engines; ++e) {
      const Percentiles all = series[c][e].all();
      const auto [p50_lo, p50_hi] = series[c][e].range(&Percentiles::p50);
      const auto [p99_lo, p99_hi] = series[c][e].range(&Percentiles::p99);
      std::printf("%-13s %8.3f %8.3f %8.3f %8.3f %8.3f   %.3f-%.3f / %.3f-%.3f\n",
                  engines[e]->name().c_str(), all.p50, all.p90, all.p99, all.max, all.mean, p50_lo,
                  p50_hi, p99_lo, p99_hi);
    }
    const Percentiles ours = series[c][0].all();
    for (std::size_t e = 1; e < n_engines; ++e) {
      const Percentiles other = series[c][e].all();
      std::printf("newsdesk / %-13s p50 %.2fx  p90 %.2fx  p99 %.2fx  max %.2fx\n",
                  engines[e]->name().c_str(), ours.p50 / other.p50, ours.p90 / other.p90,
                  ours.p99 / other.p99, ours.max / other.max);
    }
  }
  // Where the time goes: the queries the first engine is slowest on, with
  // the others' times for the same query (medians over the timed rounds).
  const auto query_median = [&](std::size_t e, std::size_t i) {
    std::vector<double> v;
    const auto& samples = series[0][e].samples;
    for (std::size_t at = i; at < samples.size(); at += queries.size()) v.push_back(samples[at]);
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  std::vector<std::size_t> slowest(queries.size());
  for (std::size_t i = 0; i < slowest.size(); ++i) slowest[i] = i;
  std::sort(slowest.begin(), slowest.end(),
            [&](std::size_t a, std::size_t b) { return query_median(0, a) > query_median(0, b); });
  std::printf("\nslowest queries for %s (median wall ms):\n", engines[0]->name().c_str());
  for (std::size_t k = 0; k < slowest.size() && k < 8; ++k) {
    const BenchQuery& q = queries[slowest[k]];
    const std::string text =
        q.text + (q.filters_as_given.empty() ? "" : " [" + q.filters_as_given + "]");
    std::printf("  %-40s", text.c_str());
    for (std::size_t e = 0; e < n_engines; ++e) {
      std::printf("  %s %.2f", engines[e]->name().c_str(), query_median(e, slowest[k]));
    }
    std::printf("\n");
  }
  if (!options.only.empty()) {
    std::printf("\nchecks: skipped (--only)\n");
    return 0;
  }
  std::printf("\nchecks: same top 10 in newsdesk and xapian for %zu/%zu queries", same_top,
              queries.size());
  for (std::size_t i = 0; i < differing.size() && i < 5; ++i) {
    std::printf("%s%s", i == 0 ? " (differ: " : ", ", differing[i].c_str());
  }
  std::printf("%s\n", differing.empty() ? "" : differing.size() > 5 ? ", ...)" : ")");
  std::printf(
      "  newsdesk totals estimated (over 1000 matches): %zu; exact totals that differ: %zu\n",
      inexact, total_mismatch);
  std::printf("  queries with a dropped filter: %zu\n", dropped);
  return 0;
} catch (const std::invalid_argument& e) {
  std::cerr << "newsdesk-bench-queries: " << e.what() << "\n";
  return 2;
} catch (const std::exception& e) {
  std::cerr << "newsdesk-bench-queries: " << e.what() << "\n";
  return 1;
} catch (const Xapian::Error& e) {
  std::cerr << "newsdesk-bench-queries: " << e.get_description() << "\n";
  return 1;
}
