// ASCII character classes and case, inline: what std::isupper, std::tolower
// and the rest answer in the "C" locale (the only one newsdesk runs in),
// without a call into the C library for every byte of every article.
#pragma once

namespace newsdesk::text {

constexpr bool is_ascii_upper(unsigned char c) {
  return c >= 'A' && c <= 'Z';
}
constexpr bool is_ascii_lower(unsigned char c) {
  return c >= 'a' && c <= 'z';
}
constexpr bool is_ascii_digit(unsigned char c) {
  return c >= '0' && c <= '9';
}
constexpr bool is_ascii_alpha(unsigned char c) {
  return is_ascii_upper(c) || is_ascii_lower(c);
}
constexpr bool is_ascii_alnum(unsigned char c) {
  return is_ascii_alpha(c) || is_ascii_digit(c);
}
// Space, tab, newline, vertical tab, form feed, carriage return.
constexpr bool is_ascii_space(unsigned char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}
// Lower case for 'A'..'Z'; every other byte unchanged.
constexpr char ascii_lower(char c) {
  return is_ascii_upper(static_cast<unsigned char>(c)) ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace newsdesk::text
