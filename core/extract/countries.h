// Country facet: the gazetteer (data/countries.tsv) and the extractor that finds the countries an
// article is about.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "article.h"
#include "extract/companies.h"
#include "extract/facet_tag.h"
#include "extract/tokens.h"
#include "text/string_map.h"
#include "text/word_filter.h"

namespace newsdesk::extract {

// Tags scoring below this are not returned by extract_countries(). Chosen on
// Reuters-21578 (PLACES labels; best micro-F1): a dateline (3) or a title
// mention (2) alone passes; a lead mention alone (1.5) or a passing mention
// deep in the body (0.5) does not.
inline constexpr double kCountryScoreThreshold = 2.0;

// The country gazetteer, with its matching structures built once at load.
// Immutable after load(): every const method is safe to call from many
// threads at once.
class CountryDirectory {
 public:
  // Reads a file in the countries.tsv format. Throws
  // std::runtime_error("file:line: message") on a malformed line, and
  // std::runtime_error naming the file when it cannot be read.
  static CountryDirectory load(const std::filesystem::path& file);

  // For the query side: an ISO code in any case, a name, short form,
  // demonym, place or historical name ("China", "cn", "Chinese", "Beijing",
  // "West Germany"), case and accents ignored. nullopt if unknown.
  [[nodiscard]] std::optional<std::string> resolve(std::string_view name_or_code) const;

  [[nodiscard]] std::size_t size() const { return codes_.size(); }

 private:
  friend std::vector<FacetTag> extract_countries(const CountryDirectory&, const CompanyDirectory&,
                                                 const Article&, const std::vector<FacetTag>&,
                                                 const std::vector<Token>&);

  enum class Kind : std::uint8_t { Name, Demonym, Place, Historical };
  struct Pattern {
    std::vector<std::string> tokens;  // folded words
    std::string surface;              // as written in the gazetteer
    std::uint16_t country = 0;        // index into codes_
    Kind kind = Kind::Name;
    bool acronym = false;  // no lower-case letter and short ("US", "U.K."): case must match
    std::uint32_t capitalised = 0;  // bit k: word k starts with a capital as written
  };

  std::vector<std::string> codes_;
  text::StringMap<std::uint16_t> by_code_;                  // "CN"
  std::unordered_map<std::string, std::uint16_t> by_name_;  // fold(any string)
  std::vector<Pattern> patterns_;
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_first_token_;  // longest first
  text::WordFilter first_tokens_;        // by_first_token_'s keys: most words are none
  std::vector<std::uint32_t> unspaced_;  // CJK names, matched as substrings
};

// English display name of an ISO 3166-1 alpha-2 code, from ICU ("CN" ->
// "China", "de" -> "Germany"); the code itself if ICU does not know it.
std::string country_display_name(std::string_view code);

// Countries the article is about: names and short forms ("U.S.", "Britain"),
// demonyms ("Chinese"), places ("Dubai", "Wall Street"), historical names
// ("West Germany", "USSR"), the dateline (Article::dateline or one opening the
// body: "SHENZHEN, March 3 -", "FRANKFURT (Pacific Ledger) -"), and the home
// countries of the article's central companies (`companies`, as returned by
// extract_companies() for the same article). Mentions inside a company name
// ("American Express") do not count as the place. key = ISO code, upper case;
// score = salience (dateline, title, lead, number of mentions); evidence =
// matched strings as written. Only tags at or above kCountryScoreThreshold,
// highest score first. Thread-safe.
std::vector<FacetTag> extract_countries(const CountryDirectory& countries,
                                        const CompanyDirectory& companies, const Article& article,
                                        const std::vector<FacetTag>& company_tags);
// The same on `tokens`, which must be tokenize_article(article).
std::vector<FacetTag> extract_countries(const CountryDirectory& countries,
                                        const CompanyDirectory& companies, const Article& article,
                                        const std::vector<FacetTag>& company_tags,
                                        const std::vector<Token>& tokens);

}  // namespace newsdesk::extract
