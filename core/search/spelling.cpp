#include "search/spelling.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "schema.h"
#include "search/search_types.h"
#include "text/analysis.h"
#include "text/normalize.h"

namespace newsdesk::search {
namespace {

// Scripts written without spaces (CJK, kana, hangul, their compatibility
// forms): there a run of letters is a phrase, not a word.
bool is_unspaced(unsigned cp) {
  return (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF66 && cp <= 0xFFDC) || cp >= 0x20000;
}

bool is_ascii_letter(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Calls on_word(begin, end, lowered, plain) for each run of word characters
// of `text` (Xapian's word characters, as the term generator cuts words,
// except that '_' separates) until it returns false. `plain`: letters only,
// no unspaced script.
template <class OnWord>
void scan_words(std::string_view text, OnWord&& on_word) {
  std::string lowered;
  std::size_t begin = 0;
  bool in_word = false, plain = true, more = true;
  const auto finish = [&](std::size_t end) {
    if (in_word) more = on_word(begin, end, lowered, plain);
    in_word = false;
  };
  for (std::size_t i = 0; i < text.size() && more;) {
    const auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = 1;
    bool word_char = false, letter = false;
    unsigned lower = byte;
    if (byte < 0x80) {
      letter = is_ascii_letter(byte);
      word_char = letter || (byte >= '0' && byte <= '9');
      if (byte >= 'A' && byte <= 'Z') lower = byte | 0x20u;
    } else {
      Xapian::Utf8Iterator it(text.data() + i, text.size() - i);
      const unsigned cp = *it;
      const char* start = it.raw();
      ++it;
      length = static_cast<std::size_t>(it.raw() - start);
      const auto category = Xapian::Unicode::get_category(cp);
      word_char =
          Xapian::Unicode::is_wordchar(cp) && category != Xapian::Unicode::CONNECTOR_PUNCTUATION;
      letter = word_char && category != Xapian::Unicode::DECIMAL_DIGIT_NUMBER &&
               category != Xapian::Unicode::LETTER_NUMBER &&
               category != Xapian::Unicode::OTHER_NUMBER && !is_unspaced(cp);
      lower = Xapian::Unicode::tolower(cp);
    }
    if (!word_char) {
      finish(i);
    } else {
      if (!in_word) {
        in_word = true;
        begin = i;
        plain = true;
        lowered.clear();
      }
      plain = plain && letter;
      if (lower < 0x80) {
        lowered += static_cast<char>(lower);
      } else {
        Xapian::Unicode::append_utf8(lowered, lower);
      }
    }
    i += length;
  }
  finish(text.size());
}

std::size_t count_chars(std::string_view utf8) {
  std::size_t n = 0;
  for (const char c : utf8) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// The word as the index knows it (accents removed, NFKC, lower case), or ""
// when it is not one plain word.
std::string lookup_form(std::string_view original) {
  const std::string prepared = text::prepare_for_terms(text::clean_line(original));
  std::string form;
  int words = 0;
  scan_words(prepared, [&](std::size_t, std::size_t, const std::string& lowered, bool plain) {
    ++words;
    if (plain) form = lowered;
    return true;
  });
  return words == 1 ? form : std::string();
}

// `replacement` (lower case) written the way `original` is: ALL CAPS,
// Capitalised or lower case.
std::string match_case(std::string_view original, const std::string& replacement) {
  std::size_t upper = 0, letters = 0;
  bool first_upper = false;
  for (Xapian::Utf8Iterator it(original.data(), original.size()); it != Xapian::Utf8Iterator();
       ++it) {
    const auto category = Xapian::Unicode::get_category(*it);
    const bool is_upper = category == Xapian::Unicode::UPPERCASE_LETTER ||
                          category == Xapian::Unicode::TITLECASE_LETTER;
    if (letters == 0) first_upper = is_upper;
    letters += category == Xapian::Unicode::LOWERCASE_LETTER || is_upper;
    upper += is_upper;
  }
  if (letters > 1 && upper == letters) return Xapian::Unicode::toupper(replacement);
  if (!first_upper) return replacement;
  std::string out;
  bool first = true;
  for (Xapian::Utf8Iterator it(replacement); it != Xapian::Utf8Iterator(); ++it) {
    Xapian::Unicode::append_utf8(out, first ? Xapian::Unicode::toupper(*it) : *it);
    first = false;
  }
  return out;
}

class Corrector {
 public:
  explicit Corrector(const Xapian::Database& db) : db_(db), stemmer_(schema::make_stemmer()) {}

  // The correction of one word as typed, or "" to keep it.
  std::string correct(std::string_view original) const {
    const std::string word = lookup_form(original);
    const std::size_t chars = count_chars(word);
    if (chars < kMinCheckedChars || word.size() > SpellingCollector::kMaxWordBytes) return {};
    if (spelling_frequency(word) >= kKnownWordMinFrequency) return {};
    const std::string suggestion = db_.get_spelling_suggestion(word, chars <= 5 ? 1 : 2);
    if (suggestion.empty() || suggestion == word) return {};
    const std::string stem = stemmer_(word), suggestion_stem = stemmer_(suggestion);
    if (stem == suggestion_stem) return {};  // "banks" for "bank": the same search
    const Xapian::doccount docs = db_.get_termfreq(stem);
    const Xapian::doccount suggestion_docs = db_.get_termfreq(suggestion_stem);
    if (suggestion_docs == 0 || suggestion_docs < kMinGain * docs) return {};
    return match_case(original, suggestion);
  }

 private:
  // How often the word itself (unstemmed) is in the spelling data.
  Xapian::doccount spelling_frequency(const std::string& word) const {
    Xapian::TermIterator it = db_.spellings_begin();
    it.skip_to(word);
    return it != db_.spellings_end() && *it == word ? it.get_termfreq() : 0;
  }

  const Xapian::Database& db_;
  Xapian::Stem stemmer_;
};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_operator(std::string_view token) {
  return token == "AND" || token == "OR" || token == "NOT" || token == "XOR" || token == "NEAR" ||
         token == "ADJ";
}

}  // namespace

void SpellingCollector::add_text(std::string_view text, std::size_t max_words) {
  if (max_words == 0) return;
  std::size_t words = 0;
  scan_words(text, [&](std::size_t, std::size_t, const std::string& word, bool plain) {
    if (plain && word.size() >= kMinWordBytes && word.size() <= kMaxWordBytes) count(word);
    return ++words < max_words;
  });
}

void SpellingCollector::count(const std::string& word) {
  if (2 * (used_ + 1) > slots_.size()) grow();
  const auto hash = static_cast<std::uint32_t>(schema::stable_hash(word));
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.count == 0) {
      slot.hash = hash;
      slot.count = 1;
      slot.size = static_cast<std::uint8_t>(word.size());
      std::memcpy(slot.word, word.data(), word.size());
      ++used_;
      return;
    }
    if (slot.hash == hash && slot.size == word.size() &&
        std::memcmp(slot.word, word.data(), word.size()) == 0) {
      ++slot.count;
      return;
    }
  }
}

void SpellingCollector::grow() {
  std::vector<Slot> old =
      std::exchange(slots_, std::vector<Slot>(std::max<std::size_t>(4096, 2 * slots_.size())));
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.count == 0) continue;
    std::size_t i = slot.hash & mask;
    while (slots_[i].count != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

void SpellingCollector::flush(Xapian::WritableDatabase& db) {
  for (Slot& slot : slots_) {
    if (slot.count == 0) continue;
    db.add_spelling(std::string(slot.word, slot.size), slot.count);
    slot.count = 0;
  }
  used_ = 0;
}

std::optional<std::string> suggest_spelling(const Xapian::Database& db,
                                            std::string_view query_text) {
  if (query_text.empty() || query_text.size() > kMaxQueryBytes) return std::nullopt;
  const Corrector corrector(db);
  std::string out;
  bool changed = false;
  const std::size_t n = query_text.size();
  // Copies a "quoted phrase" starting at i as it is; an unmatched quote is
  // copied alone (the query builder drops it and reads the words after it).
  const auto copy_phrase = [&](std::size_t i) {
    const std::size_t close = query_text.find('"', i + 1);
    const std::size_t end = close == std::string_view::npos ? i + 1 : close + 1;
    out.append(query_text.substr(i, end - i));
    return end;
  };
  for (std::size_t i = 0; i < n;) {
    const char c = query_text[i];
    if (c == '"') {
      i = copy_phrase(i);
      continue;
    }
    if (is_space(c) || c == '(' || c == ')') {
      out += c;
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < n && !is_space(query_text[end]) && query_text[end] != '(' &&
           query_text[end] != ')' && query_text[end] != '"') {
      ++end;
    }
    const std::string_view token = query_text.substr(i, end - i);
    i = end;
    if (token.find(':') != std::string_view::npos) {  // field:value, field:"value", a URL
      out.append(token);
      if (i < n && query_text[i] == '"' && token.back() == ':') i = copy_phrase(i);
      continue;
    }
    if (is_operator(token)) {
      out.append(token);
      continue;
    }
    // Plain text: each word in it on its own ("chip-makr", "-alibab").
    std::size_t copied = 0;
    scan_words(token, [&](std::size_t begin, std::size_t word_end, const std::string&, bool) {
      const std::string_view word = token.substr(begin, word_end - begin);
      std::string replacement = corrector.correct(word);
      if (!replacement.empty()) {
        out.append(token.substr(copied, begin - copied));
        out += replacement;
        copied = word_end;
        changed = true;
      }
      return true;
    });
    out.append(token.substr(copied));
  }
  if (!changed || out == query_text) return std::nullopt;
  return out;
}

}  // namespace newsdesk::search
