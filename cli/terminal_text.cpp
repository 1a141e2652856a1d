#include "cli/terminal_text.h"

#include <array>
#include <utility>

namespace newsdesk::cli {
namespace {

void append_utf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x110000) {
    out += static_cast<char>(0xf0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

}  // namespace

std::string snippet_to_terminal(std::string_view html, bool color) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kReplacements = {{
      {"<mark>", "\x1b[1m"},
      {"</mark>", "\x1b[0m"},
      {"&amp;", "&"},
      {"&lt;", "<"},
      {"&gt;", ">"},
      {"&quot;", "\""},
      {"&#39;", "'"},
  }};
  std::string out;
  out.reserve(html.size());
  for (std::size_t i = 0; i < html.size();) {
    bool replaced = false;
    for (std::size_t r = 0; r < kReplacements.size(); ++r) {
      const auto& [from, to] = kReplacements[r];
      if (html.substr(i, from.size()) == from) {
        if (r >= 2 || color) out += to;  // tags vanish without color
        i += from.size();
        replaced = true;
        break;
      }
    }
    if (replaced) continue;
    if (html.substr(i, 2) == "&#") {
      const std::size_t semi = html.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 10) {
        const bool hex = html[i + 2] == 'x' || html[i + 2] == 'X';
        const std::string digits(html.substr(i + (hex ? 3 : 2), semi - i - (hex ? 3 : 2)));
        try {
          append_utf8(out, std::stoul(digits, nullptr, hex ? 16 : 10));
          i = semi + 1;
          continue;
        } catch (const std::exception&) {
        }
      }
    }
    out += html[i++];
  }
  return out;
}

}  // namespace newsdesk::cli
