#include "index/document_builder.h"

#include <algorithm>

#include "extract/dates.h"
#include "schema.h"
#include "text/analysis.h"
#include "text/ascii_terms.h"

namespace newsdesk::index {
namespace {

const std::vector<std::string>& metadata_values(const Article& article, schema::Facet facet) {
  static const std::vector<std::string> kNone;
  switch (facet) {
    case schema::Facet::Company:
      return article.companies;
    case schema::Facet::Country:
      return article.countries;
    case schema::Facet::Topic:
      return article.topics;
    case schema::Facet::Source:
      return kNone;  // single-valued: handled by the caller
  }
  return kNone;
}

const std::vector<extract::FacetValue>* extracted_values(const extract::ArticleFacets& facets,
                                                         schema::Facet facet) {
  switch (facet) {
    case schema::Facet::Company:
      return &facets.companies;
    case schema::Facet::Country:
      return &facets.countries;
    case schema::Facet::Topic:
      return &facets.topics;
    case schema::Facet::Source:
      return nullptr;
  }
  return nullptr;
}

// Boolean terms for filtering and the packed slot for counting.
void add_facet(Xapian::Document& doc, schema::Facet facet, const std::vector<std::string>& keys) {
  std::vector<std::string> unique;
  for (const std::string& value : keys) {
    std::string key = schema::facet_key(facet, value);
    // Keys must fit in a Xapian term (245 bytes with the prefix).
    if (key.empty() || key.size() > schema::kMaxFacetKeyBytes ||
        std::find(unique.begin(), unique.end(), key) != unique.end()) {
      continue;
    }
    doc.add_boolean_term(std::string(schema::layout(facet).prefix) + key);
    unique.push_back(std::move(key));
  }
  if (!unique.empty()) doc.add_value(schema::layout(facet).slot, schema::pack_keys(unique));
}

}  // namespace

DocumentBuilder::DocumentBuilder(bool collect_spelling) : collect_spelling_(collect_spelling) {
  // The builder, and so its TermGenerator, is used by one thread at a time.
  term_generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL);
}

void DocumentBuilder::index_text(Xapian::Document& doc, std::string_view prepared,
                                 Xapian::termcount wdf_inc, std::string_view prefix) {
  // The calling thread's stemmer (a builder may be made on another thread).
  const Xapian::Stem& stemmer = schema::thread_stemmer();
  if (text::index_ascii_terms(prepared, stemmer, doc, wdf_inc, prefix, position_)) return;
  term_generator_.set_stemmer(stemmer);
  term_generator_.set_document(doc);
  term_generator_.set_termpos(position_);
  term_generator_.index_text(Xapian::Utf8Iterator(prepared.data(), prepared.size()), wdf_inc,
                             std::string(prefix));
  position_ = term_generator_.get_termpos();
}

void DocumentBuilder::flush_spelling(Xapian::WritableDatabase& db) {
  if (spelling_.pending_words() > 0) spelling_.flush(db);
}

Xapian::Document DocumentBuilder::build(const Article& article, const std::string& id,
                                        const extract::ArticleFacets* facets) {
  Xapian::Document doc;
  position_ = 0;
  // Title: weighted in the default field, and once more under S for title:.
  const std::string title = text::prepare_for_terms(article.title);
  index_text(doc, title, schema::kTitleWeight, {});
  index_text(doc, title, 1, schema::kTitlePrefix);
  position_ += 100;  // no phrase match across title and body (TermGenerator::increase_termpos)
  const std::string body = text::prepare_for_terms(article.body);
  index_text(doc, body, 1, {});
  if (collect_spelling_) {
    spelling_.add_text(title);
    spelling_.add_text(body, kSpellingLeadWords);
  }

  doc.add_boolean_term(schema::id_term(id));
  doc.add_boolean_term(schema::file_term(article.origin));
  if (!article.source.empty()) add_facet(doc, schema::Facet::Source, {article.source});

  // What the document data shows: the source's values, or with extraction
  // the merged values (company names, country codes, topic ids).
  Article shown = article;
  for (const schema::Facet facet :
       {schema::Facet::Company, schema::Facet::Country, schema::Facet::Topic}) {
    if (!facets) {
      add_facet(doc, facet, metadata_values(article, facet));
      continue;
    }
    std::vector<std::string> keys, display;
    for (const extract::FacetValue& value : *extracted_values(*facets, facet)) {
      keys.push_back(value.key);
      display.push_back(facet == schema::Facet::Company ? value.name : value.key);
      if (facet == schema::Facet::Company && value.score >= schema::kAboutMinScore &&
          value.key.size() <= schema::kMaxFacetKeyBytes) {
        doc.add_boolean_term(std::string(schema::kAboutPrefix) + value.key);
      }
    }
    add_facet(doc, facet, keys);
    (facet == schema::Facet::Company   ? shown.companies
     : facet == schema::Facet::Country ? shown.countries
                                       : shown.topics) = std::move(display);
  }
  if (!shown.published && facets && facets->text_date) {
    shown.published = facets->text_date->utc_seconds;
  }
  if (shown.published) {
    doc.add_value(schema::kDaySlot, extract::format_day_key(*shown.published));
    doc.add_value(schema::kTimeSlot,
                  Xapian::sortable_serialise(static_cast<double>(*shown.published)));
  }
  // The duplicate group: collapse key and the term that lists the group.
  if (const std::string story = schema::story_key(article.title, article.body, shown.published);
      !story.empty()) {
    doc.add_value(schema::kStorySlot, story);
    doc.add_boolean_term(schema::story_term(story));
  }
  schema::store_article(doc, id, shown, facets);
  return doc;
}

}  // namespace newsdesk::index
