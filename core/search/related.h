// Related stories ("more like this") for one article: the articles that
// share its distinctive words and its entities (companies, countries,
// topics), without the article itself and its duplicates.
#pragma once

#include <xapian.h>

#include <optional>
#include <string_view>

namespace newsdesk::search {

struct RelatedOptions {
  // How many of the article's most distinctive words (Xapian's expand set
  // of the article alone) the query asks for.
  Xapian::termcount words = 25;
  // A shared entity weighs this much times its idf, log(N / articles with
  // it), times its kind's factor: company 1 (and 1 more when both articles
  // are about it), topic 0.75, country 0.5. A shared rare company counts
  // about as much as a shared distinctive word.
  double entity_weight = 1.0;
};

// The document id (in `db`) of the article with this article id (Hit::id,
// the "id" of the document data), or nullopt if there is none.
std::optional<Xapian::docid> find_article(const Xapian::Database& db, std::string_view article_id);

// The "more like this" query of document `doc` of `db`: an OR of its
// distinctive unprefixed words (BM25-weighted) and of its company, country
// and topic terms (fixed weights, see RelatedOptions), AND_NOT the article
// itself and its duplicate group (schema::story_term). Run it with
// Xapian::Enquire on the same `db` (collapsing on schema::kStorySlot shows
// each related story once). An empty Query (matching nothing) for an
// article with neither words nor entities. Throws Xapian::DocNotFoundError
// if there is no such document.
Xapian::Query related_query(const Xapian::Database& db, Xapian::docid doc,
                            const RelatedOptions& options = {});

}  // namespace newsdesk::search
