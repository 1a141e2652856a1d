// Query-side expansions, applied to the Xapian::Query the parser made (not to
// the query text, so quotes, fields and operators stay as the user wrote
// them): companies and tickers named in free text also match the articles
// tagged with the company, and synonyms. Plus the walks over a parsed query
// that QueryBuilder needs: its size, the companies it names, a readable form.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "search/search_types.h"

namespace newsdesk::extract {
class CompanyDirectory;
}

namespace newsdesk::search {

class Synonyms;

// A company named in the free text of a query.
struct CompanyMention {
  std::string text;                // as typed: "AAPL", "$AAPL", "Apple Inc", "9988.HK"
  std::string key;                 // company id: "apple"
  std::string name;                // display name: "Apple"
  bool ticker = false;             // named by a ticker rather than a name
  std::vector<std::string> terms;  // word_terms(text): what the parsed query holds for it
  // word_terms of its other names and aliases: rank the articles found by their tag only.
  std::vector<std::vector<std::string>> names;
};

// Finds the companies named in query text (case kept: the decision depends
// on it). Field values (company:x, title:x), operators and wildcards are
// skipped; words in quotes count. Greedy, longest first, up to 6 words. A
// single word that is in the synonym file is never a company ("AI" is not
// Air Liquide's ticker, "PMI" not Philip Morris) unless written as a ticker:
//   $AAPL, NASDAQ:AAPL, 9988.HK     a ticker of the company
//   AAPL, IBM, NVIDIA, AT&T         all capitals: its name or an alias (for a
//                                   name that is also a common word, such as
//                                   NASDAQ, only with the usage test below);
//                                   or one of its tickers if 2+ letters long
//                                   and the usage test passes: with `db`, the
//                                   index tags articles with the company and
//                                   uses the word at most kWordUsageFactor
//                                   times as often ("CPI" is inflation, not
//                                   Capitec; "IT" is not Gartner)
//   Apple, Nvidia, 阿里巴巴           its name or an alias (ticker and id
//                                   matches do not count: "Key" is no KeyCorp;
//                                   "Ana" matching the acronym ANA needs the
//                                   usage test above)
//   nvidia, tsmc                    lower case: as above, the company's name
//                                   is not a common word (gazetteer
//                                   `ambiguous`: "apple", "shell"), and the
//                                   usage test ("hmm" is not HMM in an index
//                                   that does not tag HMM)
//   Goldman Sachs, apple inc        several words: a name or alias, corporate
//                                   suffix optional; all lower case only for
//                                   a company whose name is not a common word
// `synonyms` and `db` may be null.
std::vector<CompanyMention> find_company_mentions(std::string_view text,
                                                  const extract::CompanyDirectory& directory,
                                                  const Synonyms* synonyms,
                                                  const Xapian::Database* db);

inline constexpr Xapian::doccount kWordUsageFactor = 2;

// Longer phrases with synonym entries inside become at most this many
// variants ("AI chips" -> "artificial intelligence chips").
inline constexpr std::size_t kMaxPhraseVariants = 8;

// Rewrites a parsed query; appends what it applied to `applied`, and to
// `labels` the text describe_query shows for the parts it adds.
// - A term, a run of terms of the default AND group, or a whole phrase
//   equal to a mention's terms becomes (original OR XCO<key>); outside a
//   NOT, AND_MAYBE its other names (shown as names-of:<key>), so that the
//   articles found by their tag only rank by how much they name it.
// - Words and phrases (unprefixed or title:) with synonyms become
//   OP_SYNONYM(original, alternatives...), multiword alternatives as phrases
//   under the same field prefix.
// Boolean filters (facet fields, dates) are left alone.
Xapian::Query expand_query(const Xapian::Query& query, const std::vector<CompanyMention>& mentions,
                           const Synonyms* synonyms, std::vector<Expansion>& applied,
                           std::unordered_map<std::string, std::string>& labels);

// Removes every leaf that is the term `dropped` (what a clause that cannot
// be read was replaced by), with the operators that held only it. Sets
// `empty` when nothing is left (the query is then MatchAll).
Xapian::Query remove_term(const Xapian::Query& query, const std::string& dropped, bool& empty);

struct QuerySize {
  std::size_t terms = 0;      // words, phrase words, facet values
  std::size_t wildcards = 0;  // "semicond*"
};
QuerySize measure(const Xapian::Query& query);

// Replaces each wildcard ("semicond*", "title:semi*") by OP_SYNONYM of the
// words of `db` that start with it: all of them, or the `limit` most
// frequent (most articles; ties alphabetical) over the whole index, whatever
// its shards (Xapian's own limit applies per shard). Appends a "wildcard"
// report for each and, to `labels`, the text describe_query shows for it.
Xapian::Query expand_wildcards(const Xapian::Query& query, const Xapian::Database& db,
                               Xapian::termcount limit, std::vector<Expansion>& applied,
                               std::unordered_map<std::string, std::string>& labels);

// Keys of the companies (company:, about: and expanded mentions) the query
// asks for, in order, without those under a NOT.
std::vector<std::string> named_companies(const Xapian::Query& query);

// A readable form: fields by name (company:apple, title:ai, date:...),
// phrases quoted, AND/OR/NOT/MAYBE, OP_SYNONYM shown as OR, OP_FILTER as
// AND. `labels` maps the get_description() of a value range or an expanded
// wildcard to its text. Terms appear stemmed, as searched ("earnings" ->
// "earn").
std::string describe_query(const Xapian::Query& query,
                           const std::unordered_map<std::string, std::string>& labels = {});

}  // namespace newsdesk::search
