#include "text/analysis.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>
#include <xapian.h>

#include <algorithm>
#include <memory>
#include <mutex>

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

}  // namespace

std::string prepare_for_terms(std::string_view utf8) {
  TextSink sink{utf8, {}};
  sink.out.reserve(utf8.size() + utf8.size() / 8);
  Analyser<TextSink>(utf8, sink).run();
  return std::move(sink.out);
}

}  // namespace newsdesk::text
