#include "index/index_writer.h"

#include <catch2/catch.hpp>

#include "index/index_paths.h"
#include "schema.h"
#include "search/searcher.h"
#include "support/test_env.h"

using namespace newsdesk;
namespace t = newsdesk::testing;

namespace {

index::IndexSummary index_all(const std::filesystem::path& db,
                              const std::vector<std::filesystem::path>& paths) {
  index::IndexWriter writer(db);
  return index::index_paths(writer, paths, [](const ingest::Problem&) {});
}

std::size_t count(const std::filesystem::path& db) {
  return search::Searcher(db).document_count();
}

std::string jsonl_line(const std::string& title, const std::string& url) {
  return "{\"title\": \"" + title + "\", \"body\": \"Body of " + title + ".\", \"url\": \"" + url +
         "\"}\n";
}

}  // namespace

TEST_CASE("re-indexing the same files replaces their articles", "[index]") {
  t::TempDir dir;
  const auto corpus = dir / "in";
  t::write_file(corpus / "a.jsonl", jsonl_line("One", "u1") + jsonl_line("Two", "u2"));
  t::write_file(corpus / "b.txt", "Plain Title\n\nPlain body.\n");
  REQUIRE(index_all(dir / "db", {corpus}).articles == 3);
  REQUIRE(count(dir / "db") == 3);
  REQUIRE(index_all(dir / "db", {corpus}).articles == 3);
  CHECK(count(dir / "db") == 3);
}

TEST_CASE("articles gone from a re-indexed file leave the index", "[index]") {
  t::TempDir dir;
  t::write_file(dir / "feed.jsonl", jsonl_line("One", "u1") + jsonl_line("Two", "u2"));
  index_all(dir / "db", {dir / "feed.jsonl"});
  REQUIRE(count(dir / "db") == 2);
  t::write_file(dir / "feed.jsonl", jsonl_line("Two", "u2"));
  index_all(dir / "db", {dir / "feed.jsonl"});
  CHECK(count(dir / "db") == 1);
}

TEST_CASE("the same article in two files is indexed once", "[index]") {
  t::TempDir dir;
  t::write_file(dir / "x.jsonl", jsonl_line("Shared", "https://same.example/story"));
  t::write_file(dir / "y.jsonl", jsonl_line("Shared", "https://same.example/story#comments"));
  index_all(dir / "db", {dir / "x.jsonl", dir / "y.jsonl"});
  CHECK(count(dir / "db") == 1);
}

TEST_CASE("a file that became unreadable keeps its indexed articles", "[index]") {
  t::TempDir dir;
  t::write_file(dir / "a.txt", "Kept Title\n\nKept body.\n");
  index_all(dir / "db", {dir / "a.txt"});
  t::write_file(dir / "a.txt", std::string("\0\0\0binary", 9));
  const auto summary = index_all(dir / "db", {dir / "a.txt"});
  CHECK(summary.failed_files == 1);
  CHECK(count(dir / "db") == 1);
}

TEST_CASE("folders are walked for article files only; hidden entries are skipped", "[index]") {
  t::TempDir dir;
  t::write_file(dir / "in/one.txt", "T1\n\nB1\n");
  t::write_file(dir / "in/sub/two.jsonl", jsonl_line("T2", "u2"));
  t::write_file(dir / "in/README.md", "# not an article\n");
  t::write_file(dir / "in/.hidden/three.txt", "T3\n\nB3\n");
  const auto summary = index_all(dir / "db", {dir / "in"});
  CHECK(summary.files == 2);
  CHECK(summary.articles == 2);
  CHECK(summary.ignored_files == 1);
}

TEST_CASE("a second writer gets a clear lock error", "[index]") {
  t::TempDir dir;
  index::IndexWriter first(dir / "db");
  CHECK_THROWS_AS(index::IndexWriter(dir / "db"), index::IndexLockedError);
  CHECK_THROWS_WITH(index::IndexWriter(dir / "db"), Catch::Contains("locked by another indexer"));
}

TEST_CASE("document ids follow the schema's rules", "[index][schema]") {
  Article a;
  a.title = "T";
  a.body = "B";
  const std::string hashed = schema::article_id(a);
  CHECK(hashed.rfind("h:", 0) == 0);
  a.url = "https://x.example/a#frag";
  CHECK(schema::article_id(a) == "https://x.example/a");
  a.source = "Reuters";
  a.source_id = "1234";
  CHECK(schema::article_id(a) == "reuters:1234");
  CHECK(schema::id_term(std::string(300, 'x')).size() < 245);
}
