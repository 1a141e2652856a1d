#include "extract/dates.h"

#include <catch2/catch.hpp>

using namespace newsdesk::extract;

TEST_CASE("parse_iso8601 reads the common ISO 8601 forms", "[dates]") {
  const struct {
    const char* text;
    std::int64_t seconds;
  } cases[] = {
      {"1970-01-01", 0},
      {"2025-02-13", 1739404800},
      {"2025-02-13T09:30:00Z", 1739439000},
      {"2025-02-13T09:30Z", 1739439000},
      {"2025-02-13 09:30:00", 1739439000},
      {"2025-02-13T09:30:00.250Z", 1739439000},
      {"2025-02-13T17:30:00+08:00", 1739439000},
      {"2025-02-13T04:30:00-0500", 1739439000},
      {"2024-02-29T00:00:00Z", 1709164800},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto parsed = parse_iso8601(c.text);
    REQUIRE(parsed);
    CHECK(*parsed == c.seconds);
  }
}

TEST_CASE("parse_iso8601 refuses what is not a date", "[dates]") {
  for (const char* text : {"", "next tuesday", "2025-13-01", "2025-02-30", "2023-02-29",
                           "2025-02-13T25:00:00Z", "2025-02-13T09:30:00+8", "13/02/2025",
                           "2025-02-13Tgarbage", "2025-02-13T09:30:00Z trailing"}) {
    CAPTURE(text);
    CHECK_FALSE(parse_iso8601(text));
  }
}

TEST_CASE("parse_reuters_date reads the Reuters-21578 date forms as UTC", "[dates]") {
  const struct {
    const char* text;
    const char* iso;
  } cases[] = {
      {"26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01Z"},
      {"26-FEB-1987 15:01:01", "1987-02-26T15:01:01Z"},
      {" 7-APR-1987 16:22:00.0", "1987-04-07T16:22:00Z"},
      {"3-MAR-1987  09:15:05.40", "1987-03-03T09:15:05Z"},
      {"  9-MAR-1987 00:14:46.66 ", "1987-03-09T00:14:46Z"},
      {"19-oct-1987 23:59:59.99", "1987-10-19T23:59:59Z"},
      {"29-FEB-1988 00:00:00.00", "1988-02-29T00:00:00Z"},
      {"01-JAN-1970 00:00:00", "1970-01-01T00:00:00Z"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto parsed = parse_reuters_date(c.text);
    REQUIRE(parsed);
    CHECK(format_iso8601(*parsed) == c.iso);
  }
}

TEST_CASE("parse_reuters_date refuses what is not a Reuters date", "[dates]") {
  for (const char* text :
       {"", "26-FEB-1987", "31-MAR-1987 605:12:19.12", "29-FEB-1987 10:00:00.00",
        "31-APR-1987 10:00:00.00", "26-FOO-1987 15:01:01.79", "26-FEB-87 15:01:01.79",
        "26-FEB-1987 24:00:00", "26-FEB-1987 15:01", "26-FEB-1987 15:01:01.", "26-FEB-198715:01:01",
        "126-FEB-1987 15:01:01", "26-FEB-1987 15:01:01.79\x05RM", "26-FEB-1987 15:01:01.79 # noise",
        "1987-02-26 15:01:01"}) {
    CAPTURE(text);
    CHECK_FALSE(parse_reuters_date(text));
  }
}

TEST_CASE("format functions round-trip", "[dates]") {
  CHECK(format_iso8601(1739439000) == "2025-02-13T09:30:00Z");
  CHECK(format_day_key(1739439000) == "20250213");
  CHECK(format_iso8601(0) == "1970-01-01T00:00:00Z");
  CHECK(format_day_key(-1) == "19691231");
  CHECK(*parse_iso8601(format_iso8601(1234567890)) == 1234567890);
}
