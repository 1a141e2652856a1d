// Article -> Xapian::Document, following schema.h.
#pragma once

#include <xapian.h>

#include "article.h"
#include "extract/facet_tag.h"

namespace newsdesk::index {

// Builds documents; owns a TermGenerator, so one per thread.
class DocumentBuilder {
 public:
  DocumentBuilder();

  // The document for `article`: title and body text, the id term, the file
  // term of article.origin, facet terms and slots, date slots, the story key
  // (collapse slot and group term) and the data.
  // With `facets` (from extraction), its values replace the article's
  // company/country/topic metadata and its text date fills a missing date;
  // companies at or above schema::kAboutMinScore also get an about-term.
  [[nodiscard]] Xapian::Document build(const Article& article, const std::string& id,
                                       const extract::ArticleFacets* facets = nullptr);

 private:
  Xapian::TermGenerator term_generator_;
};

}  // namespace newsdesk::index
