#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/test_env.h"

namespace t = newsdesk::testing;

TEST_CASE("newsdesk-index summarises, reports bad records and sets the exit code", "[programs]") {
  t::TempDir dir;
  const auto db = (dir / "db").string();

  const auto good =
      t::run(t::program("newsdesk-index"), {"--db", db, (t::data_dir() / "plain").string()});
  CHECK(good.exit_code == 0);
  CHECK(good.out.find("indexed 3 articles from 3 files") != std::string::npos);

  const auto mixed = t::run(t::program("newsdesk-index"),
                            {"--db", db, "--json", (t::data_dir() / "jsonl/mixed.jsonl").string()});
  CHECK(mixed.exit_code == 1);  // records were skipped
  const auto summary = nlohmann::json::parse(mixed.out);
  CHECK(summary["articles"] == 3);
  CHECK(summary["skipped_records"] == 4);
  CHECK(summary["warnings"] == 1);
  CHECK(summary["documents_in_index"] == 6);
  CHECK(mixed.err.find("mixed.jsonl:2: error: not valid JSON") != std::string::npos);
  CHECK(mixed.err.find("mixed.jsonl:7: warning:") != std::string::npos);

  // Indexing the same files again replaces, never duplicates.
  const auto again =
      t::run(t::program("newsdesk-index"),
             {"--db", db, "--json", "--quiet", "--force", (t::data_dir() / "plain").string(),
              (t::data_dir() / "jsonl/mixed.jsonl").string()});
  CHECK(nlohmann::json::parse(again.out)["articles"] == 6);
  CHECK(nlohmann::json::parse(again.out)["documents_in_index"] == 6);
  CHECK(again.err.empty());
}

TEST_CASE("newsdesk-index fails a missing file and goes on with the rest", "[programs]") {
  t::TempDir dir;
  const auto result = t::run(t::program("newsdesk-index"),
                             {"--db", (dir / "db").string(), (dir / "missing.txt").string(),
                              (t::data_dir() / "plain/clean.txt").string()});
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("missing.txt: error: no such file or folder") != std::string::npos);
  CHECK(result.out.find("indexed 1 articles from 1 files") != std::string::npos);
}

TEST_CASE("newsdesk-index rejects bad usage with exit code 2", "[programs]") {
  CHECK(t::run(t::program("newsdesk-index"), {"--db"}).exit_code == 2);
  const auto no_paths = t::run(t::program("newsdesk-index"), {"--db", "x"});
  CHECK(no_paths.exit_code == 2);
  CHECK(no_paths.err.find("no PATH") != std::string::npos);
  CHECK(t::run(t::program("newsdesk-index"), {"--help"}).exit_code == 0);
}
