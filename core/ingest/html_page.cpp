#include "ingest/html_page.h"

#include "errors.h"

namespace newsdesk::ingest {

std::optional<Article> parse_html_page(std::string_view) {
  throw IngestError("HTML reader not implemented yet");
}

std::string html_to_text(std::string_view html) {
  return std::string(html);
}

}  // namespace newsdesk::ingest
