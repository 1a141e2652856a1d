#include "search/facet_counter.h"

#include <algorithm>
#include <bit>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <exception>
#include <functional>
#include <future>
#include <optional>
#include <string_view>

#include "errors.h"
#include "extract/facet_extractor.h"
#include "search/index_reader.h"
#include "text/string_map.h"

namespace newsdesk::search {
namespace {

using std::chrono::day;
using std::chrono::days;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;

// Key string <-> dense id, shared by every shard.
struct Dictionary {
  std::vector<std::string> keys;
  text::StringMap<std::uint32_t> ids;

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

// A story key (schema::story_key: 16 hex digits) as a number; 0 for
// anything else, which no document's story equals.
std::uint64_t story_number(std::string_view key) {
  std::uint64_t number = 0;
  if (key.size() != 16) return 0;
  const auto [end, error] = std::from_chars(key.data(), key.data() + key.size(), number, 16);
  return error == std::errc() && end == key.data() + key.size() ? number : 0;
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
  // One shard's columns, indexed by local document id (0 unused). Every
  // facet value has one value id: the facets' ids follow one another.
  struct Shard {
    Xapian::docid size = 0;  // last document id + 1 when loaded
    // The values of document d, every facet's: values[offsets[d] .. offsets[d + 1]);
    // doc_of[i]: the document of values[i].
    std::vector<std::uint32_t> offsets, values, doc_of;
    std::vector<std::uint32_t> day;  // index into `days`; days.size() = undated
    std::vector<std::uint64_t>
        story;  // the story key (slot 6, 16 hex digits) as a number; 0 = none
    std::vector<Xapian::docid> absent;  // ids below `size` without a document (deleted)
  };

  std::array<Dictionary, kFacetCount> dictionaries;  // key <-> the facet's own id
  // Value id of the facet's own id k: first_id[f] + k. first_id[kFacetCount]: number of ids.
  std::array<std::uint32_t, kFacetCount + 1> first_id{};
  std::vector<std::uint8_t> others;  // by value id: every filter bit but its facet's
  std::vector<std::int32_t> days;    // distinct publication days (days since 1970), ascending
  std::vector<Shard> shards;

  [[nodiscard]] std::uint32_t undated() const { return static_cast<std::uint32_t>(days.size()); }
  [[nodiscard]] std::uint32_t value_count() const { return first_id[kFacetCount]; }
};

namespace {

using Columns = FacetCounter::Columns;

// A document's failed filters: bit f for facet f, then the date range.
constexpr unsigned kDateBit = 1u << kFacetCount;
constexpr std::uint8_t kAllBits = (1u << (kFacetCount + 1)) - 1;
constexpr std::uint8_t kAbsent = 0xff;  // fails everything: counts nowhere

// The filters of a selection as the counter applies them, on the columns.
struct Plan {
  std::array<std::vector<std::string>, kFacetCount> keys;  // the selected keys as stored
  unsigned facet_filters = 0;                              // bit f: facet f has a filter
  std::vector<std::uint8_t> selected_bits;  // by value id: its facet's bit if selected, else 0
  bool date_filter = false;
  std::uint32_t first_day = 0, last_day = 0;  // day ids, inclusive (first > last: none)
  // Stories whose matches are counted (those of the hits shown), and a
  // 64-bit mask of their low bits that rules most documents out at once.
  std::vector<std::uint64_t> stories;
  std::uint64_t story_mask = 0;

  [[nodiscard]] bool filters() const { return facet_filters != 0 || date_filter; }
};

// What the counting adds up.
struct Tally {
  std::vector<std::uint32_t> counts;      // by value id
  std::vector<std::uint32_t> day_counts;  // by day id; the last one counts the undated
  std::size_t total = 0;                  // matches passing every filter
  std::vector<std::uint32_t> stories;     // by Plan::stories: its matches passing every filter

  Tally(const Columns& columns, const Plan& plan)
      : counts(columns.value_count(), 0),
        day_counts(columns.days.size() + 1, 0),
        stories(plan.stories.size(), 0) {}
  void add(const Tally& other) {
    for (std::size_t i = 0; i < counts.size(); ++i) counts[i] += other.counts[i];
    for (std::size_t d = 0; d < day_counts.size(); ++d) day_counts[d] += other.day_counts[d];
    for (std::size_t k = 0; k < stories.size(); ++k) stories[k] += other.stories[k];
    total += other.total;
  }
};

// Each selection's view of the matches at once. A match that fails no filter
// counts for the total, every facet and the histogram; one that fails exactly
// one facet's filter counts for that facet only (a facet is counted without
// its own filter); one that fails only the date range counts for the
// histogram only (so is the histogram); one that fails two filters counts
// nowhere.
//
// Counts one shard's matches one document at a time, as Xapian finds them.
class DocCounter {
 public:
  DocCounter(const Columns& columns, const Columns::Shard& shard, const Plan& plan, Tally& tally)
      : size_(shard.size),
        offsets_(shard.offsets.data()),
        values_(shard.values.data()),
        day_(shard.day.data()),
        others_(columns.others.data()),
        selected_(plan.selected_bits.data()),
        facet_filters_(plan.facet_filters),
        date_filter_(plan.date_filter),
        first_day_(plan.first_day),
        last_day_(plan.last_day),
        undated_(columns.undated()),
        story_(shard.story.data()),
        stories_(plan.stories),
        story_mask_(plan.story_mask),
        story_counts_(tally.stories.data()),
        counts_(tally.counts.data()),
        day_counts_(tally.day_counts.data()),
        total_(tally.total) {}

  void add(Xapian::docid did) {
    if (did >= size_) {  // added after the columns were loaded: no values, no date
      add_unknown();
      return;
    }
    const std::uint32_t* const begin = values_ + offsets_[did];
    const std::uint32_t* const end = values_ + offsets_[did + 1];
    unsigned fail = 0;
    if (facet_filters_ != 0) {
      unsigned hit = 0;
      for (const std::uint32_t* v = begin; v != end; ++v) hit |= selected_[*v];
      fail = facet_filters_ & ~hit;
    }
    const std::uint32_t day = day_[did];
    // The undated id is above every day id: an undated document fails a date range.
    if (date_filter_ && (day < first_day_ || day > last_day_)) fail |= kDateBit;
    if (fail == 0) {
      ++total_;
      for (const std::uint32_t* v = begin; v != end; ++v) ++counts_[*v];
      ++day_counts_[day];
      count_story(did);
    } else if (fail == kDateBit) {
      ++day_counts_[day];
    } else if ((fail & (fail - 1)) == 0) {  // one facet's filter: count that facet
      for (const std::uint32_t* v = begin; v != end; ++v) counts_[*v] += (fail & others_[*v]) == 0;
    }
  }

 private:
  void count_story(Xapian::docid did) {
    const std::uint64_t story = story_[did];
    if ((story_mask_ & (std::uint64_t{1} << (story & 63))) == 0 || story == 0) return;
    for (std::size_t k = 0; k < stories_.size(); ++k) story_counts_[k] += stories_[k] == story;
  }

  void add_unknown() {
    unsigned fail = facet_filters_;  // no values: fails every facet filter
    if (date_filter_) fail |= kDateBit;
    if (fail == 0) ++total_;
    if ((fail & ~kDateBit) == 0) ++day_counts_[undated_];
  }

  Xapian::docid size_;
  const std::uint32_t* offsets_;
  const std::uint32_t* values_;
  const std::uint32_t* day_;
  const std::uint8_t* others_;
  const std::uint8_t* selected_;
  unsigned facet_filters_;
  bool date_filter_;
  std::uint32_t first_day_, last_day_, undated_;
  const std::uint64_t* story_;
  const std::vector<std::uint64_t>& stories_;
  std::uint64_t story_mask_;
  std::uint32_t* story_counts_;
  std::uint32_t* counts_;
  std::uint32_t* day_counts_;
  std::size_t& total_;
};

// Feeds the documents Xapian matches to a DocCounter.
class CountingSpy : public Xapian::MatchSpy {
 public:
  explicit CountingSpy(DocCounter& counter) : counter_(counter) {}
  void operator()(const Xapian::Document& doc, double) override { counter_.add(doc.get_docid()); }

 private:
  DocCounter& counter_;
};

// Counts every document of a shard (a MatchAll query) with the same rules
// as DocCounter, one array at a time and without branches in the loops.
void count_all(const Columns& columns, const Columns::Shard& shard, const Plan& plan,
               Tally& tally) {
  const std::size_t size = shard.size;
  const std::uint32_t* values = shard.values.data();
  const std::size_t value_count = shard.values.size();
  std::uint32_t* counts = tally.counts.data();
  std::uint32_t* day_counts = tally.day_counts.data();
  // The wanted stories' documents among those passing every filter (a
  // deleted document has no story).
  const auto count_stories = [&](const auto& passes) {
    if (plan.stories.empty()) return;
    for (std::size_t did = 1; did < size; ++did) {
      const std::uint64_t story = shard.story[did];
      if (story == 0 || (plan.story_mask & (std::uint64_t{1} << (story & 63))) == 0) continue;
      if (!passes(did)) continue;
      for (std::size_t k = 0; k < plan.stories.size(); ++k) {
        tally.stories[k] += plan.stories[k] == story;
      }
    }
  };
  if (!plan.filters()) {
    for (std::size_t i = 0; i < value_count; ++i) ++counts[values[i]];
    for (std::size_t did = 1; did < size; ++did) ++day_counts[shard.day[did]];
    day_counts[columns.undated()] -= static_cast<std::uint32_t>(shard.absent.size());
    tally.total += size - 1 - shard.absent.size();
    count_stories([](std::size_t) { return true; });
    return;
  }
  // First the facet filters each document passes, then those it fails.
  std::vector<std::uint8_t> fail(size, 0);
  const std::uint32_t* doc_of = shard.doc_of.data();
  if (plan.facet_filters != 0) {
    const std::uint8_t* selected = plan.selected_bits.data();
    for (std::size_t i = 0; i < value_count; ++i) fail[doc_of[i]] |= selected[values[i]];
  }
  const auto filters = static_cast<std::uint8_t>(plan.facet_filters);
  const std::uint32_t first_day = plan.date_filter ? plan.first_day : 0;
  const std::uint32_t last_day = plan.date_filter ? plan.last_day : columns.undated();
  constexpr auto kNotDate = static_cast<std::uint8_t>(kAllBits & ~kDateBit);
  std::size_t total = 0;
  const auto tally_doc = [&](std::size_t did, int sign) {
    const std::uint8_t f = fail[did];
    total += static_cast<std::size_t>(sign * (f == 0));
    day_counts[shard.day[did]] += static_cast<std::uint32_t>(sign * ((f & kNotDate) == 0));
  };
  for (std::size_t did = 0; did < size; ++did) {
    const std::uint32_t day = shard.day[did];
    fail[did] = static_cast<std::uint8_t>((filters & ~fail[did]) |
                                          (day < first_day || day > last_day) * kDateBit);
    tally_doc(did, 1);
  }
  // No document 0, nor deleted ones: take back what they added, then they
  // count nowhere.
  tally_doc(0, -1);
  fail[0] = kAbsent;
  for (const Xapian::docid did : shard.absent) {
    tally_doc(did, -1);
    fail[did] = kAbsent;
  }
  tally.total += total;
  count_stories([&](std::size_t did) { return fail[did] == 0; });
  const std::uint8_t* others = columns.others.data();
  for (std::size_t i = 0; i < value_count; ++i) {
    counts[values[i]] += (fail[doc_of[i]] & others[values[i]]) == 0;
  }
}

// The terms of a query that is one term or a conjunction (AND, FILTER) of
// terms: the most common shapes of a search. False for any other query.
bool conjunction_terms(const Xapian::Query& query, std::vector<std::string>& terms) {
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM:
      terms.push_back(*query.get_terms_begin());
      return true;
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
      for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        if (!conjunction_terms(query.get_subquery(i), terms)) return false;
      }
      return true;
    default:
      return false;
  }
}

// Counts the documents holding every one of `terms`: the rarest term's
// posting list, the others skipped along. Two to three times faster than
// Xapian's matcher, which weighs and checks each document.
void count_conjunction(const Xapian::Database& db, std::vector<std::string> terms,
                       DocCounter& counter) {
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  std::vector<std::pair<Xapian::doccount, std::string>> by_frequency;
  for (std::string& term : terms) by_frequency.emplace_back(db.get_termfreq(term), std::move(term));
  std::sort(by_frequency.begin(), by_frequency.end());
  if (by_frequency.front().first == 0) return;
  std::vector<Xapian::PostingIterator> lists;
  for (const auto& [frequency, term] : by_frequency) lists.push_back(db.postlist_begin(term));
  const Xapian::PostingIterator end;
  Xapian::PostingIterator& lead = lists.front();
  while (lead != end) {
    const Xapian::docid candidate = *lead;
    Xapian::docid next = candidate;
    for (std::size_t i = 1; i < lists.size(); ++i) {
      lists[i].skip_to(candidate);
      if (lists[i] == end) return;
      if (*lists[i] != candidate) {
        next = *lists[i];
        break;
      }
    }
    if (next == candidate) {
      counter.add(candidate);
      ++lead;
    } else {
      lead.skip_to(next);
    }
  }
}

// Counts the matches of `base` in one shard: MatchAll from the columns
// alone, a conjunction of terms from their posting lists, anything else
// through a boolean, docid-ordered Xapian pass.
void count_shard(const Xapian::Database& db, const Columns& columns, const Columns::Shard& shard,
                 const Xapian::Query& base, const Plan& plan, Tally& tally) {
  const Xapian::Query::op type = base.get_type();
  if (type == Xapian::Query::LEAF_MATCH_NOTHING) return;
  if (type == Xapian::Query::LEAF_MATCH_ALL) {
    count_all(columns, shard, plan, tally);
    return;
  }
  if (db.get_doccount() == 0) return;
  DocCounter counter(columns, shard, plan, tally);
  if (std::vector<std::string> terms; conjunction_terms(base, terms) && !terms.empty()) {
    count_conjunction(db, std::move(terms), counter);
    return;
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(base);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  CountingSpy spy(counter);
  enquire.add_matchspy(&spy);
  (void)enquire.get_mset(0, 0, db.get_doccount());
  enquire.clear_matchspies();
}

// One facet of one shard while loading: the facet's own ids, CSR by document.
struct FacetColumn {
  std::vector<std::uint32_t> offsets, ids;
};

// Reads a facet slot's values in document order.
FacetColumn load_facet(const Xapian::Database& db, Xapian::valueno slot, Dictionary& dictionary,
                       Xapian::docid size) {
  FacetColumn column;
  column.offsets.assign(static_cast<std::size_t>(size) + 1, 0);
  Xapian::docid filled = 0;  // offsets[0 .. filled) are set
  for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
    const Xapian::docid did = it.get_docid();
    if (did >= size) break;
    while (filled <= did) column.offsets[filled++] = static_cast<std::uint32_t>(column.ids.size());
    const std::string packed = *it;
    std::string_view rest = packed;
    while (!rest.empty()) {
      const std::size_t end = rest.find('\n');
      const std::string_view key = rest.substr(0, end);
      if (!key.empty()) column.ids.push_back(dictionary.intern(key));
      if (end == std::string_view::npos) break;
      rest.remove_prefix(end + 1);
    }
  }
  while (filled <= size) column.offsets[filled++] = static_cast<std::uint32_t>(column.ids.size());
  return column;
}

std::shared_ptr<const Columns> load_columns(const std::vector<Xapian::Database>& shards) {
  auto columns = std::make_shared<Columns>();
  // Day ids are first given in order of appearance, then renumbered by date.
  constexpr std::uint32_t kNoDay = UINT32_MAX;
  std::vector<std::int32_t> first_seen_days;
  std::unordered_map<std::int32_t, std::uint32_t> day_ids;
  std::vector<std::array<FacetColumn, kFacetCount>> facets(shards.size());
  for (std::size_t s = 0; s < shards.size(); ++s) {
    const Xapian::Database& db = shards[s];
    Columns::Shard& shard = columns->shards.emplace_back();
    shard.size = db.get_lastdocid() + 1;
    for (std::size_t f = 0; f < kFacetCount; ++f) {
      facets[s][f] = load_facet(db, schema::layout(schema::kAllFacets[f]).slot,
                                columns->dictionaries[f], shard.size);
    }
    if (db.get_doccount() + 1 != shard.size) {
      Xapian::docid next = 1;
      for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it, ++next) {
        for (; next < *it && next < shard.size; ++next) shard.absent.push_back(next);
      }
      for (; next < shard.size; ++next) shard.absent.push_back(next);
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
    shard.story.assign(shard.size, 0);
    for (auto it = db.valuestream_begin(schema::kStorySlot);
         it != db.valuestream_end(schema::kStorySlot); ++it) {
      const Xapian::docid did = it.get_docid();
      if (did >= shard.size) break;
      shard.story[did] = story_number(*it);
    }
  }

  // Value ids: the facets' own ids one after the other.
  for (std::size_t f = 0; f < kFacetCount; ++f) {
    columns->first_id[f + 1] =
        columns->first_id[f] + static_cast<std::uint32_t>(columns->dictionaries[f].keys.size());
    columns->others.resize(columns->first_id[f + 1],
                           static_cast<std::uint8_t>(kAllBits & ~(1u << f)));
  }
  for (std::size_t s = 0; s < shards.size(); ++s) {
    Columns::Shard& shard = columns->shards[s];
    std::size_t total = 0;
    for (const FacetColumn& c : facets[s]) total += c.ids.size();
    shard.offsets.assign(static_cast<std::size_t>(shard.size) + 1, 0);
    shard.values.reserve(total);
    shard.doc_of.reserve(total);
    for (Xapian::docid did = 0; did < shard.size; ++did) {
      shard.offsets[did] = static_cast<std::uint32_t>(shard.values.size());
      for (std::size_t f = 0; f < kFacetCount; ++f) {
        const FacetColumn& c = facets[s][f];
        for (std::uint32_t i = c.offsets[did]; i < c.offsets[did + 1]; ++i) {
          shard.values.push_back(columns->first_id[f] + c.ids[i]);
          shard.doc_of.push_back(did);
        }
      }
    }
    shard.offsets[shard.size] = static_cast<std::uint32_t>(shard.values.size());
    facets[s] = {};  // the shard's loading columns are no longer needed
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
  const std::uint32_t undated = columns->undated();
  for (Columns::Shard& shard : columns->shards) {
    for (std::uint32_t& d : shard.day) d = d == kNoDay ? undated : rank[d];
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

// The selection's keys as stored, per facet; the date bounds checked.
std::array<std::vector<std::string>, kFacetCount> selected_keys(const Columns& columns,
                                                                const FacetSelection& selection) {
  validate_day(selection.from_day, "from_day");
  validate_day(selection.to_day, "to_day");
  std::array<std::vector<std::string>, kFacetCount> keys;
  for (std::size_t f = 0; f < kFacetCount; ++f) {
    keys[f] = stored_keys(columns.dictionaries[f], schema::kAllFacets[f], selection.keys[f]);
  }
  return keys;
}

Plan make_plan(const Columns& columns, const FacetSelection& selection) {
  Plan plan;
  plan.keys = selected_keys(columns, selection);
  for (std::size_t f = 0; f < kFacetCount; ++f) {
    // A facet with values ticked filters even if none of them is a key the
    // index holds (then nothing passes), as the Xapian filter would.
    if (selection.keys[f].empty()) continue;
    if (plan.facet_filters == 0) plan.selected_bits.assign(columns.value_count(), 0);
    plan.facet_filters |= 1u << f;
    for (const std::string& key : plan.keys[f]) {
      if (const std::optional<std::uint32_t> id = columns.dictionaries[f].find(key)) {
        plan.selected_bits[columns.first_id[f] + *id] = static_cast<std::uint8_t>(1u << f);
      }
    }
  }
  if (selection.has_date_range()) {
    plan.date_filter = true;
    const std::vector<std::int32_t>& days = columns.days;
    const auto first =
        selection.from_day.empty()
            ? days.begin()
            : std::lower_bound(days.begin(), days.end(), *parse_day(selection.from_day));
    const auto end = selection.to_day.empty()
                         ? days.end()
                         : std::upper_bound(days.begin(), days.end(), *parse_day(selection.to_day));
    if (first < end) {
      plan.first_day = static_cast<std::uint32_t>(first - days.begin());
      plan.last_day = static_cast<std::uint32_t>(end - days.begin() - 1);
    } else {
      plan.first_day = 1;  // no day passes
      plan.last_day = 0;
    }
  }
  return plan;
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

FacetCounter::FacetCounter(const OpenIndex& index, const extract::FacetExtractor* reference)
    : shards_(index.shards), columns_(load_columns(index.shards)), reference_(reference) {}

FacetCounter::FacetCounter(const OpenIndex& index, const FacetCounter& other)
    : shards_(index.shards),
      columns_(other.columns_),
      reference_(other.reference_),
      parallel_shard_size_(other.parallel_shard_size_) {}

FacetCounter::~FacetCounter() = default;
FacetCounter::FacetCounter(FacetCounter&&) noexcept = default;
FacetCounter& FacetCounter::operator=(FacetCounter&&) noexcept = default;

Xapian::Query FacetCounter::filtered(const Xapian::Query& base,
                                     const FacetSelection& selection) const {
  const auto keys = selected_keys(*columns_, selection);
  std::vector<Xapian::Query> filters;
  for (std::size_t f = 0; f < kFacetCount; ++f) {
    if (selection.keys[f].empty()) continue;
    std::vector<Xapian::Query> terms;
    for (const std::string& key : keys[f]) {
      terms.emplace_back(std::string(schema::layout(schema::kAllFacets[f]).prefix) + key);
    }
    // Only values that cannot be facet keys: nothing passes.
    filters.push_back(terms.empty()
                          ? Xapian::Query::MatchNothing
                          : Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
  }
  const std::string& from = selection.from_day;
  const std::string& to = selection.to_day;
  if (!from.empty() && !to.empty()) {
    filters.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::kDaySlot, from, to);
  } else if (!from.empty()) {
    filters.emplace_back(Xapian::Query::OP_VALUE_GE, schema::kDaySlot, from);
  } else if (!to.empty()) {
    filters.emplace_back(Xapian::Query::OP_VALUE_LE, schema::kDaySlot, to);
  }
  if (filters.empty()) return base;
  return Xapian::Query(Xapian::Query::OP_FILTER, base,
                       Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
}

namespace {

// Counts the matches of `base` on every shard.
void count_matches(const std::vector<Xapian::Database>& shards, const Columns& columns,
                   const Xapian::Query& base, const Plan& plan, std::size_t parallel_shard_size,
                   Tally& tally) {
  const bool parallel =
      shards.size() > 1 && std::all_of(shards.begin(), shards.end(), [&](const auto& db) {
        return db.get_doccount() >= parallel_shard_size;
      });
  if (!parallel) {
    for (std::size_t s = 0; s < shards.size(); ++s) {
      count_shard(shards[s], columns, columns.shards[s], base, plan, tally);
    }
    return;
  }
  // Each shard has its own database handle and tally: nothing is shared but
  // the read-only columns. Not even the query: Xapian::Query shares its
  // internals through a reference count that is not atomic, so each thread
  // counts with a deep copy of its own (copying `base` there would race).
  const std::string serialised = base.serialise();
  std::vector<Tally> tallies(shards.size() - 1, Tally(columns, plan));
  std::vector<std::future<void>> done;
  for (std::size_t s = 1; s < shards.size(); ++s) {
    done.push_back(std::async(std::launch::async, [&, s] {
      const Xapian::Query own = Xapian::Query::unserialise(serialised);
      count_shard(shards[s], columns, columns.shards[s], own, plan, tallies[s - 1]);
    }));
  }
  std::exception_ptr error;
  try {
    count_shard(shards[0], columns, columns.shards[0], base, plan, tally);
  } catch (...) {
    error = std::current_exception();
  }
  for (auto& d : done) {
    try {
      d.get();
    } catch (...) {
      if (!error) error = std::current_exception();
    }
  }
  if (error) std::rethrow_exception(error);
  for (const Tally& t : tallies) tally.add(t);
}

}  // namespace

namespace {

bool overlaps(const DateBucket& bucket, const FacetSelection& selection) {
  return selection.has_date_range() &&
         (selection.from_day.empty() || bucket.to >= selection.from_day) &&
         (selection.to_day.empty() || bucket.from <= selection.to_day);
}

// The histogram of the matched days (`day_counts` by day id, the undated
// last). The unit follows the span of the bulk of the dated matches: up to
// kDateOutlierPerMille of them on each side (the odd article dated years
// away) do not stretch it, and are counted in `earlier` and `later`.
DateHistogram make_histogram(const Columns& columns, const std::vector<std::uint32_t>& day_counts,
                             const FacetSelection& selection) {
  DateHistogram histogram;
  const std::vector<std::int32_t>& days = columns.days;
  histogram.undated = day_counts[columns.undated()];
  std::size_t dated = 0;
  for (std::size_t d = 0; d < days.size(); ++d) dated += day_counts[d];
  if (dated == 0) return histogram;

  const std::size_t outliers = dated * kDateOutlierPerMille / 1000;
  std::size_t lo = 0, hi = days.size() - 1, seen = 0;
  for (; (seen += day_counts[lo]) <= outliers; ++lo) {
  }
  for (seen = 0; (seen += day_counts[hi]) <= outliers; --hi) {
  }
  const year_month_day lo_ymd = civil(days[lo]), hi_ymd = civil(days[hi]);
  const int months = (static_cast<int>(hi_ymd.year()) - static_cast<int>(lo_ymd.year())) * 12 +
                     static_cast<int>(static_cast<unsigned>(hi_ymd.month())) -
                     static_cast<int>(static_cast<unsigned>(lo_ymd.month())) + 1;
  // Bucket boundaries as day numbers: [start, next start).
  std::vector<std::int32_t> starts;
  const char* label_format;
  if (days[hi] - days[lo] + 1 <= kMaxDayBucketSpan) {
    histogram.unit = "day";
    label_format = "%04d-%02u-%02u";
    for (std::int32_t d = days[lo]; d <= days[hi] + 1; ++d) starts.push_back(d);
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
  std::size_t d = 0;
  for (; d < days.size() && days[d] < starts.front(); ++d) {
    if (day_counts[d] == 0) continue;
    if (histogram.earlier.count == 0) histogram.earlier.from = day_key(days[d]);
    histogram.earlier.count += day_counts[d];
  }
  for (std::size_t b = 0; b + 1 < starts.size(); ++b) {
    DateBucket bucket;
    bucket.label = format_ymd(civil(starts[b]), label_format);
    bucket.from = day_key(starts[b]);
    bucket.to = day_key(starts[b + 1] - 1);
    for (; d < days.size() && days[d] < starts[b + 1]; ++d) bucket.count += day_counts[d];
    bucket.selected = overlaps(bucket, selection);
    histogram.buckets.push_back(std::move(bucket));
  }
  for (; d < days.size(); ++d) {
    if (day_counts[d] == 0) continue;
    if (histogram.later.count == 0) histogram.later.from = day_key(starts.back());
    histogram.later.to = day_key(days[d]);
    histogram.later.count += day_counts[d];
  }
  if (histogram.earlier.count != 0) {
    histogram.earlier.label = "before " + histogram.buckets.front().label;
    histogram.earlier.to = day_key(starts.front() - 1);
    histogram.earlier.selected = overlaps(histogram.earlier, selection);
  }
  if (histogram.later.count != 0) {
    histogram.later.label = "after " + histogram.buckets.back().label;
    histogram.later.selected = overlaps(histogram.later, selection);
  }
  if (histogram.buckets.size() > kMaxDateBuckets) {  // only a year span this wide: keep non-empty
    std::erase_if(histogram.buckets, [](const DateBucket& b) { return b.count == 0; });
  }
  return histogram;
}

}  // namespace

FacetCounts FacetCounter::count(const Xapian::Query& base, const FacetSelection& selection,
                                std::size_t top_n, const std::vector<std::string>& stories) const {
  const Columns& columns = *columns_;
  Plan plan = make_plan(columns, selection);
  for (const std::string& key : stories) {
    const std::uint64_t story = story_number(key);
    plan.stories.push_back(story);
    plan.story_mask |= std::uint64_t{1} << (story & 63);
  }
  Tally tally(columns, plan);
  count_matches(shards_, columns, base, plan, parallel_shard_size_, tally);

  FacetCounts result;
  result.total = tally.total;
  result.story_matches.assign(tally.stories.begin(), tally.stories.end());
  for (std::size_t f = 0; f < kFacetCount; ++f) {
    const schema::Facet facet = schema::kAllFacets[f];
    const Dictionary& dictionary = columns.dictionaries[f];
    const std::uint32_t* counts = tally.counts.data() + columns.first_id[f];
    const std::uint32_t value_count = columns.first_id[f + 1] - columns.first_id[f];
    FacetSummary& summary = result.facets.emplace_back();
    summary.facet = std::string(schema::layout(facet).name);

    std::vector<std::uint32_t> ids;
    for (std::uint32_t id = 0; id < value_count; ++id) {
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

    const std::vector<std::string>& selected = plan.keys[f];
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

  result.dates = make_histogram(columns, tally.day_counts, selection);
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
  if (!known) name.name = stored_name(facet, key);
  return cache.emplace(key, std::move(name)).first->second;
}

std::string FacetCounter::stored_name(schema::Facet facet, const std::string& key) const {
  // The first article carrying the key shows the value: the shown value
  // whose key it is, else (extraction names a company "Toyota Motor" under
  // key "toyota") the value at the key's place, when the article's shown
  // values and stored keys pair up one to one.
  const std::string term = std::string(schema::layout(facet).prefix) + key;
  for (const Xapian::Database& db : shards_) {
    const Xapian::PostingIterator it = db.postlist_begin(term);
    if (it == db.postlist_end(term)) continue;
    const Xapian::Document doc = db.get_document(*it);
    const Article article = schema::stored_article(doc).article;
    if (facet == schema::Facet::Source) return article.source.empty() ? key : article.source;
    const std::vector<std::string>& shown = facet == schema::Facet::Company   ? article.companies
                                            : facet == schema::Facet::Country ? article.countries
                                                                              : article.topics;
    for (const std::string& value : shown) {
      if (schema::facet_key(facet, value) == key) return value;
    }
    const std::vector<std::string> keys =
        schema::unpack_keys(doc.get_value(schema::layout(facet).slot));
    const auto place = std::find(keys.begin(), keys.end(), key);
    if (shown.size() == keys.size() && place != keys.end()) {
      return shown[static_cast<std::size_t>(place - keys.begin())];
    }
    break;
  }
  return key;
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
  stats.bytes += columns.others.capacity();
  for (const Columns::Shard& shard : columns.shards) {
    stats.bytes += (shard.offsets.capacity() + shard.values.capacity() + shard.doc_of.capacity() +
                    shard.day.capacity()) *
                   sizeof(std::uint32_t);
    stats.bytes += shard.absent.capacity() * sizeof(Xapian::docid);
  }
  for (const Xapian::Database& db : shards_) stats.documents += db.get_doccount();
  return stats;
}

}  // namespace newsdesk::search
