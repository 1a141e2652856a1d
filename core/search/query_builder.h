// The one place that turns query-language text into a Xapian::Query.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

namespace newsdesk::search {

struct BuiltQuery {
  Xapian::Query query;  // MatchAll for an empty query
  bool match_all = false;
  bool relaxed = false;  // the text was not well formed and was read as plain words
};

// Holds a configured QueryParser for one database; not thread-safe.
class QueryBuilder {
 public:
  explicit QueryBuilder(const Xapian::Database& db);

  // Words are ANDed; "phrases", AND/OR/NOT, -word, +word, parentheses,
  // title:, and the facet fields company:/country:/topic:/source: work.
  // Text that is not well formed falls back to its plain words. Throws
  // UserError only for a query that cannot be run (too long).
  [[nodiscard]] BuiltQuery build(std::string_view text) const;

 private:
  mutable Xapian::QueryParser parser_;
};

}  // namespace newsdesk::search
