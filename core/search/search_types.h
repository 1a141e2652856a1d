// What a search asks for and what it returns: plain structs, no Xapian types,
// so front ends (searchd, the query tool) never see the engine.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace newsdesk::search {

enum class SortOrder {
  Relevance,  // BM25, title above body, articles about a named company first
  Date,       // newest first; undated last
  Recent,     // relevance decayed by age (half-life `half_life_days`)
};

struct SearchRequest {
  std::string query;                 // query-language text; empty = every article, newest first
  std::size_t page = 1;              // 1-based
  std::size_t size = 10;             // results per page
  std::size_t snippet_length = 240;  // characters of body text around the matches

  // Facet filters, indexed by schema::Facet (company, country, topic,
  // source): values within a facet OR together, facets AND together. Values
  // as a user writes them ("Apple", "AAPL", "China", "CN"); resolved to keys.
  std::array<std::vector<std::string>, 4> filters;
  std::string from_day, to_day;  // "YYYY-MM-DD", inclusive; empty = open

  SortOrder sort = SortOrder::Relevance;
  double half_life_days = 30;  // for SortOrder::Recent

  bool collapse = true;         // the same story from several files or sources shows once
  std::string group;            // list one collapse group (its key, from Hit::group)
  std::string related_to;       // article id: stories related to it, not the query
  std::size_t facet_size = 10;  // values per facet; 0 = no facet counts
};

// Limits beyond which a request is refused (UserError), not run.
inline constexpr std::size_t kMaxQueryBytes = 2048;
inline constexpr std::size_t kMaxPageSize = 100;
inline constexpr std::size_t kMaxResultOffset = 10000;
inline constexpr std::size_t kMaxSnippetLength = 2000;
inline constexpr std::size_t kMaxFacetSize = 1000;
inline constexpr std::size_t kMaxFilterValues = 100;  // over all facets

struct Hit {
  std::string id;
  std::string title;
  std::string title_html;  // HTML-escaped, query matches wrapped in <mark>
  std::string url;
  std::string source;
  std::optional<std::int64_t> published;  // UTC seconds; nullopt = unknown
  std::string snippet;                    // HTML-escaped, query matches wrapped in <mark>
  std::vector<std::string> companies;
  std::vector<std::string> countries;
  std::vector<std::string> topics;
  double score = 0;
  std::string group;  // collapse group key; request.group=<this> lists the copies
  std::size_t similar =
      0;  // other copies of this story the search matches (exact with facet counts, else at least)
};

// One facet value's count over the whole match set.
struct FacetBucket {
  std::string key;     // what a filter takes: "cn", "apple", "ai"
  std::string name;    // display name: "China", "Apple Inc.", "Artificial intelligence"
  std::string detail;  // e.g. a company's ticker "NASDAQ:AAPL"; may be empty
  std::size_t count = 0;
  bool selected = false;  // the request filters on this value
};

struct FacetSummary {
  std::string facet;             // "company", "country", "topic", "source"
  std::vector<FacetBucket> top;  // most frequent first; selected values always included
  std::size_t distinct = 0;      // values with a non-zero count
};

struct DateBucket {
  std::string label;     // "2025-02-13", "2025-02" or "2025"
  std::string from, to;  // inclusive days: YYYY-MM-DD in results (YYYYMMDD inside FacetCounter)
  std::size_t count = 0;
  bool selected = false;  // overlaps the requested from/to range
};

struct DateHistogram {
  std::string unit;  // "day", "month" or "year" from the span of the matches; empty if none dated
  std::vector<DateBucket> buckets;  // contiguous, oldest first, zeros included
  // The few dated matches far before or after the bulk, as one bucket each
  // ("before 1987-02": from the oldest such day to the day before the first
  // bucket); count 0 = none.
  DateBucket earlier, later;
  std::size_t undated = 0;  // matches with no known date
};

// One way the query was read beyond its words, reported with the results.
struct Expansion {
  std::string kind;  // "company", "ticker", "synonym", "country", "topic", "wildcard"
  std::string from;  // as typed (synonyms: as written in the synonym file): "AAPL", "title:AI"
  std::string to;    // what it also finds: "Apple (company:apple)", "\"artificial intelligence\""
  bool operator==(const Expansion&) const = default;
};

struct SearchResult {
  std::string query;        // as given
  std::string parsed;       // how it was understood (Xapian's description)
  std::size_t total = 0;    // matching articles
  bool total_exact = true;  // false when `total` is an estimate
  double took_ms = 0;
  std::size_t page = 1;
  std::size_t size = 10;
  std::vector<Hit> hits;
  std::vector<Expansion> expansions;
  std::vector<std::string> warnings;  // parts of the query that were ignored, and why
  std::string suggestion;             // "did you mean" query text; empty = none
  std::vector<FacetSummary> facets;   // empty when facet_size is 0
  DateHistogram dates;
};

}  // namespace newsdesk::search
