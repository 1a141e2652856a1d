// RSS 2.0 and Atom feeds, parsed with libxml2's streaming reader.
#pragma once

#include <istream>
#include <string_view>

#include "ingest/problem.h"

namespace newsdesk::ingest {

// Every <item> (RSS) or <entry> (Atom) becomes an article: title, link,
// guid/id as source_id, pubDate/published/updated as the date, body from
// content:encoded / content / description / summary with HTML stripped,
// the feed's title as source. Streams: never the whole feed in memory.
// Refuses documents that declare entities or a DTD (billion laughs, external
// entities) by throwing IngestError, as it does for XML that is not well
// formed before the first item; a malformed document after some items
// reports the problem and keeps the items read. Returns the number of articles.
std::size_t read_feed(std::istream& in, std::string_view origin, const ArticleSink& articles,
                      const ProblemSink& problems);

}  // namespace newsdesk::ingest
