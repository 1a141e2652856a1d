#include "extract/countries.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <map>
#include <stdexcept>
#include <unordered_set>

#include "extract/tokens.h"
#include "extract/tsv_file.h"
#include "text/normalize.h"

namespace newsdesk::extract {
namespace {

bool is_month(std::string_view key) {
  static const std::unordered_set<std::string_view> kMonths = {
      "jan",  "january",   "feb",  "february", "mar",  "march",    "apr",    "april",
      "may",  "jun",       "june", "jul",      "july", "aug",      "august", "sep",
      "sept", "september", "oct",  "october",  "nov",  "november", "dec",    "december"};
  return kMonths.count(key) != 0;
}

// "U.S. dollar", "Australian dlr bond", "Swiss francs": a currency names the
// money, not the place the story is about.
bool is_currency(std::string_view key) {
  static const std::unordered_set<std::string_view> kCurrencies = {
      "dollar",     "dollars", "dlr",      "dlrs",     "yen",      "franc",    "francs",
      "mark",       "marks",   "sterling", "pound",    "pounds",   "crown",    "crowns",
      "lira",       "lire",    "guilder",  "guilders", "peseta",   "pesetas",  "schilling",
      "schillings", "rand",    "escudo",   "escudos",  "drachma",  "drachmas", "krona",
      "kronor",     "krone",   "kroner",   "peso",     "pesos",    "rupee",    "rupees",
      "won",        "ringgit", "baht",     "yuan",     "renminbi", "cruzado",  "cruzados",
      "rouble",     "roubles", "ruble",    "rubles",   "currency", "treasury", "treasuries"};
  return kCurrencies.count(key) != 0;
}

std::vector<Token> tokens_of(std::string_view name) {
  std::vector<Token> tokens;
  tokenize(name, 0, tokens);
  return tokens;
}

// US states and Canadian provinces as Reuters datelines abbreviate them
// ("GREENWICH, Conn.", "WATERLOO, Ont."): a convention of the dateline, not
// place names, so they are only looked for there. Keys are folded, dots and
// spaces removed.
std::string_view dateline_region(std::string_view key) {
  static const std::map<std::string_view, std::string_view> kRegions = {
      {"ala", "US"},  {"ariz", "US"}, {"ark", "US"},  {"calif", "US"}, {"cal", "US"},
      {"colo", "US"}, {"conn", "US"}, {"del", "US"},  {"dc", "US"},    {"fla", "US"},
      {"ga", "US"},   {"ida", "US"},  {"ill", "US"},  {"ind", "US"},   {"kan", "US"},
      {"kans", "US"}, {"ky", "US"},   {"la", "US"},   {"md", "US"},    {"mass", "US"},
      {"mich", "US"}, {"minn", "US"}, {"miss", "US"}, {"mo", "US"},    {"mont", "US"},
      {"neb", "US"},  {"nev", "US"},  {"nh", "US"},   {"nj", "US"},    {"nm", "US"},
      {"ny", "US"},   {"nc", "US"},   {"nd", "US"},   {"okla", "US"},  {"ore", "US"},
      {"pa", "US"},   {"penn", "US"}, {"ri", "US"},   {"sc", "US"},    {"sd", "US"},
      {"tenn", "US"}, {"tex", "US"},  {"vt", "US"},   {"va", "US"},    {"wash", "US"},
      {"wva", "US"},  {"wis", "US"},  {"wisc", "US"}, {"wyo", "US"},   {"me", "US"},
      {"ont", "CA"},  {"alta", "CA"}, {"bc", "CA"},   {"que", "CA"},   {"man", "CA"},
      {"sask", "CA"}, {"ns", "CA"},   {"nb", "CA"},   {"nfld", "CA"},  {"pq", "CA"}};
  const auto it = kRegions.find(key);
  return it == kRegions.end() ? std::string_view{} : it->second;
}

// Home country suggested by a corporate suffix, for companies outside the
// gazetteer ("Allegheny International Inc" -> US, "Vodafone Group Plc" -> GB).
std::string_view suffix_country(std::string_view evidence) {
  static const std::array<std::pair<std::string_view, std::string_view>, 18> kSuffixes = {
      {{"inc", "US"},
       {"corp", "US"},
       {"corporation", "US"},
       {"llc", "US"},
       {"plc", "GB"},
       {"gmbh", "DE"},
       {"spa", "IT"},
       {"s p a", "IT"},
       {"bhd", "MY"},
       {"berhad", "MY"},
       {"kk", "JP"},
       {"k k", "JP"},
       {"pty", "AU"},
       {"pte", "SG"},
       {"oyj", "FI"},
       {"asa", "NO"},
       {"nv", "NL"},
       {"n v", "NL"}}};
  const std::vector<Token> tokens = tokens_of(evidence);
  // The last words, joined by spaces: "S.p.A." -> "s p a".
  for (const auto& [suffix, country] : kSuffixes) {
    const std::size_t words =
        static_cast<std::size_t>(std::count(suffix.begin(), suffix.end(), ' ')) + 1;
    if (tokens.size() <= words) continue;
    std::string tail;
    for (std::size_t k = tokens.size() - words; k < tokens.size(); ++k) {
      if (!tail.empty()) tail += ' ';
      tail += tokens[k].key;
    }
    if (tail == suffix) return country;
  }
  return {};
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

bool has_lower_ascii(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return std::islower(static_cast<unsigned char>(c)) != 0; });
}

// A dateline opening the body: "SHENZHEN, March 3, 2025 —", "FRANKFURT
// (Pacific Ledger) -", "NEW YORK -": a place in capitals followed by a comma,
// a parenthesis or a dash. Empty if the body does not open so.
std::string_view body_dateline(std::string_view body) {
  std::size_t end = 0;
  while (end < body.size() && end < 60) {
    const auto c = static_cast<unsigned char>(body[end]);
    if (!(std::isupper(c) || c == ' ' || c == '.' || c == '\'' || c == '-' || c >= 0x80)) break;
    // A dash after a space ends the place: "NEW YORK - ".
    if (c == '-' && end > 0 && body[end - 1] == ' ') break;
    if (c == 0xe2) break;  // an em or en dash
    ++end;
  }
  const std::string_view place = trim(body.substr(0, end));
  const std::string_view rest = body.substr(end);
  const bool marked = !rest.empty() && (rest[0] == ',' || rest[0] == '(' || rest[0] == '-' ||
                                        rest.substr(0, 2) == "\xE2\x80");
  const auto letters = std::count_if(place.begin(), place.end(), [](char c) {
    return std::isupper(static_cast<unsigned char>(c)) != 0;
  });
  if (!marked || letters < 3) return {};
  return place;
}

// Weight of a company's score for its home country. Small beside a dateline
// (Reuters-21578 labels a LONDON eurobond by an American issuer as GB only),
// larger without one (a headline "GELCO CORP 2ND QTR NET" is a US story).
constexpr double kDatelineCompanyWeight = 0.1;
constexpr double kNoDatelineCompanyWeight = 1.0;

}  // namespace

// ---------------------------------------------------------------------------
// CountryDirectory

CountryDirectory CountryDirectory::load(const std::filesystem::path& file) {
  CountryDirectory directory;
  read_tsv(file, "country list", 5, [&](const std::vector<std::string>& cols, const TsvFail& fail) {
    const std::string& code = cols[0];
    if (code.size() != 2 || !std::isupper(static_cast<unsigned char>(code[0])) ||
        !std::isupper(static_cast<unsigned char>(code[1]))) {
      fail("code must be an upper-case ISO 3166-1 alpha-2 code: '" + code + "'");
    }
    if (directory.by_code_.count(code) != 0) fail("country listed twice: " + code);
    if (cols[1].empty()) fail("no name for " + code);
    const auto country = static_cast<std::uint16_t>(directory.codes_.size());
    directory.codes_.push_back(code);
    directory.by_code_.emplace(code, country);
    const std::array<Kind, 4> kinds{Kind::Name, Kind::Demonym, Kind::Place, Kind::Historical};
    for (std::size_t column = 1; column < 5; ++column) {
      if (cols[column].empty()) continue;
      for (const std::string& name : split(cols[column], '|')) {
        if (name.empty()) fail("empty entry in column " + std::to_string(column + 1));
        directory.by_name_.try_emplace(text::fold(name), country);
        Pattern p;
        p.surface = name;
        p.country = country;
        p.kind = kinds[column - 1];
        if (is_unspaced_script(name)) {
          directory.unspaced_.push_back(static_cast<std::uint32_t>(directory.patterns_.size()));
          directory.patterns_.push_back(std::move(p));
          continue;
        }
        const std::vector<Token> tokens = tokens_of(name);
        if (tokens.empty()) continue;
        for (std::size_t k = 0; k < tokens.size(); ++k) {
          p.tokens.push_back(tokens[k].key);
          if (k < 32 && tokens[k].upper_initial) p.capitalised |= 1u << k;
        }
        p.acronym = !has_lower_ascii(name) && name.size() <= 6;
        directory.patterns_.push_back(std::move(p));
      }
    }
  });
  for (std::uint32_t i = 0; i < directory.patterns_.size(); ++i) {
    const Pattern& p = directory.patterns_[i];
    if (p.tokens.empty()) continue;
    directory.by_first_token_[p.tokens[0]].push_back(i);
    directory.first_tokens_.add(p.tokens[0]);
  }
  for (auto& [first, list] : directory.by_first_token_) {
    std::stable_sort(list.begin(), list.end(), [&](std::uint32_t a, std::uint32_t b) {
      return directory.patterns_[a].tokens.size() > directory.patterns_[b].tokens.size();
    });
  }
  return directory;
}

std::optional<std::string> CountryDirectory::resolve(std::string_view name_or_code) const {
  const std::string_view s = trim(name_or_code);
  if (s.empty()) return std::nullopt;
  if (s.size() == 2) {
    std::string code(s);
    for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (by_code_.count(code) != 0) return code;
  }
  const auto it = by_name_.find(text::fold(s));
  if (it != by_name_.end()) return codes_[it->second];
  return std::nullopt;
}

std::string country_display_name(std::string_view code) {
  std::string upper(code);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper.size() != 2 || upper[0] < 'A' || upper[0] > 'Z' || upper[1] < 'A' || upper[1] > 'Z') {
    return upper;
  }
  // Every two-letter code's name, looked up in ICU once: this runs for each
  // country of each article the indexer reads.
  static const std::array<std::string, 26 * 26> kNames = [] {
    std::array<std::string, 26 * 26> names;
    for (int i = 0; i < 26 * 26; ++i) {
      const char letters[3] = {static_cast<char>('A' + i / 26), static_cast<char>('A' + i % 26), 0};
      const icu::Locale locale("", letters);
      icu::UnicodeString name;
      locale.getDisplayCountry(icu::Locale::getEnglish(), name);
      name.toUTF8String(names[static_cast<std::size_t>(i)]);
      // ICU echoes a code it does not know.
      if (names[static_cast<std::size_t>(i)].empty()) names[static_cast<std::size_t>(i)] = letters;
    }
    return names;
  }();
  return kNames[static_cast<std::size_t>((upper[0] - 'A') * 26 + (upper[1] - 'A'))];
}

// ---------------------------------------------------------------------------
// Extraction

std::vector<FacetTag> extract_countries(const CountryDirectory& countries,
                                        const CompanyDirectory& companies, const Article& article,
                                        const std::vector<FacetTag>& company_tags) {
  return extract_countries(countries, companies, article, company_tags, tokenize_article(article));
}

std::vector<FacetTag> extract_countries(const CountryDirectory& countries,
                                        const CompanyDirectory& companies, const Article& article,
                                        const std::vector<FacetTag>& company_tags,
                                        const std::vector<Token>& tokens) {
  struct Tally {
    double dateline = 0;
    double title = 0, lead = 0, body = 0;
    double companies = 0;
    std::vector<std::string> evidence;
  };
  std::map<std::uint16_t, Tally> tallies;
  const auto note = [](Tally& tally, std::string_view surface) {
    std::string s(surface);
    std::replace(s.begin(), s.end(), '\n', ' ');
    if (tally.evidence.size() < 8 &&
        std::find(tally.evidence.begin(), tally.evidence.end(), s) == tally.evidence.end()) {
      tally.evidence.push_back(std::move(s));
    }
  };

  // 1. The dateline: "TOKYO, March 3", "GREENWICH, Conn., March 3".
  std::string_view dateline = trim(article.dateline);
  bool dateline_in_body = false;
  if (dateline.empty()) {
    dateline = body_dateline(article.body);
    dateline_in_body = !dateline.empty();
  }
  if (!dateline.empty()) {
    const std::string_view place = dateline.substr(0, dateline.find('('));
    std::optional<std::uint16_t> found;
    std::string_view found_surface;
    const std::vector<std::string> parts = split(place, ',');
    for (std::size_t k = 0; k < parts.size() && k < 3; ++k) {
      std::string_view part = trim(parts[k]);
      // The date ends the place: "March 3", also without a comma ("RICHMOND, Va. Feb 26").
      const std::vector<Token> words = tokens_of(part);
      std::size_t date = 0;
      while (date < words.size() && !words[date].digit_initial && !is_month(words[date].key)) {
        ++date;
      }
      if (date < words.size()) part = trim(part.substr(0, words[date].begin));
      if (part.empty()) break;
      std::optional<std::uint16_t> here;
      if (const auto it = countries.by_name_.find(text::fold(part));
          it != countries.by_name_.end()) {
        here = it->second;
      } else {
        std::string key = text::fold(part);
        key.erase(
            std::remove_if(key.begin(), key.end(), [](char c) { return c == '.' || c == ' '; }),
            key.end());
        const std::string_view region = dateline_region(key);
        if (!region.empty()) {
          if (const auto c = countries.by_code_.find(region); c != countries.by_code_.end()) {
            here = c->second;
          }
        }
      }
      // A later part names the state or country and overrides the city
      // ("CAMBRIDGE, Mass.", "PERTH, Scotland").
      if (here) {
        found = here;
        found_surface = part;
      }
      if (date < words.size()) break;
    }
    if (found) {
      Tally& tally = tallies[*found];
      tally.dateline = 1;
      note(tally, found_surface);
    }
  }

  // 2. Names, demonyms, places and historical names in title and body.
  const std::array<std::string_view, 2> segments{article.title, article.body};
  const auto text_of = [&](const Token& t) { return segments[t.segment]; };
  const auto gap_before = [&](std::size_t i) -> std::string_view {
    const Token& t = tokens[i];
    if (i == 0 || tokens[i - 1].segment != t.segment) return text_of(t).substr(0, t.begin);
    return text_of(t).substr(tokens[i - 1].end, t.begin - tokens[i - 1].end);
  };
  const auto joinable = [&](std::size_t i) {
    const std::string_view gap = gap_before(i);
    return gap.size() <= 3 && std::all_of(gap.begin(), gap.end(), [](char c) {
             return c == ' ' || c == '-' || c == '.' || c == '\'' || c == '\n';
           });
  };
  // Company names hide the places inside them ("American Express", "Bank of
  // Japan" stays: it is not a company); their home country is counted below.
  std::array<std::vector<std::pair<std::size_t, std::size_t>>, 2> masked;
  for (const FacetTag& tag : company_tags) {
    for (const std::string& surface : tag.evidence) {
      for (std::uint8_t seg = 0; seg < 2; ++seg) {
        const std::string_view text = segments[seg];
        for (std::size_t at = text.find(surface); at != std::string_view::npos;
             at = text.find(surface, at + surface.size())) {
          masked[seg].emplace_back(at, at + surface.size());
        }
      }
    }
  }
  const auto is_masked = [&](std::uint8_t seg, std::size_t begin, std::size_t end) {
    return std::any_of(masked[seg].begin(), masked[seg].end(),
                       [&](const auto& r) { return begin < r.second && r.first < end; });
  };
  const std::size_t dateline_tokens =
      dateline_in_body ? tokens_of(dateline).size() : 0;  // counted already
  std::size_t body_start = 0;
  while (body_start < tokens.size() && tokens[body_start].segment == 0) ++body_start;

  const auto count = [&](std::uint16_t country, CountryDirectory::Kind kind, std::uint8_t seg,
                         std::uint32_t sentence, std::string_view surface, double factor) {
    // A demonym or a city says less about the subject than the country's name.
    const double weight =
        factor * (kind == CountryDirectory::Kind::Name || kind == CountryDirectory::Kind::Historical
                      ? 1.0
                      : 0.8);
    Tally& tally = tallies[country];
    if (seg == 0) {
      tally.title = std::max(tally.title, weight);
    } else if (sentence < 2) {
      tally.lead = std::max(tally.lead, weight);
    }
    tally.body += weight;
    note(tally, surface);
  };

  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (i >= body_start && i < body_start + dateline_tokens) continue;
    if (!countries.first_tokens_.may_contain(tokens[i].key)) continue;
    const auto bucket = countries.by_first_token_.find(tokens[i].key);
    if (bucket == countries.by_first_token_.end()) continue;
    for (const std::uint32_t index : bucket->second) {
      const CountryDirectory::Pattern& p = countries.patterns_[index];
      const std::size_t n = p.tokens.size();
      if (i + n > tokens.size()) continue;
      bool match = true;
      for (std::size_t k = 1; k < n && match; ++k) {
        const Token& t = tokens[i + k];
        match = t.key == p.tokens[k] && t.segment == tokens[i].segment &&
                t.sentence == tokens[i].sentence && joinable(i + k);
      }
      if (!match) continue;
      if (!tokens[i].caps_context) {
        for (std::size_t k = 0; k < n && match; ++k) {
          if (p.acronym) {
            match = tokens[i + k].all_upper || tokens[i + k].digit_initial;
          } else if (k < 32 && ((p.capitalised >> k) & 1u)) {
            match = tokens[i + k].upper_initial;
          }
        }
      }
      if (!match) continue;
      const Token& first = tokens[i];
      const Token& last = tokens[i + n - 1];
      i += n - 1;
      if (is_masked(first.segment, first.begin, last.end)) break;
      const bool money = i + 1 < tokens.size() && is_currency(tokens[i + 1].key);
      count(p.country, p.kind, first.segment, first.sentence,
            text_of(first).substr(first.begin, last.end - first.begin), money ? 0.3 : 1.0);
      break;
    }
  }
  // Names in scripts without spaces.
  for (std::uint8_t seg = 0; seg < 2; ++seg) {
    const std::string_view text = segments[seg];
    if (std::all_of(text.begin(), text.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
      continue;
    }
    for (const std::uint32_t index : countries.unspaced_) {
      const CountryDirectory::Pattern& p = countries.patterns_[index];
      for (std::size_t at = text.find(p.surface); at != std::string_view::npos;
           at = text.find(p.surface, at + p.surface.size())) {
        if (is_masked(seg, at, at + p.surface.size())) continue;
        std::uint32_t sentence = 0;
        for (const Token& t : tokens) {
          if (t.segment == seg && t.end > at) {
            sentence = t.sentence;
            break;
          }
        }
        count(p.country, p.kind, seg, sentence, p.surface, 1.0);
      }
    }
  }

  const auto place_in = [&](std::string_view name) -> std::optional<std::uint16_t> {
    const std::vector<Token> words = tokens_of(name);
    for (std::size_t i = 0; i < words.size(); ++i) {
      const auto bucket = countries.by_first_token_.find(words[i].key);
      if (bucket == countries.by_first_token_.end()) continue;
      for (const std::uint32_t index : bucket->second) {
        const CountryDirectory::Pattern& p = countries.patterns_[index];
        if (p.acronym || i + p.tokens.size() > words.size()) continue;
        bool match = true;
        for (std::size_t k = 0; k < p.tokens.size() && match; ++k) {
          match = words[i + k].key == p.tokens[k];
        }
        if (match) return p.country;
      }
    }
    return std::nullopt;
  };

  // 3. Home countries of the central companies: the 1987 wire often says
  // "American" only through the company.
  for (const FacetTag& tag : company_tags) {
    std::string_view home;
    if (const CompanyInfo* info = companies.find(tag.key)) {
      home = info->country;
    } else {
      // A place in the name says more than the suffix: "Hokkaido Bank Ltd",
      // "Texaco Canada Inc".
      for (const std::string& surface : tag.evidence) {
        if (const auto c = place_in(surface)) {
          home = countries.codes_[*c];
          break;
        }
      }
      for (const std::string& surface : tag.evidence) {
        if (!home.empty()) break;
        home = suffix_country(surface);
      }
    }
    if (home.empty()) continue;
    const auto c = countries.by_code_.find(home);
    if (c == countries.by_code_.end()) continue;
    Tally& tally = tallies[c->second];
    tally.companies += tag.score;
    if (!tag.evidence.empty()) note(tally, tag.evidence.front());
  }

  // Without a dateline the companies are often the only clue to the place.
  const bool has_dateline = std::any_of(tallies.begin(), tallies.end(),
                                        [](const auto& t) { return t.second.dateline > 0; });
  const double company_weight = has_dateline ? kDatelineCompanyWeight : kNoDatelineCompanyWeight;
  std::vector<FacetTag> tags;
  for (auto& [country, tally] : tallies) {
    const double score = 3.0 * tally.dateline + 2.0 * tally.title + 1.0 * tally.lead +
                         0.5 * std::log2(1.0 + tally.body) +
                         company_weight * std::min(tally.companies, 5.0);
    if (score < kCountryScoreThreshold) continue;
    tags.push_back({countries.codes_[country], score, std::move(tally.evidence)});
  }
  std::stable_sort(tags.begin(), tags.end(),
                   [](const FacetTag& a, const FacetTag& b) { return a.score > b.score; });
  return tags;
}

}  // namespace newsdesk::extract
