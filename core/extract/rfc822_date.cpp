#include "extract/rfc822_date.h"

#include <array>
#include <cctype>
#include <span>
#include <string>
#include <vector>

#include "extract/dates.h"

namespace newsdesk::extract {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

int to_int(std::string_view s) {
  int value = 0;
  for (const char c : s) value = value * 10 + (c - '0');
  return value;
}

// Matches the 3-letter abbreviation or the full English name.
int index_of_name(std::string_view token, std::span<const char* const> names) {
  const std::string t = lower(token);
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string name = names[i];
    if (t == name || t == name.substr(0, 3) || (name == "september" && t == "sept")) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

constexpr std::array<const char*, 12> kMonths = {"january",   "february", "march",    "april",
                                                 "may",       "june",     "july",     "august",
                                                 "september", "october",  "november", "december"};
constexpr std::array<const char*, 7> kDays = {"monday", "tuesday",  "wednesday", "thursday",
                                              "friday", "saturday", "sunday"};

// Zone names with one meaning only; anything else is refused rather than guessed
// (IST, BST and CST-in-China are ambiguous; single military letters had their
// signs reversed in RFC 822 and are unusable).
std::optional<int> named_zone_minutes(std::string_view token) {
  static constexpr struct {
    const char* name;
    int minutes;
  } kZones[] = {
      {"ut", 0},        {"utc", 0},        {"gmt", 0},        {"z", 0},         {"est", -5 * 60},
      {"edt", -4 * 60}, {"cst", -6 * 60},  {"cdt", -5 * 60},  {"mst", -7 * 60}, {"mdt", -6 * 60},
      {"pst", -8 * 60}, {"pdt", -7 * 60},  {"wet", 0},        {"west", 60},     {"cet", 60},
      {"cest", 2 * 60}, {"eet", 2 * 60},   {"eest", 3 * 60},  {"jst", 9 * 60},  {"hkt", 8 * 60},
      {"sgt", 8 * 60},  {"aest", 10 * 60}, {"aedt", 11 * 60},
  };
  const std::string t = lower(token);
  for (const auto& zone : kZones) {
    if (t == zone.name) return zone.minutes;
  }
  return std::nullopt;
}

// "+0800", "-05:00", "+08".
std::optional<int> numeric_zone_minutes(std::string_view token) {
  if (token.size() < 3 || (token[0] != '+' && token[0] != '-')) return std::nullopt;
  std::string digits;
  for (std::size_t i = 1; i < token.size(); ++i) {
    if (token[i] == ':' && i == 3) continue;
    digits += token[i];
  }
  if (!all_digits(digits) || (digits.size() != 4 && digits.size() != 2)) return std::nullopt;
  const int hours = to_int(digits.substr(0, 2));
  const int minutes = digits.size() == 4 ? to_int(digits.substr(2, 2)) : 0;
  if (hours > 23 || minutes > 59) return std::nullopt;
  return (token[0] == '+' ? 1 : -1) * (hours * 60 + minutes);
}

}  // namespace

std::optional<std::int64_t> parse_rfc822_date(std::string_view text) {
  // A trailing "(comment)" such as "+0800 (CST)" is allowed and ignored.
  if (const std::size_t paren = text.find('('); paren != std::string_view::npos) {
    const std::size_t close = text.find(')', paren);
    if (close == std::string_view::npos ||
        text.find_first_not_of(" \t\r\n", close + 1) != std::string_view::npos) {
      return std::nullopt;
    }
    text = text.substr(0, paren);
  }
  std::vector<std::string_view> tokens;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t start = text.find_first_not_of(" \t\r\n,", pos);
    if (start == std::string_view::npos) break;
    std::size_t end = text.find_first_of(" \t\r\n,", start);
    if (end == std::string_view::npos) end = text.size();
    tokens.push_back(text.substr(start, end - start));
    pos = end;
  }

  std::size_t i = 0;
  if (i < tokens.size() && index_of_name(tokens[i], kDays) >= 0) ++i;
  if (tokens.size() < i + 3) return std::nullopt;
  const std::string_view day = tokens[i++];
  const int month = index_of_name(tokens[i++], kMonths);
  const std::string_view year_text = tokens[i++];
  if (!all_digits(day) || day.size() > 2 || month < 0 || !all_digits(year_text)) {
    return std::nullopt;
  }
  int year = to_int(year_text);
  if (year_text.size() == 2) {
    year += year < 50 ? 2000 : 1900;  // RFC 2822 section 4.3
  } else if (year_text.size() != 4) {
    return std::nullopt;
  }

  int hour = 0, minute = 0, second = 0, offset_minutes = 0;
  if (i < tokens.size()) {
    const std::string_view time = tokens[i++];
    const std::size_t colon = time.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    const std::string_view h = time.substr(0, colon);
    std::string_view rest = time.substr(colon + 1);
    const std::size_t colon2 = rest.find(':');
    const std::string_view m = rest.substr(0, colon2);
    const std::string_view s =
        colon2 == std::string_view::npos ? std::string_view("00") : rest.substr(colon2 + 1);
    if (!all_digits(h) || h.size() > 2 || !all_digits(m) || m.size() != 2 || !all_digits(s) ||
        s.size() != 2) {
      return std::nullopt;
    }
    hour = to_int(h);
    minute = to_int(m);
    second = to_int(s);
    if (i < tokens.size()) {
      const std::string_view zone = tokens[i++];
      std::optional<int> minutes = numeric_zone_minutes(zone);
      if (!minutes) minutes = named_zone_minutes(zone);
      if (!minutes) return std::nullopt;
      offset_minutes = *minutes;
    }
  }
  if (i != tokens.size()) return std::nullopt;
  const auto local = utc_seconds(year, month + 1, to_int(day), hour, minute, second);
  if (!local) return std::nullopt;
  return *local - std::int64_t{offset_minutes} * 60;
}

}  // namespace newsdesk::extract
