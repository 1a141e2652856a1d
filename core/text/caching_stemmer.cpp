#include "text/caching_stemmer.h"

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace newsdesk::text {
namespace {

// One slot: a word and its stem inline, one cache line.
struct alignas(64) Slot {
  std::uint64_t hash = 0;
  std::uint8_t word_size = 0;  // 0: empty (the empty word is not cached)
  std::uint8_t stem_size = 0;
  char word[kMaxCachedWordBytes];
  char stem[kMaxCachedWordBytes];
};
static_assert(sizeof(Slot) == 64);

std::uint64_t hash_word(const std::string& word) {
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a
  for (const char c : word) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

class CachingStemImplementation : public Xapian::StemImplementation {
 public:
  CachingStemImplementation(Xapian::Stem stemmer, std::size_t slots)
      : stemmer_(std::move(stemmer)), slots_(std::bit_ceil(std::max<std::size_t>(1, slots))) {}

  std::string operator()(const std::string& word) override {
    if (word.empty() || word.size() > kMaxCachedWordBytes) return stemmer_(word);
    const std::uint64_t hash = hash_word(word);
    Slot& slot = slots_[hash & (slots_.size() - 1)];
    if (slot.hash == hash && slot.word_size == word.size() &&
        std::memcmp(slot.word, word.data(), word.size()) == 0) {
      return std::string(slot.stem, slot.stem_size);
    }
    std::string stem = stemmer_(word);
    if (stem.size() <= kMaxCachedWordBytes) {
      slot.hash = hash;
      slot.word_size = static_cast<std::uint8_t>(word.size());
      slot.stem_size = static_cast<std::uint8_t>(stem.size());
      std::memcpy(slot.word, word.data(), word.size());
      std::memcpy(slot.stem, stem.data(), stem.size());
    }
    return stem;
  }

  std::string get_description() const override { return "cached " + stemmer_.get_description(); }

 private:
  Xapian::Stem stemmer_;
  std::vector<Slot> slots_;
};

}  // namespace

Xapian::Stem make_caching_stemmer(Xapian::Stem stemmer, std::size_t slots) {
  return Xapian::Stem(new CachingStemImplementation(std::move(stemmer), slots));
}

}  // namespace newsdesk::text
