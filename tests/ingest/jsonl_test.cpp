#include "ingest/jsonl.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "support/test_env.h"

using namespace newsdesk;
namespace t = newsdesk::testing;

namespace {
struct Collected {
  std::vector<Article> articles;
  std::vector<ingest::Problem> problems;
};

Collected read(std::istream& in) {
  Collected c;
  ingest::read_jsonl(
      in, "mixed.jsonl", [&](Article&& a) { c.articles.push_back(std::move(a)); },
      [&](const ingest::Problem& p) { c.problems.push_back(p); });
  return c;
}
}  // namespace

TEST_CASE("good JSON lines become articles with all their fields", "[ingest][jsonl]") {
  std::ifstream in(t::data_dir() / "jsonl/mixed.jsonl");
  const Collected c = read(in);
  REQUIRE(c.articles.size() == 3);
  const Article& first = c.articles[0];
  CHECK(first.title == "Copper Mine Strike Ends After Pay Deal");
  CHECK(first.body ==
        "Workers at the Cerro Alto mine voted to accept a 7 percent raise.\n\nOutput should "
        "recover within two weeks.");
  CHECK(first.url == "https://wire.example/copper-strike-ends");
  CHECK(first.source == "Test Wire");
  CHECK(first.published == 1741080600);
  CHECK(first.companies == std::vector<std::string>{"Cerro Alto Mining"});
  CHECK(first.countries == std::vector<std::string>{"CL"});
  CHECK(first.topics == std::vector<std::string>{"commodities", "labour"});
  CHECK(first.origin == "mixed.jsonl");
  CHECK(first.origin_line == 1);
  CHECK(c.articles[2].published == 1731391500);  // 14:05 +08:00 = 06:05 UTC
}

TEST_CASE("bad JSON lines are reported with their line number and skipped", "[ingest][jsonl]") {
  std::ifstream in(t::data_dir() / "jsonl/mixed.jsonl");
  const Collected c = read(in);
  std::vector<std::pair<std::size_t, bool>> reported;
  for (const auto& p : c.problems) {
    CHECK(p.origin == "mixed.jsonl");
    reported.emplace_back(p.line, p.skipped);
  }
  // 2: broken JSON, 3: not an object, 5: no title, 6: wrong type (skipped);
  // 7: unreadable date (kept, undated). Line 4 is blank and ignored.
  CHECK(reported == std::vector<std::pair<std::size_t, bool>>{
                        {2, true}, {3, true}, {5, true}, {6, true}, {7, false}});
  CHECK(c.problems[3].message.find("companies") != std::string::npos);
  REQUIRE(c.articles.size() == 3);
  CHECK(c.articles[1].title == "Undated Because The Date Is Garbage");
  CHECK_FALSE(c.articles[1].published);
}

TEST_CASE("invalid UTF-8 inside a JSON line is repaired, not fatal", "[ingest][jsonl]") {
  std::istringstream in("{\"title\": \"Caf\xff Opens\", \"body\": \"text\"}\n");
  const Collected c = read(in);
  REQUIRE(c.articles.size() == 1);
  CHECK(c.articles[0].title == "Caf\xef\xbf\xbd Opens");
  CHECK(c.problems.empty());
}
