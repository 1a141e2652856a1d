// Publication dates found in an article's own text, for sources without
// date metadata (scraped pages). Never guesses: a date without a year, or
// one further down the text, is not taken.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "article.h"

namespace newsdesk::extract {

struct TextDate {
  std::int64_t utc_seconds = 0;  // midnight UTC of the day
  std::string evidence;          // the text that gave it: "March 3, 2025"
};

// The first full date (day, month and year) in the dateline or the first
// kTextDateWindow bytes of the body: "March 3, 2025", "3 March 2025",
// "Mar. 3, 2025", "2025-03-03".
std::optional<TextDate> find_text_date(const Article& article);

inline constexpr std::size_t kTextDateWindow = 300;

}  // namespace newsdesk::extract
