// "Did you mean": spelling data recorded at index time, and corrected query
// text at search time, both from the index's own vocabulary (Xapian's
// spelling table: unstemmed words and how often they occur).
//
// An index is a folder of shards; each shard's writer records the words of
// its own articles. Xapian 1.4 reads the spelling tables of all the shards
// of a Database (frequencies summed), so suggestions see the whole index.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdesk::search {

// Index side. Counts the words of article text in memory and adds them to a
// shard's spelling table in one call per distinct word: far cheaper than
// TermGenerator::FLAG_SPELLING, which updates Xapian's spelling table once
// per word occurrence, numbers included. Not thread-safe: one per shard.
class SpellingCollector {
 public:
  // Counts the words of `text` (as given to the term generator, i.e. after
  // text::prepare_for_terms), its first `max_words` words only. A word is a
  // run of letters, lower-cased, of kMinWordBytes to kMaxWordBytes bytes;
  // words with digits ("4g", "1987") and words in scripts written without
  // spaces (CJK, kana, hangul) are not spelling material and are skipped
  // (they still count towards `max_words`).
  void add_text(std::string_view text, std::size_t max_words = SIZE_MAX);

  // Adds what was counted to `db`'s spelling table and forgets it. Call it
  // before each commit of `db`, so the spelling data is committed with the
  // articles it comes from.
  void flush(Xapian::WritableDatabase& db);

  [[nodiscard]] std::size_t pending_words() const { return used_; }

  static constexpr std::size_t kMinWordBytes = 3;
  static constexpr std::size_t kMaxWordBytes = 40;

 private:
  // An open-addressing table of word counts, one cache line per word, the
  // word inline: a look-up touches one line where std::unordered_map
  // touched a bucket, a node and often the word's own allocation (the
  // look-ups were 3% of indexing time).
  struct alignas(64) Slot {
    std::uint32_t hash = 0;
    Xapian::termcount count = 0;  // 0: empty
    std::uint8_t size = 0;
    char word[kMaxWordBytes];
  };
  static_assert(sizeof(Slot) == 64);
  void count(const std::string& word);
  void grow();

  std::vector<Slot> slots_;  // a power of two, at most half full
  std::size_t used_ = 0;
};

// Search side. Returns `query_text` with its misspelt plain words replaced
// by the index's nearest known words ("alibab cloud" -> "alibaba cloud"), or
// nullopt when nothing would change. The rest of the text is kept as typed:
// operators (AND, OR, NOT, XOR, -word, +word, parentheses), field:value
// clauses and "quoted phrases" are never changed, and a replacement keeps the
// case of the word it replaces (Alibab -> Alibaba, SEMICONDUCTER ->
// SEMICONDUCTOR).
//
// A plain word is checked when it has at least kMinCheckedChars letters and
// no digit. It is left alone when the spelling data has it, as typed, at
// least kKnownWordMinFrequency times (established vocabulary: "Bonn" stays,
// though "bond" is 15 times as common). Otherwise it is replaced by Xapian's
// suggestion (edit distance 1 for words of up to 5 letters, else 2) when
// that suggestion's stem is in at least kMinGain times as many articles as
// the word's own stem (and in one at least): a typo the corpus itself
// contains a few times ("goverment" in 9 Reuters articles, "government" in
// 2,265) is still corrected. Cheap: a few look-ups per checked word.
std::optional<std::string> suggest_spelling(const Xapian::Database& db,
                                            std::string_view query_text);

inline constexpr std::size_t kMinCheckedChars = 4;
inline constexpr Xapian::doccount kKnownWordMinFrequency = 20;
inline constexpr Xapian::doccount kMinGain = 10;

}  // namespace newsdesk::search
