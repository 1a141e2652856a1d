#include "search/query_expansion.h"

#include <algorithm>
#include <cstdlib>
#include <optional>

#include "extract/companies.h"
#include "schema.h"
#include "search/synonyms.h"
#include "text/normalize.h"

namespace newsdesk::search {
namespace {

using Query = Xapian::Query;

// ---------------------------------------------------------------------------
// Terms and prefixes

// Xapian's prefixes are upper case and every word is indexed lower case.
std::size_t prefix_length(std::string_view term) {
  std::size_t i = 0;
  while (i < term.size() && term[i] >= 'A' && term[i] <= 'Z') ++i;
  return i;
}

bool is_term(const Query& q) {
  return q.get_type() == Query::LEAF_TERM;
}

std::string term_of(const Query& q) {
  const auto it = q.get_terms_begin();
  return it == q.get_terms_end() ? std::string() : *it;
}

std::string prefix_of(const Query& q) {
  const std::string term = term_of(q);
  return term.substr(0, prefix_length(term));
}

// Words and title words get expansions; facet terms are filters.
bool is_text_prefix(std::string_view prefix) {
  return prefix.empty() || prefix == schema::kTitlePrefix;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

// A term, or a phrase of terms, all under `prefix`.
Query terms_query(const std::string& prefix, const std::vector<std::string>& terms) {
  std::vector<Query> leaves;
  leaves.reserve(terms.size());
  for (const std::string& term : terms) leaves.emplace_back(prefix + term);
  if (leaves.size() == 1) return leaves.front();
  return Query(Query::OP_PHRASE, leaves.begin(), leaves.end(),
               static_cast<Xapian::termcount>(leaves.size()));
}

std::vector<Query> children_of(const Query& q) {
  std::vector<Query> children;
  children.reserve(q.get_num_subqueries());
  for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) children.push_back(q.get_subquery(i));
  return children;
}

// The factor of an OP_SCALE_WEIGHT query, which Xapian 1.4 only shows in
// its description: "Query(0 * XABOUTnvidia)". (The parser wraps a query of
// filters only in a scale of 0.)
double scale_factor(const Query& q) {
  const std::string description = q.get_description();
  const std::size_t start = description.rfind("Query(", 0) == 0 ? 6 : 0;
  return std::strtod(description.c_str() + start, nullptr);
}

// Operators that can be rebuilt from their type and subqueries alone.
bool is_plain_operator(Query::op type) {
  switch (type) {
    case Query::OP_AND:
    case Query::OP_OR:
    case Query::OP_AND_NOT:
    case Query::OP_XOR:
    case Query::OP_AND_MAYBE:
    case Query::OP_FILTER:
    case Query::OP_SYNONYM:
    case Query::OP_MAX:
      return true;
    default:
      return false;
  }
}

std::string quoted_if_phrase(const std::string& text) {
  return text.find(' ') == std::string::npos ? text : "\"" + text + "\"";
}

std::string_view field_name(std::string_view prefix) {
  if (prefix == schema::kTitlePrefix) return "title";
  if (prefix == schema::kAboutPrefix) return "about";
  if (prefix == schema::kIdPrefix) return "id";
  if (prefix == schema::kFilePrefix) return "file";
  for (const schema::Facet facet : schema::kAllFacets) {
    if (prefix == schema::layout(facet).prefix) return schema::layout(facet).name;
  }
  return {};
}

std::string quoted_value(const std::string& value) {
  if (value.find_first_of(" \"():") == std::string::npos && !value.empty()) return value;
  return "\"" + value + "\"";
}

// "XCOapple" -> "company:apple"; "Sai" -> "title:ai"; "earn" -> "earn".
std::string term_label(const std::string& term, std::string_view suffix = {}) {
  const std::size_t length = prefix_length(term);
  if (length == 0) return quoted_value(term) + std::string(suffix);
  const std::string_view field = field_name(std::string_view(term).substr(0, length));
  if (field.empty()) return quoted_value(term) + std::string(suffix);
  return std::string(field) + ":" + quoted_value(term.substr(length)) + std::string(suffix);
}

// ---------------------------------------------------------------------------
// Company mentions in query text

bool has_ascii_lower(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}
bool has_ascii_upper(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}
std::size_t ascii_letters(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }));
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

bool is_operator(std::string_view token) {
  return token == "AND" || token == "OR" || token == "NOT" || token == "XOR" || token == "NEAR" ||
         token == "ADJ" || token.substr(0, 5) == "NEAR/" || token.substr(0, 4) == "ADJ/";
}

bool is_query_field(std::string_view name) {
  static constexpr std::string_view kFields[] = {"title", "company", "ticker", "country",
                                                 "topic", "source",  "date",   "about"};
  return std::find(std::begin(kFields), std::end(kFields), name) != std::end(kFields);
}

// Punctuation around a word that is not part of a name: "Apple's," -> "Apple".
std::string clean_word(std::string_view word) {
  while (!word.empty() && (word.front() == '\'' || word.front() == ',')) word.remove_prefix(1);
  while (!word.empty() && std::string_view(".,;!?:'").find(word.back()) != std::string_view::npos) {
    word.remove_suffix(1);
  }
  for (const std::string_view possessive :
       {std::string_view("'s"), std::string_view("\u2019s"), std::string_view("'S")}) {
    if (word.size() > possessive.size() &&
        word.substr(word.size() - possessive.size()) == possessive) {
      word.remove_suffix(possessive.size());
      break;
    }
  }
  return std::string(word);
}

// A word of the query text, as typed and with its punctuation removed.
struct Word {
  std::string raw;
  std::string clean;
};

// Runs of plain words that may form a name: operators, parentheses, quotes,
// fields, wildcards and -/+ words end a run (a -/+ word is a run of its own).
std::vector<std::vector<Word>> word_runs(std::string_view text) {
  std::vector<std::vector<Word>> runs;
  std::vector<Word> current;
  const auto flush = [&] {
    if (!current.empty()) runs.push_back(std::move(current));
    current.clear();
  };
  const auto add = [&](std::string_view raw) {
    std::string clean = clean_word(raw);
    if (!clean.empty()) current.push_back({std::string(raw), std::move(clean)});
  };
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == ' ') {
      ++i;
      continue;
    }
    if (c == '"') {  // a phrase: its words are one run
      flush();
      const std::size_t close = text.find('"', i + 1);
      const std::string_view inner = text.substr(
          i + 1, close == std::string_view::npos ? std::string_view::npos : close - i - 1);
      std::size_t start = 0;
      while (start <= inner.size()) {
        const std::size_t space = inner.find(' ', start);
        const std::string_view word = inner.substr(
            start, space == std::string_view::npos ? std::string_view::npos : space - start);
        if (!word.empty()) add(word);
        if (space == std::string_view::npos) break;
        start = space + 1;
      }
      flush();
      i = close == std::string_view::npos ? text.size() : close + 1;
      continue;
    }
    if (c == '(' || c == ')') {
      flush();
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && text[end] != ' ' && text[end] != '"' && text[end] != '(' &&
           text[end] != ')') {
      ++end;
    }
    std::string_view token = text.substr(i, end - i);
    i = end;
    if (is_operator(token) || token.back() == '*') {
      flush();
      continue;
    }
    bool alone = false;
    if (token.front() == '-' || token.front() == '+') {
      token.remove_prefix(1);
      alone = true;
      if (token.empty()) continue;
    }
    if (const std::size_t colon = token.find(':'); colon != std::string_view::npos) {
      if (is_query_field(token.substr(0, colon))) {  // a field's value is the field's business
        flush();
        if (colon + 1 == token.size() && i < text.size() && text[i] == '"') {
          const std::size_t close = text.find('"', i + 1);
          i = close == std::string_view::npos ? text.size() : close + 1;
        }
        continue;
      }
      alone = true;  // NASDAQ:AAPL
    }
    if (alone) flush();
    add(token);
    if (alone) flush();
  }
  flush();
  return runs;
}

// Whether `word` is the company's name or one of its aliases (not its id,
// not a ticker); `acronym` is set when every such match is an acronym
// ("HMM", "ANA"): short and without lower case.
bool names_company(const extract::CompanyInfo& info, std::string_view word, bool& acronym) {
  const std::string key = text::slug(word);
  if (key.empty()) return false;
  bool found = false;
  acronym = true;
  const auto check = [&](const std::string& name) {
    if (text::slug(name) != key) return;
    found = true;
    if (has_ascii_lower(name) || name.size() > 5) acronym = false;
  };
  check(info.name);
  for (const std::string& alias : info.aliases) check(alias);
  return found;
}

bool is_ticker_of(const extract::CompanyInfo& info, std::string_view word) {
  const std::string symbol = upper(word);
  return std::any_of(info.tickers.begin(), info.tickers.end(), [&](const std::string& ticker) {
    const std::size_t colon = ticker.find(':');
    return upper(colon == std::string::npos ? ticker : ticker.substr(colon + 1)) == symbol;
  });
}

// 9988.HK, 00700.HK, 7203.T, BP.L: a symbol without lower case and an exchange suffix.
bool is_exchange_suffixed(std::string_view word) {
  const std::size_t dot = word.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == word.size()) return false;
  const std::string_view symbol = word.substr(0, dot), suffix = word.substr(dot + 1);
  const bool digits =
      std::any_of(symbol.begin(), symbol.end(), [](char c) { return c >= '0' && c <= '9'; });
  const bool symbol_ok = std::all_of(symbol.begin(), symbol.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
  });
  const bool suffix_ok =
      suffix.size() <= 2 && std::all_of(suffix.begin(), suffix.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      });
  return symbol_ok && suffix_ok && (digits || symbol.size() >= 2);
}

class MentionFinder {
 public:
  MentionFinder(const extract::CompanyDirectory& directory, const Synonyms* synonyms,
                const Xapian::Database* db)
      : directory_(directory), synonyms_(synonyms), db_(db) {}

  // The company `words` name, or nullptr; `ticker` says how.
  const extract::CompanyInfo* resolve(const std::vector<Word>& words, bool& ticker) const {
    ticker = false;
    if (words.size() > 1) return resolve_name(words);
    const std::string& word = words.front().clean;
    if (word.front() == '$' || word.find(':') != std::string::npos || is_exchange_suffixed(word)) {
      ticker = true;
      // "$5" is money, not a ticker.
      return word.front() == '$' && ascii_letters(word) == 0 ? nullptr : directory_.resolve(word);
    }
    const extract::CompanyInfo* info = directory_.resolve(word);
    // A synonym-file word means what that file says ("PMI", "BoE").
    if (!info || is_synonym(word)) return nullptr;
    bool acronym = false;
    const bool named = names_company(*info, word, acronym);
    if (has_ascii_upper(word) && !has_ascii_lower(word)) {  // AAPL, IBM
      if (named) {
        // "NASDAQ" is the market first, Nasdaq Inc second.
        return info->ambiguous && !mostly_the_company(word, *info) ? nullptr : info;
      }
      ticker = true;
      if (!is_ticker_of(*info, word) || ascii_letters(word) < 2 ||
          !mostly_the_company(word, *info)) {
        return nullptr;
      }
      return info;
    }
    // "Key" is a ticker of KeyCorp, not its name.
    if (!named) return nullptr;
    if (word.front() >= 'a' && word.front() <= 'z') {  // nvidia, tsmc
      if (info->ambiguous || !mostly_the_company(word, *info)) return nullptr;
    } else if (acronym && !mostly_the_company(word, *info)) {  // "Ana" is not ANA as such
      return nullptr;
    }
    return info;
  }

 private:
  const extract::CompanyInfo* resolve_name(const std::vector<Word>& words) const {
    std::vector<std::string> parts;
    bool cased = false;
    for (const Word& w : words) {
      // A lone ticker or field among the words is not part of a name.
      if (w.clean.front() == '$' || w.clean.find(':') != std::string::npos) return nullptr;
      parts.push_back(w.clean);
      if (has_ascii_upper(w.clean) || !has_ascii_lower(w.clean)) cased = true;
    }
    const extract::CompanyInfo* info = directory_.resolve(join(parts, " "));
    if (info && info->ambiguous && !cased) return nullptr;
    return info;
  }

  bool is_synonym(const std::string& word) const {
    return synonyms_ && synonyms_->find(word_terms(word)).has_value();
  }

  // The index tags articles with the company and does not use the word much
  // more often than that. (Without tagged articles, reading the word as the
  // company would find nothing more.)
  bool mostly_the_company(const std::string& word, const extract::CompanyInfo& info) const {
    if (!db_) return true;
    const std::vector<std::string> terms = word_terms(word);
    const Xapian::doccount tagged =
        db_->get_termfreq(std::string(schema::layout(schema::Facet::Company).prefix) + info.id);
    if (tagged == 0) return false;
    return terms.size() != 1 || db_->get_termfreq(terms.front()) <= kWordUsageFactor * tagged;
  }

  const extract::CompanyDirectory& directory_;
  const Synonyms* synonyms_;
  const Xapian::Database* db_;
};

// Names that rank the articles a company mention finds by their tag only.
constexpr std::size_t kMaxNameVariants = 12;

// The company's names and aliases as term sequences, shortest first, to rank
// the articles found by their tag only: at most kMaxNameVariants, without
// `typed` (already searched).
std::vector<std::vector<std::string>> name_variants(const extract::CompanyInfo& info,
                                                    const std::vector<std::string>& typed) {
  std::vector<std::vector<std::string>> variants;
  const auto add = [&](const std::string& name) {
    std::vector<std::string> terms = word_terms(name);
    if (terms.empty() || terms == typed ||
        std::find(variants.begin(), variants.end(), terms) != variants.end()) {
      return;
    }
    variants.push_back(std::move(terms));
  };
  add(info.name);
  for (const std::string& alias : info.aliases) add(alias);
  std::stable_sort(variants.begin(), variants.end(),
                   [](const auto& a, const auto& b) { return a.size() < b.size(); });
  if (variants.size() > kMaxNameVariants) variants.resize(kMaxNameVariants);
  return variants;
}

constexpr std::size_t kMaxNameWords = 6;

// A wildcard report lists this many of its words.
constexpr std::size_t kWildcardWordsShown = 8;

// ---------------------------------------------------------------------------
// The rewrite

class Expander {
 public:
  Expander(const std::vector<CompanyMention>& mentions, const Synonyms* synonyms,
           std::vector<Expansion>& applied, std::unordered_map<std::string, std::string>& labels)
      : synonyms_(synonyms && !synonyms->empty() ? synonyms : nullptr),
        applied_(applied),
        labels_(labels) {
    for (const CompanyMention& mention : mentions) {
      if (mention.terms.empty()) continue;
      by_terms_.try_emplace(join(mention.terms, " "), &mention);
      longest_ = std::max(longest_, mention.terms.size());
    }
    if (synonyms_) longest_ = std::max(longest_, synonyms_->longest_entry());
  }

  Query visit(const Query& q, bool negated, bool& changed) {
    const Query::op type = q.get_type();
    if (type == Query::LEAF_TERM) {
      const std::string term = term_of(q);
      const std::string prefix = term.substr(0, prefix_length(term));
      if (!is_text_prefix(prefix)) return q;
      if (auto expanded = expand(q, prefix, {term.substr(prefix.size())}, negated)) {
        changed = true;
        return *expanded;
      }
      return q;
    }
    if (type == Query::OP_AND) return visit_and(q, negated, changed);
    if (type == Query::OP_PHRASE) return visit_phrase(q, negated, changed);
    if (type == Query::OP_SCALE_WEIGHT) {
      bool any = false;
      const Query child = visit(q.get_subquery(0), negated, any);
      if (!any) return q;
      changed = true;
      return Query(Query::OP_SCALE_WEIGHT, child, scale_factor(q));
    }
    if (!is_plain_operator(type)) return q;  // wildcards, value ranges, NEAR, ...
    std::vector<Query> children = children_of(q);
    bool any = false;
    for (std::size_t i = 0; i < children.size(); ++i) {
      if (type == Query::OP_FILTER && i > 0) break;  // boolean filters
      const bool child_negated = type == Query::OP_AND_NOT && i > 0 ? !negated : negated;
      children[i] = visit(children[i], child_negated, any);
    }
    if (!any) return q;
    changed = true;
    return Query(type, children.begin(), children.end());
  }

 private:
  // A company mention or a synonym entry equal to `terms` (unprefixed)
  // under `prefix`, applied to `original`.
  std::optional<Query> expand(const Query& original, const std::string& prefix,
                              const std::vector<std::string>& terms, bool negated) {
    if (prefix.empty()) {
      if (const auto it = by_terms_.find(join(terms, " ")); it != by_terms_.end()) {
        return company(original, *it->second, negated);
      }
    }
    if (synonyms_) {
      if (const auto match = synonyms_->find(terms)) return synonym(original, prefix, *match);
    }
    return std::nullopt;
  }

  Query company(const Query& original, const CompanyMention& mention, bool negated) {
    report({mention.ticker ? "ticker" : "company", mention.text,
            mention.name + " (company:" + mention.key + ")"});
    const Query tagged(
        Query::OP_OR, original,
        Query(std::string(schema::layout(schema::Facet::Company).prefix) + mention.key));
    if (negated || mention.names.empty()) return tagged;
    std::vector<Query> names;
    for (const auto& terms : mention.names) names.push_back(terms_query("", terms));
    const Query ranking(Query::OP_SYNONYM, names.begin(), names.end());
    labels_[ranking.get_description()] = "names-of:" + mention.key;
    return Query(Query::OP_AND_MAYBE, tagged, ranking);
  }

  Query synonym(const Query& original, const std::string& prefix, const Synonyms::Match& match) {
    std::vector<Query> alternatives{original};
    for (const SynonymEntry* alternative : match.alternatives) {
      alternatives.push_back(terms_query(prefix, alternative->terms));
    }
    report_synonym(prefix, match);
    return Query(Query::OP_SYNONYM, alternatives.begin(), alternatives.end());
  }

  void report_synonym(const std::string& prefix, const Synonyms::Match& match) {
    std::vector<std::string> to;
    for (const SynonymEntry* alternative : match.alternatives) {
      to.push_back(quoted_if_phrase(alternative->text));
    }
    report({"synonym", (prefix.empty() ? "" : "title:") + quoted_if_phrase(match.entry->text),
            join(to, " OR ")});
  }

  void report(Expansion expansion) {
    if (std::find(applied_.begin(), applied_.end(), expansion) == applied_.end()) {
      applied_.push_back(std::move(expansion));
    }
  }

  // The words of an AND group: a run of terms (one field) may be a name or
  // a phrase entry ("Goldman Sachs", "artificial intelligence").
  Query visit_and(const Query& q, bool negated, bool& changed) {
    const std::vector<Query> children = children_of(q);
    std::vector<Query> out;
    bool any = false;
    for (std::size_t i = 0; i < children.size();) {
      if (is_term(children[i]) && longest_ > 1) {
        const std::string prefix = prefix_of(children[i]);
        std::vector<std::string> run;
        for (std::size_t j = i; j < children.size() && run.size() < longest_; ++j) {
          if (!is_term(children[j]) || prefix_of(children[j]) != prefix) break;
          run.push_back(term_of(children[j]).substr(prefix.size()));
        }
        bool matched = false;
        if (is_text_prefix(prefix)) {
          for (std::size_t length = run.size(); length >= 2 && !matched; --length) {
            const std::vector<std::string> terms(run.begin(),
                                                 run.begin() + static_cast<std::ptrdiff_t>(length));
            const Query original(Query::OP_AND, children.begin() + static_cast<std::ptrdiff_t>(i),
                                 children.begin() + static_cast<std::ptrdiff_t>(i + length));
            if (auto expanded = expand(original, prefix, terms, negated)) {
              out.push_back(*expanded);
              i += length;
              matched = any = true;
            }
          }
        }
        if (matched) continue;
      }
      out.push_back(visit(children[i], negated, any));
      ++i;
    }
    if (!any) return q;
    changed = true;
    return Query(Query::OP_AND, out.begin(), out.end());
  }

  // A phrase equal to a name or an entry is expanded whole; entries inside
  // a longer phrase are replaced in place, giving variants of the phrase.
  Query visit_phrase(const Query& q, bool negated, bool& changed) {
    const std::vector<Query> children = children_of(q);
    if (children.empty() || !is_term(children.front())) return q;
    const std::string prefix = prefix_of(children.front());
    if (!is_text_prefix(prefix)) return q;
    std::vector<std::string> terms;
    for (const Query& child : children) {
      if (!is_term(child) || prefix_of(child) != prefix) return q;
      terms.push_back(term_of(child).substr(prefix.size()));
    }
    if (auto expanded = expand(q, prefix, terms, negated)) {
      changed = true;
      return *expanded;
    }
    if (!synonyms_) return q;
    std::vector<std::vector<std::string>> variants(1);  // variants[0]: the phrase itself
    bool substituted = false;
    for (std::size_t i = 0; i < terms.size();) {
      bool matched = false;
      const std::size_t longest = std::min(terms.size() - i, synonyms_->longest_entry());
      for (std::size_t length = longest; length >= 1 && !matched; --length) {
        if (length == terms.size()) continue;
        const std::vector<std::string> part(
            terms.begin() + static_cast<std::ptrdiff_t>(i),
            terms.begin() + static_cast<std::ptrdiff_t>(i + length));
        const auto match = synonyms_->find(part);
        if (!match) continue;
        std::vector<std::vector<std::string>> next;
        for (const auto& variant : variants) {
          for (std::size_t a = 0; a <= match->alternatives.size(); ++a) {
            if (next.size() > kMaxPhraseVariants) break;
            std::vector<std::string> extended = variant;
            const auto& words = a == 0 ? part : match->alternatives[a - 1]->terms;
            extended.insert(extended.end(), words.begin(), words.end());
            next.push_back(std::move(extended));
          }
        }
        variants = std::move(next);
        report_synonym(prefix, *match);
        i += length;
        matched = substituted = true;
      }
      if (!matched) {
        for (auto& variant : variants) variant.push_back(terms[i]);
        ++i;
      }
    }
    if (!substituted || variants.size() < 2) return q;
    std::vector<Query> alternatives{q};
    for (std::size_t v = 1; v < variants.size(); ++v) {
      alternatives.push_back(terms_query(prefix, variants[v]));
    }
    changed = true;
    return Query(Query::OP_SYNONYM, alternatives.begin(), alternatives.end());
  }

  const Synonyms* synonyms_;
  std::vector<Expansion>& applied_;
  std::unordered_map<std::string, std::string>& labels_;
  std::unordered_map<std::string, const CompanyMention*> by_terms_;
  std::size_t longest_ = 1;
};

// ---------------------------------------------------------------------------
// Removing dropped clauses

Query remove_leaves(const Query& q, const std::string& dropped, bool& gone) {
  const Query::op type = q.get_type();
  if (type == Query::LEAF_TERM) {
    gone = term_of(q) == dropped;
    return q;
  }
  gone = false;
  if (type == Query::OP_SCALE_WEIGHT) {
    const Query child = remove_leaves(q.get_subquery(0), dropped, gone);
    return gone ? q : Query(Query::OP_SCALE_WEIGHT, child, scale_factor(q));
  }
  if (!is_plain_operator(type)) return q;
  std::vector<Query> kept;
  bool first_gone = false, any_gone = false;
  const std::size_t n = q.get_num_subqueries();
  for (std::size_t i = 0; i < n; ++i) {
    bool child_gone = false;
    Query child = remove_leaves(q.get_subquery(i), dropped, child_gone);
    if (child_gone) {
      any_gone = true;
      if (i == 0) first_gone = true;
      continue;
    }
    kept.push_back(std::move(child));
  }
  if (kept.empty()) {
    gone = true;
    return q;
  }
  if (!any_gone) {
    // Children may still have changed below: rebuild from what was kept.
    return Query(type, kept.begin(), kept.end());
  }
  if (first_gone) {
    switch (type) {
      case Query::OP_AND_NOT:  // "date:bad -x": everything but x
        kept.insert(kept.begin(), Query::MatchAll);
        break;
      case Query::OP_AND_MAYBE:  // the optional part alone is not the query
        gone = true;
        return q;
      case Query::OP_FILTER:  // only filters are left
        return Query(Query::OP_AND, kept.begin(), kept.end());
      default:
        break;
    }
  }
  return Query(type, kept.begin(), kept.end());
}

// ---------------------------------------------------------------------------
// Walks

void collect_companies(const Query& q, bool negated, std::vector<std::string>& keys) {
  const Query::op type = q.get_type();
  if (type == Query::LEAF_TERM) {
    if (negated) return;
    const std::string term = term_of(q);
    const std::string_view prefix = std::string_view(term).substr(0, prefix_length(term));
    if (prefix == schema::layout(schema::Facet::Company).prefix || prefix == schema::kAboutPrefix) {
      std::string key = term.substr(prefix.size());
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
    }
    return;
  }
  for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
    collect_companies(q.get_subquery(i), type == Query::OP_AND_NOT && i > 0 ? !negated : negated,
                      keys);
  }
}

// "Query(WILDCARD SYNONYM semicond)" -> "semicond".
std::string wildcard_pattern(const Query& q) {
  std::string description = q.get_description();
  if (description.size() > 7 && description.rfind("Query(", 0) == 0) {
    description = description.substr(6, description.size() - 7);
  }
  const std::size_t first = description.find(' ');
  const std::size_t second =
      first == std::string::npos ? std::string::npos : description.find(' ', first + 1);
  return second == std::string::npos ? description : description.substr(second + 1);
}

// "semicond*": the words it stands for, and a report of them.
Query expand_wildcard(const Query& q, const Xapian::Database& db, Xapian::termcount limit,
                      std::vector<Expansion>& applied,
                      std::unordered_map<std::string, std::string>& labels) {
  const std::string pattern = wildcard_pattern(q);
  std::vector<std::pair<Xapian::doccount, std::string>> words;
  for (auto it = db.allterms_begin(pattern); it != db.allterms_end(pattern); ++it) {
    words.emplace_back(it.get_termfreq(), *it);
  }
  const std::size_t total = words.size();
  const std::string label = term_label(pattern, "*");
  if (total == 0) {
    applied.push_back({"wildcard", label, "no word in the index"});
    return q;  // matches nothing
  }
  if (words.size() > limit) {
    std::partial_sort(words.begin(), words.begin() + limit, words.end(),
                      [](const auto& a, const auto& b) {
                        return a.first != b.first ? a.first > b.first : a.second < b.second;
                      });
    words.resize(limit);
    std::sort(words.begin(), words.end(),
              [](const auto& a, const auto& b) { return a.second < b.second; });
  }
  std::vector<Query> terms;
  std::string shown;
  const std::size_t prefix = prefix_length(pattern);
  for (std::size_t i = 0; i < words.size(); ++i) {
    terms.emplace_back(words[i].second);
    if (i < kWildcardWordsShown) shown += (i == 0 ? "" : ", ") + words[i].second.substr(prefix);
  }
  if (words.size() > kWildcardWordsShown) shown += ", ...";
  std::string to = total > words.size()
                       ? "the " + std::to_string(words.size()) + " most frequent of " +
                             std::to_string(total) + " words"
                       : std::to_string(total) + (total == 1 ? " word" : " words");
  applied.push_back({"wildcard", label, to + ": " + shown});
  Query expanded(Query::OP_SYNONYM, terms.begin(), terms.end());
  labels[expanded.get_description()] = label;
  return expanded;
}

Query replace_wildcards(const Query& q, const Xapian::Database& db, Xapian::termcount limit,
                        std::vector<Expansion>& applied,
                        std::unordered_map<std::string, std::string>& labels) {
  const Query::op type = q.get_type();
  if (type == Query::OP_WILDCARD) return expand_wildcard(q, db, limit, applied, labels);
  if (type == Query::OP_SCALE_WEIGHT) {
    return Query(Query::OP_SCALE_WEIGHT,
                 replace_wildcards(q.get_subquery(0), db, limit, applied, labels), scale_factor(q));
  }
  if (!is_plain_operator(type)) return q;
  std::vector<Query> children = children_of(q);
  for (Query& child : children) child = replace_wildcards(child, db, limit, applied, labels);
  return Query(type, children.begin(), children.end());
}

void count(const Query& q, QuerySize& size) {
  const Query::op type = q.get_type();
  if (type == Query::LEAF_TERM) {
    ++size.terms;
  } else if (type == Query::OP_WILDCARD) {
    ++size.wildcards;
  }
  for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) count(q.get_subquery(i), size);
}

// ---------------------------------------------------------------------------
// Readable form

std::string describe(const Query& q, const std::unordered_map<std::string, std::string>& labels,
                     bool top) {
  const Query::op type = q.get_type();
  if (!labels.empty() && (type == Query::OP_SYNONYM || type == Query::LEAF_TERM)) {
    if (const auto it = labels.find(q.get_description()); it != labels.end()) return it->second;
  }
  switch (type) {
    case Query::LEAF_TERM:
      return term_label(term_of(q));
    case Query::LEAF_MATCH_ALL:
      return "<all>";
    case Query::LEAF_MATCH_NOTHING:
      return "<nothing>";
    case Query::OP_WILDCARD:
      return term_label(wildcard_pattern(q), "*");
    case Query::OP_VALUE_RANGE:
    case Query::OP_VALUE_GE:
    case Query::OP_VALUE_LE: {
      const std::string description = q.get_description();
      const auto it = labels.find(description);
      return it != labels.end() ? it->second : description;
    }
    case Query::OP_SCALE_WEIGHT: {
      const double factor = scale_factor(q);
      const std::string inner = describe(q.get_subquery(0), labels, top && factor == 0);
      if (factor == 0) return inner;  // filters only: nothing to rank by
      return "(" + inner + " WEIGHT " + std::to_string(factor) + ")";
    }
    default:
      break;
  }
  const std::vector<Query> children = children_of(q);
  if (type == Query::OP_PHRASE && !children.empty() &&
      std::all_of(children.begin(), children.end(), is_term)) {
    const std::string prefix = prefix_of(children.front());
    std::vector<std::string> words;
    for (const Query& child : children) {
      const std::string term = term_of(child);
      if (prefix_of(child) != prefix) {
        words.clear();
        break;
      }
      words.push_back(term.substr(prefix.size()));
    }
    const std::string_view field = field_name(prefix);
    if (!words.empty() && (prefix.empty() || !field.empty())) {
      return (field.empty() ? "" : std::string(field) + ":") + "\"" + join(words, " ") + "\"";
    }
  }
  std::string separator;
  switch (type) {
    case Query::OP_AND:
    case Query::OP_FILTER:
      separator = " AND ";
      break;
    case Query::OP_OR:
    case Query::OP_SYNONYM:
    case Query::OP_MAX:
    case Query::OP_ELITE_SET:
      separator = " OR ";
      break;
    case Query::OP_AND_NOT:
      separator = " NOT ";
      break;
    case Query::OP_XOR:
      separator = " XOR ";
      break;
    case Query::OP_AND_MAYBE:
      separator = " MAYBE ";
      break;
    case Query::OP_PHRASE:
      separator = " PHRASE ";
      break;
    case Query::OP_NEAR:
      separator = " NEAR ";
      break;
    default: {
      std::string description = q.get_description();
      if (description.rfind("Query(", 0) == 0) description = description.substr(5);
      return description;
    }
  }
  std::vector<std::string> parts;
  for (const Query& child : children) parts.push_back(describe(child, labels, false));
  const std::string joined = join(parts, separator);
  if (type == Query::OP_AND_NOT && children.size() >= 1 &&
      children.front().get_type() == Query::LEAF_MATCH_ALL) {
    // "NOT x" alone: everything but x.
    const std::string rest =
        join(std::vector<std::string>(parts.begin() + 1, parts.end()), " NOT ");
    return top ? "NOT " + rest : "(NOT " + rest + ")";
  }
  return top || parts.size() < 2 ? joined : "(" + joined + ")";
}

}  // namespace

std::vector<CompanyMention> find_company_mentions(std::string_view text,
                                                  const extract::CompanyDirectory& directory,
                                                  const Synonyms* synonyms,
                                                  const Xapian::Database* db) {
  const MentionFinder finder(directory, synonyms, db);
  std::vector<CompanyMention> mentions;
  for (const std::vector<Word>& run : word_runs(text)) {
    for (std::size_t i = 0; i < run.size();) {
      bool found = false;
      for (std::size_t length = std::min(run.size() - i, kMaxNameWords); length >= 1 && !found;
           --length) {
        const std::vector<Word> words(run.begin() + static_cast<std::ptrdiff_t>(i),
                                      run.begin() + static_cast<std::ptrdiff_t>(i + length));
        bool ticker = false;
        const extract::CompanyInfo* info = finder.resolve(words, ticker);
        if (!info) continue;
        std::vector<std::string> raw;
        for (const Word& w : words) raw.push_back(w.raw);
        CompanyMention mention;
        mention.text = join(raw, " ");
        mention.terms = word_terms(mention.text);
        if (mention.terms.empty()) continue;
        mention.key = info->id;
        mention.name = info->name;
        mention.ticker = ticker;
        mention.names = name_variants(*info, mention.terms);
        mentions.push_back(std::move(mention));
        i += length;
        found = true;
      }
      if (!found) ++i;
    }
  }
  return mentions;
}

Xapian::Query expand_query(const Xapian::Query& query, const std::vector<CompanyMention>& mentions,
                           const Synonyms* synonyms, std::vector<Expansion>& applied,
                           std::unordered_map<std::string, std::string>& labels) {
  Expander expander(mentions, synonyms, applied, labels);
  bool changed = false;
  return expander.visit(query, false, changed);
}

Xapian::Query remove_term(const Xapian::Query& query, const std::string& dropped, bool& empty) {
  bool gone = false;
  Query out = remove_leaves(query, dropped, gone);
  empty = gone;
  return gone ? Query(Query::MatchAll) : out;
}

QuerySize measure(const Xapian::Query& query) {
  QuerySize size;
  count(query, size);
  return size;
}

Xapian::Query expand_wildcards(const Xapian::Query& query, const Xapian::Database& db,
                               Xapian::termcount limit, std::vector<Expansion>& applied,
                               std::unordered_map<std::string, std::string>& labels) {
  if (measure(query).wildcards == 0) return query;
  return replace_wildcards(query, db, limit, applied, labels);
}

std::vector<std::string> named_companies(const Xapian::Query& query) {
  std::vector<std::string> keys;
  collect_companies(query, false, keys);
  return keys;
}

std::string describe_query(const Xapian::Query& query,
                           const std::unordered_map<std::string, std::string>& labels) {
  return describe(query, labels, true);
}

}  // namespace newsdesk::search
