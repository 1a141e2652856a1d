// RFC 822 / RFC 2822 dates as RSS feeds and mail headers write them
// ("Tue, 04 Mar 2025 09:30:00 GMT"). Never guesses: nullopt for anything else.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace newsdesk::extract {

// "[Day,] DD Mon YYYY HH:MM[:SS] [zone]" -> UTC seconds. Accepts 2-digit years
// (00-49 = 20xx, 50-99 = 19xx), full month names, numeric zones ("+0800",
// "-05:00"), UT/GMT/UTC/Z, the North American zones of RFC 822 (EST, EDT, CST,
// CDT, MST, MDT, PST, PDT) and a few unambiguous others (CET, CEST, EET, EEST,
// WET, WEST, JST, HKT, SGT, AEST, AEDT), and a trailing "(comment)". A missing
// zone is taken as UTC, as parse_iso8601 does. The day name is not checked
// against the date: feeds get it wrong far more often than the date itself.
std::optional<std::int64_t> parse_rfc822_date(std::string_view text);

}  // namespace newsdesk::extract
