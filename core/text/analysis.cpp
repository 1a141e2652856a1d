#include "text/analysis.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>
#include <xapian.h>

#include <algorithm>
#include <limits>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>

namespace newsdesk::text {
namespace {

using Xapian::Unicode::is_wordchar;

bool is_ascii_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Blocks of Chinese, Japanese and Korean letters: Han, kana, Hangul (and the
// iteration marks and prolonged sound mark that belong inside their words).
bool in_cjk_block(UChar32 c) {
  return (c >= 0x4E00 && c <= 0x9FFF) ||    // CJK unified ideographs
         (c >= 0x3040 && c <= 0x30FF) ||    // Hiragana, Katakana
         (c >= 0xAC00 && c <= 0xD7FF) ||    // Hangul syllables, Jamo extended-B
         (c >= 0x3400 && c <= 0x4DBF) ||    // extension A
         (c >= 0x3005 && c <= 0x3007) ||    // 々 〆 〇
         (c >= 0x3021 && c <= 0x3029) ||    // Hangzhou numerals
         (c >= 0x3031 && c <= 0x3035) ||    // vertical kana repeat marks
         (c >= 0x3038 && c <= 0x303C) ||    // 〸 〹 〺 〻 〼
         (c >= 0x1100 && c <= 0x11FF) ||    // Hangul Jamo
         (c >= 0x3131 && c <= 0x318E) ||    // Hangul compatibility Jamo
         (c >= 0x31F0 && c <= 0x31FF) ||    // Katakana phonetic extensions
         (c >= 0xA960 && c <= 0xA97F) ||    // Hangul Jamo extended-A
         (c >= 0xF900 && c <= 0xFAFF) ||    // compatibility ideographs
         (c >= 0xFF66 && c <= 0xFFDC) ||    // halfwidth Katakana and Hangul
         (c >= 0x1B000 && c <= 0x1B16F) ||  // kana supplement and extensions
         (c >= 0x20000 && c <= 0x3134F);    // extensions B to G
}

// A character that starts or continues a CJK run: a word character for
// Xapian (so CJK punctuation such as 、。・ stays out of runs).
bool is_cjk_letter(UChar32 c) {
  return c >= 0x1100 && in_cjk_block(c) && is_wordchar(static_cast<unsigned>(c));
}

bool is_combining_accent(UChar32 c) {
  // Only the combining diacriticals of Latin, Greek and Cyrillic: marks of
  // other scripts (the kana voicing mark in が) are part of the letter.
  return c >= 0x300 && c <= 0x36f;
}

// The code point without its Latin accents ("é" -> "e", "Å" -> "A"), or
// false if it has none.
bool strip_accents(UChar32 c, std::string& out) {
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* const nfd = icu::Normalizer2::getNFDInstance(status);
  static const icu::Normalizer2* const nfc = icu::Normalizer2::getNFCInstance(status);
  if (nfd == nullptr || nfc == nullptr) return false;
  icu::UnicodeString decomposed;
  if (!nfd->getDecomposition(c, decomposed)) return false;
  icu::UnicodeString bare;
  bool stripped = false;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 cp = decomposed.char32At(i);
    if (is_combining_accent(cp)) {
      stripped = true;
    } else {
      bare.append(cp);
    }
    i += U16_LENGTH(cp);
  }
  if (!stripped) return false;
  status = U_ZERO_ERROR;
  const icu::UnicodeString composed = nfc->normalize(bare, status);
  if (U_FAILURE(status)) return false;
  out.clear();
  composed.toUTF8String(out);
  return true;
}

// ICU's word break iterator (dictionary-based for Han and kana), one per
// thread: creating one costs far more than cloning the prototype.
icu::BreakIterator* word_breaker() {
  static std::mutex mutex;
  static const std::unique_ptr<icu::BreakIterator> prototype = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> iterator(
        icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) iterator.reset();
    return iterator;
  }();
  thread_local const std::unique_ptr<icu::BreakIterator> mine = [] {
    const std::lock_guard<std::mutex> lock(mutex);
    return std::unique_ptr<icu::BreakIterator>(prototype ? prototype->clone() : nullptr);
  }();
  return mine.get();
}

// Walks `text` and tells `sink` what the prepared text is made of, in order:
//   keep(b, e)     bytes [b, e) of text as they are;
//   put(b, e, r)   bytes [b, e) of text replaced by r (r may be empty);
//   separate(at)   kWordSeparator, inserted at byte `at` of text.
template <class Sink>
class Analyser {
 public:
  Analyser(std::string_view text, Sink& sink) : text_(text), sink_(sink) {}

  void run() {
    const std::size_t n = text_.size();
    std::size_t i = 0;
    while (i < n) {
      if (static_cast<unsigned char>(text_[i]) < 0x80) {
        i = ascii(i);
        continue;
      }
      std::size_t next = i;
      UChar32 c = 0;
      U8_NEXT(bytes(), next, n, c);
      if (c < 0) {  // not UTF-8: kept as it is
        keep(i, next);
        previous_ = -1;
      } else if (is_cjk_letter(c)) {
        next = cjk_run(i, next);
      } else if (is_combining_accent(c)) {
        sink_.put(i, next, {});  // nothing reaches the prepared text
        previous_ = c;
      } else {
        if (strip_accents(c, folded_)) {
          sink_.put(i, next, folded_);
          if (!folded_.empty()) last_byte_ = static_cast<unsigned char>(folded_.back());
          splitting_ = false;
        } else {
          keep(i, next);
        }
        previous_ = c;
      }
      i = next;
    }
  }

 private:
  [[nodiscard]] const uint8_t* bytes() const {
    return reinterpret_cast<const uint8_t*>(text_.data());
  }

  void keep(std::size_t begin, std::size_t end) {
    sink_.keep(begin, end);
    last_byte_ = static_cast<unsigned char>(text_[end - 1]);
    splitting_ = false;
  }

  // ASCII from `begin` on; returns where it stops. A '+' or '#' after a
  // letter or digit (and any '+'/'#' right after it) becomes a space.
  std::size_t ascii(std::size_t begin) {
    std::size_t kept = begin;
    std::size_t i = begin;
    for (; i < text_.size() && static_cast<unsigned char>(text_[i]) < 0x80; ++i) {
      const auto c = static_cast<unsigned char>(text_[i]);
      if ((c == '+' || c == '#') && (splitting_ || is_ascii_alnum(last_byte_))) {
        if (i > kept) sink_.keep(kept, i);
        sink_.put(i, i + 1, " ");
        kept = i + 1;
        splitting_ = true;
        last_byte_ = ' ';
      } else {
        splitting_ = false;
        last_byte_ = c;
      }
    }
    if (i > kept) sink_.keep(kept, i);
    previous_ = static_cast<unsigned char>(text_[i - 1]);
    return i;
  }

  // The run of CJK letters starting at `begin` (its first letter ends at
  // `after_first`), cut into words; returns where it ends.
  std::size_t cjk_run(std::size_t begin, std::size_t after_first) {
    const std::size_t n = text_.size();
    std::size_t end = after_first;
    UChar32 following = -1;
    while (end < n) {
      std::size_t next = end;
      U8_NEXT(bytes(), next, n, following);
      if (following < 0 || !is_cjk_letter(following)) break;
      end = next;
      following = -1;
    }
    if (previous_ > 0 && is_wordchar(static_cast<unsigned>(previous_))) sink_.separate(begin);
    words(begin, end);
    if (following > 0 && is_wordchar(static_cast<unsigned>(following))) sink_.separate(end);
    last_byte_ = static_cast<unsigned char>(text_[end - 1]);
    splitting_ = false;
    previous_ = 0x4E00;  // any CJK letter
    return end;
  }

  void words(std::size_t begin, std::size_t end) {
    icu::BreakIterator* const breaker = end - begin > 4 ? word_breaker() : nullptr;
    if (breaker == nullptr) {  // one letter (or no ICU): one word
      sink_.keep(begin, end);
      return;
    }
    UErrorCode status = U_ZERO_ERROR;
    UText run = UTEXT_INITIALIZER;
    utext_openUTF8(&run, text_.data() + begin, static_cast<int64_t>(end - begin), &status);
    breaker->setText(&run, status);  // a shallow clone: `run` may be closed
    utext_close(&run);
    if (U_FAILURE(status)) {
      sink_.keep(begin, end);
      return;
    }
    std::size_t from = begin;
    breaker->first();
    for (int32_t to = breaker->next(); to != icu::BreakIterator::DONE; to = breaker->next()) {
      const std::size_t word_end = begin + static_cast<std::size_t>(to);
      if (from > begin) sink_.separate(from);
      sink_.keep(from, word_end);
      from = word_end;
    }
    if (from < end) {  // not expected: ICU stopped early
      if (from > begin) sink_.separate(from);
      sink_.keep(from, end);
    }
  }

  std::string_view text_;
  Sink& sink_;
  std::string folded_;
  unsigned char last_byte_ = 0;  // the last byte of the prepared text so far
  bool splitting_ = false;       // in a run of '+'/'#' being split off
  UChar32 previous_ = 0;         // the previous code point of the text, -1 if invalid
};

// prepare_for_terms: the prepared text only.
struct TextSink {
  std::string_view in;
  std::string out;
  void keep(std::size_t begin, std::size_t end) { out.append(in.substr(begin, end - begin)); }
  void put(std::size_t, std::size_t, std::string_view replacement) { out.append(replacement); }
  void separate(std::size_t) { out.append(kWordSeparator); }
};

// Where each part of a derived text came from in its source text. Parts
// copied byte for byte are "linear" (any offset maps); replaced parts map as
// a whole (an offset inside one snaps to its start or end).
class OffsetMap {
 public:
  // Bytes [from_begin, from_end) of the derived text came from bytes
  // [to_begin, to_end) of the source; parts are added in order.
  void add(std::size_t from_begin, std::size_t from_end, std::size_t to_begin, std::size_t to_end,
           bool linear) {
    if (from_begin == from_end) {  // dropped source bytes join the character before
      if (spans_.empty()) {
        pending_ = std::min(pending_, to_begin);
      } else if (Span& back = spans_.back(); back.linear && back.from_end - back.from_begin > 1) {
        // Linear parts that bytes are dropped after are ASCII: one byte
        // is one character.
        spans_.push_back({back.from_end - 1, back.from_end, back.to_end - 1, to_end, false});
        --spans_[spans_.size() - 2].from_end;
        --spans_[spans_.size() - 2].to_end;
      } else {
        back.to_end = to_end;
        back.linear = false;
      }
      return;
    }
    if (pending_ != kNone) {
      to_begin = pending_;
      linear = false;
      pending_ = kNone;
    }
    if (linear && !spans_.empty() && spans_.back().linear && spans_.back().from_end == from_begin &&
        spans_.back().to_end == to_begin) {
      spans_.back().from_end = from_end;
      spans_.back().to_end = to_end;
      return;
    }
    spans_.push_back({from_begin, from_end, to_begin, to_end, linear});
  }

  // The source offset where a range starting at derived offset x starts.
  [[nodiscard]] std::size_t start(std::size_t x) const {
    if (spans_.empty()) return 0;
    const auto it = std::partition_point(spans_.begin(), spans_.end(),
                                         [x](const Span& s) { return s.from_end <= x; });
    if (it == spans_.end()) return spans_.back().to_end;
    return it->linear ? it->to_begin + (x - it->from_begin) : it->to_begin;
  }

  // The source offset where a range ending at derived offset x ends.
  [[nodiscard]] std::size_t end(std::size_t x) const {
    if (spans_.empty()) return 0;
    if (x == 0) return spans_.front().to_begin;
    const auto it = std::partition_point(spans_.begin(), spans_.end(),
                                         [x](const Span& s) { return s.from_end < x; });
    if (it == spans_.end()) return spans_.back().to_end;
    return it->linear ? it->to_begin + (x - it->from_begin) : it->to_end;
  }

 private:
  struct Span {
    std::size_t from_begin, from_end, to_begin, to_end;
    bool linear;
  };
  static constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  std::vector<Span> spans_;
  std::size_t pending_ = kNone;
};

// The prepared text and where its bytes came from.
struct MapSink {
  std::string_view in;
  std::string out;
  OffsetMap map;
  void keep(std::size_t begin, std::size_t end) {
    // A multi-byte character is its own part, so that an accent dropped
    // after it joins it alone.
    const bool ascii = static_cast<unsigned char>(in[begin]) < 0x80;
    map.add(out.size(), out.size() + (end - begin), begin, end, ascii);
    out.append(in.substr(begin, end - begin));
  }
  void put(std::size_t begin, std::size_t end, std::string_view replacement) {
    map.add(out.size(), out.size() + replacement.size(), begin, end, false);
    out.append(replacement);
  }
  void separate(std::size_t at) {
    map.add(out.size(), out.size() + kWordSeparator.size(), at, at, false);
    out.append(kWordSeparator);
  }
};

// --- Xapian's word splitting (TermGenerator, MSet::snippet) -------------
// A copy of parse_terms() in xapian-core 1.4's termgenerator_internal.cc,
// without CJK n-grams, reporting where each term is in the text.

constexpr unsigned kIgnore = std::numeric_limits<unsigned>::max();

// Xapian::Utf8Iterator with the ASCII case inline: snippets split every
// word of every hit's text, and most news text is ASCII.
class Utf8Cursor {
 public:
  explicit Utf8Cursor(const std::string& text)
      : at_(text.data()), end_(text.data() + text.size()) {}
  [[nodiscard]] bool at_end() const { return at_ == end_; }
  [[nodiscard]] std::size_t left() const { return static_cast<std::size_t>(end_ - at_); }
  [[nodiscard]] unsigned operator*() const {
    const auto c = static_cast<unsigned char>(*at_);
    return c < 0x80 ? c : *Xapian::Utf8Iterator(at_, left());
  }
  Utf8Cursor& operator++() {
    at_ += sequence_length();
    return *this;
  }
  Utf8Cursor next() const {
    Utf8Cursor copy = *this;
    return ++copy;
  }

 private:
  // Bytes of the character here, as Xapian::Utf8Iterator counts them: an
  // invalid, overlong or truncated sequence is read one byte at a time.
  [[nodiscard]] std::size_t sequence_length() const {
    const auto* p = reinterpret_cast<const unsigned char*>(at_);
    const auto continues = [&](std::size_t i) { return (p[i] & 0xc0) == 0x80; };
    const std::size_t n = left();
    if (p[0] < 0xc2) return 1;
    if (p[0] < 0xe0) return n >= 2 && continues(1) ? 2 : 1;
    if (p[0] < 0xf0) {
      return n >= 3 && continues(1) && continues(2) && !(p[0] == 0xe0 && p[1] < 0xa0) ? 3 : 1;
    }
    return p[0] < 0xf5 && n >= 4 && continues(1) && continues(2) && continues(3) &&
                   !(p[0] == 0xf0 && p[1] < 0x90) && !(p[0] == 0xf4 && p[1] >= 0x90)
               ? 4
               : 1;
  }

  const char* at_;
  const char* end_;
};

// Xapian::Unicode::is_wordchar: in ASCII, letters, digits and '_'.
[[gnu::always_inline]] inline bool word_character(unsigned ch) {
  if (ch < 0x80) return is_ascii_alnum(static_cast<unsigned char>(ch)) || ch == '_';
  return is_wordchar(ch);
}

[[gnu::always_inline]] inline unsigned check_wordchar(unsigned ch) {
  if (ch < 0x80) {
    if (ch >= 'A' && ch <= 'Z') return ch + ('a' - 'A');
    return word_character(ch) ? ch : 0;
  }
  return is_wordchar(ch) ? Xapian::Unicode::tolower(ch) : 0;
}

unsigned check_infix(unsigned ch) {
  if (ch == '\'' || ch == '&' || ch == 0xb7 || ch == 0x5f4 || ch == 0x2027) return ch;
  if (ch == 0x2019 || ch == 0x201b) return '\'';
  if (ch >= 0x200b && (ch <= 0x200d || ch == 0x2060 || ch == 0xfeff)) return kIgnore;
  return 0;
}

unsigned check_infix_digit(unsigned ch) {
  switch (ch) {
    case ',':
    case '.':
    case ';':
    case 0x037e:
    case 0x0589:
    case 0x060D:
    case 0x07F8:
    case 0x2044:
    case 0xFE10:
    case 0xFE13:
    case 0xFE14:
      return ch;
    default:
      break;
  }
  if (ch >= 0x200b && (ch <= 0x200d || ch == 0x2060 || ch == 0xfeff)) return kIgnore;
  return 0;
}

[[gnu::always_inline]] inline bool is_digit(unsigned ch) {
  if (ch < 0x80) return ch >= '0' && ch <= '9';
  return Xapian::Unicode::get_category(ch) == Xapian::Unicode::DECIMAL_DIGIT_NUMBER;
}

bool is_ascii_upper(unsigned ch) {
  return ch >= 'A' && ch <= 'Z';
}

[[gnu::always_inline]] inline void append_lower(std::string& term, unsigned ch) {
  if (ch < 0x80) {
    term += static_cast<char>(ch);
  } else {
    Xapian::Unicode::append_utf8(term, ch);
  }
}

struct Word {
  std::size_t begin, end;  // bytes of the text
  std::string term;        // lower case, unstemmed
};

// Calls on_word(const Word&) for each word of `text`, in order. The Word is
// reused from call to call (no allocation per word).
template <class OnWord>
void for_each_word(const std::string& text, OnWord&& on_word) {
  Word word{0, 0, {}};
  Utf8Cursor it(text);
  const auto offset = [&text](const Utf8Cursor& at) { return text.size() - at.left(); };
  while (true) {
    unsigned ch = 0;
    while (true) {
      if (it.at_end()) return;
      ch = check_wordchar(*it);
      if (ch != 0) break;
      ++it;
    }
    word.begin = offset(it);
    std::string& term = word.term;
    term.clear();
    // Initials separated by '.' (P.T.O., U.N.C.L.E).
    if (is_ascii_upper(*it)) {
      Utf8Cursor p = it;
      do {
        append_lower(term, *p + ('a' - 'A'));
        ++p;
      } while (!p.at_end() && *p == '.' && !(++p).at_end() && is_ascii_upper(*p));
      if (term.size() > 1 && (p.at_end() || !word_character(*p))) {
        it = p;
        word.end = offset(it);
        on_word(std::as_const(word));
        continue;
      }
      term.clear();
    }
    bool at_end = false;
    while (true) {
      unsigned prevch = 0;
      do {
        append_lower(term, ch);
        prevch = ch;
        if ((++it).at_end()) {
          at_end = true;
          break;
        }
        ch = check_wordchar(*it);
      } while (ch != 0);
      if (at_end) break;
      const Utf8Cursor next = it.next();
      if (next.at_end()) break;
      const unsigned nextch = check_wordchar(*next);
      if (nextch == 0) break;
      unsigned infix = *it;
      infix = is_digit(prevch) && is_digit(*next) ? check_infix_digit(infix) : check_infix(infix);
      if (infix == 0) break;
      if (infix != kIgnore) append_lower(term, infix);
      ch = nextch;
      it = next;
    }
    if (!at_end) {
      // A trailing '+' or '#' (C++, C#), at most three.
      const std::size_t len = term.size();
      unsigned count = 0;
      while (!it.at_end() && (*it == '+' || *it == '#')) {
        if (++count > 3) {
          term.resize(len);
          break;
        }
        term += static_cast<char>(*it);
        ++it;
      }
      if (!it.at_end() && word_character(*it)) term.resize(len);  // fish+chips
    }
    word.end = offset(it);
    on_word(std::as_const(word));
  }
}

std::vector<Word> split_words(const std::string& text) {
  std::vector<Word> words;
  for_each_word(text, [&](const Word& word) { words.push_back(word); });
  return words;
}

// Xapian's default maximum word length; longer words are not indexed.
constexpr std::size_t kMaxWordBytes = 64;

// The text MSet::snippet gets: the prepared text with each word replaced by
// the term it indexes as (its stem), so that it matches the query's terms,
// and "。" as ". ", which MSet::snippet knows as the end of a sentence.
struct SnippetSource {
  std::string text;
  OffsetMap to_prepared;
};

constexpr std::string_view kIdeographicFullStop = "\u3002";

// The stems of the words snippets have seen, per thread: stemming costs
// far more than a look-up, and the words of news repeat. Bounded: cleared
// when full.
class StemCache {
 public:
  explicit StemCache(const Xapian::Stem& stemmer)
      : stemmer_(stemmer), description_(stemmer.get_description()) {}

  [[nodiscard]] bool for_stemmer(const Xapian::Stem& stemmer) const {
    return stemmer.get_description() == description_;
  }

  // The stem of a lower-case word, or "" when it cannot stand for the word
  // in a snippet's text: only a stem that is one word again (as stems are).
  const std::string& usable_stem(const std::string& term) {
    const auto found = stems_.find(term);
    if (found != stems_.end()) return found->second;
    if (stems_.size() >= kMaxEntries) stems_.clear();
    std::string stem = stemmer_(term);
    const std::vector<Word> again = split_words(stem);
    if (again.size() != 1 || again[0].term != stem || again[0].end != stem.size()) stem.clear();
    return stems_.emplace(term, std::move(stem)).first->second;
  }

 private:
  static constexpr std::size_t kMaxEntries = 200000;
  Xapian::Stem stemmer_;
  std::string description_;
  std::unordered_map<std::string, std::string> stems_;
};

StemCache& stem_cache(const Xapian::Stem& stemmer) {
  thread_local std::unique_ptr<StemCache> cache;
  if (!cache || !cache->for_stemmer(stemmer)) cache = std::make_unique<StemCache>(stemmer);
  return *cache;
}

SnippetSource stemmed_words(const std::string& prepared, const Xapian::Stem& stemmer,
                            const SnippetTerms& query_terms) {
  SnippetSource source;
  std::string& out = source.text;
  out.reserve(prepared.size());
  std::size_t done = 0;
  std::size_t full_stop = prepared.find(kIdeographicFullStop);  // the next one from `done`
  const auto copy = [&](std::size_t to) {
    while (done < to) {
      if (full_stop < done) full_stop = prepared.find(kIdeographicFullStop, done);
      const std::size_t stop = std::min(to, full_stop);
      if (stop > done) {
        source.to_prepared.add(out.size(), out.size() + (stop - done), done, stop, true);
        out.append(prepared, done, stop - done);
        done = stop;
      }
      if (stop < to) {
        source.to_prepared.add(out.size(), out.size() + 2, done, done + kIdeographicFullStop.size(),
                               false);
        out += ". ";
        done += kIdeographicFullStop.size();
      }
    }
  };
  StemCache& stems = stem_cache(stemmer);
  for_each_word(prepared, [&](const Word& word) {
    if (word.term.size() > kMaxWordBytes || !query_terms.may_match(word.term)) return;
    const std::string& stem = stems.usable_stem(word.term);
    // MSet::snippet lower-cases words itself: only a word whose stem differs
    // from its lower-case form needs its stem in its place.
    if (stem.empty() || stem == word.term) return;
    copy(word.begin);
    source.to_prepared.add(out.size(), out.size() + stem.size(), word.begin, word.end, false);
    out += stem;
    done = word.end;
  });
  copy(prepared.size());
  return source;
}

// Private markers for MSet::snippet's output: Unicode noncharacters.
constexpr std::string_view kMarkStart = "\uFDD0";
constexpr std::string_view kMarkEnd = "\uFDD1";
constexpr std::string_view kMarkOmit = "\uFDD2";

bool has_marker(std::string_view text) {
  for (std::size_t at = text.find("\xEF\xB7"); at != std::string_view::npos;
       at = text.find("\xEF\xB7", at + 1)) {
    if (at + 2 < text.size()) {
      const auto c = static_cast<unsigned char>(text[at + 2]);
      if (c >= 0x90 && c <= 0x92) return true;
    }
  }
  return false;
}

// Escaped the way MSet::snippet escapes.
void append_escaped(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += c;
    }
  }
}

}  // namespace

std::string prepare_for_terms(std::string_view utf8) {
  TextSink sink{utf8, {}};
  sink.out.reserve(utf8.size() + utf8.size() / 8);
  Analyser<TextSink>(utf8, sink).run();
  return std::move(sink.out);
}

SnippetTerms::SnippetTerms(const Xapian::Query& query) {
  for (auto it = query.get_terms_begin(); it != query.get_terms_end(); ++it) {
    const std::string& term = *it;
    if (term.empty()) continue;
    if (term.size() == 1) {  // a one-letter stem: any word starting with it
      for (unsigned second = 0; second < 256; ++second) starts_.set(start(term) | second);
      continue;
    }
    starts_.set(start(term));
    // Snowball's exceptions: dying -> die, lying -> lie, tying -> tie.
    if (term == "die" || term == "lie" || term == "tie")
      starts_.set(start(term.substr(0, 1) + "y"));
  }
}

std::string snippet(const Xapian::MSet& mset, std::string_view text, std::size_t length,
                    const Xapian::Stem& stemmer, unsigned flags, std::string_view hi_start,
                    std::string_view hi_end, std::string_view omit,
                    const SnippetTerms& query_terms) {
  const auto plain_snippet = [&] {
    return mset.snippet(std::string(text), length, stemmer, flags, std::string(hi_start),
                        std::string(hi_end), std::string(omit));
  };
  if (hi_start.empty() && hi_end.empty() && text.size() <= length) return std::string(text);
  if (text.empty() || has_marker(text)) return plain_snippet();

  MapSink prepared{text, {}, {}};
  Analyser<MapSink>(text, prepared).run();
  const SnippetSource source = stemmed_words(prepared.out, stemmer, query_terms);
  const std::string& stemmed = source.text;
  const auto start = [&](std::size_t x) { return prepared.map.start(source.to_prepared.start(x)); };
  const auto end = [&](std::size_t x) { return prepared.map.end(source.to_prepared.end(x)); };
  // Nothing to fold or stem (most texts, once told the query's terms): the
  // snippet of the text itself is the same, without mapping marks back.
  if (stemmed == text) {
    return mset.snippet(stemmed, length, Xapian::Stem(), flags, std::string(hi_start),
                        std::string(hi_end), std::string(omit));
  }

  // The same share of the text as `length` is of the original.
  const auto scaled =
      static_cast<std::size_t>(static_cast<double>(length) * static_cast<double>(stemmed.size()) /
                                   static_cast<double>(text.size()) +
                               0.5);
  // Every word of `stemmed` already is its stem, and the index has no
  // Z-prefixed stems (STEM_ALL) for MSet::snippet's own stemming to find:
  // stemming again would only cost time.
  const std::string marked =
      mset.snippet(stemmed, scaled, Xapian::Stem(), flags, std::string(kMarkStart),
                   std::string(kMarkEnd), std::string(kMarkOmit));

  // Back to the words of `stemmed` that it shows and where the marks go.
  std::string shown;
  std::vector<std::pair<std::size_t, bool>> marks;  // offset in `shown`, start?
  bool omit_front = false;
  bool omit_back = false;
  for (std::size_t i = 0; i < marked.size();) {
    const std::string_view rest = std::string_view(marked).substr(i);
    if (rest.starts_with(kMarkStart) || rest.starts_with(kMarkEnd)) {
      marks.emplace_back(shown.size(), rest.starts_with(kMarkStart));
      i += kMarkStart.size();
    } else if (rest.starts_with(kMarkOmit)) {
      (i == 0 ? omit_front : omit_back) = true;
      i += kMarkOmit.size();
    } else if (rest.starts_with("&amp;")) {
      shown += '&';
      i += 5;
    } else if (rest.starts_with("&lt;") || rest.starts_with("&gt;")) {
      shown += rest[1] == 'l' ? '<' : '>';
      i += 4;
    } else {
      shown += marked[i++];
    }
  }
  // Where the shown stretch is: if it occurs twice in `stemmed` (word for
  // word, after folding and stemming), the first is taken; the two can only
  // differ in accents or word endings.
  const std::size_t at = stemmed.find(shown);
  if (at == std::string::npos) return plain_snippet();

  std::string out;
  if (omit_front) out += omit;
  std::size_t done = start(at);
  for (const auto& [offset, is_start] : marks) {
    const std::size_t to = std::max(done, is_start ? start(at + offset) : end(at + offset));
    append_escaped(out, text.substr(done, to - done));
    out += is_start ? hi_start : hi_end;
    done = to;
  }
  const std::size_t last = std::max(done, end(at + shown.size()));
  append_escaped(out, text.substr(done, last - done));
  if (omit_back) out += omit;
  return out;
}

}  // namespace newsdesk::text
