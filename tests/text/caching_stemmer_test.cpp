#include "text/caching_stemmer.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using newsdesk::text::make_caching_stemmer;

TEST_CASE("a caching stemmer gives Snowball's stems, also when words share a slot", "[text]") {
  const std::vector<std::string> words = {
      "markets",   "market", "trading", "traded",       "ships", "shipping", "economy",
      "economies", "a",      "running", "caf\xc3\xa9s", "1987",  "markets",  "trading"};
  const Xapian::Stem snowball("english");
  for (const std::size_t slots : {std::size_t{1}, std::size_t{3}, std::size_t{1000}}) {
    CAPTURE(slots);
    const Xapian::Stem cached = make_caching_stemmer(Xapian::Stem("english"), slots);
    for (int round = 0; round < 2; ++round) {
      for (const std::string& word : words) {
        CAPTURE(word);
        CHECK(cached(word) == snowball(word));
      }
    }
  }
  CHECK(make_caching_stemmer(Xapian::Stem("english"))("") == "");
  // Too long to cache: still stemmed.
  const std::string long_word(40, 'a');
  CHECK(make_caching_stemmer(Xapian::Stem("english"))(long_word + "ing") ==
        snowball(long_word + "ing"));
}
