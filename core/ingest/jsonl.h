// JSON Lines: one article object per line.
#pragma once

#include <istream>
#include <string_view>

#include "ingest/problem.h"

namespace newsdesk::ingest {

// Reads `{"title", "body", "url"?, "source"?, "published"?, "companies"?,
// "countries"?, "topics"?, "id"?}` objects, one per line. A line that is not
// such an object is reported through `problems` with its line number and
// skipped; an unparseable "published" is reported and left out (the article
// is kept, undated). Blank lines are ignored. Returns the number of articles.
std::size_t read_jsonl(std::istream& in, std::string_view origin, const ArticleSink& articles,
                       const ProblemSink& problems);

}  // namespace newsdesk::ingest
