// Words of article text and gazetteer names, cut the same way on both sides
// so that they meet: runs of letters and digits (any non-ASCII letter
// counts); everything else separates them, so "Apple's" is "apple" + "s" and
// "U.S." is "u" + "s". Shared by the company and country extractors.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "article.h"

namespace newsdesk::extract {

struct Token {
  std::string key;  // folded
  std::uint32_t begin = 0, end = 0;
  std::uint32_t sentence = 0;  // index within its segment
  std::uint8_t segment = 0;    // 0 = title, 1 = body
  bool upper_initial = false;
  bool all_upper = false;  // has letters, none lower case
  bool digit_initial = false;
  bool sentence_start = false;
  bool caps_context = false;  // its sentence has no lower-case letter: case says nothing
  bool has_lower = false;
};

// Decodes the UTF-8 code point at s[i]; `length` gets its byte count.
std::uint32_t decode(std::string_view s, std::size_t i, std::size_t& length);

// True for a code point that is part of a word (letter or digit).
bool is_word_cp(std::uint32_t cp);

// True for a folded key that is a common abbreviation ending in a period
// ("inc", "corp", "st"), so that its period does not end a sentence.
bool is_abbreviation(std::string_view key);

// Appends the tokens of `text` (segment 0 = title, 1 = body) to `out`.
void tokenize(std::string_view text, std::uint8_t segment, std::vector<Token>& out);

// The tokens of an article's title (segment 0) and body (segment 1): what
// the company and country extractors read, cut once for both.
std::vector<Token> tokenize_article(const Article& article);

// True if `s` holds CJK, kana or hangul: scripts written without spaces,
// whose names are matched as substrings rather than as words.
bool is_unspaced_script(std::string_view s);

// `s` cut at every `sep` (empty parts kept).
std::vector<std::string> split(std::string_view s, char sep);

}  // namespace newsdesk::extract
