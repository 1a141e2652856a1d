#include "ingest/plain_article.h"

#include <algorithm>
#include <array>
#include <vector>

#include "text/normalize.h"

namespace newsdesk::ingest {
namespace {

// Lines that scrapers pick up from page chrome rather than the article. They
// are only dropped at the very start or end of the text, never in the middle.
constexpr std::array kLeadingNoise = {
    std::string_view("loading stock data..."),
    std::string_view("loading..."),
    std::string_view("advertisement"),
    std::string_view("skip to main content"),
    std::string_view("skip to content"),
    std::string_view("menu"),
    std::string_view("sign in"),
    std::string_view("subscribe"),
};
constexpr std::array kTrailingNoise = {
    std::string_view("close"),       std::string_view("advertisement"),
    std::string_view("share"),       std::string_view("share this article"),
    std::string_view("subscribe"),   std::string_view("loading stock data..."),
    std::string_view("read more"),   std::string_view("related articles"),
    std::string_view("back to top"),
};

template <std::size_t N>
bool is_noise(const std::string& line, const std::array<std::string_view, N>& noise) {
  const std::string key = text::fold(line);
  return std::find(noise.begin(), noise.end(), key) != noise.end();
}

// A title longer than this is a paragraph, not a headline: cut at a word.
constexpr std::size_t kMaxTitleBytes = 300;

std::string shorten_title(std::string title) {
  if (title.size() <= kMaxTitleBytes) return title;
  std::size_t cut = title.rfind(' ', kMaxTitleBytes);
  if (cut == std::string::npos) cut = kMaxTitleBytes;
  while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xc0) == 0x80) --cut;
  return title.substr(0, cut) + "...";
}

}  // namespace

std::optional<Article> parse_plain_article(std::string_view bytes) {
  const std::string cleaned = text::clean_text(bytes);
  // Split into lines, remembering paragraph breaks as empty lines.
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= cleaned.size()) {
    std::size_t end = cleaned.find('\n', start);
    if (end == std::string::npos) end = cleaned.size();
    lines.emplace_back(cleaned.substr(start, end - start));
    start = end + 1;
  }

  std::size_t first = 0;
  while (first < lines.size() && (lines[first].empty() || is_noise(lines[first], kLeadingNoise))) {
    ++first;
  }
  std::size_t last = lines.size();
  while (last > first && (lines[last - 1].empty() || is_noise(lines[last - 1], kTrailingNoise))) {
    --last;
  }
  if (first >= last) return std::nullopt;

  Article article;
  article.title = shorten_title(lines[first]);
  const std::string title_key = text::fold(lines[first]);
  std::size_t i = first + 1;
  // Scrapers often save the headline twice (page title and <h1>).
  while (i < last && (lines[i].empty() || text::fold(lines[i]) == title_key)) ++i;

  for (bool new_paragraph = false; i < last; ++i) {
    if (lines[i].empty()) {
      new_paragraph = true;
      continue;
    }
    if (!article.body.empty()) article.body += new_paragraph ? "\n\n" : " ";
    article.body += lines[i];
    new_paragraph = false;
  }
  return article;
}

}  // namespace newsdesk::ingest
