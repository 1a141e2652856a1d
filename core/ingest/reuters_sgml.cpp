#include "ingest/reuters_sgml.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "errors.h"
#include "extract/dates.h"
#include "text/entities.h"
#include "text/normalize.h"

namespace newsdesk::ingest {
namespace {

// An UNPROC story's first line longer than this is text, not a headline.
constexpr std::size_t kMaxUnprocTitleBytes = 200;

constexpr std::string_view kOpenTag = "<REUTERS";
constexpr std::string_view kCloseTag = "</REUTERS>";
constexpr std::size_t kChunkBytes = 64 * 1024;
// The largest element of Reuters-21578 is 14 KB; past this we stop looking for
// the close tag so that a damaged file cannot make us buffer all of it.
constexpr std::size_t kMaxElementBytes = 1024 * 1024;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Whitespace and the control characters the wire left in the text (&#2;, &#3;, DEL).
bool is_blank(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x20 || u == 0x7F || c == ' ';
}

bool is_ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const char x = a[i] >= 'a' && a[i] <= 'z' ? static_cast<char>(a[i] - 'a' + 'A') : a[i];
    const char y = b[i] >= 'a' && b[i] <= 'z' ? static_cast<char>(b[i] - 'a' + 'A') : b[i];
    if (x != y) return false;
  }
  return true;
}

std::string_view trim_blank(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

// An element <NAME attributes>content</NAME> found in a larger text.
struct Element {
  std::string_view attributes;  // between the name and '>'
  std::string_view content;
  std::size_t end = 0;  // just past the close tag, or the end of the text if it has none
};

// The first <NAME ...> at or after `from` (not <NAMEX...>), up to its </NAME>.
// An element without a close tag runs to the end of `text`.
std::optional<Element> find_element(std::string_view text, std::string_view name,
                                    std::size_t from = 0) {
  std::size_t pos = from;
  while ((pos = text.find(name, pos)) != std::string_view::npos) {
    const std::size_t after = pos + name.size();
    if (pos > 0 && text[pos - 1] == '<' && after < text.size() &&
        (text[after] == '>' || is_space(text[after]))) {
      const std::size_t gt = text.find('>', after);
      if (gt == std::string_view::npos) return std::nullopt;
      Element element;
      element.attributes = text.substr(after, gt - after);
      const std::string close = "</" + std::string(name) + ">";
      const std::size_t close_pos = text.find(close, gt + 1);
      if (close_pos == std::string_view::npos) {
        element.content = text.substr(gt + 1);
        element.end = text.size();
      } else {
        element.content = text.substr(gt + 1, close_pos - gt - 1);
        element.end = close_pos + close.size();
      }
      return element;
    }
    pos = after;
  }
  return std::nullopt;
}

// The value of NAME=... in a start tag's attributes, quoted or not.
std::optional<std::string_view> attribute(std::string_view attributes, std::string_view name) {
  std::size_t pos = 0;
  while ((pos = attributes.find(name, pos)) != std::string_view::npos) {
    std::size_t i = pos + name.size();
    const bool starts_word = pos == 0 || is_space(attributes[pos - 1]);
    pos = i;
    if (!starts_word) continue;
    while (i < attributes.size() && is_space(attributes[i])) ++i;
    if (i >= attributes.size() || attributes[i] != '=') continue;
    ++i;
    while (i < attributes.size() && is_space(attributes[i])) ++i;
    if (i < attributes.size() && (attributes[i] == '"' || attributes[i] == '\'')) {
      const std::size_t close = attributes.find(attributes[i], i + 1);
      if (close == std::string_view::npos) return std::nullopt;
      return attributes.substr(i + 1, close - i - 1);
    }
    std::size_t end = i;
    while (end < attributes.size() && !is_space(attributes[end])) ++end;
    return attributes.substr(i, end - i);
  }
  return std::nullopt;
}

// The <D> codes of a <TOPICS> or <PLACES> element.
std::vector<std::string> codes(std::string_view record, std::string_view name) {
  std::vector<std::string> out;
  const auto list = find_element(record, name);
  if (!list) return out;
  for (std::size_t from = 0;;) {
    const auto code = find_element(list->content, "D", from);
    if (!code) break;
    std::string cleaned = text::clean_line(text::decode_entities(code->content));
    if (!cleaned.empty()) out.push_back(std::move(cleaned));
    from = code->end;
  }
  return out;
}

// The date and time at the start of <DATE>: some carry noise after the time
// ("27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM", "... # date added by S Finch").
std::string date_text(std::string_view raw) {
  const std::string decoded = text::decode_entities(raw);
  std::string out;
  int words = 0;
  bool in_word = false;
  for (const char c : decoded) {
    if (is_blank(c)) {
      if (in_word && ++words == 2) break;
      in_word = false;
      continue;
    }
    if (!in_word && !out.empty()) out += ' ';
    in_word = true;
    out += c;
  }
  return out;
}

// "SALVADOR, Feb 26 -" -> "SALVADOR, Feb 26". Some <DATELINE> elements also
// swallowed the start of the story ("STOCKHOLM, Mar 5 - Group profit after net
// financial items -"): that part is returned in `spill` to go back into the body.
std::string split_dateline(std::string_view raw, std::string& spill) {
  const std::string line = text::clean_line(text::decode_entities(raw));
  const std::string_view s = line;
  for (std::size_t dash = s.find('-'); dash != std::string_view::npos;
       dash = s.find('-', dash + 1)) {
    std::string_view before = s.substr(0, dash);
    while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
    if (!before.empty() && before.back() == ',') before.remove_suffix(1);
    // The dateline ends with the day of the month ("March 26"), sometimes "Reuter".
    const bool ends_with_day = !before.empty() && before.back() >= '0' && before.back() <= '9';
    const bool ends_with_reuter =
        before.size() >= 6 && iequals(before.substr(before.size() - 6), "REUTER");
    std::size_t after = dash;
    while (after < s.size() && s[after] == '-') ++after;
    if ((ends_with_day || ends_with_reuter) && (after == s.size() || s[after] == ' ')) {
      spill = std::string(trim_blank(s.substr(after)));
      return std::string(before);
    }
  }
  std::string_view dateline = s;
  while (!dateline.empty() && (dateline.back() == '-' || dateline.back() == ' ')) {
    dateline.remove_suffix(1);
  }
  return std::string(dateline);
}

// Drops the "Reuter" / "REUTER" / "Reuter..." sign-off that ends a story, with
// the &#3; end-of-text mark and blank lines around it.
void strip_signature(std::string& body) {
  std::string_view s = body;
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  std::size_t start = s.size();
  while (start > 0 && !is_blank(s[start - 1])) --start;
  std::string_view word = s.substr(start);
  while (!word.empty() && word.back() == '.') word.remove_suffix(1);
  if (iequals(word, "REUTER")) s = s.substr(0, start);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  body.resize(s.size());
}

// Wire text is broken into lines of about 65 characters, and a paragraph
// starts with an indented line. Joins the lines of a paragraph with a space
// (none after a word broken at its own hyphen, "anti-" + "aircraft") and
// separates paragraphs with "\n\n".
std::string join_lines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool paragraph_break = false;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    while (!line.empty() && is_blank(line.back())) line.remove_suffix(1);
    std::size_t first = 0;
    while (first < line.size() && is_blank(line[first]) && line[first] != ' ' &&
           line[first] != '\t') {
      ++first;  // control characters before the indentation do not count
    }
    line.remove_prefix(first);
    if (trim_blank(line).empty()) {
      paragraph_break = true;
      continue;
    }
    if (line.front() == ' ' || line.front() == '\t') paragraph_break = true;
    if (!out.empty()) {
      if (paragraph_break) {
        out += "\n\n";
      } else if (!(out.size() >= 2 && out.back() == '-' && is_ascii_alnum(out[out.size() - 2]))) {
        out += ' ';
      }
    }
    out.append(line);
    paragraph_break = false;
  }
  return out;
}

std::string body_text(std::string_view raw, std::string_view spill) {
  std::string decoded = text::decode_entities(raw);
  if (!spill.empty()) decoded.insert(0, std::string(spill) + "\n");
  strip_signature(decoded);
  return text::clean_text(join_lines(decoded));
}

struct ParseResult {
  std::optional<Article> article;
  std::string error;    // why the record was skipped
  std::string warning;  // a field left out of the article
};

ParseResult parse_record(std::string_view record) {
  ParseResult result;
  Article article;
  article.source = "Reuters";
  const std::size_t start_end = record.find('>');
  const std::string_view start_tag = record.substr(0, start_end);
  if (const auto newid = attribute(start_tag, "NEWID")) {
    article.source_id = text::clean_line(*newid);
  }
  if (article.source_id.empty()) {
    result.error = "<REUTERS> element without NEWID";
    return result;
  }
  const std::string label = "NEWID " + article.source_id + ": ";

  if (const auto date = find_element(record, "DATE")) {
    const std::string when = date_text(date->content);
    article.published = extract::parse_reuters_date(when);
    if (!article.published) {
      result.warning = label + "<DATE> is not a date: \"" +
                       text::clean_line(text::decode_entities(date->content)) + "\" (kept undated)";
    }
  }
  article.reference_topics = codes(record, "TOPICS");
  article.reference_places = codes(record, "PLACES");

  if (const auto text = find_element(record, "TEXT")) {
    const std::string_view content = text->content;
    std::size_t text_end = 0;  // past the last inner element: UNPROC text starts there
    if (const auto title = find_element(content, "TITLE")) {
      article.title = text::clean_line(text::decode_entities(title->content));
      text_end = std::max(text_end, title->end);
    }
    std::string spill;
    if (const auto dateline = find_element(content, "DATELINE")) {
      article.dateline = split_dateline(dateline->content, spill);
      text_end = std::max(text_end, dateline->end);
    }
    if (const auto author = find_element(content, "AUTHOR")) {
      text_end = std::max(text_end, author->end);
    }
    if (const auto body = find_element(content, "BODY")) {
      article.body = body_text(body->content, spill);
    } else if (const auto type = attribute(text->attributes, "TYPE");
               type && iequals(*type, "UNPROC")) {
      article.body = body_text(content.substr(text_end), spill);
      // Unprocessed stories have no <TITLE>, but open with a headline line
      // ("FEDERAL RESERVE MONEY SUPPLY REPORT - FEB 26"): that is the title.
      const std::size_t first_break = article.body.find("\n\n");
      if (article.title.empty() && first_break != std::string::npos &&
          first_break <= kMaxUnprocTitleBytes) {
        article.title = article.body.substr(0, first_break);
        article.body.erase(0, first_break + 2);
      }
    } else {
      // BRIEF stories are a headline only; what follows it is a placeholder
      // ("Blah blah blah."), not text.
      article.body = text::clean_text(spill);
    }
  }
  // Every element is an article, even an empty one (NEWID 12793 holds only
  // control marks): it keeps its id, date and labels, and is reported.
  if (article.title.empty() && article.body.empty()) {
    result.warning = label + "no title and no body (kept, empty)";
  }
  result.article = std::move(article);
  return result;
}

}  // namespace

std::size_t read_reuters_sgml(std::istream& in, std::string_view origin,
                              const ArticleSink& articles, const ProblemSink& problems) {
  std::string buffer;
  std::size_t pos = 0;  // start of the unread part of buffer
  std::vector<char> chunk(kChunkBytes);
  const auto fill = [&]() -> bool {
    buffer.erase(0, pos);
    pos = 0;
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (in.bad()) throw IngestError("read error");
    buffer.append(chunk.data(), got);
    return got > 0;
  };
  const auto report = [&](std::size_t number, const std::string& message, bool skipped) {
    problems(Problem{std::string(origin), number, message, skipped});
  };

  std::size_t records = 0;
  std::size_t count = 0;
  for (;;) {
    // Find the next start tag; what lies between elements (the DOCTYPE) is ignored.
    std::size_t start;
    while ((start = buffer.find(kOpenTag, pos)) == std::string::npos) {
      // Keep a tail that may be the first part of a start tag cut by the chunk.
      pos = std::max(pos, buffer.size() - std::min(buffer.size(), kOpenTag.size() - 1));
      if (!fill()) {
        if (records == 0) throw IngestError("no <REUTERS> element in file");
        return count;
      }
    }
    pos = start;
    const std::size_t number = ++records;

    // Find its close tag. A start tag coming first means this one was never closed.
    std::size_t scan = pos + kOpenTag.size();
    std::size_t close = std::string::npos;
    std::size_t next_open = std::string::npos;
    bool at_end = false;
    for (;;) {
      close = buffer.find(kCloseTag, scan);
      next_open = buffer.find(kOpenTag, scan);
      if (close != std::string::npos || next_open != std::string::npos) break;
      if (buffer.size() - pos > kMaxElementBytes) break;
      scan = std::max(scan, buffer.size() - std::min(buffer.size(), kCloseTag.size() - 1)) - pos;
      if (!fill()) {
        at_end = true;
        break;
      }
      scan += pos;  // fill() moved the element to the front: pos is 0 again
    }
    if (close != std::string::npos && (next_open == std::string::npos || close < next_open)) {
      const std::size_t end = close + kCloseTag.size();
      ParseResult result = parse_record(std::string_view(buffer).substr(pos, end - pos));
      pos = end;
      if (!result.article) {
        report(number, result.error, true);
        continue;
      }
      if (!result.warning.empty()) report(number, result.warning, false);
      result.article->origin = std::string(origin);
      result.article->origin_line = number;
      articles(std::move(*result.article));
      ++count;
    } else if (next_open != std::string::npos) {
      report(number, "<REUTERS> element not closed before the next one", true);
      pos = next_open;
    } else if (at_end) {
      report(number, "<REUTERS> element cut off by the end of the file", true);
      return count;
    } else {
      report(number, "<REUTERS> element longer than 1 MiB", true);
      pos = buffer.size() - (kOpenTag.size() - 1);
    }
  }
}

}  // namespace newsdesk::ingest
