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
                              const std::vector<std::filesystem::path>& paths,
                              index::IndexOptions options = {}) {
  index::IndexWriter writer(db);
  return index::index_paths(
      writer, paths, [](const ingest::Problem&) {}, options);
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
  const auto forced = index_all(dir / "db", {corpus}, {.force = true});
  CHECK(forced.articles == 3);
  CHECK(forced.files == 2);
  CHECK(count(dir / "db") == 3);
}

TEST_CASE("unchanged files are skipped and changed ones are read again", "[index]") {
  t::TempDir dir;
  t::write_file(dir / "in/a.jsonl", jsonl_line("One", "u1"));
  t::write_file(dir / "in/b.txt", "Plain Title\n\nPlain body.\n");
  index_all(dir / "db", {dir / "in"});

  const auto second = index_all(dir / "db", {dir / "in"});
  CHECK(second.files == 0);
  CHECK(second.unchanged_files == 2);
  CHECK(second.articles == 0);

  // Same bytes, new mtime: content hash says unchanged.
  t::write_file(dir / "in/b.txt", "Plain Title\n\nPlain body.\n");
  std::filesystem::last_write_time(
      dir / "in/b.txt", std::filesystem::file_time_type::clock::now() + std::chrono::seconds(5));
  CHECK(index_all(dir / "db", {dir / "in"}).unchanged_files == 2);

  // Same size, different bytes: read again.
  t::write_file(dir / "in/b.txt", "Plain Title\n\nPlain BODY.\n");
  std::filesystem::last_write_time(
      dir / "in/b.txt", std::filesystem::file_time_type::clock::now() + std::chrono::seconds(10));
  const auto changed = index_all(dir / "db", {dir / "in"});
  CHECK(changed.files == 1);
  CHECK(changed.articles == 1);
  CHECK(count(dir / "db") == 2);
}

TEST_CASE("pruning forgets the articles of files gone from the given folders", "[index]") {
  t::TempDir dir;
  t::write_file(dir / "in/a.jsonl", jsonl_line("One", "u1") + jsonl_line("Two", "u2"));
  t::write_file(dir / "in/b.txt", "Plain Title\n\nPlain body.\n");
  t::write_file(dir / "other/c.txt", "Other Title\n\nOther body.\n");
  index_all(dir / "db", {dir / "in", dir / "other"});
  REQUIRE(count(dir / "db") == 4);
  std::filesystem::remove(dir / "in/a.jsonl");
  std::filesystem::remove(dir / "other/c.txt");

  CHECK(index_all(dir / "db", {dir / "in"}).removed_files == 0);  // no --prune: kept
  CHECK(count(dir / "db") == 4);
  const auto pruned = index_all(dir / "db", {dir / "in"}, {.prune = true});
  CHECK(pruned.removed_files == 1);  // other/ was not named, so c.txt stays
  CHECK(count(dir / "db") == 2);
  index::IndexWriter writer(dir / "db");
  const auto plan = index::plan_index(&writer.database(), {dir / "in"}, {.prune = true},
                                      [](const ingest::Problem&) {});
  CHECK(plan.removed.empty());  // its state went with it
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

TEST_CASE("folders are walked for article files only and hidden entries are skipped", "[index]") {
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
