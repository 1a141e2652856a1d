#include "schema.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "text/normalize.h"

namespace newsdesk::schema {
namespace {

constexpr std::array<FacetLayout, 4> kLayouts = {{
    {"company", "XCO", 2},
    {"country", "N", 3},  // Omega's prefix for ISO 3166 country codes
    {"topic", "XTOPIC", 4},
    {"source", "XSOURCE", 5},
}};

// Xapian terms are limited to 245 bytes.
constexpr std::size_t kMaxIdBytes = 200;

}  // namespace

std::uint64_t stable_hash(std::string_view data, std::uint64_t seed) {
  std::uint64_t hash = seed;
  for (const char c : data) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

std::string hex16(std::uint64_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, value >>= 4) out[static_cast<std::size_t>(i)] = kDigits[value & 15];
  return out;
}

std::string file_state_key(std::string_view origin_path) {
  return std::string(kFileStateKeyPrefix) + hex16(stable_hash(origin_path));
}

const FacetLayout& layout(Facet facet) {
  return kLayouts[static_cast<std::size_t>(facet)];
}

std::string facet_key(Facet facet, std::string_view value) {
  if (facet == Facet::Country) return text::fold(value);
  return text::slug(value);
}

std::string facet_term(Facet facet, std::string_view value) {
  return std::string(layout(facet).prefix) + facet_key(facet, value);
}

std::string pack_keys(const std::vector<std::string>& keys) {
  std::string packed;
  for (const std::string& key : keys) {
    if (!packed.empty()) packed += '\n';
    packed += key;
  }
  return packed;
}

std::vector<std::string> unpack_keys(std::string_view packed) {
  std::vector<std::string> keys;
  while (!packed.empty()) {
    const std::size_t end = packed.find('\n');
    keys.emplace_back(packed.substr(0, end));
    if (end == std::string_view::npos) break;
    packed.remove_prefix(end + 1);
  }
  return keys;
}

std::string article_id(const Article& article) {
  if (!article.source_id.empty()) {
    const std::string source = article.source.empty() ? "id" : text::slug(article.source);
    return source + ":" + article.source_id;
  }
  if (!article.url.empty()) return article.url.substr(0, article.url.find('#'));
  return "h:" + hex16(stable_hash(text::fold(article.source) + '\n' + text::fold(article.title) +
                                  '\n' + article.body));
}

std::string id_term(std::string_view id) {
  if (id.size() <= kMaxIdBytes) return std::string(kIdPrefix) + std::string(id);
  return std::string(kIdPrefix) + "#" + hex16(stable_hash(id));
}

std::string file_term(std::string_view origin_path) {
  return std::string(kFilePrefix) + hex16(stable_hash(origin_path));
}

Xapian::Stem make_stemmer() {
  return Xapian::Stem("english");
}

std::string encode_document_data(const std::string& id, const Article& article,
                                 const extract::ArticleFacets* facets) {
  nlohmann::json data = {
      {"id", id},
      {"title", article.title},
      {"body", article.body},
      {"url", article.url},
      {"source", article.source},
      {"published", nullptr},
      {"companies", article.companies},
      {"countries", article.countries},
      {"topics", article.topics},
      {"origin", article.origin},
  };
  if (article.published) data["published"] = *article.published;
  if (facets) {
    const auto scores = [](const std::vector<extract::FacetValue>& values) {
      nlohmann::json out = nlohmann::json::object();
      for (const auto& value : values) out[value.key] = value.score;
      return out;
    };
    data["salience"] = {{"company", scores(facets->companies)},
                        {"country", scores(facets->countries)},
                        {"topic", scores(facets->topics)}};
  }
  return data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

StoredArticle decode_document_data(std::string_view data) {
  const nlohmann::json json = nlohmann::json::parse(data);
  StoredArticle stored;
  stored.id = json.value("id", "");
  Article& a = stored.article;
  a.title = json.value("title", "");
  a.body = json.value("body", "");
  a.url = json.value("url", "");
  a.source = json.value("source", "");
  if (json.contains("published") && json["published"].is_number_integer()) {
    a.published = json["published"].get<std::int64_t>();
  }
  a.companies = json.value("companies", std::vector<std::string>{});
  a.countries = json.value("countries", std::vector<std::string>{});
  a.topics = json.value("topics", std::vector<std::string>{});
  a.origin = json.value("origin", "");
  return stored;
}

void write_version(Xapian::WritableDatabase& db) {
  db.set_metadata(std::string(kSchemaVersionKey), std::to_string(kSchemaVersion));
}

void check_version(const Xapian::Database& db) {
  const std::string stored = db.get_metadata(std::string(kSchemaVersionKey));
  if (stored == std::to_string(kSchemaVersion)) return;
  if (stored.empty() && db.get_doccount() == 0) return;  // a new, empty index
  throw std::runtime_error("index has schema version '" + stored + "', this program reads " +
                           std::to_string(kSchemaVersion) + ": re-index with newsdesk-index");
}

}  // namespace newsdesk::schema
