// The Xapian layout shared by the indexer (writer) and every reader (searchd,
// the query tool, benchmarks): term prefixes, value slots, how a document id
// is formed and what the document data holds. Changing any of it changes the
// on-disk format: bump kSchemaVersion. The README repeats this table.
#pragma once

#include <xapian.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "article.h"
#include "extract/facet_tag.h"

namespace newsdesk::schema {

inline constexpr int kSchemaVersion = 4;
inline constexpr std::string_view kSchemaVersionKey = "newsdesk.schema_version";

// An index is a folder of Xapian databases ("segments", see
// index/segments.h) behind a Xapian stub file listing them ("auto
// shard0.000001" lines), so every reader opens the folder as one database.
inline constexpr std::string_view kStubFile = "XAPIANDB";
// The segment folders the stub of `dir` lists, or nullopt when there is no
// stub. Throws std::runtime_error for a stub that lists no segments or a
// segment that is not a local database.
std::optional<std::vector<std::filesystem::path>> read_shard_stub(const std::filesystem::path& dir);

// Term prefixes, following Omega's conventions (docs/termprefixes.rst).
inline constexpr std::string_view kIdPrefix = "Q";        // unique id: Q<article id>
inline constexpr std::string_view kTitlePrefix = "S";     // title words (also indexed unprefixed)
inline constexpr std::string_view kFilePrefix = "XFILE";  // XFILE<hash of origin path>
// XABOUT<company key>: the article is about the company (its salience is at
// least kAboutMinScore), as opposed to mentioning it; for about:NVDA.
inline constexpr std::string_view kAboutPrefix = "XABOUT";
inline constexpr double kAboutMinScore = 3.0;

// XSTORY<story key>: the article's duplicate group (see story_key), so that
// "list the N similar" is a filter on one boolean term.
inline constexpr std::string_view kStoryPrefix = "XSTORY";

// Metadata: the state of each indexed file (size, mtime, content hash,
// path), so that a re-run skips unchanged files and --prune finds deleted ones.
// Key: kFileStateKeyPrefix + 16 hex digits of the path's hash.
inline constexpr std::string_view kFileStateKeyPrefix = "file:";
std::string file_state_key(std::string_view origin_path);

// Value slots.
inline constexpr Xapian::valueno kDaySlot = 0;  // "YYYYMMDD" UTC publication day; absent = unknown
inline constexpr Xapian::valueno kTimeSlot =
    1;  // sortable_serialise(UTC seconds); absent = unknown
// The story key (below): the collapse key of Enquire::set_collapse_key, so
// that the same story from several sources or files shows once. Absent for
// an article without a title (never collapsed). Slots 2-5: the facets.
inline constexpr Xapian::valueno kStorySlot = 6;
// The stored article (see store_article below).
inline constexpr Xapian::valueno kRecordSlot = 7;

// The multi-valued facets. Each is stored twice: as boolean terms
// (prefix + key) for filtering, and packed in a value slot for counting.
enum class Facet { Company, Country, Topic, Source };
inline constexpr std::array kAllFacets = {Facet::Company, Facet::Country, Facet::Topic,
                                          Facet::Source};

struct FacetLayout {
  std::string_view name;    // API and query-language name: "company"
  std::string_view prefix;  // boolean term prefix
  Xapian::valueno slot;     // packed keys, '\n'-separated
};
const FacetLayout& layout(Facet facet);

// The key a facet value is stored and filtered under: ISO codes lower-cased
// ("CN" -> "cn"), everything else slugged ("Société Générale" -> "societe-generale").
std::string facet_key(Facet facet, std::string_view value);
inline constexpr std::size_t kMaxFacetKeyBytes = 160;  // longer values are not stored as facets
std::string facet_term(Facet facet, std::string_view value);

std::string pack_keys(const std::vector<std::string>& keys);
std::vector<std::string> unpack_keys(std::string_view packed);

// An article's stable id: "<source>:<source id>" when the source has its own
// id, else its URL (fragment dropped), else "h:" + a hash of source, folded
// title and body. The same article read twice gets the same id.
std::string article_id(const Article& article);
std::string id_term(std::string_view article_id);     // Q-term, always <= 245 bytes
std::string file_term(std::string_view origin_path);  // XFILE-term of a file's articles

// Duplicate stories. Two articles tell the same story when their normalised
// titles are equal and they were published on the same UTC day. The day
// keeps recurring headlines ("Fed adds reserves via customer repurchases",
// daily market reports) of different days apart; titles of fewer than
// kStoryShortTitleWords words ("Markets Wrap") and undated articles also
// need the same first kStoryLeadWords words of the body. Returns 16 hex
// digits (a hash of that), or "" for an article without a title.
std::string story_key(std::string_view title, std::string_view body,
                      std::optional<std::int64_t> published);
std::string story_term(std::string_view story_key);  // XSTORY-term of a group
inline constexpr std::size_t kStoryShortTitleWords = 3;
inline constexpr std::size_t kStoryLeadWords = 12;

// A title as compared for duplicates: folded and slugged (case, accents and
// punctuation do not count), without wire tags in front ("UPDATE 2-",
// "(CORRECTED) -", "EXCLUSIVE:") and without a short attribution at the end
// (" - report", " - sources", " | Pacific Ledger": at most 3 words, no
// digits, after " - ", " | ", " – " or " — ", when at least 4 words remain).
// "UPDATE 1-Siemens to buy Veridane - report" -> "siemens-to-buy-veridane".
std::string normalised_title(std::string_view title);

// Stable 64-bit FNV-1a hash (std::hash is not stable across runs). Chunks
// chain: stable_hash(b, stable_hash(a)) == stable_hash(a + b).
inline constexpr std::uint64_t kStableHashSeed = 14695981039346656037ull;
std::uint64_t stable_hash(std::string_view data, std::uint64_t seed = kStableHashSeed);
std::string hex16(std::uint64_t value);

// Title words get this wdf per occurrence in the unprefixed (default) field,
// body words get 1: BM25 then ranks title matches above body matches.
inline constexpr Xapian::termcount kTitleWeight = 3;

// The stemmer used at index time, by the query parser and for snippets.
// Every word is indexed stemmed, with positions (Xapian's STEM_ALL on both
// sides): one term per word instead of STEM_SOME's two, which makes indexing
// about a third cheaper; phrases then match stemmed forms.
Xapian::Stem make_stemmer();

// make_stemmer() behind a cache of its stems, one per thread: what stems
// article text on a thread (terms, topic classification) shares it, so a
// word stemmed for one is a cache hit for the other.
const Xapian::Stem& thread_stemmer();

// The stored article as a compact record (varint-prefixed fields; see
// schema.cpp). With `facets`, also the salience of each value.
// decode_record throws std::runtime_error for a record it cannot read.
std::string encode_record(const std::string& id, const Article& article,
                          const extract::ArticleFacets* facets = nullptr);
struct StoredArticle {
  std::string id;
  Article article;
};
StoredArticle decode_record(std::string_view record);

// The record is kept in value slot kRecordSlot, not in the document data:
// Xapian compresses document data with zlib (at indexing, 6% of the time on
// Reuters; at search, inflating 7% of a query's instructions), while value
// slots are stored as they are, in document order, read with one look-up.
void store_article(Xapian::Document& doc, const std::string& id, const Article& article,
                   const extract::ArticleFacets* facets = nullptr);
StoredArticle stored_article(const Xapian::Document& doc);

// Records the schema version in a new index; checks it when opening one.
// check_version throws std::runtime_error for an index of another version.
void write_version(Xapian::WritableDatabase& db);
void check_version(const Xapian::Database& db);

}  // namespace newsdesk::schema
