// Plain-text articles as web scrapers save them: a title line, then paragraphs.
#pragma once

#include <optional>
#include <string_view>

#include "article.h"

namespace newsdesk::ingest {

// Parses one scraped article. The title is the first real line; page noise is
// dropped: leading widget lines ("Loading stock data..."), the title repeated
// on the following lines, and trailing widget lines (a lone "Close").
// Paragraphs are kept, separated by "\n\n". No date is set: the file has no
// metadata, and a date is never invented. Returns nullopt if there is no text.
std::optional<Article> parse_plain_article(std::string_view bytes);

}  // namespace newsdesk::ingest
