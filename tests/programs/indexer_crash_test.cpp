// The indexer killed at any moment leaves an index that opens and holds
// whole batches; a re-run completes it. A second indexer is refused.
#include <signal.h>
#include <xapian.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <thread>

#include "index/file_state.h"
#include "schema.h"
#include "support/test_env.h"

namespace t = newsdesk::testing;

namespace {

constexpr int kFiles = 40;
constexpr int kArticlesPerFile = 1000;
constexpr int kArticles = kFiles * kArticlesPerFile;

// Large enough that indexing takes a few seconds, in many files.
void write_big_corpus(const std::filesystem::path& folder) {
  for (int file = 0; file < kFiles; ++file) {
    std::ofstream out(folder / ("part-" + std::to_string(100 + file) + ".jsonl"));
    for (int i = file * kArticlesPerFile; i < (file + 1) * kArticlesPerFile; ++i) {
      out << R"({"title": "Market note )" << i << R"(", "body": "Copper, zinc and nickel prices )"
          << "moved in thin trading on day " << i << R"( while analysts watched the dollar.", )"
          << R"("url": "https://crash.example/)" << i << "\"}\n";
    }
  }
}

Xapian::doccount documents(const std::filesystem::path& db) {
  return Xapian::Database(db.string()).get_doccount();
}

// Every file the index records as indexed has all of its articles in it.
std::size_t check_recorded_files_complete(const std::filesystem::path& db_dir) {
  const Xapian::Database db(db_dir.string());
  std::size_t recorded = 0;
  for (const auto& state : newsdesk::index::load_all_file_states(db)) {
    CAPTURE(state.path);
    CHECK(db.get_termfreq(newsdesk::schema::file_term(state.path)) == kArticlesPerFile);
    ++recorded;
  }
  return recorded;
}

}  // namespace

TEST_CASE("an indexer killed with SIGKILL leaves whole batches and a re-run completes",
          "[programs][crash]") {
  t::TempDir dir;
  std::filesystem::create_directories(dir / "in");
  write_big_corpus(dir / "in");
  const auto db = dir / "db";
  const std::vector<std::string> args = {"--db", db.string(), "--batch-size",
                                         "1000", "--quiet",   (dir / "in").string()};
  {
    t::ChildProcess indexer(t::program("newsdesk-index"), args);
    // Wait for the first committed batches, then kill it mid-run.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    Xapian::doccount seen = 0;
    while (std::chrono::steady_clock::now() < deadline && indexer.running()) {
      try {
        seen = documents(db);
      } catch (const Xapian::Error&) {
      }
      if (seen >= 5000) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    REQUIRE(indexer.running());  // still going: the kill lands mid-run
    indexer.stop(SIGKILL);
  }
  const Xapian::doccount after_kill = documents(db);  // opens: not corrupt
  CHECK(after_kill >= 5000);
  CHECK(after_kill < static_cast<Xapian::doccount>(kArticles));
  CHECK(check_recorded_files_complete(db) >= 2);  // committed files are whole

  const auto rerun = t::run(t::program("newsdesk-index"), args);
  CHECK(rerun.exit_code == 0);
  CHECK(documents(db) == static_cast<Xapian::doccount>(kArticles));
  const auto again = t::run(t::program("newsdesk-index"), args);
  CHECK(again.out.find("indexed 0 articles from 0 files") != std::string::npos);
  CHECK(documents(db) == static_cast<Xapian::doccount>(kArticles));
  CHECK(check_recorded_files_complete(db) == kFiles);
}

TEST_CASE("a second indexer on the same index is refused with a clear message",
          "[programs][crash]") {
  t::TempDir dir;
  std::filesystem::create_directories(dir / "in");
  write_big_corpus(dir / "in");
  const auto db = (dir / "db").string();
  t::ChildProcess first(t::program("newsdesk-index"),
                        {"--db", db, "--quiet", (dir / "in").string()});
  // Wait until the first one holds the lock (its index exists).
  for (int i = 0; i < 2000 && !std::filesystem::exists(dir / "db" / "XAPIANDB"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  REQUIRE(first.running());
  const auto second = t::run(t::program("newsdesk-index"), {"--db", db, (dir / "in").string()});
  CHECK(second.exit_code == 1);
  CHECK(second.err.find("is locked by another indexer") != std::string::npos);
  CHECK(first.stop(SIGTERM) != 0);  // SIGTERM ends it; the index stays usable
  CHECK_NOTHROW(documents(dir / "db"));
}
