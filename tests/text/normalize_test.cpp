#include "text/normalize.h"

#include <catch2/catch.hpp>

using namespace newsdesk::text;

TEST_CASE("repair_utf8 replaces invalid bytes and keeps valid text", "[text]") {
  CHECK(repair_utf8("plain ascii") == "plain ascii");
  CHECK(repair_utf8("caf\xc3\xa9") == "caf\xc3\xa9");
  CHECK(repair_utf8("bad \xff byte") == "bad \xef\xbf\xbd byte");
  CHECK(repair_utf8("cut \xe2\x82") == "cut \xef\xbf\xbd");
}

TEST_CASE("clean_text folds whitespace, drops controls and keeps paragraphs", "[text]") {
  const struct {
    const char* in;
    const char* out;
  } cases[] = {
      {"  a  b\t c  ", "a b c"},
      {"line one\r\nline two", "line one\nline two"},
      {"para one\n\n\n\npara two", "para one\n\npara two"},
      {"bell\x07 char", "bell char"},
      {"c1\xc2\x85 control", "c1 control"},
      {"nbsp\xc2\xa0space", "nbsp space"},
      {"\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3 fullwidth", "ABC fullwidth"},  // NFKC
      {"\n\n  \n", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.in);
    CHECK(clean_text(c.in) == c.out);
  }
}

TEST_CASE("composed and decomposed accents normalise alike", "[text]") {
  CHECK(clean_text("Nestle\xcc\x81") == clean_text("Nestl\xc3\xa9"));
}

TEST_CASE("fold lower-cases and removes accents", "[text]") {
  CHECK(fold("Soci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale") == "societe generale");
  CHECK(fold("NESTL\xc3\x89") == "nestle");
  CHECK(fold("ABC") == "abc");
}

TEST_CASE("slug makes facet keys", "[text]") {
  CHECK(slug("Soci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale S.A.") == "societe-generale-s-a");
  CHECK(slug("  JPMorgan Chase & Co. ") == "jpmorgan-chase-co");
  CHECK(slug("\xe8\x85\xbe\xe8\xae\xaf") == "\xe8\x85\xbe\xe8\xae\xaf");  // CJK letters stay
}

TEST_CASE("slug of ASCII text (no ICU) is what ICU's path gives", "[text]") {
  // A trailing "é" sends the text down ICU's path; it adds "-e" there.
  for (const std::string ascii :
       {"  JPMorgan Chase & Co. ", "U.S. 3M_Co (NYSE:MMM)", "--a--b--", "", "...", "x",
        "Tab\tNew\nLine\x01Ctrl", "AT&T's 5G-rollout, 2024/25!", "~`!@#$%^*()[]{}|\\;:'\",<>?"}) {
    const std::string via_icu = slug(ascii + " \xc3\xa9");
    const std::string expected = via_icu.size() > 2 ? via_icu.substr(0, via_icu.size() - 2) : "";
    CHECK(slug(ascii) == expected);
    CHECK(via_icu.ends_with("e"));
  }
}

TEST_CASE("looks_binary spots binary data", "[text]") {
  CHECK(looks_binary(std::string("PK\x03\x04\0\0\x08\0", 8)));
  CHECK_FALSE(looks_binary("An ordinary line of text.\n"));
  CHECK_FALSE(looks_binary("caf\xc3\xa9 \xe8\x85\xbe\xe8\xae\xaf"));
}
