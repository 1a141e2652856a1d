// A Xapian::Stem that remembers the stems it has given: Snowball costs far
// more than a hash look-up, and the words of news repeat.
#pragma once

#include <xapian.h>

#include <cstddef>

namespace newsdesk::text {

// Entries a caching stemmer keeps before it starts again: more than the
// distinct words of Reuters-21578, a few MB.
inline constexpr std::size_t kStemCacheEntries = 100000;

// A stemmer giving exactly the stems of `stemmer`, which it takes over (the
// caller must not use that handle again), memoised in a hash map that is
// cleared when it holds `max_entries` words. For one thread only: the cache
// is not locked and Xapian::Stem's reference count is not atomic, so the
// result and every copy of it (a TermGenerator's, say) must stay on the
// thread that uses it.
Xapian::Stem make_caching_stemmer(Xapian::Stem stemmer,
                                  std::size_t max_entries = kStemCacheEntries);

}  // namespace newsdesk::text
