#include "index/segments.h"

#include <catch2/catch.hpp>
#include <fstream>

#include "index/index_paths.h"
#include "index/index_writer.h"
#include "schema.h"
#include "search/index_reader.h"
#include "search/searcher.h"
#include "support/test_env.h"

using namespace newsdesk;
namespace t = newsdesk::testing;

namespace {

std::string jsonl_line(const std::string& title, const std::string& url,
                       const std::string& body = "") {
  return "{\"title\": \"" + title + "\", \"body\": \"" +
         (body.empty() ? "Body of " + title + "." : body) + "\", \"url\": \"" + url + "\"}\n";
}

// The segment folders the index's stub lists.
std::vector<std::string> listed(const std::filesystem::path& db) {
  std::vector<std::string> names;
  const auto paths = schema::read_shard_stub(db);
  for (const auto& path : paths.value()) names.push_back(path.filename().string());
  return names;
}

// Every segment-like folder in the index folder.
std::vector<std::string> on_disk(const std::filesystem::path& db) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(db)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_directory()) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> sorted(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  return names;
}

Article article(int i, const std::string& origin = "in.jsonl") {
  Article a;
  a.title = "Story number " + std::to_string(i);
  a.body = "The body of story " + std::to_string(i) + " about copper prices.";
  a.url = "https://example.com/" + std::to_string(i);
  a.origin = origin;
  return a;
}

// Small numbers, so that a few articles make several segments and merges.
index::IndexWriterOptions options(std::size_t batch_size, std::size_t segment_size,
                                  std::size_t merge_factor, unsigned shards) {
  index::IndexWriterOptions out;
  out.batch_size = batch_size;
  out.segment_size = segment_size;
  out.merge_factor = merge_factor;
  out.shards = shards;
  return out;
}

Xapian::doccount count(const std::filesystem::path& db) {
  return search::open_index(db).all.get_doccount();
}

}  // namespace

TEST_CASE("segment folder names are read back", "[index][segments]") {
  const index::SegmentName name{3, 17};
  CHECK(name.folder() == "shard3.000017");
  const auto parsed = index::SegmentName::parse("shard3.000017");
  REQUIRE(parsed);
  CHECK(parsed->shard == 3);
  CHECK(parsed->sequence == 17);
  CHECK(index::SegmentName::parse("shard12")->shard == 12);
  CHECK_FALSE(index::SegmentName::parse("shard"));
  CHECK_FALSE(index::SegmentName::parse("shard1."));
  CHECK_FALSE(index::SegmentName::parse("shard1.x"));
  CHECK_FALSE(index::SegmentName::parse("XAPIANDB"));
}

TEST_CASE("full segments are sealed, tiers merge, and the run ends with one per shard",
          "[index][segments]") {
  t::TempDir dir;
  const auto db = dir / "db";
  index::IndexWriter writer(db, options(2, 2, 3, 1));
  std::size_t most = 0;
  for (int i = 0; i < 40; ++i) {
    writer.add(article(i));
    if (i % 2 == 1) {  // a batch was committed: readers see it
      writer.wait_for_commit();
      CHECK(count(db) == static_cast<Xapian::doccount>(i + 1));
      most = std::max(most, listed(db).size());
      CHECK(on_disk(db) == sorted(listed(db)));  // what merges replaced is gone
    }
  }
  // Three of a size merge into one of the next size: a few segments at most.
  CHECK(most >= 2);
  CHECK(most <= 6);
  writer.commit();
  CHECK(listed(db).size() == 1);
  CHECK(on_disk(db) == listed(db));
  CHECK(count(db) == 40);
  CHECK(writer.document_count() == 40);
}

TEST_CASE("later runs add segments, and an article read again replaces its copy in any segment",
          "[index][segments]") {
  t::TempDir dir;
  const auto db = dir / "db";
  t::write_file(dir / "a.jsonl", jsonl_line("One", "u1") + jsonl_line("Two", "u2"));
  const auto run = [&](const std::vector<std::filesystem::path>& paths) {
    index::IndexWriter writer(db, options(1, 1, 10, 2));
    return index::index_paths(writer, paths, [](const ingest::Problem&) {});
  };
  run({dir / "a.jsonl"});
  const std::size_t first_layout = listed(db).size();
  CHECK(first_layout == 2);  // one per shard

  // The same article from another file, with a new body: replaced, not added.
  t::write_file(dir / "b.jsonl", jsonl_line("Two", "u2", "A new body about zinc."));
  run({dir / "b.jsonl"});
  CHECK(count(db) == 2);
  CHECK(listed(db).size() > first_layout);
  search::Searcher searcher(db);
  search::SearchRequest request;
  request.query = "zinc";
  CHECK(searcher.search(request).total == 1);

  // A changed file forgets its old articles wherever they are.
  t::write_file(dir / "a.jsonl", jsonl_line("Three", "u3"));
  std::filesystem::last_write_time(
      dir / "a.jsonl", std::filesystem::file_time_type::clock::now() + std::chrono::seconds(5));
  run({dir / "a.jsonl"});
  CHECK(count(db) == 2);  // "One" gone, "Two" (now from b.jsonl) kept, "Three" added
  request.query = "three";
  CHECK(searcher.search(request).total == 0);  // not reopened yet
  searcher.reopen();
  CHECK(searcher.search(request).total == 1);
  request.query = "one";
  CHECK(searcher.search(request).total == 0);
}

TEST_CASE("an article repeated across batches of one run is stored once", "[index][segments]") {
  t::TempDir dir;
  const auto db = dir / "db";
  index::IndexWriter writer(db, options(3, 3, 10, 1));
  for (int i = 0; i < 10; ++i) writer.add(article(i, "x.jsonl"));
  for (int i = 0; i < 10; ++i) writer.add(article(i, "y.jsonl"));  // the same ids again
  writer.commit();
  CHECK(count(db) == 10);
}

TEST_CASE("folders a crash left behind are removed by the next writer", "[index][segments]") {
  t::TempDir dir;
  const auto db = dir / "db";
  { index::IndexWriter(db, options(2000, 10000, 10, 1)).add(article(1)); }
  const auto before = listed(db);
  // A half-written segment and a merge that never made it into the stub.
  std::filesystem::create_directories(db / "shard0.999998");
  t::write_file(db / "shard0.999999" / "postlist.glass", "torn");
  { index::IndexWriter writer(db); }
  CHECK(listed(db) == before);
  CHECK(on_disk(db) == sorted(before));
  CHECK(count(db) == 1);
}

TEST_CASE("a reader keeps answering while the writer merges its segments away",
          "[index][segments]") {
  t::TempDir dir;
  const auto db = dir / "db";
  index::IndexWriter writer(db, options(2, 2, 2, 1));
  for (int i = 0; i < 4; ++i) writer.add(article(i));
  writer.wait_for_commit();
  search::Searcher searcher(db);
  search::SearchRequest request;
  request.query = "\"copper prices\"";  // a phrase: positions are read too
  REQUIRE(searcher.search(request).total == 4);
  const auto seen = listed(db);
  for (int i = 4; i < 12; ++i) writer.add(article(i));
  writer.commit();
  for (const auto& folder : seen) CHECK_FALSE(std::filesystem::exists(db / folder));
  CHECK(searcher.search(request).total == 4);  // what it had open
  request.query = "coper";
  CHECK_NOTHROW(searcher.search(request));  // the spelling table too
  searcher.reopen();
  request.query = "\"copper prices\"";
  CHECK(searcher.search(request).total == 12);
}

TEST_CASE("batches go to one active segment until it is full", "[index][segments]") {
  t::TempDir dir;
  const auto db = dir / "db";
  index::IndexWriter writer(db, options(2, 6, 10, 1));
  const auto initial = listed(db);
  REQUIRE(initial.size() == 1);
  for (int i = 0; i < 6; ++i) writer.add(article(i));
  writer.wait_for_commit();
  // The new index's empty segment took all three batches.
  CHECK(listed(db) == initial);
  CHECK(count(db) == 6);
  for (int i = 6; i < 8; ++i) writer.add(article(i));
  writer.wait_for_commit();
  CHECK(listed(db).size() == 2);  // the first was sealed at 6: a new one
  writer.commit();
  CHECK(listed(db).size() == 1);
  CHECK(count(db) == 8);
}

TEST_CASE("a run merges nothing until it has twice the merge factor of segments",
          "[index][segments]") {
  // Its segments become one at its end anyway: an earlier tier merge would
  // write the same articles twice.
  t::TempDir dir;
  const auto db = dir / "db";
  index::IndexWriter writer(db, options(2, 2, 3, 1));
  std::vector<std::size_t> layouts;
  for (int i = 0; i < 14; ++i) {
    writer.add(article(i));
    if (i % 2 == 1) {
      writer.wait_for_commit();
      layouts.push_back(listed(db).size());
    }
  }
  // Each batch fills a segment (sealed at its commit): 1, 2, ..., 5; the
  // sixth makes six, and the oldest three merge into one.
  CHECK(layouts == std::vector<std::size_t>{1, 2, 3, 4, 5, 4, 5});
  writer.commit();
  CHECK(listed(db).size() == 1);
  CHECK(count(db) == 14);
}
