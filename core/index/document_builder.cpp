#include "index/document_builder.h"

#include <algorithm>

#include "extract/dates.h"
#include "schema.h"
#include "text/analysis.h"

namespace newsdesk::index {
namespace {

const std::vector<std::string>& facet_values(const Article& article, schema::Facet facet) {
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

void add_facet(Xapian::Document& doc, schema::Facet facet, const std::vector<std::string>& values) {
  std::vector<std::string> keys;
  for (const std::string& value : values) {
    std::string key = schema::facet_key(facet, value);
    if (key.empty() || std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
    doc.add_boolean_term(std::string(schema::layout(facet).prefix) + key);
    keys.push_back(std::move(key));
  }
  if (!keys.empty()) doc.add_value(schema::layout(facet).slot, schema::pack_keys(keys));
}

}  // namespace

DocumentBuilder::DocumentBuilder() {
  term_generator_.set_stemmer(schema::make_stemmer());
  term_generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL);
}

Xapian::Document DocumentBuilder::build(const Article& article, const std::string& id) {
  Xapian::Document doc;
  term_generator_.set_document(doc);
  // Title: weighted in the default field, and once more under S for title:.
  const std::string title = text::prepare_for_terms(article.title);
  term_generator_.index_text(title, schema::kTitleWeight);
  term_generator_.index_text(title, 1, std::string(schema::kTitlePrefix));
  term_generator_.increase_termpos();  // no phrase match across title and body
  term_generator_.index_text(text::prepare_for_terms(article.body));

  doc.add_boolean_term(schema::id_term(id));
  doc.add_boolean_term(schema::file_term(article.origin));
  for (const schema::Facet facet : schema::kAllFacets) {
    if (facet == schema::Facet::Source) {
      if (!article.source.empty()) add_facet(doc, facet, {article.source});
    } else {
      add_facet(doc, facet, facet_values(article, facet));
    }
  }
  if (article.published) {
    doc.add_value(schema::kDaySlot, extract::format_day_key(*article.published));
    doc.add_value(schema::kTimeSlot,
                  Xapian::sortable_serialise(static_cast<double>(*article.published)));
  }
  doc.set_data(schema::encode_document_data(id, article));
  return doc;
}

}  // namespace newsdesk::index
