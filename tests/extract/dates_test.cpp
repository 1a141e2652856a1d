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

TEST_CASE("format functions round-trip", "[dates]") {
  CHECK(format_iso8601(1739439000) == "2025-02-13T09:30:00Z");
  CHECK(format_day_key(1739439000) == "20250213");
  CHECK(format_iso8601(0) == "1970-01-01T00:00:00Z");
  CHECK(format_day_key(-1) == "19691231");
  CHECK(*parse_iso8601(format_iso8601(1234567890)) == 1234567890);
}
