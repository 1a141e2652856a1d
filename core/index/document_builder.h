// Article -> Xapian::Document, following schema.h.
#pragma once

#include <xapian.h>

#include "article.h"
#include "extract/facet_tag.h"
#include "search/spelling.h"

namespace newsdesk::index {

// Builds documents; owns a TermGenerator, so one per thread.
class DocumentBuilder {
 public:
  // With `collect_spelling`, also collects spelling data ("did you mean"):
  // the words of each title and of the lead (the first kSpellingLeadWords
  // words of the body), where a story names its companies, places and
  // subject. Cost on Reuters-21578 (instructions, callgrind): titles only
  // +3.4%, titles and leads +6.5%, titles and whole bodies +9.2% (peak
  // memory 57, 70, 83 MB against 51); titles alone miss words such as
  // "semiconductor" that the sample corpus has only in bodies.
  explicit DocumentBuilder(bool collect_spelling = false);
  static constexpr std::size_t kSpellingLeadWords = 64;

  // The document for `article`: title and body text, the id term, the file
  // term of article.origin, facet terms and slots, date slots, the story key
  // (collapse slot and group term) and the data.
  // With `facets` (from extraction), its values replace the article's
  // company/country/topic metadata and its text date fills a missing date;
  // companies at or above schema::kAboutMinScore also get an about-term.
  [[nodiscard]] Xapian::Document build(const Article& article, const std::string& id,
                                       const extract::ArticleFacets* facets = nullptr);

  // Adds the spelling data collected since the last flush to `db` (in
  // memory until `db` commits): call it before committing the database the
  // documents went to.
  void flush_spelling(Xapian::WritableDatabase& db);

 private:
  // Terms of prepared text: ASCII text by text::index_ascii_terms, the rest
  // by the TermGenerator, both counting positions in position_.
  void index_text(Xapian::Document& doc, std::string_view prepared, Xapian::termcount wdf_inc,
                  std::string_view prefix);

  Xapian::TermGenerator term_generator_;
  Xapian::termpos position_ = 0;
  bool collect_spelling_ = false;
  search::SpellingCollector spelling_;
};

}  // namespace newsdesk::index
