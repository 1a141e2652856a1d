#include "text/ascii.h"

#include <catch2/catch.hpp>

#include <cctype>
#include <string>
#include <vector>

#include "text/word_filter.h"

using namespace newsdesk::text;

TEST_CASE("ASCII classes and lower case answer as <cctype> does in the C locale", "[text]") {
  for (int c = 0; c < 256; ++c) {
    CAPTURE(c);
    const auto byte = static_cast<unsigned char>(c);
    CHECK(is_ascii_upper(byte) == (std::isupper(c) != 0));
    CHECK(is_ascii_lower(byte) == (std::islower(c) != 0));
    CHECK(is_ascii_digit(byte) == (std::isdigit(c) != 0));
    CHECK(is_ascii_alpha(byte) == (std::isalpha(c) != 0));
    CHECK(is_ascii_alnum(byte) == (std::isalnum(c) != 0));
    CHECK(is_ascii_space(byte) == (std::isspace(c) != 0));
    CHECK(ascii_lower(static_cast<char>(byte)) == static_cast<char>(std::tolower(c)));
  }
}

TEST_CASE("a word filter contains every word added to it", "[text]") {
  const std::vector<std::string> words = {"",    "a",   "oil",         "oilseed", "semiconductor",
                                          "u",   "s",   "caf\xc3\xa9", "1987",    "ab",
                                          "abc", "abd", "abcd"};
  WordFilter filter;
  for (const std::string& word : words) filter.add(word);
  for (const std::string& word : words) {
    CAPTURE(word);
    CHECK(filter.may_contain(word));
  }
  CHECK_FALSE(WordFilter().may_contain("oil"));
}
