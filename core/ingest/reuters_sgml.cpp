#include "ingest/reuters_sgml.h"

#include "errors.h"

namespace newsdesk::ingest {

std::size_t read_reuters_sgml(std::istream&, std::string_view, const ArticleSink&,
                              const ProblemSink&) {
  throw IngestError("Reuters SGML reader not implemented yet");
}

}  // namespace newsdesk::ingest
