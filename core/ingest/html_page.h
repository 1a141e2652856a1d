// HTML article pages as saved from news sites, parsed with gumbo.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "article.h"

namespace newsdesk::ingest {

// One saved page -> one article: title from og:title, <title> or the main
// <h1>; body from the main content only (no navigation, scripts, styles,
// footers, cookie banners, share widgets or related-link lists), paragraphs
// kept; published from article:published_time, JSON-LD datePublished,
// <time datetime> or equivalent; url from <link rel=canonical> or og:url;
// source from og:site_name or the URL's host. Returns nullopt when the page
// has no article text at all.
std::optional<Article> parse_html_page(std::string_view html);

// Visible text of an HTML fragment (feed item content, descriptions):
// tags dropped, entities decoded, block elements become paragraph breaks,
// scripts and styles removed.
std::string html_to_text(std::string_view html);

}  // namespace newsdesk::ingest
