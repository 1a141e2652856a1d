#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/test_env.h"

namespace t = newsdesk::testing;

namespace {
std::string build_index(const t::TempDir& dir) {
  const auto db = (dir / "db").string();
  t::run(t::program("newsdesk-index"), {"--db", db, "--quiet", (t::data_dir() / "plain").string(),
                                        (t::data_dir() / "jsonl").string()});
  return db;
}
}  // namespace

TEST_CASE("newsdesk-query --json prints the API's JSON", "[programs]") {
  t::TempDir dir;
  const auto db = build_index(dir);
  const auto result =
      t::run(t::program("newsdesk-query"), {"--db", db, "--json", "copper", "strike"});
  REQUIRE(result.exit_code == 0);
  const auto json = nlohmann::json::parse(result.out);
  CHECK(json["query"] == "copper strike");
  CHECK(json["total"] == 1);
  REQUIRE(json["results"].size() == 1);
  const auto& hit = json["results"][0];
  CHECK(hit["title"] == "Copper Mine Strike Ends After Pay Deal");
  CHECK(hit["title_html"] == "<mark>Copper</mark> Mine <mark>Strike</mark> Ends After Pay Deal");
  CHECK(hit["date"] == "2025-03-04T09:30:00Z");
  CHECK(hit["url"] == "https://wire.example/copper-strike-ends");
  CHECK(hit["countries"] == nlohmann::json::array({"CL"}));
  for (const char* key : {"id", "source", "snippet", "companies", "topics", "score"}) {
    CHECK(hit.contains(key));
  }
}

TEST_CASE("newsdesk-query prints ranked text with title, date and snippet", "[programs]") {
  t::TempDir dir;
  const auto db = build_index(dir);
  const auto result = t::run(t::program("newsdesk-query"), {"--db", db, "branches"});
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.find("1. Quiet Ledger Bank Trims Branch Network\n   date unknown\n") == 0);
  CHECK(result.out.find("close 40 branches") != std::string::npos);  // snippet, tags dropped
  CHECK(result.out.find("<mark>") == std::string::npos);
  CHECK(result.out.find("1 results, 1 shown") != std::string::npos);
}

TEST_CASE("newsdesk-query reports a missing index and bad requests", "[programs]") {
  t::TempDir dir;
  const auto missing = t::run(t::program("newsdesk-query"), {"--db", (dir / "none").string(), "x"});
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("newsdesk-index") != std::string::npos);
  const auto db = build_index(dir);
  const auto bad = t::run(t::program("newsdesk-query"), {"--db", db, "--size", "0", "x"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("size must be") != std::string::npos);
}

TEST_CASE("newsdesk-query takes the API's filters as flags and prints facet counts", "[programs]") {
  t::TempDir dir;
  const auto db = build_index(dir);
  const auto filtered = t::run(t::program("newsdesk-query"),
                               {"--db", db, "--json", "--country", "Chile", "--facets", "5"});
  REQUIRE(filtered.exit_code == 0);
  const auto json = nlohmann::json::parse(filtered.out);
  REQUIRE(json["total"] == 1);
  CHECK(json["results"][0]["countries"] == nlohmann::json::array({"CL"}));
  CHECK(json["facets"]["country"]["values"][0]["key"] == "cl");
  CHECK(json["facets"]["country"]["values"][0]["selected"] == true);

  const auto text = t::run(t::program("newsdesk-query"), {"--db", db, "copper"});
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("\ncountry: Chile (1)") != std::string::npos);

  const auto bad = t::run(t::program("newsdesk-query"), {"--db", db, "--sort", "sideways", "x"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("sort must be relevance, date or recent") != std::string::npos);
}
