// The text handed to Xapian's term generator, at index time and at query
// time alike: whatever is done here must be done on both sides.
#pragma once

#include <xapian.h>

#include <bitset>
#include <cstddef>
#include <string>
#include <string_view>

namespace newsdesk::text {

// What prepare_for_terms puts between the words of Chinese, Japanese and
// Korean text: U+2063 INVISIBLE SEPARATOR. Xapian 1.4's TermGenerator,
// QueryParser and MSet::snippet all end a word at it, a boolean field value
// ("source:新华社") keeps it inside and fold() drops it again. (U+200B ZERO
// WIDTH SPACE would not do: Xapian ignores it inside a word and glues the two
// sides into one term.)
inline constexpr std::string_view kWordSeparator = "\u2063";

// The text to index, or to parse as a query; stored and displayed text is
// not changed by this.
// - Latin accents are removed (case and everything else kept), so "Nestlé"
//   and "Nestle" index and query as one word.
// - A '+' or '#' glued to the end of a word is split off, because Xapian
//   would keep it ("OPEC+" -> "opec+", which a search for "opec" would miss).
// - Runs of Han, Hiragana, Katakana and Hangul are cut into words with ICU's
//   dictionary-based word break iterator, and kWordSeparator goes between
//   the words and between such a run and a letter or digit glued to it
//   (with '|' for the separator: "与苹果达成协议" -> "与|苹果|达成|协议",
//   "在iPhone上" -> "在|iPhone|上"). Each word is then one term, at
//   consecutive positions, so a quoted run is a phrase and an unquoted run is
//   its words ANDed, like words typed with spaces. Words missing from ICU's
//   dictionary come out one character each ("腾讯" -> "腾|讯"), alike in
//   articles and queries.
// Text without CJK characters never reaches ICU's break iterator, and plain
// ASCII is only scanned for the '+'/'#' rule.
std::string prepare_for_terms(std::string_view utf8);

// Xapian::MSet::snippet for text as stored (not prepared): the same
// parameters and the same HTML-escaped result, but the words are matched the
// way the index matched them (accents folded, CJK words cut, every word
// stemmed as with STEM_ALL, which MSet::snippet on its own does not
// highlight), and the snippet shows the original text: for the query
// "nestle", "<mark>Nestlé</mark>"; for "苹果", "…与<mark>苹果</mark>达成…".
// `stemmer` must be the index's stemmer; do not pass SNIPPET_CJK_NGRAM.
// `length` counts bytes of the original text, as MSet::snippet does.
//
// `query_terms` (optional) makes it faster: the query the MSet answers, or
// any query with the same terms. Only words that can stem to one of its
// terms are then stemmed, instead of every word of the text: an English
// (Snowball) stem keeps the first two letters of its word, but for "dying",
// "lying" and "tying" (die, lie, tie).
class SnippetTerms {
 public:
  SnippetTerms() { starts_.set(); }  // every word may match
  explicit SnippetTerms(const Xapian::Query& query);
  [[nodiscard]] bool may_match(std::string_view word) const {
    return !word.empty() && starts_.test(start(word));
  }

 private:
  static std::size_t start(std::string_view word) {
    const auto second = word.size() > 1 ? static_cast<unsigned char>(word[1]) : 0u;
    return static_cast<std::size_t>(static_cast<unsigned char>(word[0])) << 8 | second;
  }
  std::bitset<65536> starts_;  // first two bytes of the words that may match
};

std::string snippet(const Xapian::MSet& mset, std::string_view text, std::size_t length,
                    const Xapian::Stem& stemmer, unsigned flags, std::string_view hi_start,
                    std::string_view hi_end, std::string_view omit,
                    const SnippetTerms& query_terms = SnippetTerms());

}  // namespace newsdesk::text
