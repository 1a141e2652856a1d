#include "extract/dates.h"

#include <cctype>
#include <cstdio>

namespace newsdesk::extract {
namespace {

// Howard Hinnant's days_from_civil: days since 1970-01-01 for a Gregorian date.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  std::int64_t year;
  unsigned month, day;
};

Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `width` digits at `pos`; advances pos on success.
std::optional<int> digits(std::string_view s, std::size_t& pos, std::size_t width) {
  if (pos + width > s.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < width; ++i) {
    const char c = s[pos + i];
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += width;
  return value;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::int64_t> utc_seconds(int year, int month, int day, int hour, int minute,
                                        int second) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > days_in_month(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
      second < 0 || second > 60) {
    return std::nullopt;
  }
  return days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
         hour * 3600 + minute * 60 + second;
}

std::optional<std::int64_t> parse_iso8601(std::string_view text) {
  const std::string_view s = trim(text);
  std::size_t pos = 0;
  const auto year = digits(s, pos, 4);
  if (!year || pos >= s.size() || s[pos++] != '-') return std::nullopt;
  const auto month = digits(s, pos, 2);
  if (!month || pos >= s.size() || s[pos++] != '-') return std::nullopt;
  const auto day = digits(s, pos, 2);
  if (!day) return std::nullopt;
  int hour = 0, minute = 0, second = 0, offset_seconds = 0;
  if (pos < s.size()) {
    if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return std::nullopt;
    ++pos;
    const auto h = digits(s, pos, 2);
    if (!h || pos >= s.size() || s[pos++] != ':') return std::nullopt;
    const auto m = digits(s, pos, 2);
    if (!m) return std::nullopt;
    hour = *h;
    minute = *m;
    if (pos < s.size() && s[pos] == ':') {
      ++pos;
      const auto sec = digits(s, pos, 2);
      if (!sec) return std::nullopt;
      second = *sec;
      if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
        ++pos;
        const std::size_t start = pos;
        while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) ++pos;
        if (pos == start) return std::nullopt;
      }
    }
    if (pos < s.size()) {
      const char sign = s[pos++];
      if (sign == 'Z' || sign == 'z') {
        if (pos != s.size()) return std::nullopt;
      } else if (sign == '+' || sign == '-') {
        const auto oh = digits(s, pos, 2);
        if (!oh) return std::nullopt;
        if (pos < s.size() && s[pos] == ':') ++pos;
        const auto om = digits(s, pos, 2);
        if (!om || pos != s.size() || *oh > 23 || *om > 59) return std::nullopt;
        offset_seconds = (*oh * 3600 + *om * 60) * (sign == '+' ? 1 : -1);
      } else {
        return std::nullopt;
      }
    }
  }
  const auto local = utc_seconds(*year, *month, *day, hour, minute, second);
  if (!local) return std::nullopt;
  return *local - offset_seconds;
}

std::optional<std::int64_t> parse_reuters_date(std::string_view text) {
  static constexpr std::string_view kMonths[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                 "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  const std::string_view s = trim(text);
  std::size_t pos = 0;
  auto day = digits(s, pos, 2);
  if (!day) day = digits(s, pos, 1);
  if (!day || pos >= s.size() || s[pos++] != '-' || pos + 3 > s.size()) return std::nullopt;
  int month = 0;
  for (int m = 0; m < 12 && month == 0; ++m) {
    bool same = true;
    for (std::size_t i = 0; i < 3; ++i) {
      same = same && std::toupper(static_cast<unsigned char>(s[pos + i])) == kMonths[m][i];
    }
    if (same) month = m + 1;
  }
  if (month == 0) return std::nullopt;
  pos += 3;
  if (pos >= s.size() || s[pos++] != '-') return std::nullopt;
  const auto year = digits(s, pos, 4);
  if (!year || pos >= s.size() || (s[pos] != ' ' && s[pos] != '\t')) return std::nullopt;
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
  const auto hour = digits(s, pos, 2);
  if (!hour || pos >= s.size() || s[pos++] != ':') return std::nullopt;
  const auto minute = digits(s, pos, 2);
  if (!minute || pos >= s.size() || s[pos++] != ':') return std::nullopt;
  const auto second = digits(s, pos, 2);
  if (!second) return std::nullopt;
  if (pos < s.size() && s[pos] == '.') {
    const std::size_t start = ++pos;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) ++pos;
    if (pos == start) return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  return utc_seconds(*year, month, *day, *hour, *minute, *second);
}

std::string format_iso8601(std::int64_t t) {
  const std::int64_t days = (t >= 0 ? t : t - 86399) / 86400;
  const std::int64_t secs = t - days * 86400;
  const Civil c = civil_from_days(days);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02dZ", static_cast<long long>(c.year),
                c.month, c.day, static_cast<int>(secs / 3600), static_cast<int>(secs % 3600 / 60),
                static_cast<int>(secs % 60));
  return buf;
}

std::string format_day_key(std::int64_t t) {
  const std::int64_t days = (t >= 0 ? t : t - 86399) / 86400;
  const Civil c = civil_from_days(days);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04lld%02u%02u", static_cast<long long>(c.year), c.month, c.day);
  return buf;
}

}  // namespace newsdesk::extract
