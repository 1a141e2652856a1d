// newsdesk-index --explain, with the user's own company file and taxonomy.
#include <catch2/catch.hpp>

#include "support/test_env.h"

namespace t = newsdesk::testing;

namespace {

const char* kArticle =
    "{\"title\": \"Harbor Robotics Wins Port Automation Deal\", \"body\": \"ROTTERDAM, "
    "March 4, 2025 - Harbor Robotics said on Tuesday it will automate two container "
    "terminals. Harbor Robotics shares rose 6 percent.\"}\n";

}  // namespace

TEST_CASE("explain shows each facet with the words that triggered it", "[programs][extract]") {
  t::TempDir dir;
  t::write_file(dir / "a.jsonl", kArticle);
  const auto result =
      t::run(t::program("newsdesk-index"), {"--explain", (dir / "a.jsonl").string()});
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.find("Harbor Robotics Wins Port Automation Deal") == 0);
  CHECK(result.out.find("date: 2025-03-04T00:00:00Z <- \"March 4, 2025\"") != std::string::npos);
  CHECK(result.out.find("Netherlands") != std::string::npos);  // the Rotterdam dateline
  CHECK(result.out.find("\"ROTTERDAM\"") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "db"));  // nothing indexed
}

TEST_CASE("a company file adds the user's companies and --taxonomy replaces the topics",
          "[programs][extract]") {
  t::TempDir dir;
  t::write_file(dir / "a.jsonl", kArticle);
  t::write_file(dir / "companies.tsv",
                "# my watch list\n"
                "harbor-robotics\tHarbor Robotics\tHarbor\tNASDAQ:HRBR\tNL\tIndustrials\t0\n");
  t::write_file(dir / "taxonomy.txt",
                "threshold = 2\n[ports] Ports & terminals\n2: \"container terminal\", port\n");
  const auto result =
      t::run(t::program("newsdesk-index"),
             {"--explain", (dir / "a.jsonl").string(), "--companies",
              (dir / "companies.tsv").string(), "--taxonomy", (dir / "taxonomy.txt").string()});
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.find("harbor-robotics") != std::string::npos);
  CHECK(result.out.find("Ports & terminals") != std::string::npos);
  CHECK(result.out.find("Artificial intelligence") == std::string::npos);  // default taxonomy gone

  t::write_file(dir / "broken.tsv", "only\ttwo columns\n");
  const auto broken = t::run(
      t::program("newsdesk-index"),
      {"--explain", (dir / "a.jsonl").string(), "--companies", (dir / "broken.tsv").string()});
  CHECK(broken.exit_code == 1);
  CHECK(broken.err.find("broken.tsv:1") != std::string::npos);
}

TEST_CASE("indexed articles carry extracted facets and can be searched by them",
          "[programs][extract]") {
  t::TempDir dir;
  t::write_file(dir / "a.jsonl", kArticle);
  const auto db = (dir / "db").string();
  REQUIRE(t::run(t::program("newsdesk-index"), {"--db", db, "--quiet", (dir / "a.jsonl").string()})
              .exit_code == 0);
  const auto nl = t::run(t::program("newsdesk-query"), {"--db", db, "--json", "country:nl"});
  CHECK(nl.out.find("\"total\": 1") != std::string::npos);
  CHECK(nl.out.find("\"date\": \"2025-03-04T00:00:00Z\"") != std::string::npos);
}
