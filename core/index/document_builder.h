// Article -> Xapian::Document, following schema.h.
#pragma once

#include <xapian.h>

#include "article.h"

namespace newsdesk::index {

// Builds documents; owns a TermGenerator, so one per thread.
class DocumentBuilder {
 public:
  DocumentBuilder();

  // The document for `article`: title and body text, the id term, the file
  // term of article.origin, facet terms and slots, date slots and the data.
  [[nodiscard]] Xapian::Document build(const Article& article, const std::string& id);

 private:
  Xapian::TermGenerator term_generator_;
};

}  // namespace newsdesk::index
