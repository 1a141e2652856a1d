#include "text/ascii_terms.h"

#include <string>

#include "text/ascii.h"

namespace newsdesk::text {
namespace {

// Xapian's Unicode::is_wordchar for ASCII: letters, digits and '_' (a
// connector punctuation mark).
constexpr bool is_word_byte(unsigned char c) {
  return is_ascii_alnum(c) || c == '_';
}

// TermGenerator's check_infix / check_infix_digit for ASCII: what may join
// two parts of one word.
constexpr bool is_infix(unsigned char c, bool between_digits) {
  if (between_digits) return c == ',' || c == '.' || c == ';';
  return c == '\'' || c == '&';
}

constexpr bool is_suffix(unsigned char c) {
  return c == '+' || c == '#';
}

constexpr std::size_t kMaxWordBytes = 64;  // TermGenerator's default max_word_length

}  // namespace

bool index_ascii_terms(std::string_view text, const Xapian::Stem& stemmer, Xapian::Document& doc,
                       Xapian::termcount wdf_inc, std::string_view prefix,
                       Xapian::termpos& position) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  const auto at = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const std::size_t n = text.size();
  std::string word, term(prefix);
  const auto add = [&] {
    if (word.size() > kMaxWordBytes) return;
    const std::string stem = stemmer(word);
    if (stem.empty()) return;
    term.resize(prefix.size());
    term += stem;
    doc.add_posting(term, ++position, wdf_inc);
  };

  std::size_t i = 0;
  for (;;) {
    while (i < n && !is_word_byte(at(i))) ++i;
    if (i == n) return true;
    word.clear();

    // Initials separated by '.' ("U.S.", "P.T.O"): one word, if more than
    // one letter and no letter or digit follows.
    if (is_ascii_upper(at(i))) {
      std::size_t p = i;
      do {
        word += ascii_lower(text[p++]);
      } while (p != n && text[p] == '.' && ++p != n && is_ascii_upper(at(p)));
      if (word.size() > 1 && (p == n || !is_word_byte(at(p)))) {
        i = p;
        add();
        continue;
      }
      word.clear();
    }

    bool at_end = false;
    for (;;) {
      unsigned char last = 0;
      while (i < n && is_word_byte(at(i))) {
        last = at(i);
        word += ascii_lower(text[i++]);
      }
      if (i == n) {
        at_end = true;
        break;
      }
      // text[i] ends the run: it joins the next run if that starts right after.
      if (i + 1 == n || !is_word_byte(at(i + 1))) break;
      if (!is_infix(at(i), is_ascii_digit(last) && is_ascii_digit(at(i + 1)))) break;
      word += text[i];
      ++i;
    }
    if (!at_end) {
      // Up to three '+' or '#' ("C++", "C#"), unless a word goes on after them.
      const std::size_t length = word.size();
      unsigned count = 0;
      while (i < n && is_suffix(at(i))) {
        if (++count > 3) {
          word.resize(length);
          break;
        }
        word += text[i++];
      }
      if (i < n && is_word_byte(at(i))) word.resize(length);
    }
    add();
  }
}

}  // namespace newsdesk::text
