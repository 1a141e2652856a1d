// A Xapian::Stem that remembers the stems it has given: Snowball costs far
// more than a look-up, and the words of news repeat.
#pragma once

#include <xapian.h>

#include <cstddef>

namespace newsdesk::text {

// Slots of a caching stemmer's cache: 16,384 words, 1 MiB, about the size of
// a core's L2 cache. (A std::unordered_map of 100,000 words saved the same
// instructions but no time: each look-up missed the cache on its nodes.)
inline constexpr std::size_t kStemCacheSlots = 16384;

// A stemmer giving exactly the stems of `stemmer`, which it takes over (the
// caller must not use that handle again), memoised in a direct-mapped cache
// of `slots` words (rounded up to a power of two): a word's hash picks its
// slot, and a new word takes over the slot. Words of more than
// kMaxCachedWordBytes bytes are not cached. For one thread only: the cache
// is not locked and Xapian::Stem's reference count is not atomic, so the
// result and every copy of it (a TermGenerator's, say) must stay on the
// thread that uses it.
Xapian::Stem make_caching_stemmer(Xapian::Stem stemmer, std::size_t slots = kStemCacheSlots);
inline constexpr std::size_t kMaxCachedWordBytes = 27;

}  // namespace newsdesk::text
