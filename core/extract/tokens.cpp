#include "extract/tokens.h"

#include <algorithm>
#include <unordered_set>

#include "text/ascii.h"
#include "text/normalize.h"

namespace newsdesk::extract {

std::uint32_t decode(std::string_view s, std::size_t i, std::size_t& length) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::uint32_t cp = c;
  length = 1;
  if (c < 0x80) return cp;
  if (c >= 0xf0 && i + 3 < s.size()) {
    cp = ((c & 0x07u) << 18) | ((s[i + 1] & 0x3fu) << 12) | ((s[i + 2] & 0x3fu) << 6) |
         (s[i + 3] & 0x3fu);
    length = 4;
  } else if (c >= 0xe0 && i + 2 < s.size()) {
    cp = ((c & 0x0fu) << 12) | ((s[i + 1] & 0x3fu) << 6) | (s[i + 2] & 0x3fu);
    length = 3;
  } else if (c >= 0xc0 && i + 1 < s.size()) {
    cp = ((c & 0x1fu) << 6) | (s[i + 1] & 0x3fu);
    length = 2;
  }
  return cp;
}

bool is_word_cp(std::uint32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  }
  if (cp < 0xc0 || cp == 0xd7 || cp == 0xf7) return false;
  if (cp >= 0x2000 && cp < 0x2070) return false;  // general punctuation: dashes, quotes
  if (cp >= 0x3000 && cp < 0x3040) return false;  // CJK punctuation
  if (cp >= 0xff00 && cp < 0xff10) return false;  // full-width punctuation
  return true;
}

bool is_abbreviation(std::string_view key) {
  static const std::unordered_set<std::string_view> kAbbreviations = {
      "inc", "corp", "co",  "ltd", "mr",   "mrs", "dr",  "st",  "jan", "feb", "mar", "apr",
      "jun", "jul",  "aug", "sep", "sept", "oct", "nov", "dec", "no",  "vs",  "cos", "bros"};
  return key.size() == 1 || kAbbreviations.count(key) != 0;
}

void tokenize(std::string_view text, std::uint8_t segment, std::vector<Token>& out) {
  // ASCII, nearly all of the text, is classified inline; decode() and
  // is_word_cp() see only the rest.
  const auto code_point_at = [&](std::size_t i, std::size_t& length) -> std::uint32_t {
    const auto c = static_cast<unsigned char>(text[i]);
    length = 1;
    return c < 0x80 ? c : decode(text, i, length);
  };
  const auto is_word = [](std::uint32_t cp) {
    return cp < 0x80 ? text::is_ascii_alnum(static_cast<unsigned char>(cp)) : is_word_cp(cp);
  };
  const std::size_t first = out.size();
  std::uint32_t sentence = 0;
  bool next_starts = true;
  std::size_t i = 0;
  std::size_t previous_end = 0;
  while (i < text.size()) {
    std::size_t length = 0;
    std::uint32_t cp = code_point_at(i, length);
    if (!is_word(cp)) {
      i += length;
      continue;
    }
    const auto begin = static_cast<std::uint32_t>(i);
    bool ascii = true, has_upper = false, has_lower = false;
    // Non-Latin scripts have no case: trust them.
    const bool upper_initial = cp >= 0x80 || text::is_ascii_upper(static_cast<unsigned char>(cp));
    const bool digit_initial = cp < 0x80 && text::is_ascii_digit(static_cast<unsigned char>(cp));
    while (i < text.size()) {
      cp = code_point_at(i, length);
      if (!is_word(cp)) break;
      if (cp >= 0x80) {
        ascii = false;
      } else {
        has_upper = has_upper || text::is_ascii_upper(static_cast<unsigned char>(cp));
        has_lower = has_lower || text::is_ascii_lower(static_cast<unsigned char>(cp));
      }
      i += length;
    }
    // A sentence ends at ". " before a capital (not after "Inc." or "U.S.")
    // and at a paragraph break.
    if (out.size() > first) {
      const std::string_view gap = text.substr(previous_end, begin - previous_end);
      bool paragraph = false, stop_mark = false, space = false;
      char previous = 0;
      for (const char c : gap) {
        paragraph = paragraph || (c == '\n' && previous == '\n');
        stop_mark = stop_mark || c == '.' || c == '!' || c == '?';
        space = space || c == ' ' || c == '\n';
        previous = c;
      }
      const bool stop = stop_mark && space && (upper_initial || digit_initial) &&
                        !(gap[0] == '.' && is_abbreviation(out.back().key));
      if (paragraph || stop) next_starts = true;
    }
    if (next_starts && out.size() > first) ++sentence;
    Token& token = out.emplace_back();
    token.begin = begin;
    token.end = static_cast<std::uint32_t>(i);
    token.upper_initial = upper_initial;
    token.digit_initial = digit_initial;
    token.all_upper = has_upper && !has_lower;
    token.has_lower = has_lower;
    const std::string_view word = text.substr(token.begin, token.end - token.begin);
    if (ascii) {
      token.key.resize(word.size());
      std::transform(word.begin(), word.end(), token.key.begin(), text::ascii_lower);
    } else {
      token.key = text::fold(word);
      if (!has_lower && has_upper) token.all_upper = true;
    }
    token.sentence = sentence;
    token.sentence_start = next_starts;
    token.segment = segment;
    next_starts = false;
    previous_end = token.end;
  }
  // A sentence without any lower-case letter is a headline or a table.
  std::size_t s = first;
  while (s < out.size()) {
    std::size_t e = s;
    bool lower = false;
    while (e < out.size() && out[e].sentence == out[s].sentence) {
      lower = lower || out[e].has_lower;
      ++e;
    }
    for (std::size_t k = s; k < e; ++k) out[k].caps_context = !lower;
    s = e;
  }
}

std::vector<Token> tokenize_article(const Article& article) {
  std::vector<Token> tokens;
  tokens.reserve(article.body.size() / 5 + 16);
  tokenize(article.title, 0, tokens);
  tokenize(article.body, 1, tokens);
  return tokens;
}

bool is_unspaced_script(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t length = 0;
    const std::uint32_t cp = decode(s, i, length);
    if (cp >= 0x2e80 && cp < 0xd7b0) return true;  // CJK, kana, hangul
    i += length;
  }
  return false;
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = s.find(sep, start);
    parts.emplace_back(s.substr(start, end == std::string_view::npos ? s.npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

}  // namespace newsdesk::extract
