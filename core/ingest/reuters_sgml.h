// Reuters-21578 SGML (reut2-*.sgm): every <REUTERS> element is an article.
#pragma once

#include <istream>
#include <string_view>

#include "ingest/problem.h"

namespace newsdesk::ingest {

// Streams the file one <REUTERS> element at a time (never the whole file in
// memory). Each becomes an article with source "Reuters", source_id = NEWID,
// title, dateline, body (numeric character references and entities decoded,
// invalid UTF-8 repaired), published from <DATE> ("26-FEB-1987 15:01:01.79",
// UTC), and the collection's TOPICS and PLACES <D> codes in
// reference_topics / reference_places. An element without <BODY> keeps its
// title (body empty); an UNPROC element's first line becomes its title; an
// element with neither title nor body is kept and reported as a warning. An
// element that cannot be read (no NEWID, cut off) is reported with its record
// number and skipped. Returns the number of articles delivered.
std::size_t read_reuters_sgml(std::istream& in, std::string_view origin,
                              const ArticleSink& articles, const ProblemSink& problems);

}  // namespace newsdesk::ingest
