#include "extract/companies.h"

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

std::vector<std::string> keys_of(std::string_view name) {
  std::vector<Token> tokens;
  tokenize(name, 0, tokens);
  std::vector<std::string> keys;
  keys.reserve(tokens.size());
  for (auto& t : tokens) keys.push_back(std::move(t.key));
  return keys;
}

// A name as compared with the gazetteer: its words, without "and" ("Standard
// and Poor's" = "Standard & Poor's").
std::string name_key(std::string_view name) {
  std::vector<Token> tokens;
  tokenize(name, 0, tokens);
  std::string key;
  for (const Token& t : tokens) {
    if (t.key == "and") continue;
    if (!key.empty()) key += ' ';
    key += t.key;
  }
  return key;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// ---------------------------------------------------------------------------
// Bounds on a company name found in front of a corporate suffix.
constexpr std::size_t kMaxSuffixNameBytes = 60;
constexpr std::size_t kMaxSuffixNameWords = 7;

// Corporate suffixes: they mark a company name and are dropped from it.

struct Suffix {
  std::vector<std::string_view> keys;
  bool needs_upper_initial = true;  // "Co", not "co"
};

const std::vector<Suffix>& suffixes() {
  static const std::vector<Suffix> kSuffixes = {{{"s", "p", "a"}, false},
                                                {{"s", "a"}},
                                                {{"n", "v"}},
                                                {{"l", "p"}},
                                                {{"k", "k"}},
                                                {{"a", "s"}},
                                                {{"inc"}},
                                                {{"incorporated"}},
                                                {{"corp"}},
                                                {{"corporation"}},
                                                {{"co"}},
                                                {{"cos"}},
                                                {{"company"}},
                                                {{"ltd"}},
                                                {{"limited"}},
                                                {{"plc"}, false},
                                                {{"ag"}},
                                                {{"sa"}},
                                                {{"nv"}},
                                                {{"spa"}},
                                                {{"gmbh"}},
                                                {{"bhd"}},
                                                {{"berhad"}},
                                                {{"holdings"}},
                                                {{"holding"}},
                                                {{"group"}},
                                                {{"ab"}},
                                                {{"asa"}},
                                                {{"oyj"}},
                                                {{"kk"}},
                                                {{"pty"}},
                                                {{"pte"}},
                                                {{"llc"}},
                                                {{"ltda"}},
                                                {{"sab"}},
                                                {{"bv"}},
                                                {{"tbk"}},
                                                {{"pcl"}},
                                                {{"lp"}}};
  return kSuffixes;
}

// Number of tokens of the suffix starting at `i`, or 0.
std::size_t suffix_at(const std::vector<Token>& tokens, std::size_t i) {
  // Most words start no suffix: check that first, it runs on every word. Most
  // words are in lower case, which starts only the few suffixes that need no
  // capital: a short list, cheaper to scan than a word is to hash.
  struct FirstWords {
    std::unordered_set<std::string_view> any_case;
    std::vector<std::string_view> lower_case;
  };
  static const FirstWords kFirstWords = [] {
    FirstWords words;
    for (const Suffix& suffix : suffixes()) {
      words.any_case.insert(suffix.keys[0]);
      if (!suffix.needs_upper_initial) words.lower_case.push_back(suffix.keys[0]);
    }
    return words;
  }();
  const std::string_view key = tokens[i].key;
  if (key.size() > 12) return 0;
  if (tokens[i].upper_initial
          ? kFirstWords.any_case.count(key) == 0
          : std::find(kFirstWords.lower_case.begin(), kFirstWords.lower_case.end(), key) ==
                kFirstWords.lower_case.end()) {
    return 0;
  }
  for (const Suffix& suffix : suffixes()) {
    const std::size_t n = suffix.keys.size();
    if (i + n > tokens.size()) continue;
    bool match = true;
    for (std::size_t k = 0; k < n && match; ++k) {
      const Token& t = tokens[i + k];
      match = t.key == suffix.keys[k] && t.sentence == tokens[i].sentence &&
              t.segment == tokens[i].segment;
    }
    if (!match) continue;
    const Token& t = tokens[i];
    if (suffix.needs_upper_initial && !t.upper_initial) continue;
    // Two-letter suffixes (AG, SA, NV, AB) are written in capitals.
    if (n == 1 && suffix.keys[0].size() == 2 && suffix.keys[0] != "co" && !t.all_upper) continue;
    if (n > 1 && !t.all_upper) continue;  // "S.A.", "N.V.", not "s.a."
    return n;
  }
  return 0;
}

// Words that are not part of the company name in front of a suffix.
bool is_lead_in(std::string_view key) {
  static const std::unordered_set<std::string_view> kWords = {
      "the",       "a",          "an",       "in",           "at",     "on",         "for",
      "by",        "from",       "with",     "and",          "but",    "both",       "to",
      "of",        "as",         "its",      "his",          "her",    "their",      "it",
      "this",      "that",       "shares",   "unit",         "units",  "subsidiary", "analysts",
      "officials", "says",       "said",     "sees",         "set",    "sets",       "buys",
      "buy",       "sells",      "sell",     "stake",        "bid",    "offer",      "agrees",
      "rejects",   "acquire",    "acquires", "acquisition",  "merger", "completes",  "names",
      "ups",       "cuts",       "raises",   "lowers",       "posts",  "reports",    "qtly",
      "div",       "dividend",   "vs",       "talks",        "plans",  "wins",       "gets",
      "makes",     "into",       "after",    "over",         "under",  "sale",       "buyout",
      "earnings",  "net",        "profit",   "loss",         "stock",  "split",      "sees",
      "completes", "terminates", "extends",  "ends",         "tender", "purchase",   "deal",
      "agreement", "approves",   "holders",  "shareholders", "about",  "while",      "when",
      "if",        "said",       "also",     "because",      "he",     "she",        "they",
      "we",        "i",          "mln",      "billion",      "dlrs",   "pct",        "first",
      "ex",        "former",     "rival",    "parent",       "owner",  "chairman",   "president"};
  return kWords.count(key) != 0;
}

// The word before "of" that makes "X of Y Corp" one name ("Bank of Boston Corp").
bool is_of_head(std::string_view key) {
  static const std::unordered_set<std::string_view> kHeads = {
      "bank",         "banco",    "banque",   "trust",      "bancorp",   "corporation",
      "company",      "society",  "union",    "federation", "insurance", "savings",
      "commonwealth", "republic", "exchange", "institute",  "church",    "university",
      "association",  "board",    "authority"};
  return kHeads.count(key) != 0;
}

// Words that name no company on their own ("and Sons Inc" -> "Sons").
bool is_generic(std::string_view key) {
  static const std::unordered_set<std::string_view> kWords = {
      "sons",          "brothers", "bros",      "partners",  "associates", "industries",
      "international", "holdings", "america",   "american",  "national",   "general",
      "company",       "co",       "telegraph", "trust",     "bank",       "securities",
      "group",         "corp",     "inc",       "investors", "service",    "services",
      "gas",           "oil",      "energy",    "electric",  "power",      "insurance"};
  return kWords.count(key) != 0;
}

bool is_connector(std::string_view key) {
  static const std::unordered_set<std::string_view> kConnectors = {
      "de", "des", "du", "d", "la", "le", "l", "di", "del", "der", "van", "von", "y", "et", "e"};
  return kConnectors.count(key) != 0;
}

// ---------------------------------------------------------------------------
// Tickers.

// Exchange as written in text -> exchange code of the gazetteer.
std::string_view exchange_code(std::string_view key) {
  static const std::map<std::string_view, std::string_view> kExchanges = {
      {"nasdaq", "NASDAQ"},   {"nyse", "NYSE"}, {"amex", "NYSE"}, {"otc", "OTC"},
      {"cboe", "CBOE"},       {"lse", "LSE"},   {"lon", "LSE"},   {"tsx", "TSX"},
      {"hkex", "HKEX"},       {"sehk", "HKEX"}, {"hkse", "HKEX"}, {"hk", "HKEX"},
      {"tse", "TSE"},         {"tyo", "TSE"},   {"sse", "SSE"},   {"sha", "SSE"},
      {"szse", "SZSE"},       {"she", "SZSE"},  {"krx", "KRX"},   {"kospi", "KRX"},
      {"kosdaq", "KRX"},      {"twse", "TWSE"}, {"tpe", "TWSE"},  {"tpex", "TPEX"},
      {"xetra", "XETRA"},     {"etr", "XETRA"}, {"fra", "XETRA"}, {"epa", "EPA"},
      {"ams", "AMS"},         {"ebr", "EBR"},   {"bit", "BIT"},   {"bme", "BME"},
      {"six", "SIX"},         {"sto", "STO"},   {"cph", "CPH"},   {"hel", "HEL"},
      {"osl", "OSL"},         {"nse", "NSE"},   {"bse", "BSE"},   {"sgx", "SGX"},
      {"asx", "ASX"},         {"nzx", "NZX"},   {"jse", "JSE"},   {"moex", "MOEX"},
      {"tadawul", "TADAWUL"}, {"bvmf", "BVMF"}, {"bmv", "BMV"},   {"idx", "IDX"},
      {"set", "SET"},         {"wse", "WSE"},   {"bist", "BIST"}, {"tase", "TASE"}};
  const auto it = kExchanges.find(key);
  return it == kExchanges.end() ? std::string_view{} : it->second;
}

// Yahoo-style suffix ("9988.HK", "7203.T") -> exchange code.
std::string_view suffix_exchange(std::string_view key) {
  static const std::map<std::string_view, std::string_view> kSuffixes = {
      {"hk", "HKEX"}, {"t", "TSE"},  {"tw", "TWSE"}, {"two", "TPEX"}, {"ks", "KRX"},
      {"kq", "KRX"},  {"ss", "SSE"}, {"sz", "SZSE"}, {"l", "LSE"},    {"de", "XETRA"},
      {"pa", "EPA"},  {"as", "AMS"}, {"sw", "SIX"},  {"mi", "BIT"},   {"mc", "BME"},
      {"to", "TSX"},  {"ax", "ASX"}, {"si", "SGX"},  {"ns", "NSE"},   {"bo", "BSE"},
      {"st", "STO"},  {"co", "CPH"}, {"he", "HEL"},  {"ol", "OSL"},   {"sa", "BVMF"},
      {"mx", "BMV"},  {"jk", "IDX"}, {"kl", "MYX"},  {"bk", "SET"},   {"sr", "TADAWUL"},
      {"jo", "JSE"},  {"nz", "NZX"}, {"br", "EBR"},  {"vi", "VIE"},   {"ls", "ELI"}};
  const auto it = kSuffixes.find(key);
  return it == kSuffixes.end() ? std::string_view{} : it->second;
}

bool is_us_exchange(std::string_view exchange) {
  return exchange == "NYSE" || exchange == "NASDAQ" || exchange == "OTC" || exchange == "CBOE";
}

// Numeric codes are written with or without leading zeros ("00700.HK" for HKEX:0700).
std::string canonical_symbol(std::string_view exchange, std::string_view symbol) {
  std::string s = upper(symbol);
  if (exchange == "HKEX" && !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
      })) {
    while (s.size() > 4 && s[0] == '0') s.erase(0, 1);
    while (s.size() < 4) s.insert(s.begin(), '0');
  }
  return s;
}

// ---------------------------------------------------------------------------
// Evidence that an ambiguous name ("Apple", "Shell") is the company.

bool is_corporate_context(std::string_view key) {
  static const std::unordered_set<std::string_view> kWords = {
      "shares",      "share",       "stock",        "stocks",      "shareholders", "stockholders",
      "ceo",         "chief",       "executive",    "executives",  "chairman",     "president",
      "spokesman",   "spokeswoman", "spokesperson", "statement",   "quarterly",    "quarter",
      "profit",      "profits",     "earnings",     "revenue",     "revenues",     "sales",
      "dividend",    "subsidiary",  "unit",         "acquisition", "acquire",      "acquired",
      "takeover",    "merger",      "bid",          "inc",         "corp",         "plc",
      "ltd",         "nasdaq",      "nyse",         "analysts",    "investors",    "stake",
      "shareholder", "company's",   "results",      "net",         "fiscal",       "listed",
      "iphone",      "ipad",        "mac",          "macbook",     "ios",          "itunes",
      "aws",         "alexa",       "kindle",       "prime",       "retailer",     "airline",
      "carrier",     "automaker",   "refinery",     "stores",      "brand",        "products",
      "announced",   "launched",    "unveiled",     "valuation",   "ipo",          "layoffs",
      "lawsuit",     "antitrust",   "regulators",   "deal",        "contract",     "customers",
      "devices",     "smartphone",  "software",     "cloud",       "chips",        "oil",
      "gasoline",    "stations",    "flights",      "jet",         "card",         "payments"};
  return kWords.count(key) != 0;
}

// ---------------------------------------------------------------------------
// Mentions found in one article.

struct Mention {
  std::string key;                    // company id or slug of a suffix name
  std::uint32_t first = 0, last = 0;  // token range [first, last)
  std::uint32_t begin = 0, end = 0;   // bytes of the evidence in its segment
  std::uint8_t segment = 0;
  std::uint32_t sentence = 0;
  double weight = 1.0;
  bool weak = false;       // an ambiguous name, not yet confirmed
  bool strong = false;     // a ticker, a suffix or an unambiguous name: confirms weak ones
  bool caps_word = false;  // one word in capitals: confirmed only by running text
};

std::string title_case(std::string_view name) {
  std::string out(name);
  bool start = true;
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      c = static_cast<char>(start ? std::toupper(u) : std::tolower(u));
      start = false;
    } else {
      start = u != '\'';
    }
  }
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------
// CompanyDirectory

CompanyDirectory CompanyDirectory::load(const std::vector<std::filesystem::path>& files) {
  CompanyDirectory directory;
  std::unordered_map<std::string, std::size_t> row_of;
  for (const auto& file : files) {
    read_tsv(
        file, "company list", 7, [&](const std::vector<std::string>& cols, const TsvFail& fail) {
          CompanyInfo info;
          info.id = cols[0];
          info.name = cols[1];
          if (info.id.empty() || !std::all_of(info.id.begin(), info.id.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
              })) {
            fail("id must be a non-empty lower-case slug (a-z, 0-9, '-'): '" + info.id + "'");
          }
          if (info.name.empty()) fail("empty name for '" + info.id + "'");
          if (!cols[2].empty()) {
            for (auto& alias : split(cols[2], '|')) {
              if (alias.empty()) fail("empty alias for '" + info.id + "'");
              info.aliases.push_back(std::move(alias));
            }
          }
          if (!cols[3].empty()) {
            for (auto& ticker : split(cols[3], '|')) {
              const std::size_t colon = ticker.find(':');
              if (colon == std::string::npos || colon == 0 || colon + 1 == ticker.size()) {
                fail("ticker must be EXCHANGE:SYMBOL: '" + ticker + "'");
              }
              info.tickers.push_back(std::move(ticker));
            }
          }
          info.country = cols[4];
          if (!info.country.empty() &&
              (info.country.size() != 2 ||
               !std::isupper(static_cast<unsigned char>(info.country[0])) ||
               !std::isupper(static_cast<unsigned char>(info.country[1])))) {
            fail("country must be an upper-case ISO 3166-1 alpha-2 code: '" + info.country + "'");
          }
          info.sector = cols[5];
          if (cols[6] != "0" && cols[6] != "1") fail("ambiguous must be 0 or 1: '" + cols[6] + "'");
          info.ambiguous = cols[6] == "1";
          if (const auto it = row_of.find(info.id); it != row_of.end()) {
            directory.companies_[it->second] = std::move(info);
          } else {
            row_of.emplace(info.id, directory.companies_.size());
            directory.companies_.push_back(std::move(info));
          }
        });
  }
  directory.build();
  return directory;
}

void CompanyDirectory::build() {
  for (std::uint32_t c = 0; c < companies_.size(); ++c) {
    const CompanyInfo& info = companies_[c];
    by_id_[info.id] = c;
    std::vector<std::string> names{info.name};
    names.insert(names.end(), info.aliases.begin(), info.aliases.end());
    for (const std::string& name : names) {
      // Later rows win a contested string, so a user file can claim it.
      by_name_[name_key(name)] = c;
      if (is_unspaced_script(name)) {
        Pattern p;
        p.surface = name;
        p.company = c;
        unspaced_.push_back(static_cast<std::uint32_t>(patterns_.size()));
        patterns_.push_back(std::move(p));
        continue;
      }
      Pattern p;
      p.tokens = keys_of(name);
      // One letter ("e&" -> "e") would match initials everywhere.
      if (p.tokens.empty() || (p.tokens.size() == 1 && p.tokens[0].size() < 2)) continue;
      p.surface = name;
      p.company = c;
      const bool has_lower = std::any_of(name.begin(), name.end(), [](char ch) {
        return std::islower(static_cast<unsigned char>(ch)) != 0;
      });
      p.acronym = !has_lower && name.size() <= 5;
      p.weak = info.ambiguous && p.tokens.size() == 1;
      // Which words are capitalised as written ("Bank of America": 1st and 3rd).
      std::vector<Token> tokens;
      tokenize(name, 0, tokens);
      for (std::size_t k = 0; k < tokens.size() && k < 32; ++k) {
        if (tokens[k].upper_initial) p.capitalised |= 1u << k;
      }
      // Also the name without its corporate suffix ("Apple Inc" -> "Apple") for resolve().
      for (std::size_t i = 1; i < tokens.size(); ++i) {
        if (const std::size_t n = suffix_at(tokens, i); n > 0 && i + n == tokens.size()) {
          by_name_.try_emplace(name_key(name.substr(0, tokens[i - 1].end)), c);
          break;
        }
      }
      patterns_.push_back(std::move(p));
    }
    for (const std::string& ticker : info.tickers) {
      const std::size_t colon = ticker.find(':');
      const std::string exchange = upper(ticker.substr(0, colon));
      const std::string symbol = canonical_symbol(exchange, ticker.substr(colon + 1));
      by_ticker_[exchange + ":" + symbol] = c;
      auto& list = by_symbol_[symbol];
      if (is_us_exchange(exchange)) {
        list.insert(list.begin(), c);
      } else {
        list.push_back(c);
      }
    }
  }
  for (std::uint32_t i = 0; i < patterns_.size(); ++i) {
    if (patterns_[i].tokens.empty()) continue;
    by_first_token_[patterns_[i].tokens[0]].push_back(i);
    first_tokens_.add(patterns_[i].tokens[0]);
  }
  for (auto& [first, list] : by_first_token_) {
    std::stable_sort(list.begin(), list.end(), [this](std::uint32_t a, std::uint32_t b) {
      return patterns_[a].tokens.size() > patterns_[b].tokens.size();
    });
  }
}

const CompanyInfo* CompanyDirectory::find(std::string_view id) const {
  const auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &companies_[it->second];
}

const CompanyInfo* CompanyDirectory::find_by_name(std::string_view name) const {
  const auto it = by_name_.find(name_key(name));
  return it == by_name_.end() ? nullptr : &companies_[it->second];
}

const CompanyInfo* CompanyDirectory::find_by_ticker(std::string_view exchange,
                                                    std::string_view symbol) const {
  const std::string s = canonical_symbol(exchange, symbol);
  if (!exchange.empty()) {
    const auto it = by_ticker_.find(std::string(exchange) + ":" + s);
    if (it != by_ticker_.end()) return &companies_[it->second];
  }
  const auto it = by_symbol_.find(s);
  if (it == by_symbol_.end() || it->second.empty()) return nullptr;
  return &companies_[it->second.front()];
}

const CompanyInfo* CompanyDirectory::resolve(std::string_view name_or_ticker) const {
  std::string_view s = name_or_ticker;
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty()) return nullptr;
  if (const CompanyInfo* info = find(text::fold(s))) return info;
  if (const CompanyInfo* info = find(text::slug(s))) return info;
  if (s.front() == '$') return find_by_ticker("", s.substr(1));
  if (const std::size_t colon = s.find(':'); colon != std::string_view::npos) {
    std::string_view exchange = s.substr(0, colon);
    std::string_view symbol = s.substr(colon + 1);
    while (!symbol.empty() && symbol.front() == ' ') symbol.remove_prefix(1);
    const std::string_view code = exchange_code(text::fold(exchange));
    if (const CompanyInfo* info = find_by_ticker(code.empty() ? upper(exchange) : code, symbol)) {
      return info;
    }
  }
  const std::string folded = text::fold(s);
  if (const CompanyInfo* info = find_by_name(folded)) return info;
  // "9988.HK", "7203.T"
  if (const std::size_t dot = s.rfind('.'); dot != std::string_view::npos && dot > 0) {
    const std::string_view exchange = suffix_exchange(text::fold(s.substr(dot + 1)));
    if (!exchange.empty()) {
      if (const CompanyInfo* info = find_by_ticker(exchange, s.substr(0, dot))) return info;
    }
  }
  // "Apple Inc", "TEXACO INC": the name without its suffixes.
  std::vector<Token> tokens;
  tokenize(s, 0, tokens);
  std::size_t end = tokens.size();
  while (end > 1) {
    bool cut = false;
    for (std::size_t i = 1; i < end; ++i) {
      const std::size_t n = suffix_at(tokens, i);
      if (n > 0 && i + n == end) {
        end = i;
        cut = true;
        break;
      }
    }
    if (!cut) break;
  }
  if (end < tokens.size()) {
    if (const CompanyInfo* info = find_by_name(text::fold(s.substr(0, tokens[end - 1].end)))) {
      return info;
    }
  }
  // A bare ticker ("AAPL", "aapl").
  return find_by_ticker("", s);
}

// ---------------------------------------------------------------------------
// Extraction

std::vector<FacetTag> extract_companies(const CompanyDirectory& directory, const Article& article) {
  return extract_companies(directory, article, tokenize_article(article));
}

std::vector<FacetTag> extract_companies(const CompanyDirectory& directory, const Article& article,
                                        const std::vector<Token>& tokens) {
  const std::array<std::string_view, 2> segments{article.title, article.body};
  const auto text_of = [&](const Token& t) -> std::string_view { return segments[t.segment]; };
  const auto gap_before = [&](std::size_t i) -> std::string_view {
    const Token& t = tokens[i];
    if (i == 0 || tokens[i - 1].segment != t.segment) return text_of(t).substr(0, t.begin);
    return text_of(t).substr(tokens[i - 1].end, t.begin - tokens[i - 1].end);
  };
  const auto same_sentence = [&](std::size_t a, std::size_t b) {
    return tokens[a].segment == tokens[b].segment && tokens[a].sentence == tokens[b].sentence;
  };
  // Words of a multi-word name may be joined by spaces and light punctuation only.
  const auto joinable = [&](std::size_t i) {
    const std::string_view gap = gap_before(i);
    if (gap.size() > 3) return false;
    return std::all_of(gap.begin(), gap.end(), [](char c) {
      return c == ' ' || c == '-' || c == '.' || c == '&' || c == '\'' || c == '/' || c == '\n';
    });
  };

  std::vector<Mention> mentions;
  std::vector<char> taken(tokens.size(), 0);  // bytes: cheaper than std::vector<bool>'s bits
  const auto add = [&](std::string key, std::size_t first, std::size_t last, bool weak, bool strong,
                       double weight) {
    Mention m;
    m.key = std::move(key);
    m.first = static_cast<std::uint32_t>(first);
    m.last = static_cast<std::uint32_t>(last);
    const Token& a = tokens[first];
    const Token& b = tokens[last - 1];
    m.segment = a.segment;
    m.sentence = a.sentence;
    m.begin = a.begin;
    m.end = b.end;
    // Keep "'s" with the name: "Apple's".
    const std::string_view text = text_of(a);
    if (last < tokens.size() && tokens[last].key == "s" && tokens[last].segment == a.segment) {
      const std::string_view gap = text.substr(b.end, tokens[last].begin - b.end);
      if (gap == "'" || gap == "\xE2\x80\x99") m.end = tokens[last].end;
    }
    // Keep the parentheses around a ticker: "(NASDAQ: AAPL)".
    if (strong && m.begin > 0 && text[m.begin - 1] == '(' && m.end < text.size() &&
        text[m.end] == ')') {
      --m.begin;
      ++m.end;
    }
    m.weak = weak;
    m.strong = strong;
    m.weight = weight;
    for (std::size_t k = first; k < last; ++k) taken[k] = true;
    mentions.push_back(std::move(m));
  };

  // 1. Tickers.
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    // "(NASDAQ: AAPL)", "(NYSE:IBM)"
    if ((t.all_upper || t.upper_initial) && t.key.size() <= 7) {
      const std::string_view code = exchange_code(t.key);
      if (!code.empty() && i + 1 < tokens.size() && same_sentence(i, i + 1)) {
        const std::string_view gap = gap_before(i + 1);
        if (gap.find(':') != std::string_view::npos && gap.size() <= 3 &&
            (tokens[i + 1].all_upper || tokens[i + 1].digit_initial)) {
          std::size_t last = i + 2;
          std::string symbol(
              text_of(tokens[i + 1])
                  .substr(tokens[i + 1].begin, tokens[i + 1].end - tokens[i + 1].begin));
          // "BRK.B"
          if (last < tokens.size() && gap_before(last) == "." && tokens[last].all_upper &&
              tokens[last].key.size() == 1) {
            symbol += "." + upper(tokens[last].key);
            ++last;
          }
          if (const CompanyInfo* info = directory.find_by_ticker(code, symbol)) {
            add(info->id, i, last, false, true, 1.0);
            i = last - 1;
            continue;
          }
        }
      }
    }
    // "$TSLA"
    if (t.all_upper && !t.digit_initial && t.key.size() <= 5) {
      const std::string_view gap = gap_before(i);
      if (!gap.empty() && gap.back() == '$') {
        if (const CompanyInfo* info = directory.find_by_ticker("", t.key)) {
          add(info->id, i, i + 1, false, true, 1.0);
          continue;
        }
      }
    }
    // "9988.HK", "7203.T", "RIO.L"
    if ((t.digit_initial || (t.all_upper && t.key.size() >= 2)) && i + 1 < tokens.size() &&
        tokens[i + 1].all_upper && gap_before(i + 1) == "." && same_sentence(i, i + 1)) {
      const std::string_view exchange = suffix_exchange(tokens[i + 1].key);
      // Not "U.S." and not the first half of a longer dotted abbreviation.
      const bool end_of_word = i + 2 >= tokens.size() || gap_before(i + 2) != ".";
      if (!exchange.empty() && end_of_word) {
        if (const CompanyInfo* info = directory.find_by_ticker(exchange, t.key)) {
          add(info->id, i, i + 2, false, true, 1.0);
          ++i;
          continue;
        }
      }
    }
  }

  // 2. Gazetteer names and aliases, longest first.
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (taken[i] || !directory.first_tokens_.may_contain(tokens[i].key)) continue;
    const auto bucket = directory.by_first_token_.find(tokens[i].key);
    if (bucket == directory.by_first_token_.end()) continue;
    for (const std::uint32_t index : bucket->second) {
      const CompanyDirectory::Pattern& p = directory.patterns_[index];
      const std::size_t n = p.tokens.size();
      if (i + n > tokens.size()) continue;
      bool match = true;
      for (std::size_t k = 1; k < n && match; ++k) {
        match = !taken[i + k] && tokens[i + k].key == p.tokens[k] && same_sentence(i, i + k) &&
                joinable(i + k);
      }
      if (!match) continue;
      // Case: an all-caps headline says nothing; elsewhere a capitalised
      // alias word must be capitalised in the text, and an acronym must be
      // in capitals ("BP", not "bp").
      if (!tokens[i].caps_context) {
        if (p.acronym) {
          for (std::size_t k = 0; k < n && match; ++k) {
            match = tokens[i + k].all_upper || tokens[i + k].digit_initial;
          }
        } else {
          for (std::size_t k = 0; k < n && k < 32 && match; ++k) {
            if ((p.capitalised >> k) & 1u) {
              match = tokens[i + k].upper_initial || tokens[i + k].digit_initial;
            }
          }
        }
      }
      if (!match) continue;
      const CompanyInfo& info = directory.companies_[p.company];
      // One word in a capitals headline may be a plain word ("UPS", "ICE",
      // "SFR" for Swiss francs): only a mention in running text confirms it.
      const bool caps_word =
          tokens[i].caps_context && (n == 1 || (n == 2 && p.tokens[1] == "s"));  // "KOHL'S"
      add(info.id, i, i + n, p.weak || caps_word, !p.weak && !caps_word, 1.0);
      mentions.back().caps_word = caps_word;
      i += n - 1;
      break;
    }
  }

  // 3. Companies named with a corporate suffix: "Texaco Inc", "Vodafone Group Plc".
  struct SuffixName {
    std::size_t first, last;  // name tokens
    std::size_t end;          // after the suffixes
    std::string name;
    bool caps;
  };
  std::vector<SuffixName> suffix_names;
  for (std::size_t i = 1; i < tokens.size(); ++i) {
    std::size_t n = suffix_at(tokens, i);
    if (n == 0 || !same_sentence(i - 1, i) || !joinable(i) || taken[i]) continue;
    // Swallow a chain of suffixes: "Group Plc", "Co Ltd".
    std::size_t end = i + n;
    while (end < tokens.size() && same_sentence(i, end) && joinable(end)) {
      const std::size_t more = suffix_at(tokens, end);
      if (more == 0) break;
      end += more;
    }
    // Not "Co-operative".
    if (end < tokens.size() && gap_before(end) == "-" && same_sentence(i, end)) continue;
    // The gazetteer named it already: "American Telephone and Telegraph Co".
    if (taken[i - 1]) {
      i = end - 1;
      continue;
    }
    const bool caps = tokens[i].caps_context;
    // Walk back over the name.
    std::size_t first = i;
    std::size_t words = 0;
    while (first > 0 && words < 6) {
      const std::size_t j = first - 1;
      if (!same_sentence(j, i) || !joinable(j + 1)) break;
      const Token& t = tokens[j];
      // "Moody's Investors Service Inc": a possessive inside the name.
      if (t.key == "s" && j > 0 && !t.upper_initial && gap_before(j).size() <= 3 &&
          gap_before(j).find_first_of("'\xE2") != std::string_view::npos && !caps) {
        first = j;
        continue;
      }
      if (caps) {
        if (is_lead_in(t.key) && !(t.key == "of" && j > 0 && is_of_head(tokens[j - 1].key))) break;
      } else if (t.key == "of") {
        if (j == 0 || !is_of_head(tokens[j - 1].key) || !tokens[j - 1].upper_initial) break;
      } else if (!(t.upper_initial || t.digit_initial) && !is_connector(t.key) &&
                 !(t.key == "and" && j > 0 && tokens[j - 1].upper_initial)) {
        break;
      }
      first = j;
      ++words;
    }
    // Leading words that only begin the sentence or link the name.
    while (first < i && (is_lead_in(tokens[first].key) || is_connector(tokens[first].key)) &&
           !(tokens[first].key == "bank")) {
      ++first;
    }
    // "Standard and Poor's Corp" is one name, "Exxon and Texaco Inc" two:
    // a known company before "and" is a list.
    for (std::size_t k = i; k-- > first;) {
      if (tokens[k].key == "and") {
        if (k > 0 && taken[k - 1]) first = k + 1;
        break;
      }
    }
    if (first == i) continue;
    // A bare number or a generic word is not a name ("1986 Inc", "Sons Inc").
    if (first + 1 == i && (tokens[first].digit_initial || is_generic(tokens[first].key) ||
                           suffix_at(tokens, first) > 0)) {
      continue;
    }
    const std::string_view text = text_of(tokens[i]);
    std::string name(text.substr(tokens[first].begin, tokens[i - 1].end - tokens[first].begin));
    while (!name.empty() && (name.back() == '&' || name.back() == ' ')) name.pop_back();
    // A company name is a few words; anything longer is a sentence that the
    // walk above misread (seen on a Reuters table with a run-on heading).
    if (name.size() > kMaxSuffixNameBytes ||
        std::count(name.begin(), name.end(), ' ') >= static_cast<long>(kMaxSuffixNameWords)) {
      i = end - 1;
      continue;
    }
    suffix_names.push_back({first, i, end, std::move(name), caps});
    i = end - 1;
  }
  // In capitals, prefer the name as the mixed-case text writes it.
  std::unordered_set<std::string> mixed_names;
  for (const auto& s : suffix_names) {
    if (!s.caps) mixed_names.insert(text::fold(s.name));
  }
  for (auto& s : suffix_names) {
    double weight = 1.0;
    if (s.caps) {
      bool confirmed = false;
      for (std::size_t f = s.first; f < s.last && !confirmed; ++f) {
        const std::string_view text = text_of(tokens[s.last]);
        const std::string candidate =
            text::fold(text.substr(tokens[f].begin, tokens[s.last - 1].end - tokens[f].begin));
        if (mixed_names.count(candidate) != 0 || directory.find_by_name(candidate) != nullptr) {
          s.first = f;
          s.name =
              title_case(text.substr(tokens[f].begin, tokens[s.last - 1].end - tokens[f].begin));
          confirmed = true;
        }
      }
      if (!confirmed) {
        // Unconfirmed headline guess: keep at most three words and count it little.
        if (s.last - s.first > 3) s.first = s.last - 3;
        const std::string_view text = text_of(tokens[s.last]);
        s.name = title_case(
            text.substr(tokens[s.first].begin, tokens[s.last - 1].end - tokens[s.first].begin));
        weight = 0.5;
      }
    } else if (std::all_of(tokens.begin() + static_cast<std::ptrdiff_t>(s.first),
                           tokens.begin() + static_cast<std::ptrdiff_t>(s.last),
                           [](const Token& t) { return t.all_upper && t.key.size() > 3; })) {
      s.name = title_case(s.name);
    }
    // "Cie" and "Compagnie" are one word.
    std::string folded = text::fold(s.name);
    const CompanyInfo* known = directory.find_by_name(folded);
    // A gazetteer name inside a longer suffix name is another company
    // ("Ford Motor Credit Co"), unless the whole name is known.
    for (auto& m : mentions) {
      if (m.first >= s.first && m.last <= s.last && m.segment == tokens[s.first].segment) {
        if (known == nullptr || m.key != known->id) m.key.clear();
      }
    }
    std::string key = known ? known->id : text::slug(s.name);
    if (key.empty()) continue;
    add(std::move(key), s.first, s.end, false, true, weight);
  }
  // A company named once with its suffix is the same company without it
  // elsewhere: "Allegheny International" again, "ALLEGHENY INTERNATIONAL" in
  // the headline.
  {
    std::vector<std::pair<std::string, std::vector<std::string>>> names;
    for (const auto& m : mentions) {
      if (m.key.empty() || !m.strong || m.last - m.first < 2) continue;
      if (directory.find(m.key) != nullptr) continue;
      std::vector<std::string> words;
      for (std::size_t k = m.first; k < m.last && suffix_at(tokens, k) == 0; ++k) {
        words.push_back(tokens[k].key);
      }
      if (words.empty()) continue;
      if (std::none_of(names.begin(), names.end(),
                       [&](const auto& n) { return n.second == words; })) {
        names.emplace_back(m.key, std::move(words));
      }
    }
    for (const auto& [key, words] : names) {
      for (std::size_t i = 0; i + words.size() <= tokens.size(); ++i) {
        if (taken[i] || tokens[i].key != words[0]) continue;
        bool match = tokens[i].upper_initial || tokens[i].digit_initial;
        for (std::size_t k = 1; k < words.size() && match; ++k) {
          const Token& t = tokens[i + k];
          match = !taken[i + k] && t.key == words[k] && same_sentence(i, i + k) &&
                  joinable(i + k) &&
                  (t.upper_initial || t.digit_initial || is_connector(t.key) || t.key == "of");
        }
        if (match) add(key, i, i + words.size(), false, true, 1.0);
      }
    }
  }
  // "Cie Generale de Geophysique": a French prefix instead of a suffix.
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    const Token& t = tokens[i];
    // As string_views, the literals compare by length first, without strlen.
    const std::string_view key = t.key;
    if (taken[i] || !(key == "cie" || key == "compagnie" || key == "cia")) continue;
    if (!t.upper_initial || !tokens[i + 1].upper_initial || !same_sentence(i, i + 1)) continue;
    std::size_t last = i + 1;
    while (last < tokens.size() && same_sentence(i, last) && joinable(last) &&
           (tokens[last].upper_initial || is_connector(tokens[last].key)) && last - i < 7) {
      ++last;
    }
    while (last > i + 1 && is_connector(tokens[last - 1].key)) --last;
    const std::string_view text = text_of(t);
    const std::string rest(
        text.substr(tokens[i + 1].begin, tokens[last - 1].end - tokens[i + 1].begin));
    std::string name = (t.key == "cia" ? "Compania " : "Compagnie ") + rest;
    if (t.caps_context) name = title_case(name);
    const CompanyInfo* known = directory.find_by_name(text::fold(name));
    add(known ? known->id : text::slug(name), i, last, false, true, 1.0);
    i = last - 1;
  }

  // 4. Names in scripts without spaces: substring search.
  if (!directory.unspaced_.empty()) {
    for (std::uint8_t seg = 0; seg < 2; ++seg) {
      const std::string_view text = segments[seg];
      if (std::all_of(text.begin(), text.end(),
                      [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
        continue;
      }
      for (const std::uint32_t index : directory.unspaced_) {
        const CompanyDirectory::Pattern& p = directory.patterns_[index];
        for (std::size_t at = text.find(p.surface); at != std::string_view::npos;
             at = text.find(p.surface, at + p.surface.size())) {
          // The token that holds it gives the sentence.
          std::size_t tok = 0;
          while (tok < tokens.size() && (tokens[tok].segment != seg || tokens[tok].end <= at)) {
            ++tok;
          }
          if (tok == tokens.size()) break;
          Mention m;
          m.key = directory.companies_[p.company].id;
          m.first = m.last = static_cast<std::uint32_t>(tok);
          m.segment = seg;
          m.sentence = tokens[tok].sentence;
          m.begin = static_cast<std::uint32_t>(at);
          m.end = static_cast<std::uint32_t>(at + p.surface.size());
          m.strong = !directory.companies_[p.company].ambiguous;
          m.weak = !m.strong;
          mentions.push_back(std::move(m));
        }
      }
    }
  }

  // 5. Ambiguous names need evidence.
  std::unordered_set<std::string> confirmed;
  for (const auto& m : mentions) {
    if (m.strong && !m.key.empty()) confirmed.insert(m.key);
  }
  for (auto& m : mentions) {
    if (!m.weak || m.caps_word || m.key.empty() || confirmed.count(m.key) != 0) continue;
    const Token& t = tokens[m.first];
    bool evidence = false;
    bool veto = false;
    if (m.last > m.first) {
      // Part of a longer capitalised name ("Dow Jones", "Amazon Basin", "Big Apple").
      const std::size_t after = m.last;
      if (!t.caps_context && after < tokens.size() && same_sentence(m.first, after) &&
          joinable(after) && tokens[after].upper_initial && tokens[after].key != "s") {
        veto = true;
      }
      if (!t.caps_context && m.first > 0 && same_sentence(m.first - 1, m.first) &&
          !t.sentence_start && joinable(m.first) && tokens[m.first - 1].upper_initial &&
          !tokens[m.first - 1].sentence_start) {
        veto = true;
      }
      // Lower-case words around it: "the Amazon rainforest", "apple prices".
      const std::size_t from = m.first >= 6 ? m.first - 6 : 0;
      const std::size_t to = std::min(tokens.size(), static_cast<std::size_t>(m.last) + 6);
      for (std::size_t k = from; k < to && !evidence; ++k) {
        if (k >= m.first && k < m.last) continue;
        if (!same_sentence(k, m.first)) continue;
        evidence = is_corporate_context(tokens[k].key);
      }
    }
    // Another company in the same sentence: "Apple and Microsoft".
    for (const auto& other : mentions) {
      if (evidence) break;
      if (&other != &m && other.strong && !other.key.empty() && other.key != m.key &&
          other.segment == m.segment && other.sentence == m.sentence) {
        evidence = true;
      }
    }
    if (evidence && !veto) confirmed.insert(m.key);
  }

  // 6. Salience per company.
  struct Tally {
    bool title = false, lead = false;
    double mentions = 0;
    double weight = 0;
    std::size_t order = 0;
    std::vector<std::string> evidence;
  };
  std::map<std::string, Tally> tallies;
  std::size_t order = 0;
  for (const auto& m : mentions) {
    if (m.key.empty()) continue;
    if (m.weak && confirmed.count(m.key) == 0) continue;
    auto [it, fresh] = tallies.try_emplace(m.key);
    Tally& tally = it->second;
    if (fresh) tally.order = order++;
    if (m.segment == 0) tally.title = true;
    if (m.segment == 1 && m.sentence < 2) tally.lead = true;
    tally.mentions += 1;
    tally.weight = std::max(tally.weight, m.weight);
    std::string surface(segments[m.segment].substr(m.begin, m.end - m.begin));
    for (char& c : surface) {
      if (c == '\n') c = ' ';
    }
    if (tally.evidence.size() < 8 &&
        std::find(tally.evidence.begin(), tally.evidence.end(), surface) == tally.evidence.end()) {
      tally.evidence.push_back(std::move(surface));
    }
  }
  std::vector<FacetTag> tags;
  std::vector<std::size_t> orders;
  for (auto& [key, tally] : tallies) {
    // One deep mention = 1; the title adds 1.5, the lead 1, repetition log2(n)/2.
    const double score =
        tally.weight * (1.0 + (tally.title ? 1.5 : 0.0) + (tally.lead ? 1.0 : 0.0) +
                        0.5 * std::log2(tally.mentions));
    if (score < kCompanyScoreThreshold) continue;
    tags.push_back({key, score, std::move(tally.evidence)});
    orders.push_back(tally.order);
  }
  std::vector<std::size_t> index(tags.size());
  for (std::size_t k = 0; k < index.size(); ++k) index[k] = k;
  std::stable_sort(index.begin(), index.end(), [&](std::size_t a, std::size_t b) {
    if (tags[a].score != tags[b].score) return tags[a].score > tags[b].score;
    return orders[a] < orders[b];
  });
  std::vector<FacetTag> sorted;
  sorted.reserve(tags.size());
  for (const std::size_t k : index) sorted.push_back(std::move(tags[k]));
  return sorted;
}

}  // namespace newsdesk::extract
