// The one place that turns query-language text into a Xapian::Query. The
// language is documented in README.md ("Query language").
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "schema.h"
#include "search/query_expansion.h"

namespace newsdesk::extract {
class FacetExtractor;
}

namespace newsdesk::search {

class Synonyms;

// Limits beyond which a query cannot be run (UserError); the length limit
// is kMaxQueryBytes in search_types.h.
inline constexpr std::size_t kMaxQueryTerms = 100;  // words, phrase words, field values
inline constexpr std::size_t kMaxQueryWildcards = 10;
// A wildcard ("semicond*") matches at most this many words: the most
// frequent ones in the index when more start that way.
inline constexpr Xapian::termcount kMaxWildcardExpansion = 100;

// The key a facet value is stored under, the value read as the query
// language reads company:/country:/topic:/source: ("AAPL" -> "apple",
// "China" -> "cn", "Mergers & acquisitions" -> its topic id); without
// reference data or for an unknown value, schema::facet_key(value).
std::string resolve_facet_key(schema::Facet facet, std::string_view value,
                              const extract::FacetExtractor* reference);

// Now, in UTC seconds.
std::int64_t utc_now();

// What a query is read against. Null pointers turn the matching features off.
struct QueryContext {
  // Reference data: resolves company:/ticker:/about:/country:/topic: values
  // and finds companies and tickers in free text. Null: field values are
  // used as keys as typed (slugged), and free text is only words.
  const extract::FacetExtractor* reference = nullptr;
  // Synonyms (e.g. Synonyms::load_default()). Null: none.
  const Synonyms* synonyms = nullptr;
  // "Now" for relative dates (date:24h, date:7d, date:ytd), UTC seconds.
  std::int64_t now = utc_now();
};

struct BuiltQuery {
  Xapian::Query query;     // MatchAll for an empty query
  bool match_all = false;  // no words and no filters: every article
  bool relaxed = false;    // the text was not well formed and was read as plain words
  // How the query was read (README.md): `((aapl OR company:apple) MAYBE names-of:apple) AND earn`.
  std::string parsed;
  std::vector<Expansion> expansions;   // synonyms, companies, tickers, resolved field values
  std::vector<std::string> companies;  // keys of the companies it asks for (not under NOT)
  std::vector<std::string> warnings;   // parts that were ignored or read another way
};

// Holds a configured QueryParser for one database; not thread-safe (build
// one per thread or per request: construction is cheap). `context`'s
// pointers must outlive the builder.
class QueryBuilder {
 public:
  QueryBuilder(const Xapian::Database& db, const QueryContext& context);
  ~QueryBuilder();
  QueryBuilder(const QueryBuilder&) = delete;
  QueryBuilder& operator=(const QueryBuilder&) = delete;

  // Reads the query language (README.md): words ANDed, "phrases", AND/OR/NOT,
  // -word, +word, parentheses, wildcards, title:, company:, ticker:,
  // country:, topic:, source:, about:, date:. Text that is not well formed
  // is read in its most sensible way, never an error; a date: value that
  // cannot be read is dropped with a warning. Throws UserError only for a
  // query that cannot be run: longer than kMaxQueryBytes, more than
  // kMaxQueryTerms terms or kMaxQueryWildcards wildcards.
  [[nodiscard]] BuiltQuery build(std::string_view text) const;

  struct State;  // what the field processors share with build()

 private:
  Xapian::Database db_;
  QueryContext context_;
  std::unique_ptr<State> state_;
  mutable Xapian::QueryParser parser_;
};

}  // namespace newsdesk::search
