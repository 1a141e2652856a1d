// Company facet: the gazetteer (data/companies.tsv) and the extractor that finds companies in text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "article.h"
#include "extract/facet_tag.h"
#include "extract/tokens.h"
#include "text/string_map.h"
#include "text/word_filter.h"

namespace newsdesk::extract {

// Tags scoring below this are not returned by extract_companies(). One
// confident mention anywhere in the body scores 1.0 and passes; a weak one
// (an unconfirmed all-caps headline guess) scores below it.
inline constexpr double kCompanyScoreThreshold = 1.0;

struct CompanyInfo {
  std::string id, name;
  std::vector<std::string> aliases, tickers;  // tickers as EXCHANGE:SYMBOL
  std::string country, sector;                // ISO 3166-1 alpha-2 of the headquarters
  bool ambiguous = false;                     // name is also a common word: needs evidence
};

// The company gazetteer, with its matching structures built once at load.
// Immutable after load(): every const method is safe to call from many
// threads at once.
class CompanyDirectory {
 public:
  // Reads files in the companies.tsv format, in order: a later file's row
  // replaces an earlier row with the same id, other rows are added. Throws
  // std::runtime_error("file:line: message") on a malformed line, and
  // std::runtime_error naming the file when it cannot be read.
  static CompanyDirectory load(const std::vector<std::filesystem::path>& files);

  // The company with this id, or nullptr.
  [[nodiscard]] const CompanyInfo* find(std::string_view id) const;

  // For the query side: an id, a name or alias (case and accents ignored,
  // corporate suffix optional: "Apple Inc"), or a ticker ("AAPL", "$AAPL",
  // "NASDAQ:AAPL", "9988.HK"). nullptr if nothing matches.
  [[nodiscard]] const CompanyInfo* resolve(std::string_view name_or_ticker) const;

  [[nodiscard]] std::size_t size() const { return companies_.size(); }
  [[nodiscard]] const std::vector<CompanyInfo>& companies() const { return companies_; }

 private:
  friend std::vector<FacetTag> extract_companies(const CompanyDirectory&, const Article&,
                                                 const std::vector<Token>&);

  // One name or alias as a sequence of folded tokens.
  struct Pattern {
    std::vector<std::string> tokens;
    std::string surface;  // as written in the gazetteer
    std::uint32_t company = 0;
    bool acronym = false;           // no lower-case letter and short ("GE", "BP"): case must match
    bool weak = false;              // a lone word of an ambiguous company: needs evidence
    std::uint32_t capitalised = 0;  // bit k: word k starts with a capital as written
  };

  void build();
  // A name or alias (suffix removed; case, accents, punctuation and "and" ignored) -> company.
  [[nodiscard]] const CompanyInfo* find_by_name(std::string_view name) const;
  // `exchange` upper case, or empty for any exchange (US first).
  [[nodiscard]] const CompanyInfo* find_by_ticker(std::string_view exchange,
                                                  std::string_view symbol) const;

  std::vector<CompanyInfo> companies_;
  text::StringMap<std::uint32_t> by_id_;
  std::unordered_map<std::string, std::uint32_t> by_name_;    // name_key(name or alias)
  std::unordered_map<std::string, std::uint32_t> by_ticker_;  // "EXCH:SYMBOL", upper case
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_symbol_;  // "SYMBOL"
  std::vector<Pattern> patterns_;
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_first_token_;
  text::WordFilter first_tokens_;        // by_first_token_'s keys: most words are none
  std::vector<std::uint32_t> unspaced_;  // CJK names, matched as substrings
};

// Companies named in the article: gazetteer names, aliases and possessives
// ("Apple's"), ticker mentions ("(NASDAQ: AAPL)", "$TSLA", "9988.HK",
// "(2330.TW)", "7203.T"), and companies outside the gazetteer named with a
// corporate suffix ("Texaco Inc" -> key "texaco"; a gazetteer id when the
// name without its suffix is a known name). Ambiguous names need evidence
// (capitalisation, corporate context, a ticker, another company in the same
// sentence). key = company id or slug of the normalised name; score =
// salience (title, lead, number of mentions); evidence = matched strings as
// written. Only tags at or above kCompanyScoreThreshold, highest score first.
// Thread-safe.
std::vector<FacetTag> extract_companies(const CompanyDirectory& directory, const Article& article);
// The same on `tokens`, which must be tokenize_article(article).
std::vector<FacetTag> extract_companies(const CompanyDirectory& directory, const Article& article,
                                        const std::vector<Token>& tokens);

}  // namespace newsdesk::extract
