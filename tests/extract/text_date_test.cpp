#include "extract/text_date.h"

#include <catch2/catch.hpp>

#include "extract/dates.h"

using namespace newsdesk;

namespace {
std::string found(const std::string& body, const std::string& dateline = "") {
  Article a;
  a.body = body;
  a.dateline = dateline;
  const auto date = extract::find_text_date(a);
  return date ? extract::format_iso8601(date->utc_seconds).substr(0, 10) + " <- " + date->evidence
              : "none";
}
}  // namespace

TEST_CASE("dates in datelines and leads are found", "[extract][dates]") {
  CHECK(found("SHENZHEN, March 3, 2025 — Tencent said...") == "2025-03-03 <- March 3, 2025");
  CHECK(found("LONDON, 14 November 2024 (Pacific Ledger) - HSBC") ==
        "2024-11-14 <- 14 November 2024");
  CHECK(found("Published Sept. 9, 2025. Apple unveiled") == "2025-09-09 <- Sept. 9, 2025");
  CHECK(found("Updated 2026-01-15 08:00 GMT. The bank") == "2026-01-15 <- 2026-01-15");
  CHECK(found("The company said.", "TOKYO, Feb 26, 1987") == "1987-02-26 <- Feb 26, 1987");
}

TEST_CASE("no date is invented", "[extract][dates]") {
  CHECK(found("TOKYO, March 3 - shares rose") == "none");                  // no year
  CHECK(found("Revenue rose 3 percent in 2025 to $4 billion") == "none");  // a year is not a date
  CHECK(found("Sales of 12 May units") == "none");                         // no year after
  CHECK(found("February 30, 2025 was not a day") == "none");
  CHECK(found(std::string(400, 'x') + " March 3, 2025") == "none");  // too far down
  CHECK(found("") == "none");
}
