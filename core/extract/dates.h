// Parsing of publication dates into UTC seconds. Never guesses: a string that is
// not a date gives nullopt.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace newsdesk::extract {

// ISO 8601 / RFC 3339: "2025-02-13", "2025-02-13T09:30:00Z", "2025-02-13 09:30:00+08:00",
// fractional seconds and "+0800" offsets too. A time without an offset is taken as UTC.
std::optional<std::int64_t> parse_iso8601(std::string_view text);

// Reuters-21578 <DATE>: "26-FEB-1987 15:01:01.79", also "3-MAR-1987" with a one-digit
// day, without the fractional seconds, with any run of spaces between date and time,
// and the month in any case; taken as UTC. Surrounding whitespace is ignored, but
// nothing else: the caller cuts off the noise some <DATE> elements carry after the time.
std::optional<std::int64_t> parse_reuters_date(std::string_view text);

// Seconds since 1970 for a proleptic-Gregorian UTC date and time; nullopt if out of range.
std::optional<std::int64_t> utc_seconds(int year, int month, int day, int hour = 0, int minute = 0,
                                        int second = 0);

// "2025-02-13T09:30:00Z" for UTC seconds.
std::string format_iso8601(std::int64_t utc_seconds);

// "20250213" for UTC seconds: the day key used by the date value slot.
std::string format_day_key(std::int64_t utc_seconds);

}  // namespace newsdesk::extract
