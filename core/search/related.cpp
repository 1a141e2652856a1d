#include "search/related.h"

#include <cmath>
#include <string>
#include <vector>

#include "schema.h"

namespace newsdesk::search {
namespace {

// Keeps the article's words: unprefixed terms (prefixes are upper case)
// that start with a letter, so no ids, facets or numbers ("1987", "4.5").
class WordDecider : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override {
    if (term.size() < 2) return false;
    const auto first = static_cast<unsigned char>(term[0]);
    return (first >= 'a' && first <= 'z') || first >= 0x80;
  }
};

bool starts_with(const std::string& s, std::string_view prefix) {
  return s.size() > prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

// The entity terms the related query asks for, and the factor of their kind.
struct EntityKind {
  std::string_view prefix;
  double factor;
};

std::vector<EntityKind> entity_kinds() {
  return {{schema::layout(schema::Facet::Company).prefix, 1.0},
          {schema::kAboutPrefix, 1.0},
          {schema::layout(schema::Facet::Topic).prefix, 0.75},
          {schema::layout(schema::Facet::Country).prefix, 0.5}};
}

// The entity kind of `term`, or null. Prefixes are upper case and keys lower
// case, so "N" (country) never takes the "XCO..." terms.
const EntityKind* kind_of(const std::string& term, const std::vector<EntityKind>& kinds) {
  const EntityKind* best = nullptr;
  for (const EntityKind& kind : kinds) {
    if (!starts_with(term, kind.prefix)) continue;
    const auto next = static_cast<unsigned char>(term[kind.prefix.size()]);
    if (next >= 'A' && next <= 'Z') continue;  // a longer prefix
    if (!best || kind.prefix.size() > best->prefix.size()) best = &kind;
  }
  return best;
}

// Weight `weight` for every document indexed by the boolean term `term`.
Xapian::Query weighted_term(const std::string& term, double weight) {
  return Xapian::Query(Xapian::Query::OP_FILTER,
                       Xapian::Query((new Xapian::FixedWeightPostingSource(weight))->release()),
                       Xapian::Query(term));
}

}  // namespace

std::optional<Xapian::docid> find_article(const Xapian::Database& db, std::string_view article_id) {
  const std::string term = schema::id_term(article_id);
  const Xapian::PostingIterator it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) return std::nullopt;
  return *it;
}

Xapian::Query related_query(const Xapian::Database& db, Xapian::docid doc,
                            const RelatedOptions& options) {
  const Xapian::Document document = db.get_document(doc);
  std::vector<Xapian::Query> wanted;

  // Distinctive words: Xapian's expand set of a relevance set of one.
  Xapian::Enquire enquire(db);
  Xapian::RSet rset;
  rset.add_document(doc);
  const WordDecider words;
  const Xapian::ESet eset = enquire.get_eset(options.words, rset, &words);
  for (auto it = eset.begin(); it != eset.end(); ++it) wanted.emplace_back(*it);

  // Entities, and what identifies the article and its duplicates.
  const std::vector<EntityKind> kinds = entity_kinds();
  const double documents = static_cast<double>(db.get_doccount());
  std::vector<Xapian::Query> excluded;
  for (auto it = document.termlist_begin(); it != document.termlist_end(); ++it) {
    const std::string term = *it;
    if (starts_with(term, schema::kIdPrefix)) {
      excluded.emplace_back(term);
      continue;
    }
    const EntityKind* kind = kind_of(term, kinds);
    if (!kind) continue;
    const Xapian::doccount with_it = db.get_termfreq(term);
    if (with_it <= 1) continue;  // only this article: relates to nothing
    const double idf = std::log(documents / static_cast<double>(with_it));
    if (idf <= 0) continue;  // in every article: says nothing
    wanted.push_back(weighted_term(term, options.entity_weight * kind->factor * idf));
  }
  if (wanted.empty()) return {};
  const std::string story = document.get_value(schema::kStorySlot);
  if (!story.empty()) excluded.emplace_back(schema::story_term(story));

  const Xapian::Query any(Xapian::Query::OP_OR, wanted.begin(), wanted.end());
  return Xapian::Query(Xapian::Query::OP_AND_NOT, any,
                       Xapian::Query(Xapian::Query::OP_OR, excluded.begin(), excluded.end()));
}

}  // namespace newsdesk::search
