#include "extract/rfc822_date.h"

#include <catch2/catch.hpp>

using namespace newsdesk::extract;

TEST_CASE("parse_rfc822_date reads the forms feeds use", "[dates]") {
  // 2025-03-04T09:30:00Z = 1741080600
  const struct {
    const char* text;
    std::int64_t seconds;
  } cases[] = {
      {"Tue, 04 Mar 2025 09:30:00 GMT", 1741080600},
      {"Tue, 4 Mar 2025 09:30:00 +0000", 1741080600},
      {"Tue, 04 Mar 2025 17:30:00 +0800", 1741080600},
      {"Tue, 04 Mar 2025 04:30:00 EST", 1741080600},
      {"Tue, 04 Mar 2025 05:30:00 EDT", 1741080600},
      {"Tue, 04 Mar 2025 01:30:00 PST", 1741080600},
      {"Tue, 04 Mar 2025 02:30:00 PDT", 1741080600},
      {"Tue, 04 Mar 2025 03:30:00 CST", 1741080600},
      {"Tue, 04 Mar 2025 02:30:00 MST", 1741080600},
      {"Tue, 04 Mar 2025 10:30:00 CET", 1741080600},
      {"Tue, 04 Mar 2025 18:30:00 JST", 1741080600},
      {"Tue, 04 Mar 2025 04:30:00 -05:00", 1741080600},
      {"Tue, 04 Mar 25 09:30:00 GMT", 1741080600},   // 2-digit year: 2025
      {"04 Mar 2025 09:30:00 UT", 1741080600},       // no day name
      {"Tue, 04 Mar 2025 09:30 Z", 1741080600},      // no seconds
      {"Tue, 04 Mar 2025 9:30:00 GMT", 1741080600},  // 1-digit hour
      {"tue, 04 mar 2025 09:30:00 gmt", 1741080600},
      {"Tuesday, 04 March 2025 09:30:00 GMT", 1741080600},
      {"Tue, 04 Mar 2025 09:30:00", 1741080600},  // no zone: UTC, as for ISO 8601
      {"Tue, 04 Mar 2025 17:30:00 +0800 (CST)", 1741080600},
      {"  Tue,  04 Mar 2025 09:30:00 GMT \n", 1741080600},
      {"Sun, 05 Sep 99 00:00:00 GMT", 936489600},  // 99 -> 1999
      {"Thu, 29 Feb 2024 00:00:00 GMT", 1709164800},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto parsed = parse_rfc822_date(c.text);
    REQUIRE(parsed);
    CHECK(*parsed == c.seconds);
  }
}

TEST_CASE("parse_rfc822_date refuses what it cannot read for sure", "[dates]") {
  for (const char* text : {
           "",
           "yesterday",
           "2025-03-04T09:30:00Z",           // ISO 8601 is parse_iso8601's job
           "Tue, 32 Mar 2025 09:30:00 GMT",  // no such day
           "Thu, 29 Feb 2025 00:00:00 GMT",  // not a leap year
           "Tue, 04 Foo 2025 09:30:00 GMT",  // no such month
           "Tue, 04 Mar 2025 25:30:00 GMT",  // no such hour
           "Tue, 04 Mar 2025 09:30:00 IST",  // ambiguous zone
           "Tue, 04 Mar 2025 09:30:00 A",    // military zones are unusable
           "Tue, 04 Mar 2025 09:30:00 +2400",
           "Tue, 04 Mar 2025 09:30:00 GMT extra",
           "Tue, 04 Mar 2025 09:30:00 GMT (unclosed",
           "Tue, 04 Mar 125 09:30:00 GMT",
       }) {
    CAPTURE(text);
    CHECK_FALSE(parse_rfc822_date(text));
  }
}
