#include "extract/text_date.h"

#include <array>
#include <cctype>

#include "extract/dates.h"

namespace newsdesk::extract {
namespace {

struct Token {
  std::string_view text;
  std::size_t begin, end;  // byte offsets
};

std::vector<Token> tokens_of(std::string_view s) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < s.size()) {
    if (!std::isalnum(static_cast<unsigned char>(s[i]))) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < s.size() && std::isalnum(static_cast<unsigned char>(s[i]))) ++i;
    tokens.push_back({s.substr(start, i - start), start, i});
  }
  return tokens;
}

// 1..12 for an English month name or its usual abbreviation, else 0.
int month_of(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  if (word.size() < 3) return 0;
  std::string lower(word);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::size_t m = 0; m < kMonths.size(); ++m) {
    if (lower == kMonths[m] || (lower.size() <= 4 && kMonths[m].rfind(lower, 0) == 0) ||
        (lower == "sept" && m == 8)) {
      return static_cast<int>(m) + 1;
    }
  }
  return 0;
}

std::optional<int> number(std::string_view word, std::size_t min_digits, std::size_t max_digits) {
  if (word.size() < min_digits || word.size() > max_digits) return std::nullopt;
  int value = 0;
  for (const char c : word) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::optional<TextDate> scan(std::string_view text) {
  const auto tokens = tokens_of(text);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto make = [&](int y, int m, int d, std::size_t last) -> std::optional<TextDate> {
      const auto seconds = utc_seconds(y, m, d);
      if (!seconds || y < 1900 || y > 2100) return std::nullopt;
      return TextDate{
          *seconds, std::string(text.substr(tokens[i].begin, tokens[last].end - tokens[i].begin))};
    };
    // 2025-03-03
    if (i + 2 < tokens.size()) {
      const auto y = number(tokens[i].text, 4, 4);
      const auto m = number(tokens[i + 1].text, 2, 2);
      const auto d = number(tokens[i + 2].text, 2, 2);
      if (y && m && d && text.substr(tokens[i].end, 1) == "-" &&
          text.substr(tokens[i + 1].end, 1) == "-") {
        if (auto date = make(*y, *m, *d, i + 2)) return date;
      }
    }
    // March 3, 2025 / Mar. 3 2025
    if (const int m = month_of(tokens[i].text); m && i + 2 < tokens.size()) {
      const auto d = number(tokens[i + 1].text, 1, 2);
      const auto y = number(tokens[i + 2].text, 4, 4);
      if (d && y) {
        if (auto date = make(*y, m, *d, i + 2)) return date;
      }
    }
    // 3 March 2025
    if (i + 2 < tokens.size()) {
      const auto d = number(tokens[i].text, 1, 2);
      const int m = month_of(tokens[i + 1].text);
      const auto y = number(tokens[i + 2].text, 4, 4);
      if (d && m && y) {
        if (auto date = make(*y, m, *d, i + 2)) return date;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<TextDate> find_text_date(const Article& article) {
  if (auto date = scan(article.dateline)) return date;
  std::size_t window = std::min(article.body.size(), kTextDateWindow);
  while (window < article.body.size() &&
         (static_cast<unsigned char>(article.body[window]) & 0xc0) == 0x80) {
    ++window;
  }
  return scan(std::string_view(article.body).substr(0, window));
}

}  // namespace newsdesk::extract
