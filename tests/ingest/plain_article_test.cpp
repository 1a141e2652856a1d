#include "ingest/plain_article.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>

#include "support/test_env.h"

using newsdesk::ingest::parse_plain_article;
namespace t = newsdesk::testing;

namespace {
std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
}  // namespace

TEST_CASE("scraper noise is not part of the article", "[ingest][plain]") {
  const auto article = parse_plain_article(slurp(t::data_dir() / "plain/noisy-scrape.txt"));
  REQUIRE(article);
  CHECK(article->title == "Harbor Robotics Raises Forecast After Warehouse Orders Jump");
  CHECK(article->body.rfind("Harbor Robotics said on Tuesday", 0) == 0);  // repeated title gone
  CHECK(article->body.find("Loading stock data") == std::string::npos);
  CHECK(article->body.substr(article->body.size() - 27) == "Mira Castell told analysts.");
  CHECK_FALSE(article->published);
}

TEST_CASE("paragraphs are kept and lines of one paragraph joined", "[ingest][plain]") {
  const auto article = parse_plain_article(slurp(t::data_dir() / "plain/clean.txt"));
  REQUIRE(article);
  CHECK(article->title == "Quiet Ledger Bank Trims Branch Network");
  CHECK(article->body ==
        "Quiet Ledger Bank will close 40 branches next year as customers move to its app. The "
        "bank said no jobs would be cut.\n\nStaff at the closing branches will move to regional "
        "advice centres.");
}

TEST_CASE("CRLF, controls, leading and trailing widgets are cleaned", "[ingest][plain]") {
  const auto article = parse_plain_article(slurp(t::data_dir() / "plain/crlf-noise.txt"));
  REQUIRE(article);
  CHECK(article->title == "Spaces and tabs title");
  CHECK(article->body == "First paragraph with a control char.\n\nSecond paragraph.");
}

TEST_CASE("noise words inside the article are kept", "[ingest][plain]") {
  const auto article = parse_plain_article(
      "Title Here\n\nShare prices rose.\n\nClose\n\nThe market closed higher.\n");
  REQUIRE(article);
  CHECK(article->body == "Share prices rose.\n\nClose\n\nThe market closed higher.");
}

TEST_CASE("a file of only noise or blanks has no article", "[ingest][plain]") {
  CHECK_FALSE(parse_plain_article(""));
  CHECK_FALSE(parse_plain_article("\n\n  \n"));
  CHECK_FALSE(parse_plain_article("Loading stock data...\n\nClose\n"));
}

TEST_CASE("the shared scraped sample parses as the real article", "[ingest][plain][shared]") {
  const std::filesystem::path sample = "corpora/samples/alibaba-apple-ai-partnership.txt";
  if (!t::shared_available(sample)) return;
  const auto article = parse_plain_article(slurp(t::shared_dir() / sample));
  REQUIRE(article);
  CHECK(article->title ==
        "Alibaba Chairman Confirms AI Partnership With Apple for iPhones in China");
  CHECK(article->body.find("Loading stock data") == std::string::npos);
  CHECK(article->body.rfind("Alibaba and Apple Edge Toward", 0) == 0);
  CHECK(article->body.substr(article->body.size() - 6) != "\n\nClose");
  CHECK(article->body.find("shape the future of AI-enabled devices.") ==
        article->body.size() - std::string("shape the future of AI-enabled devices.").size());
  CHECK_FALSE(article->published);
}
