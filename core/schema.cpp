#include "schema.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <stdexcept>

#include "extract/dates.h"
#include "text/caching_stemmer.h"
#include "text/normalize.h"

namespace newsdesk::schema {

std::optional<std::vector<std::filesystem::path>> read_shard_stub(
    const std::filesystem::path& dir) {
  const std::filesystem::path stub = dir / kStubFile;
  std::error_code error;
  if (!std::filesystem::exists(stub, error)) return std::nullopt;
  std::ifstream in(stub);
  if (!in) throw std::runtime_error("cannot read " + stub.string());
  std::vector<std::filesystem::path> paths;
  std::string backend, name;
  while (in >> backend >> name) {
    if (backend != "auto" && backend != "glass") {
      throw std::runtime_error(stub.string() + ": unsupported shard type '" + backend + "'");
    }
    paths.push_back(dir / name);
  }
  if (paths.empty()) throw std::runtime_error(stub.string() + " lists no segments");
  return paths;
}
namespace {

constexpr std::array<FacetLayout, 4> kLayouts = {{
    {"company", "XCO", 2},
    {"country", "N", 3},  // Omega's prefix for ISO 3166 country codes
    {"topic", "XTOPIC", 4},
    {"source", "XSOURCE", 5},
}};

// Xapian terms are limited to 245 bytes.
constexpr std::size_t kMaxIdBytes = 200;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool starts_with_nocase(std::string_view s, std::string_view lower_prefix) {
  if (s.size() < lower_prefix.size()) return false;
  for (std::size_t i = 0; i < lower_prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower_prefix[i]) return false;
  }
  return true;
}

// Length of a separator ("-", ":", "|", en or em dash) at the start of s, or 0.
std::size_t separator_at(std::string_view s) {
  if (s.empty()) return 0;
  if (s[0] == '-' || s[0] == ':' || s[0] == '|') return 1;
  if (s.substr(0, 3) == "\u2013" || s.substr(0, 3) == "\u2014") return 3;
  return 0;
}

// Drops one wire tag from the front ("UPDATE 2-", "(CORRECTED) -",
// "EXCLUSIVE:"); false if there is none.
bool drop_wire_tag(std::string_view& title) {
  static constexpr std::string_view kTags[] = {"corrected", "correction", "refile",   "repeat",
                                               "rpt",       "exclusive",  "breaking", "urgent",
                                               "flash",     "updated",    "update"};
  std::string_view s = title;
  const bool bracket = !s.empty() && (s[0] == '(' || s[0] == '[');
  if (bracket) s.remove_prefix(1);
  const auto tag = std::find_if(std::begin(kTags), std::end(kTags),
                                [&](std::string_view t) { return starts_with_nocase(s, t); });
  if (tag == std::end(kTags)) return false;
  s.remove_prefix(tag->size());
  if (!s.empty() && is_ascii_alnum(s[0]) && !(*tag == "update" && s[0] >= '0' && s[0] <= '9')) {
    return false;  // a longer word: "Updates", "Flashlight"
  }
  s = trim(s);
  if (*tag == "update") {  // "UPDATE 2-"
    while (!s.empty() && s[0] >= '0' && s[0] <= '9') s.remove_prefix(1);
    s = trim(s);
  }
  bool closed = !bracket;
  if (bracket && !s.empty() && (s[0] == ')' || s[0] == ']')) {
    s.remove_prefix(1);
    closed = true;
  }
  if (!closed) return false;
  s = trim(s);
  const std::size_t separator = separator_at(s);
  if (separator == 0 && !bracket) return false;  // "Update on the economy" is a title
  s.remove_prefix(separator);
  s = trim(s);
  if (s.empty()) return false;
  title = s;
  return true;
}

std::size_t slug_words(std::string_view slug) {
  return slug.empty() ? 0 : static_cast<std::size_t>(std::count(slug.begin(), slug.end(), '-')) + 1;
}

// Drops a short attribution after the last " - ", " | ", " – " or " — ".
bool drop_attribution(std::string_view& title) {
  std::size_t cut = std::string_view::npos, after = 0;
  for (const std::string_view separator : {" - ", " | ", " \u2013 ", " \u2014 ", " -- "}) {
    const std::size_t at = title.rfind(separator);
    if (at != std::string_view::npos && (cut == std::string_view::npos || at > cut)) {
      cut = at;
      after = at + separator.size();
    }
  }
  if (cut == std::string_view::npos) return false;
  // An attribution is a few words ("report", "USDA", "Pacific Ledger");
  // digits make it part of the story ("Tokyo rubber - April 07").
  const std::string_view tail = title.substr(after);
  if (std::any_of(tail.begin(), tail.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  if (slug_words(text::slug(tail)) > 3) return false;
  const std::string_view head = trim(title.substr(0, cut));
  if (slug_words(text::slug(head)) < 4) return false;
  title = head;
  return true;
}

// The first `n` words of the body, slugged.
std::string lead_words(std::string_view body, std::size_t n) {
  std::string slug = text::slug(body.substr(0, std::min<std::size_t>(body.size(), 40 * n)));
  std::size_t words = 0;
  for (std::size_t dash = slug.find('-'); dash != std::string::npos;
       dash = slug.find('-', dash + 1)) {
    if (++words == n) {
      slug.resize(dash);
      break;
    }
  }
  return slug;
}

}  // namespace

std::string normalised_title(std::string_view title) {
  std::string_view s = trim(title);
  for (int i = 0; i < 3 && drop_wire_tag(s); ++i) {
  }
  for (int i = 0; i < 2 && drop_attribution(s); ++i) {
  }
  return text::slug(s);
}

std::string story_key(std::string_view title, std::string_view body,
                      std::optional<std::int64_t> published) {
  std::string key = normalised_title(title);
  if (key.empty()) return {};
  const bool short_title = slug_words(key) < kStoryShortTitleWords;
  key += '|';
  key += published ? extract::format_day_key(*published) : "undated";
  if (!published || short_title) {
    key += '|';
    key += lead_words(body, kStoryLeadWords);
  }
  return hex16(stable_hash(key));
}

std::string story_term(std::string_view key) {
  return std::string(kStoryPrefix) + std::string(key);
}

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

const Xapian::Stem& thread_stemmer() {
  // Xapian::Stem keeps state while stemming, so each thread has its own.
  thread_local const Xapian::Stem stemmer = text::make_caching_stemmer(make_stemmer());
  return stemmer;
}

namespace {

// The document data record: fields one after another, each string as a
// varint byte count and its bytes, each list as a varint count and its
// items. Reading it is a few copies; JSON cost about a sixth of a search's
// instructions (callgrind, bench/query_latency.sh), all of it in parsing the
// body's text.
class RecordWriter {
 public:
  void number(std::uint64_t value) {
    while (value >= 0x80) {
      out_ += static_cast<char>(value | 0x80);
      value >>= 7;
    }
    out_ += static_cast<char>(value);
  }
  void text(std::string_view value) {
    number(value.size());
    out_ += value;
  }
  void texts(const std::vector<std::string>& values) {
    number(values.size());
    for (const std::string& value : values) text(value);
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class RecordReader {
 public:
  explicit RecordReader(std::string_view data) : data_(data) {}
  std::uint64_t number() {
    std::uint64_t value = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
      if (data_.empty()) fail();
      const auto byte = static_cast<unsigned char>(data_.front());
      data_.remove_prefix(1);
      value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if (byte < 0x80) return value;
    }
    fail();
  }
  std::string text() {
    const std::uint64_t size = number();
    if (size > data_.size()) fail();
    std::string value(data_.substr(0, size));
    data_.remove_prefix(size);
    return value;
  }
  // The record must end here.
  void finish() const {
    if (!data_.empty()) fail();
  }
  std::vector<std::string> texts() {
    const std::uint64_t count = number();
    if (count > data_.size()) fail();  // every item takes at least a byte
    std::vector<std::string> values;
    values.reserve(count);
    for (std::uint64_t i = 0; i < count; ++i) values.push_back(text());
    return values;
  }

 private:
  [[noreturn]] static void fail() { throw std::runtime_error("corrupt document data"); }
  std::string_view data_;
};

// A signed number as a varint: 0, -1, 1, -2, ... -> 0, 1, 2, 3, ...
std::uint64_t zigzag(std::int64_t value) {
  return (static_cast<std::uint64_t>(value) << 1) ^ static_cast<std::uint64_t>(value >> 63);
}
std::int64_t unzigzag(std::uint64_t value) {
  return static_cast<std::int64_t>(value >> 1) ^ -static_cast<std::int64_t>(value & 1);
}

}  // namespace

std::string encode_record(const std::string& id, const Article& article,
                          const extract::ArticleFacets* facets) {
  RecordWriter record;
  record.text(id);
  record.text(article.title);
  record.text(article.body);
  record.text(article.url);
  record.text(article.source);
  record.number(article.published ? 1 : 0);
  if (article.published) record.number(zigzag(*article.published));
  record.texts(article.companies);
  record.texts(article.countries);
  record.texts(article.topics);
  record.text(article.origin);
  // Salience: per facet, "key=score" (kept for inspection and later ranking).
  for (const auto* values :
       {facets ? &facets->companies : nullptr, facets ? &facets->countries : nullptr,
        facets ? &facets->topics : nullptr}) {
    std::vector<std::string> scores;
    if (values) {
      for (const auto& value : *values) {
        char score[32];
        std::snprintf(score, sizeof score, "%g", value.score);
        scores.push_back(value.key + "=" + score);
      }
    }
    record.texts(scores);
  }
  return record.take();
}

StoredArticle decode_record(std::string_view data) {
  RecordReader record(data);
  StoredArticle stored;
  stored.id = record.text();
  Article& a = stored.article;
  a.title = record.text();
  a.body = record.text();
  a.url = record.text();
  a.source = record.text();
  if (record.number() != 0) a.published = unzigzag(record.number());
  a.companies = record.texts();
  a.countries = record.texts();
  a.topics = record.texts();
  a.origin = record.text();
  for (int facet = 0; facet < 3; ++facet) record.texts();  // salience: not shown
  record.finish();
  return stored;
}

void store_article(Xapian::Document& doc, const std::string& id, const Article& article,
                   const extract::ArticleFacets* facets) {
  doc.add_value(kRecordSlot, encode_record(id, article, facets));
}

StoredArticle stored_article(const Xapian::Document& doc) {
  return decode_record(doc.get_value(kRecordSlot));
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
