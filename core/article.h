// The one record every stage passes along: readers fill it, the indexer stores it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace newsdesk {

struct Article {
  std::string source_id;  // the source's own id (Reuters NEWID, feed guid); may be empty
  std::string title;
  std::string body;  // paragraphs separated by "\n\n"
  std::string url;
  std::string source;                     // outlet or feed name
  std::optional<std::int64_t> published;  // seconds since 1970, UTC; nullopt = unknown
  std::vector<std::string> companies;     // facet values given by the source's metadata
  std::vector<std::string> countries;     // ISO 3166-1 alpha-2 codes
  std::vector<std::string> topics;        // taxonomy topic ids
  std::string dateline;                   // "TOKYO, March 3" as the source gives it; may be empty
  // The source's own labels, kept apart from our facets so that extraction
  // can be evaluated against them (Reuters-21578 TOPICS and PLACES codes).
  std::vector<std::string> reference_topics;
  std::vector<std::string> reference_places;
  std::string origin;           // file the article was read from ("-" = stdin)
  std::size_t origin_line = 0;  // 1-based line/record in that file, 0 if n/a
};

}  // namespace newsdesk
