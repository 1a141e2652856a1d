#include "search/facet_counter.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <optional>
#include <string_view>

#include "errors.h"
#include "extract/facet_extractor.h"
#include "search/index_reader.h"

namespace newsdesk::search {
namespace {

using std::chrono::day;
using std::chrono::days;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;

constexpr std::uint32_t kNoDay = UINT32_MAX;  // day id of an undated document

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};

// Key string <-> dense id, shared by every shard.
struct Dictionary {
  std::vector<std::string> keys;
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> ids;

  std::uint32_t intern(std::string_view key) {
    const auto it = ids.find(key);
    if (it != ids.end()) return it->second;
    const auto id = static_cast<std::uint32_t>(keys.size());
    keys.emplace_back(key);
    ids.emplace(keys.back(), id);
    return id;
  }
  [[nodiscard]] std::optional<std::uint32_t> find(std::string_view key) const {
    const auto it = ids.find(key);
    if (it == ids.end()) return std::nullopt;
    return it->second;
  }
};

// "YYYYMMDD" -> days since 1970-01-01; nullopt unless a valid date.
std::optional<std::int32_t> parse_day(std::string_view text) {
  if (text.size() != 8) return std::nullopt;
  int digits[8];
  for (std::size_t i = 0; i < 8; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    digits[i] = text[i] - '0';
  }
  const int y = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3];
  const unsigned m = static_cast<unsigned>(digits[4] * 10 + digits[5]);
  const unsigned d = static_cast<unsigned>(digits[6] * 10 + digits[7]);
  const year_month_day ymd{year{y}, month{m}, day{d}};
  if (!ymd.ok()) return std::nullopt;
  return static_cast<std::int32_t>(sys_days{ymd}.time_since_epoch().count());
}

year_month_day civil(std::int32_t days_since_epoch) {
  return year_month_day{sys_days{days{days_since_epoch}}};
}

std::int32_t day_number(const year_month_day& ymd) {
  return static_cast<std::int32_t>(sys_days{ymd}.time_since_epoch().count());
}

std::string format_ymd(const year_month_day& ymd, const char* format) {
  char buf[16];
  std::snprintf(buf, sizeof buf, format, static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

std::string day_key(std::int32_t day_number) {
  return format_ymd(civil(day_number), "%04d%02u%02u");
}

// Checks a date bound of a selection; empty stays empty.
void validate_day(const std::string& bound, const char* what) {
  if (!bound.empty() && !parse_day(bound)) {
    throw UserError(std::string(what) + " must be a date as YYYYMMDD, not '" + bound + "'");
  }
}

}  // namespace

struct FacetCounter::Columns {
  // One shard's columns, indexed by local document id (0 unused).
  struct Shard {
    Xapian::docid size = 0;  // last document id + 1 when loaded
    // Values of document d: ids[f][offsets[f][d] .. offsets[f][d + 1]).
    std::array<std::vector<std::uint32_t>, kFacetCount> offsets, ids;
    std::vector<std::uint32_t> day;  // index into `days`, or kNoDay
  };

  std::array<Dictionary, kFacetCount> dictionaries;
  std::vector<std::int32_t> days;  // distinct publication days (days since 1970), ascending
  std::vector<Shard> shards;
};

namespace {

using Columns = FacetCounter::Columns;

// What one counting pass adds up, over every shard.
struct Tally {
  std::array<std::vector<std::uint32_t>, kFacetCount> counts;  // by value id
  std::vector<std::uint32_t> day_counts;                       // by day id
  std::size_t matches = 0;
  std::size_t undated = 0;
};

// Bumps dense counters for each matching document of one shard.
class CountingSpy : public Xapian::MatchSpy {
 public:
  CountingSpy(const Columns::Shard& shard, unsigned facet_mask, bool dates, Tally& tally)
      : size_(shard.size), tally_(tally), day_(dates ? shard.day.data() : nullptr) {
    for (std::size_t f = 0; f < kFacetCount; ++f) {
      if ((facet_mask & (1u << f)) == 0) continue;
      active_[active_count_++] = {shard.offsets[f].data(), shard.ids[f].data(),
                                  tally.counts[f].data()};
    }
    if (dates) day_counts_ = tally.day_counts.data();
  }

  void operator()(const Xapian::Document& doc, double) override {
    const Xapian::docid did = doc.get_docid();
    ++tally_.matches;
    if (did >= size_) {  // added after the columns were loaded: no known values
      if (day_) ++tally_.undated;
      return;
    }
    for (std::size_t k = 0; k < active_count_; ++k) {
      const Column& c = active_[k];
      for (std::uint32_t i = c.offsets[did], end = c.offsets[did + 1]; i < end; ++i) {
        ++c.counts[c.ids[i]];
      }
    }
    if (day_) {
      const std::uint32_t d = day_[did];
      if (d == kNoDay) {
        ++tally_.undated;
      } else {
        ++day_counts_[d];
      }
    }
  }

 private:
  struct Column {
    const std::uint32_t* offsets = nullptr;
    const std::uint32_t* ids = nullptr;
    std::uint32_t* counts = nullptr;
  };
  std::array<Column, kFacetCount> active_{};
  std::size_t active_count_ = 0;
  Xapian::docid size_;
  Tally& tally_;
  const std::uint32_t* day_;
  std::uint32_t* day_counts_ = nullptr;
};

// Reads slot values in document order into CSR arrays.
void load_facet(const Xapian::Database& db, Xapian::valueno slot, Dictionary& dictionary,
                Xapian::docid size, std::vector<std::uint32_t>& offsets,
                std::vector<std::uint32_t>& ids) {
  offsets.assign(static_cast<std::size_t>(size) + 1, 0);
  Xapian::docid filled = 0;  // offsets[0 .. filled) are set
  for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
    const Xapian::docid did = it.get_docid();
    if (did >= size) break;
    while (filled <= did) offsets[filled++] = static_cast<std::uint32_t>(ids.size());
    const std::string packed = *it;
    std::string_view rest = packed;
    while (!rest.empty()) {
      const std::size_t end = rest.find('\n');
      const std::string_view key = rest.substr(0, end);
      if (!key.empty()) ids.push_back(dictionary.intern(key));
      if (end == std::string_view::npos) break;
      rest.remove_prefix(end + 1);
    }
  }
  while (filled <= size) offsets[filled++] = static_cast<std::uint32_t>(ids.size());
  ids.shrink_to_fit();
}

std::shared_ptr<const Columns> load_columns(const std::vector<Xapian::Database>& shards) {
  auto columns = std::make_shared<Columns>();
  // Day ids are first given in order of appearance, then renumbered by date.
  std::vector<std::int32_t> first_seen_days;
  std::unordered_map<std::int32_t, std::uint32_t> day_ids;
  for (const Xapian::Database& db : shards) {
    Columns::Shard& shard = columns->shards.emplace_back();
    shard.size = db.get_lastdocid() + 1;
    for (std::size_t f = 0; f < kFacetCount; ++f) {
      load_facet(db, schema::layout(schema::kAllFacets[f]).slot, columns->dictionaries[f],
                 shard.size, shard.offsets[f], shard.ids[f]);
    }
    shard.day.assign(shard.size, kNoDay);
    for (auto it = db.valuestream_begin(schema::kDaySlot);
         it != db.valuestream_end(schema::kDaySlot); ++it) {
      const Xapian::docid did = it.get_docid();
      if (did >= shard.size) break;
      const std::optional<std::int32_t> d = parse_day(*it);
      if (!d) continue;
      const auto [pos, added] =
          day_ids.emplace(*d, static_cast<std::uint32_t>(first_seen_days.size()));
      if (added) first_seen_days.push_back(*d);
      shard.day[did] = pos->second;
    }
  }
  std::vector<std::uint32_t> order(first_seen_days.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return first_seen_days[a] < first_seen_days[b];
  });
  std::vector<std::uint32_t> rank(order.size());
  for (std::uint32_t r = 0; r < order.size(); ++r) {
    rank[order[r]] = r;
    columns->days.push_back(first_seen_days[order[r]]);
  }
  for (Columns::Shard& shard : columns->shards) {
    for (std::uint32_t& d : shard.day) {
      if (d != kNoDay) d = rank[d];
    }
  }
  return columns;
}

// A selection's keys as stored: a key the index holds is taken as is, any
// other value through schema::facet_key(). Empty results are dropped;
// duplicates too.
std::vector<std::string> stored_keys(const Dictionary& dictionary, schema::Facet facet,
                                     const std::vector<std::string>& values) {
  std::vector<std::string> keys;
  for (const std::string& value : values) {
    std::string key = dictionary.find(value) ? value : schema::facet_key(facet, value);
    if (key.empty() || std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
    keys.push_back(std::move(key));
  }
  return keys;
}

// The filters of a selection, one query per facet (nullopt = no filter) and
// one for the date range.
struct Filters {
  std::array<std::optional<Xapian::Query>, kFacetCount> facets;
  std::optional<Xapian::Query> dates;
  std::array<std::vector<std::string>, kFacetCount> keys;  // selected keys as stored
};

Filters make_filters(const Columns& columns, const FacetSelection& selection) {
  validate_day(selection.from_day, "from_day");
  validate_day(selection.to_day, "to_day");
  Filters filters;
  for (std::size_t f = 0; f < kFacetCount; ++f) {
    if (selection.keys[f].empty()) continue;
    const schema::Facet facet = schema::kAllFacets[f];
    filters.keys[f] = stored_keys(columns.dictionaries[f], facet, selection.keys[f]);
    if (filters.keys[f].empty()) {  // only values that cannot be facet keys: nothing matches
      filters.facets[f] = Xapian::Query::MatchNothing;
      continue;
    }
    std::vector<Xapian::Query> terms;
    for (const std::string& key : filters.keys[f]) {
      terms.emplace_back(std::string(schema::layout(facet).prefix) + key);
    }
    filters.facets[f] = Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
  }
  const std::string& from = selection.from_day;
  const std::string& to = selection.to_day;
  if (!from.empty() && !to.empty()) {
    filters.dates = Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kDaySlot, from, to);
  } else if (!from.empty()) {
    filters.dates = Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kDaySlot, from);
  } else if (!to.empty()) {
    filters.dates = Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kDaySlot, to);
  }
  return filters;
}

// The filters to apply, leaving out one facet (kFacetCount = none) and the
// date range if asked.
std::vector<Xapian::Query> filter_list(const Filters& filters, std::size_t except_facet,
                                       bool with_dates) {
  std::vector<Xapian::Query> list;
  for (std::size_t f = 0; f < kFacetCount; ++f) {
    if (f != except_facet && filters.facets[f]) list.push_back(*filters.facets[f]);
  }
  if (with_dates && filters.dates) list.push_back(*filters.dates);
  return list;
}

// For counting only (weights do not matter): a MatchAll base is left out.
Xapian::Query counting_query(const Xapian::Query& base, const std::vector<Xapian::Query>& list) {
  if (list.empty()) return base;
  const Xapian::Query filter = list.size() == 1
                                   ? list.front()
                                   : Xapian::Query(Xapian::Query::OP_AND, list.begin(), list.end());
  if (base.get_type() == Xapian::Query::LEAF_MATCH_ALL) return filter;
  return Xapian::Query(Xapian::Query::OP_FILTER, base, filter);
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

FacetCounter::FacetCounter(const OpenIndex& index, const extract::FacetExtractor* reference)
    : shards_(index.shards), columns_(load_columns(index.shards)), reference_(reference) {}

FacetCounter::FacetCounter(const OpenIndex& index, const FacetCounter& other)
    : shards_(index.shards), columns_(other.columns_), reference_(other.reference_) {}

FacetCounter::~FacetCounter() = default;
FacetCounter::FacetCounter(FacetCounter&&) noexcept = default;
FacetCounter& FacetCounter::operator=(FacetCounter&&) noexcept = default;

Xapian::Query FacetCounter::filtered(const Xapian::Query& base,
                                     const FacetSelection& selection) const {
  const std::vector<Xapian::Query> list =
      filter_list(make_filters(*columns_, selection), kFacetCount, true);
  if (list.empty()) return base;
  return Xapian::Query(Xapian::Query::OP_FILTER, base,
                       Xapian::Query(Xapian::Query::OP_AND, list.begin(), list.end()));
}

namespace {

// Runs `query` on every shard, tallying the facets of `facet_mask` and, if
// `dates`, the publication days.
void run_pass(const std::vector<Xapian::Database>& shards, const Columns& columns,
              const Xapian::Query& query, unsigned facet_mask, bool dates, Tally& tally) {
  for (std::size_t f = 0; f < kFacetCount; ++f) {
    if (facet_mask & (1u << f)) tally.counts[f].assign(columns.dictionaries[f].keys.size(), 0);
  }
  if (dates) tally.day_counts.assign(columns.days.size(), 0);
  if (query.get_type() == Xapian::Query::LEAF_MATCH_NOTHING) return;
  for (std::size_t s = 0; s < shards.size(); ++s) {
    const Xapian::Database& db = shards[s];
    if (db.get_doccount() == 0) continue;
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    CountingSpy spy(columns.shards[s], facet_mask, dates, tally);
    enquire.add_matchspy(&spy);
    (void)enquire.get_mset(0, 0, db.get_doccount());
    enquire.clear_matchspies();
  }
}

}  // namespace

FacetCounts FacetCounter::count(const Xapian::Query& base, const FacetSelection& selection,
                                std::size_t top_n) const {
  const Columns& columns = *columns_;
  const Filters filters = make_filters(columns, selection);

  // One pass with every filter: the total, the facets nobody selected in, and
  // the dates unless a date range is set. Then one pass per facet with a
  // selection (and one for the dates) with every other filter.
  std::array<Tally, kFacetCount> facet_tallies;
  std::array<const Tally*, kFacetCount> tally_of{};
  Tally main;
  unsigned main_mask = 0;
  for (std::size_t f = 0; f < kFacetCount; ++f) {
    if (!filters.facets[f]) {
      main_mask |= 1u << f;
      tally_of[f] = &main;
    }
  }
  run_pass(shards_, columns, counting_query(base, filter_list(filters, kFacetCount, true)),
           main_mask, !filters.dates, main);
  for (std::size_t f = 0; f < kFacetCount; ++f) {
    if (!filters.facets[f]) continue;
    run_pass(shards_, columns, counting_query(base, filter_list(filters, f, true)), 1u << f, false,
             facet_tallies[f]);
    tally_of[f] = &facet_tallies[f];
  }
  Tally date_tally;
  const Tally* dates = &main;
  if (filters.dates) {
    run_pass(shards_, columns, counting_query(base, filter_list(filters, kFacetCount, false)), 0,
             true, date_tally);
    dates = &date_tally;
  }

  FacetCounts result;
  result.total = main.matches;
  for (std::size_t f = 0; f < kFacetCount; ++f) {
    const schema::Facet facet = schema::kAllFacets[f];
    const Dictionary& dictionary = columns.dictionaries[f];
    const std::vector<std::uint32_t>& counts = tally_of[f]->counts[f];
    FacetSummary& summary = result.facets.emplace_back();
    summary.facet = std::string(schema::layout(facet).name);

    std::vector<std::uint32_t> ids;
    for (std::uint32_t id = 0; id < counts.size(); ++id) {
      if (counts[id] != 0) ids.push_back(id);
    }
    summary.distinct = ids.size();
    const auto before = [&](std::uint32_t a, std::uint32_t b) {
      if (counts[a] != counts[b]) return counts[a] > counts[b];
      return dictionary.keys[a] < dictionary.keys[b];
    };
    const std::size_t shown = std::min(top_n, ids.size());
    std::partial_sort(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(shown), ids.end(),
                      before);
    ids.resize(shown);

    const std::vector<std::string>& selected = filters.keys[f];
    for (std::uint32_t id : ids) {
      FacetBucket& bucket = summary.top.emplace_back();
      bucket.key = dictionary.keys[id];
      bucket.count = counts[id];
      bucket.selected = std::find(selected.begin(), selected.end(), bucket.key) != selected.end();
    }
    bool appended = false;
    for (const std::string& key : selected) {
      const bool listed = std::any_of(summary.top.begin(), summary.top.end(),
                                      [&](const FacetBucket& b) { return b.key == key; });
      if (listed) continue;
      FacetBucket& bucket = summary.top.emplace_back();
      bucket.key = key;
      const std::optional<std::uint32_t> id = dictionary.find(key);
      bucket.count = id ? counts[*id] : 0;
      bucket.selected = true;
      appended = true;
    }
    if (appended) {
      std::stable_sort(summary.top.begin(), summary.top.end(),
                       [](const FacetBucket& a, const FacetBucket& b) {
                         if (a.count != b.count) return a.count > b.count;
                         return a.key < b.key;
                       });
    }
    for (FacetBucket& bucket : summary.top) {
      const Name& name = display_name(facet, bucket.key);
      bucket.name = name.name;
      bucket.detail = name.detail;
    }
  }

  // The date histogram.
  DateHistogram& histogram = result.dates;
  histogram.undated = dates->undated;
  const std::vector<std::uint32_t>& day_counts = dates->day_counts;
  std::size_t first = day_counts.size(), last = 0;
  for (std::size_t d = 0; d < day_counts.size(); ++d) {
    if (day_counts[d] == 0) continue;
    first = std::min(first, d);
    last = d;
  }
  if (first <= last && first < day_counts.size()) {
    const std::int32_t lo = columns.days[first], hi = columns.days[last];
    const year_month_day lo_ymd = civil(lo), hi_ymd = civil(hi);
    const int months = (static_cast<int>(hi_ymd.year()) - static_cast<int>(lo_ymd.year())) * 12 +
                       static_cast<int>(static_cast<unsigned>(hi_ymd.month())) -
                       static_cast<int>(static_cast<unsigned>(lo_ymd.month())) + 1;
    // Bucket boundaries as day numbers: [start, next start).
    std::vector<std::int32_t> starts;
    const char* label_format;
    if (hi - lo + 1 <= kMaxDayBucketSpan) {
      histogram.unit = "day";
      label_format = "%04d-%02u-%02u";
      for (std::int32_t d = lo; d <= hi + 1; ++d) starts.push_back(d);
    } else if (months <= kMaxMonthBucketSpan) {
      histogram.unit = "month";
      label_format = "%04d-%02u";
      std::chrono::year_month m{lo_ymd.year(), lo_ymd.month()};
      for (int i = 0; i <= months; ++i, m += std::chrono::months{1}) {
        starts.push_back(day_number(m / day{1}));
      }
    } else {
      histogram.unit = "year";
      label_format = "%04d";
      for (int y = static_cast<int>(lo_ymd.year()); y <= static_cast<int>(hi_ymd.year()) + 1; ++y) {
        starts.push_back(day_number(year_month_day{year{y}, month{1}, day{1}}));
      }
    }
    // Days are ascending: walk them once alongside the buckets.
    std::size_t d = first;
    for (std::size_t b = 0; b + 1 < starts.size(); ++b) {
      DateBucket bucket;
      const year_month_day from = civil(starts[b]);
      bucket.label = format_ymd(from, label_format);
      bucket.from = day_key(starts[b]);
      bucket.to = day_key(starts[b + 1] - 1);
      for (; d <= last && columns.days[d] < starts[b + 1]; ++d) bucket.count += day_counts[d];
      bucket.selected = filters.dates &&
                        (selection.from_day.empty() || bucket.to >= selection.from_day) &&
                        (selection.to_day.empty() || bucket.from <= selection.to_day);
      histogram.buckets.push_back(std::move(bucket));
    }
    if (histogram.buckets.size() > kMaxDateBuckets) {  // only a year span this wide: keep non-empty
      std::erase_if(histogram.buckets, [](const DateBucket& b) { return b.count == 0; });
    }
  }
  return result;
}

const FacetCounter::Name& FacetCounter::display_name(schema::Facet facet,
                                                     const std::string& key) const {
  auto& cache = names_[static_cast<std::size_t>(facet)];
  if (const auto it = cache.find(key); it != cache.end()) return it->second;
  Name name;
  bool known = false;
  if (facet == schema::Facet::Country) {
    name.name = extract::country_display_name(key);
    name.detail = upper(key);
    known = true;
  } else if (reference_ != nullptr && facet == schema::Facet::Company) {
    if (const extract::CompanyInfo* info = reference_->companies().find(key)) {
      name.name = info->name;
      if (!info->tickers.empty()) name.detail = info->tickers.front();
      known = true;
    }
  } else if (reference_ != nullptr && facet == schema::Facet::Topic) {
    if (const extract::TopicInfo* info = reference_->taxonomy().find(key)) {
      name.name = info->name;
      known = true;
    }
  }
  if (!known) {
    // The stored data of the first article carrying the key: the value as the
    // article shows it, if it is the one with this key.
    name.name = key;
    const std::string term = std::string(schema::layout(facet).prefix) + key;
    for (const Xapian::Database& db : shards_) {
      const Xapian::PostingIterator it = db.postlist_begin(term);
      if (it == db.postlist_end(term)) continue;
      const schema::StoredArticle stored =
          schema::decode_document_data(db.get_document(*it).get_data());
      const Article& article = stored.article;
      const std::vector<std::string> shown = facet == schema::Facet::Source
                                                 ? std::vector<std::string>{article.source}
                                             : facet == schema::Facet::Company ? article.companies
                                                                               : article.topics;
      for (const std::string& value : shown) {
        if (schema::facet_key(facet, value) == key) {
          name.name = value;
          break;
        }
      }
      break;
    }
  }
  return cache.emplace(key, std::move(name)).first->second;
}

FacetCounter::Stats FacetCounter::stats() const {
  Stats stats;
  const Columns& columns = *columns_;
  for (std::size_t f = 0; f < kFacetCount; ++f) {
    stats.distinct[f] = columns.dictionaries[f].keys.size();
    for (const std::string& key : columns.dictionaries[f].keys) {
      // The key twice (vector and map) plus hash-node overhead, roughly.
      stats.bytes += 2 * (sizeof(std::string) + key.capacity()) + 32;
    }
  }
  stats.distinct_days = columns.days.size();
  stats.bytes += columns.days.capacity() * sizeof(std::int32_t);
  for (const Columns::Shard& shard : columns.shards) {
    for (std::size_t f = 0; f < kFacetCount; ++f) {
      stats.bytes +=
          (shard.offsets[f].capacity() + shard.ids[f].capacity()) * sizeof(std::uint32_t);
    }
    stats.bytes += shard.day.capacity() * sizeof(std::uint32_t);
  }
  for (const Xapian::Database& db : shards_) stats.documents += db.get_doccount();
  return stats;
}

}  // namespace newsdesk::search
