#include <catch2/catch.hpp>
#include <stdexcept>

#include "extract/facet_tag.h"
#include "schema.h"

using namespace newsdesk;

namespace {

Article full_article() {
  Article a;
  a.title = "Société Générale <b>beats</b> \"forecasts\"";
  a.body = "First paragraph.\n\nSecond, with 苹果 and a NUL-free \\ backslash.";
  a.url = "https://example.com/a?b=1";
  a.source = "Pacific Ledger";
  a.published = -86400 * 365;  // before 1970: negative seconds
  a.companies = {"Société Générale", "Apple"};
  a.countries = {"FR", "CN"};
  a.topics = {"earnings"};
  a.origin = "/data/in/a.jsonl";
  return a;
}

}  // namespace

TEST_CASE("the stored record keeps every field", "[schema]") {
  const Article a = full_article();
  extract::ArticleFacets facets;
  facets.companies.push_back({"apple", "Apple", 3.5, {}});
  const schema::StoredArticle stored =
      schema::decode_record(schema::encode_record("id:1", a, &facets));
  CHECK(stored.id == "id:1");
  CHECK(stored.article.title == a.title);
  CHECK(stored.article.body == a.body);
  CHECK(stored.article.url == a.url);
  CHECK(stored.article.source == a.source);
  CHECK(stored.article.published == a.published);
  CHECK(stored.article.companies == a.companies);
  CHECK(stored.article.countries == a.countries);
  CHECK(stored.article.topics == a.topics);
  CHECK(stored.article.origin == a.origin);

  Article undated;
  undated.title = "No date";
  const auto back = schema::decode_record(schema::encode_record("h:2", undated));
  CHECK_FALSE(back.article.published.has_value());
  CHECK(back.article.body.empty());
  CHECK(back.article.companies.empty());

  // Kept in the document's record slot, read back from it.
  Xapian::Document doc;
  schema::store_article(doc, "id:1", a, &facets);
  CHECK(doc.get_data().empty());
  CHECK(schema::stored_article(doc).article.body == a.body);
}

TEST_CASE("a damaged record is an error, never a crash", "[schema]") {
  const std::string data = schema::encode_record("id:1", full_article());
  // Every truncation fails cleanly (what a torn or foreign record looks like).
  for (std::size_t size = 0; size < data.size(); ++size) {
    CAPTURE(size);
    CHECK_THROWS_AS(schema::decode_record(std::string_view(data).substr(0, size)),
                    std::runtime_error);
  }
  // A length that claims more than there is.
  CHECK_THROWS_AS(schema::decode_record("\xff\xff\xff\xff\x0f"), std::runtime_error);
  // JSON from an index of schema version 3 is not read as a record.
  CHECK_THROWS_AS(schema::decode_record(R"({"id":"x","title":"t"})"), std::runtime_error);
}
