// Article -> Xapian::Document, following schema.h.
#pragma once

#include <xapian.h>

#include <optional>

#include "article.h"
#include "extract/facet_tag.h"
#include "search/spelling.h"

namespace newsdesk::index {

// Builds documents; owns a TermGenerator, so one per thread.
class DocumentBuilder {
 public:
  DocumentBuilder();
  // Also collects spelling data ("did you mean") for `spelling_db`, the
  // shard its documents go to: the words of each title and of the lead (the
  // first kSpellingLeadWords words of the body), where a story names its
  // companies, places and subject. Cost on Reuters-21578 (instructions,
  // callgrind): titles only +3.4%, titles and leads +6.5%, titles and whole
  // bodies +9.2% (peak memory 57, 70, 83 MB against 51); titles alone miss
  // words such as "semiconductor" that the sample corpus has only in bodies.
  // 0 = titles only, SIZE_MAX = whole bodies.
  explicit DocumentBuilder(const Xapian::WritableDatabase& spelling_db);
  static constexpr std::size_t kSpellingLeadWords = 64;

  // The document for `article`: title and body text, the id term, the file
  // term of article.origin, facet terms and slots, date slots, the story key
  // (collapse slot and group term) and the data.
  // With `facets` (from extraction), its values replace the article's
  // company/country/topic metadata and its text date fills a missing date;
  // companies at or above schema::kAboutMinScore also get an about-term.
  [[nodiscard]] Xapian::Document build(const Article& article, const std::string& id,
                                       const extract::ArticleFacets* facets = nullptr);

  // Hands the spelling data collected since the last flush to the spelling
  // database (in memory until that database commits), if it comes from at
  // least `min_articles` articles. Xapian's cost of spelling data is mostly
  // per distinct word and flush, so batch commits flush only every
  // kSpellingFlushArticles articles; the last commit flushes everything.
  void flush_spelling(std::size_t min_articles = 0);
  static constexpr std::size_t kSpellingFlushArticles = 10000;

 private:
  Xapian::TermGenerator term_generator_;
  std::optional<Xapian::WritableDatabase> spelling_db_;
  search::SpellingCollector spelling_;
  std::size_t spelling_articles_ = 0;  // articles collected since the last flush
};

}  // namespace newsdesk::index
