#include "ingest/feed.h"

#include "errors.h"

namespace newsdesk::ingest {

std::size_t read_feed(std::istream&, std::string_view, const ArticleSink&, const ProblemSink&) {
  throw IngestError("feed reader not implemented yet");
}

}  // namespace newsdesk::ingest
