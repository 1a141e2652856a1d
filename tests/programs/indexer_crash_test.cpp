// The indexer killed at any moment leaves an index that opens and holds
// whole batches; a re-run completes it. A second indexer is refused.
#include <signal.h>
#include <xapian.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <thread>

#include "support/test_env.h"

namespace t = newsdesk::testing;

namespace {

constexpr int kArticles = 40000;

// Large enough that indexing takes a few seconds, in several files.
void write_big_corpus(const std::filesystem::path& folder) {
  for (int file = 0; file < 4; ++file) {
    std::ofstream out(folder / ("part-" + std::to_string(file) + ".jsonl"));
    for (int i = file * kArticles / 4; i < (file + 1) * kArticles / 4; ++i) {
      out << R"({"title": "Market note )" << i << R"(", "body": "Copper, zinc and nickel prices )"
          << "moved in thin trading on day " << i << R"( while analysts watched the dollar.", )"
          << R"("url": "https://crash.example/)" << i << "\"}\n";
    }
  }
}

Xapian::doccount documents(const std::filesystem::path& db) {
  return Xapian::Database(db.string()).get_doccount();
}

}  // namespace

TEST_CASE("an indexer killed with SIGKILL leaves whole batches; a re-run completes",
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
      if (seen >= 3000) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    REQUIRE(indexer.running());  // still going: the kill lands mid-run
    indexer.stop(SIGKILL);
  }
  const Xapian::doccount after_kill = documents(db);  // opens: not corrupt
  CHECK(after_kill >= 3000);
  CHECK(after_kill < static_cast<Xapian::doccount>(kArticles));
  CHECK(after_kill % 1000 == 0);  // only whole committed batches

  const auto rerun = t::run(t::program("newsdesk-index"), args);
  CHECK(rerun.exit_code == 0);
  CHECK(documents(db) == static_cast<Xapian::doccount>(kArticles));
  const auto again = t::run(t::program("newsdesk-index"), args);
  CHECK(again.out.find("indexed 0 articles from 0 files") != std::string::npos);
  CHECK(documents(db) == static_cast<Xapian::doccount>(kArticles));
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
  for (int i = 0; i < 2000 && !std::filesystem::exists(dir / "db" / "flintlock"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  REQUIRE(first.running());
  const auto second = t::run(t::program("newsdesk-index"), {"--db", db, (dir / "in").string()});
  CHECK(second.exit_code == 1);
  CHECK(second.err.find("is locked by another indexer") != std::string::npos);
  CHECK(first.stop(SIGTERM) != 0);  // SIGTERM ends it; the index stays usable
  CHECK_NOTHROW(documents(dir / "db"));
}
