#include "text/caching_stemmer.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using newsdesk::text::make_caching_stemmer;

TEST_CASE("a caching stemmer gives Snowball's stems, also after its cache is cleared", "[text]") {
  const std::vector<std::string> words = {
      "markets",   "market", "trading", "traded",       "ships", "shipping", "economy",
      "economies", "a",      "running", "caf\xc3\xa9s", "1987",  "markets",  "trading"};
  const Xapian::Stem snowball("english");
  for (const std::size_t max_entries : {std::size_t{1}, std::size_t{3}, std::size_t{1000}}) {
    CAPTURE(max_entries);
    const Xapian::Stem cached = make_caching_stemmer(Xapian::Stem("english"), max_entries);
    for (int round = 0; round < 2; ++round) {
      for (const std::string& word : words) {
        CAPTURE(word);
        CHECK(cached(word) == snowball(word));
      }
    }
  }
  CHECK(make_caching_stemmer(Xapian::Stem("english"))("") == "");
}
