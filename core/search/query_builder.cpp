#include "search/query_builder.h"

#include <algorithm>
#include <vector>

#include "errors.h"
#include "schema.h"
#include "search/search_types.h"
#include "text/analysis.h"
#include "text/normalize.h"

namespace newsdesk::search {
namespace {

// field:value -> the facet's boolean term, with the value normalised the way
// the indexer normalised it (so "country:CN" and "company:Société" match).
class FacetFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit FacetFieldProcessor(schema::Facet facet) : facet_(facet) {}
  Xapian::Query operator()(const std::string& value) override {
    return Xapian::Query(schema::facet_term(facet_, value));
  }

 private:
  schema::Facet facet_;
};

// Operators are upper case only: "apple and pear" is three words to a news reader.
constexpr unsigned kFullFlags =
    Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PURE_NOT;

bool is_binary_operator(std::string_view token) {
  return token == "AND" || token == "OR" || token == "XOR";
}

// Drops operators that have nothing to join ("AND AND x", "x AND", "x NOT",
// "( OR x"): Xapian would read them as the words "and", "or", "not".
std::string drop_dangling_operators(std::string text) {
  // An unmatched quote would swallow the rest of the query into a phrase.
  if (std::count(text.begin(), text.end(), '"') % 2 == 1) text.erase(text.rfind('"'), 1);
  std::vector<std::string> tokens;
  bool in_quotes = false;
  std::string current;
  for (const char c : text) {
    if (c == '"') in_quotes = !in_quotes;
    if (c == ' ' && !in_quotes) {
      if (!current.empty()) tokens.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));

  std::vector<std::string> kept;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string& token = tokens[i];
    const bool last = i + 1 == tokens.size();
    const bool next_is_operator = !last && (is_binary_operator(tokens[i + 1]) ||
                                            tokens[i + 1] == "NOT" || tokens[i + 1] == ")");
    if (is_binary_operator(token)) {
      const bool nothing_before = kept.empty() || is_binary_operator(kept.back()) ||
                                  kept.back() == "NOT" || kept.back().back() == '(';
      if (nothing_before || last || next_is_operator) continue;
    } else if (token == "NOT") {
      if (last || next_is_operator) continue;
    }
    kept.push_back(token);
  }
  std::string out;
  for (const std::string& token : kept) {
    if (!out.empty()) out += ' ';
    out += token;
  }
  return out;
}

}  // namespace

QueryBuilder::QueryBuilder(const Xapian::Database& db) {
  parser_.set_database(db);
  parser_.set_stemmer(schema::make_stemmer());
  parser_.set_stemming_strategy(Xapian::QueryParser::STEM_ALL);
  parser_.set_default_op(Xapian::Query::OP_AND);
  parser_.add_prefix("title", std::string(schema::kTitlePrefix));
  for (const schema::Facet facet : schema::kAllFacets) {
    parser_.add_boolean_prefix(std::string(schema::layout(facet).name),
                               (new FacetFieldProcessor(facet))->release());
  }
}

BuiltQuery QueryBuilder::build(std::string_view raw) const {
  if (raw.size() > kMaxQueryBytes) {
    throw UserError("query is too long (" + std::to_string(raw.size()) + " bytes; at most " +
                    std::to_string(kMaxQueryBytes) + ")");
  }
  const std::string text = drop_dangling_operators(text::prepare_for_terms(text::clean_line(raw)));
  if (text.empty()) return {Xapian::Query::MatchAll, true, false};
  try {
    return {parser_.parse_query(text, kFullFlags), false, false};
  } catch (const Xapian::QueryParserError&) {
    // Not well formed (e.g. a dangling operator): read it as plain words.
  }
  std::string words = text;
  for (char& c : words) {
    if (c == '"' || c == '(' || c == ')' || c == ':' || c == '-' || c == '+') c = ' ';
  }
  try {
    return {parser_.parse_query(words, 0), false, true};
  } catch (const Xapian::QueryParserError& e) {
    throw UserError(std::string("query cannot be read: ") + e.get_msg());
  }
}

}  // namespace newsdesk::search
