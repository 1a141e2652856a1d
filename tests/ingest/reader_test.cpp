#include "ingest/reader.h"

#include <catch2/catch.hpp>

#include "errors.h"
#include "support/test_env.h"

using namespace newsdesk;
namespace t = newsdesk::testing;

TEST_CASE("format is detected by content, then extension", "[ingest]") {
  CHECK(ingest::detect_format("a.txt", "Title\n\nBody") == ingest::Format::PlainText);
  CHECK(ingest::detect_format("a.jsonl", "Title\n") == ingest::Format::JsonLines);
  CHECK(ingest::detect_format("export.dat", "  {\"title\": \"x\"}\n") == ingest::Format::JsonLines);
  CHECK(ingest::detect_format("x", "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS TOPICS=") ==
        ingest::Format::ReutersSgml);
  CHECK(ingest::detect_format("x", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">") ==
        ingest::Format::Feed);
  CHECK(ingest::detect_format(
            "x", "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">") ==
        ingest::Format::Feed);
  CHECK(ingest::detect_format("page.txt", "<!DOCTYPE html>\n<html lang=en>") ==
        ingest::Format::Html);
  CHECK(ingest::detect_format("saved", "  <html><head><title>x</title>") == ingest::Format::Html);
  CHECK(ingest::detect_format("a.htm", "<div>fragment</div>") == ingest::Format::Html);
  CHECK(ingest::detect_format("a.sgm", "garbage") == ingest::Format::ReutersSgml);
  CHECK(ingest::detect_format("notes.txt", "<b>bold</b> claims") == ingest::Format::PlainText);
  CHECK_THROWS_AS(ingest::detect_format("a.txt", "  \n\n"), IngestError);
  CHECK_THROWS_AS(ingest::detect_format("a.txt", std::string("\x7f"
                                                             "ELF\x02\x01\0\0",
                                                             8)),
                  IngestError);
}

TEST_CASE("read_file reports a binary or empty file as a whole-file error", "[ingest]") {
  t::TempDir dir;
  t::write_file(dir / "empty.txt", "");
  t::write_file(dir / "image.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  const auto noop = [](Article&&) {};
  const auto ignore = [](const ingest::Problem&) {};
  CHECK_THROWS_WITH(ingest::read_file(dir / "empty.txt", noop, ignore), "empty file");
  CHECK_THROWS_WITH(ingest::read_file(dir / "image.txt", noop, ignore), "binary data, not text");
  CHECK_THROWS_WITH(ingest::read_file(dir / "missing.txt", noop, ignore), "cannot open file");
}

TEST_CASE("read_file delivers articles with their origin", "[ingest]") {
  std::vector<Article> got;
  const auto n = ingest::read_file(
      t::data_dir() / "plain/clean.txt", [&](Article&& a) { got.push_back(std::move(a)); },
      [](const ingest::Problem&) {});
  REQUIRE(n == 1);
  CHECK(got[0].origin == (t::data_dir() / "plain/clean.txt").string());
}
