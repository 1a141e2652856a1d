#include "ingest/reuters_sgml.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "errors.h"
#include "extract/dates.h"
#include "support/test_env.h"
#include "text/normalize.h"

using namespace newsdesk;
namespace t = newsdesk::testing;

namespace {

struct Collected {
  std::vector<Article> articles;
  std::vector<ingest::Problem> problems;
  std::size_t returned = 0;
};

Collected read(std::istream& in, std::string_view origin = "fictional.sgm") {
  Collected c;
  c.returned = ingest::read_reuters_sgml(
      in, origin, [&](Article&& a) { c.articles.push_back(std::move(a)); },
      [&](const ingest::Problem& p) { c.problems.push_back(p); });
  return c;
}

Collected read_string(const std::string& sgml) {
  std::istringstream in(sgml);
  return read(in, "memory.sgm");
}

// tests/data/reuters/fictional.sgm: invented stories in the collection's format.
Collected read_fixture() {
  std::ifstream in(t::data_dir() / "reuters/fictional.sgm", std::ios::binary);
  REQUIRE(in);
  return read(in);
}

std::string element(int newid, const std::string& title, const std::string& body) {
  return "<REUTERS TOPICS=\"NO\" NEWID=\"" + std::to_string(newid) +
         "\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TOPICS></TOPICS>\n<PLACES></PLACES>\n" +
         "<TEXT>&#2;\n<TITLE>" + title + "</TITLE>\n<DATELINE>    TESTVILLE, Feb 26 - " +
         "</DATELINE><BODY>" + body + "\n&#3;</BODY></TEXT>\n</REUTERS>\n";
}

std::string iso(const std::optional<std::int64_t>& t) {
  return t ? extract::format_iso8601(*t) : "(none)";
}

}  // namespace

TEST_CASE("a normal Reuters element gives title, dateline, body, date and codes",
          "[ingest][reuters]") {
  const Collected c = read_fixture();
  REQUIRE(c.articles.size() == 6);
  CHECK(c.returned == 6);
  const Article& a = c.articles[0];
  CHECK(a.source == "Reuters");
  CHECK(a.source_id == "9001");
  CHECK(a.title == "NORTHWIND MILLS <NWM> RAISES FLOUR OUTPUT");
  CHECK(a.dateline == "MAPLETON, March 2");
  CHECK(a.body ==
        "Northwind Mills Inc said it will raise flour output at its Mapleton plant by 12 pct "
        "from April, citing firmer demand from bakeries in the <Great Lakes> region.\n\n"
        "The company said the expansion, its first since 1984, would be financed from cash "
        "flow and cost about 4.5 mln dlrs.\n\n"
        "\"We see steady, non-cyclical growth,\" a spokesman said.");
  CHECK(iso(a.published) == "1987-03-02T09:15:05Z");
  CHECK(a.reference_topics == std::vector<std::string>{"grain", "wheat"});
  CHECK(a.reference_places == std::vector<std::string>{"usa", "canada"});
  CHECK(a.origin == "fictional.sgm");
  CHECK(a.origin_line == 1);
}

TEST_CASE("Reuters elements without BODY keep their title", "[ingest][reuters]") {
  const Collected c = read_fixture();
  REQUIRE(c.articles.size() == 6);

  SECTION("a NORM story with title and dateline only, its date followed by noise") {
    const Article& a = c.articles[1];
    CHECK(a.source_id == "9002");
    CHECK(a.title == "HARBOUR LINES SETS SPECIAL MEETING");
    CHECK(a.dateline == "PORT ELLIS, March 27");
    CHECK(a.body.empty());
    CHECK(iso(a.published) == "1987-03-27T00:02:59Z");
    CHECK(a.reference_topics.empty());
    CHECK(a.reference_places == std::vector<std::string>{"uk"});
  }
  SECTION("a BRIEF story is its headline; the placeholder text is dropped") {
    const Article& a = c.articles[2];
    CHECK(a.source_id == "9003");
    CHECK(a.title == "KESTREL BANK CUTS PRIME RATE TO 7.25 PCT FROM 7.50");
    CHECK(a.body.empty());
    CHECK(a.dateline.empty());
    CHECK(iso(a.published) == "1987-03-03T10:16:24Z");
  }
  SECTION("an UNPROC story's first line is its title, the rest its body") {
    const Article& a = c.articles[3];
    CHECK(a.source_id == "9004");
    CHECK(a.title == "KESTREL GRAIN EXCHANGE CLOSING - MAR 3");
    CHECK(a.body == "Wheat Mar 112.50 up 0.25\n\nWheat May 114.00 unch");
    CHECK(iso(a.published) == "1987-03-03T13:04:18Z");
  }
}

TEST_CASE("Reuters text has its references decoded and its invalid UTF-8 repaired",
          "[ingest][reuters]") {
  const Collected c = read_fixture();
  REQUIRE(c.articles.size() == 6);
  const Article& a = c.articles[4];
  CHECK(a.source_id == "9005");
  CHECK(a.title == "CAF\xC3\x89 LUMI\xC3\x88RE & CO SEES HIGHER SALES");
  CHECK(a.body ==
        "Caf\xC3\xA9 Lumi\xC3\xA8re & Co said its chairman, J\xC3\xBCrgen Falk, sees sales up 8 "
        "pct \xE2\x80\x94 or more \xE2\x80\x93 this year.\n\n"
        "Its \xE2\x80\x99"
        "Aurora\xE2\x80\x99 brand sold well in Kiel. Bad bytes follow:\xEF\xBF\xBD"
        "side \xEF\xBF\xBD end\xEF\xBF\xBD.");
  CHECK(text::repair_utf8(a.body) == a.body);
  CHECK(a.reference_places == std::vector<std::string>{"west-germany"});
}

TEST_CASE("a Reuters date that cannot be read leaves the story undated, with a warning",
          "[ingest][reuters]") {
  const Collected c = read_fixture();
  REQUIRE(c.articles.size() == 6);
  CHECK_FALSE(c.articles[4].published);
  REQUIRE(c.problems.size() == 3);
  const ingest::Problem& p = c.problems[0];
  CHECK(p.origin == "fictional.sgm");
  CHECK(p.line == 5);
  CHECK_FALSE(p.skipped);
  CHECK(p.message.find("605:12:19.12") != std::string::npos);
  CHECK(p.message.find("9005") != std::string::npos);
}

TEST_CASE("text the dateline swallowed goes back to the body", "[ingest][reuters]") {
  const Collected c = read_fixture();
  REQUIRE(c.articles.size() == 6);
  const Article& a = c.articles[5];
  CHECK(a.source_id == "9006");
  CHECK(a.dateline == "ORCHARD BAY, April 7");
  // The word broken at its hyphen across the two elements is joined again.
  CHECK(a.body ==
        "Quarterly net profit at the co-operative rose to 3.2 mln dlrs from 2.9 mln.\n\n"
        "Sales were 41.0 mln dlrs vs 38.5 mln.");
  CHECK(iso(a.published) == "1987-04-07T16:22:00Z");
  CHECK(a.origin_line == 6);
}

TEST_CASE("Reuters elements without NEWID or cut off are reported and skipped",
          "[ingest][reuters]") {
  const Collected c = read_fixture();
  REQUIRE(c.problems.size() == 3);
  CHECK(c.problems[1].line == 7);
  CHECK(c.problems[1].skipped);
  CHECK(c.problems[1].message.find("NEWID") != std::string::npos);
  CHECK(c.problems[2].line == 8);
  CHECK(c.problems[2].skipped);
  CHECK(c.problems[2].message.find("end of the file") != std::string::npos);
  for (const Article& a : c.articles) CHECK(a.source_id != "9008");
}

TEST_CASE("the Reuters signature and paragraph layout are handled", "[ingest][reuters]") {
  const struct {
    const char* body;
    const char* expected;
  } cases[] = {
      {"One line.", "One line."},
      {"Ends with a signature.\n REUTER\r", "Ends with a signature."},
      {"Shouted signature.        REUTER...", "Shouted signature."},
      {"Lower case.\n reuter", "Lower case."},
      {"Says Reuters.", "Says Reuters."},  // not the signature
      {"First line\nsame paragraph.\n    Second paragraph.",
       "First line same paragraph.\n\n"
       "Second paragraph."},
      {"Blank\n\nline.", "Blank\n\nline."},
      {"A mid-\nMarch date, a 1986-\n87 season, a dash -\nkept.",
       "A mid-March date, a 1986-87 season, a dash - kept."},
      {"Tab\tand  spaces.", "Tab and spaces."},
  };
  for (const auto& k : cases) {
    CAPTURE(k.body);
    const Collected c = read_string(element(1, "T", k.body));
    REQUIRE(c.articles.size() == 1);
    CHECK(c.articles[0].body == k.expected);
  }
}

TEST_CASE("Reuters elements are found across chunk boundaries", "[ingest][reuters]") {
  // About 800 KB of elements of uneven size: a dozen 64 KiB reads.
  std::string sgml = "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n";
  const int kCount = 3000;
  for (int i = 1; i <= kCount; ++i) {
    sgml += element(i, "STORY " + std::to_string(i),
                    std::string(static_cast<std::size_t>(i % 97), 'x'));
  }
  const Collected c = read_string(sgml);
  CHECK(c.problems.empty());
  REQUIRE(c.articles.size() == kCount);
  for (int i = 0; i < kCount; ++i) {
    if (c.articles[static_cast<std::size_t>(i)].source_id != std::to_string(i + 1)) {
      FAIL("article " << i << " is NEWID " << c.articles[static_cast<std::size_t>(i)].source_id);
    }
  }
  CHECK(c.articles.back().title == "STORY 3000");
  CHECK(c.articles.back().origin_line == kCount);
}

TEST_CASE("Reuters tags cut in two by a read are still found", "[ingest][reuters]") {
  // The reader reads 64 KiB at a time: put a close tag across the first boundary
  // and a start tag across the second.
  const std::size_t kChunk = 64 * 1024;
  const std::string empty_first = element(1, "ONE", "");
  const std::size_t body_size = kChunk - 4 - empty_first.find("</REUTERS>");
  std::string sgml = element(1, "ONE", std::string(body_size, 'x'));
  REQUIRE(sgml.find("</REUTERS>") == kChunk - 4);
  sgml += std::string(2 * kChunk - 3 - sgml.size(), '\n');
  sgml += element(2, "TWO", "Second.") + element(3, "THREE", "Third.");
  REQUIRE(sgml.find("<REUTERS", kChunk) == 2 * kChunk - 3);
  const Collected c = read_string(sgml);
  CHECK(c.problems.empty());
  REQUIRE(c.articles.size() == 3);
  CHECK(c.articles[0].body == std::string(body_size, 'x'));
  CHECK(c.articles[1].title == "TWO");
  CHECK(c.articles[2].body == "Third.");
}

TEST_CASE("a Reuters element left open is skipped and the next one read", "[ingest][reuters]") {
  const std::string sgml = "<REUTERS NEWID=\"1\">\n<TEXT><TITLE>LEFT OPEN</TITLE><BODY>Text\n" +
                           element(2, "CLOSED", "Body text.");
  const Collected c = read_string(sgml);
  REQUIRE(c.articles.size() == 1);
  CHECK(c.articles[0].source_id == "2");
  CHECK(c.articles[0].origin_line == 2);
  REQUIRE(c.problems.size() == 1);
  CHECK(c.problems[0].line == 1);
  CHECK(c.problems[0].skipped);
}

TEST_CASE("a Reuters element with neither title nor body is kept and reported",
          "[ingest][reuters]") {
  const Collected c = read_string(
      "<REUTERS NEWID=\"7\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TEXT>&#2;\n&#3;</TEXT>\n"
      "</REUTERS>\n<REUTERS NEWID=\"8\"><TEXT><TITLE>KEPT</TITLE></TEXT></REUTERS>");
  REQUIRE(c.articles.size() == 2);
  CHECK(c.articles[0].source_id == "7");
  CHECK(c.articles[0].title.empty());
  CHECK(c.articles[0].published);
  CHECK(c.articles[1].title == "KEPT");
  CHECK_FALSE(c.articles[1].published);  // no <DATE>: undated, and no warning for it
  REQUIRE(c.problems.size() == 1);
  CHECK(c.problems[0].line == 1);
  CHECK_FALSE(c.problems[0].skipped);
  CHECK(c.problems[0].message == "NEWID 7: no title and no body (kept, empty)");
}

TEST_CASE("a stream without any <REUTERS> element is not Reuters SGML", "[ingest][reuters]") {
  CHECK_THROWS_AS(read_string("<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\nnothing here\n"),
                  IngestError);
}

TEST_CASE("the whole Reuters-21578 collection reads cleanly", "[reuters][shared]") {
  const std::filesystem::path dir = t::shared_dir() / "corpora/reuters21578";
  if (!t::shared_available("corpora/reuters21578")) return;

  struct Expected {
    const char* file;
    const char* title;
    const char* published;
    const char* dateline;
    std::vector<std::string> topics;
    std::vector<std::string> places;
  };
  const std::map<std::string, Expected> expected = {
      {"1",
       {"reut2-000.sgm",
        "BAHIA COCOA REVIEW",
        "1987-02-26T15:01:01Z",
        "SALVADOR, Feb 26",
        {"cocoa"},
        {"el-salvador", "usa", "uruguay"}}},
      {"5009",
       {"reut2-005.sgm",
        "U.S. MEAT GROUP TO FILE TRADE COMPLAINTS",
        "1987-03-13T15:21:39Z",
        "WASHINGTON, March 13",
        {"livestock", "carcass"},
        {"usa"}}},
      {"10005",
       {"reut2-010.sgm",
        "U.K. GROWING IMPATIENT WITH JAPAN - THATCHER",
        "1987-03-26T12:19:18Z",
        "LONDON, March 26",
        {"trade", "acq"},
        {"uk", "japan"}}},
      {"14609",
       {"reut2-014.sgm",
        "CANADA STOCKS CLOSE LOWER ON PROFIT TAKING",
        "1987-04-07T16:22:00Z",
        "TORONTO, April 7",
        {},
        {}}},
      {"17980",
       {"reut2-017.sgm",
        "LAWSON SAYS LOUVRE CURRENCY ACCORD SATISFACTORY",
        "1987-06-02T09:14:36Z",
        "LONDON, June 2",
        {"money-fx"},
        {"uk", "west-germany", "japan", "usa"}}},
      {"21002",
       {"reut2-021.sgm",
        "HUGE OIL PLATFORMS DOT GULF LIKE BEACONS",
        "1987-10-19T15:35:53Z",
        "BAHRAIN, Oct 19",
        {"crude", "ship"},
        {"bahrain", "iran", "usa"}}},
  };

  std::size_t articles = 0;
  std::size_t returned = 0;
  std::vector<ingest::Problem> skipped;
  std::vector<ingest::Problem> warnings;
  std::size_t empty = 0;
  std::set<std::string> ids;
  std::map<std::string, std::pair<std::string, Article>> found;  // NEWID -> (file, article)
  std::size_t invalid_utf8_in_017 = 0;
  std::size_t replacements_in_017 = 0;
  for (int n = 0; n < 22; ++n) {
    char name[32];
    std::snprintf(name, sizeof name, "reut2-%03d.sgm", n);
    const std::string file = name;
    std::ifstream in(dir / file, std::ios::binary);
    REQUIRE(in);
    const auto on_article = [&](Article&& a) {
      ++articles;
      if (a.title.empty() && a.body.empty()) ++empty;
      ids.insert(a.source_id);
      if (file == "reut2-017.sgm") {
        for (const std::string* s : {&a.title, &a.body, &a.dateline}) {
          if (text::repair_utf8(*s) != *s) ++invalid_utf8_in_017;
          if (s->find("\xEF\xBF\xBD") != std::string::npos) ++replacements_in_017;
        }
      }
      if (expected.count(a.source_id) != 0) found.emplace(a.source_id, std::pair(file, a));
    };
    const auto on_problem = [&](const ingest::Problem& p) {
      (p.skipped ? skipped : warnings).push_back(p);
    };
    REQUIRE_NOTHROW(returned += ingest::read_reuters_sgml(in, file, on_article, on_problem));
  }

  // 21,578 elements, 21,578 articles. NEWID 12793 is an UNPROC element whose
  // <TEXT> holds nothing but the &#2; and &#3; marks: kept, empty, reported.
  CHECK(articles == 21578);
  CHECK(returned == 21578);
  CHECK(ids.size() == 21578);
  CHECK(skipped.empty());
  CHECK(empty == 1);
  CHECK(invalid_utf8_in_017 == 0);
  CHECK(replacements_in_017 >= 1);
  // The empty element, and the collection's one unreadable date
  // ("31-MAR-1987 605:12:19.12").
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0].origin == "reut2-012.sgm");
  CHECK(warnings[0].line == 793);
  CHECK(warnings[0].message == "NEWID 12793: no title and no body (kept, empty)");
  CHECK(warnings[1].origin == "reut2-017.sgm");
  CHECK(warnings[1].message.find("NEWID 17192") != std::string::npos);

  for (const auto& [newid, want] : expected) {
    CAPTURE(newid);
    REQUIRE(found.count(newid) == 1);
    const auto& [file, a] = found.at(newid);
    CHECK(file == want.file);
    CHECK(a.source == "Reuters");
    CHECK(a.title == want.title);
    CHECK(iso(a.published) == want.published);
    CHECK(a.dateline == want.dateline);
    CHECK(a.reference_topics == want.topics);
    CHECK(a.reference_places == want.places);
    CHECK_FALSE(a.body.empty());
    const std::string tail = a.body.substr(a.body.size() - std::min<std::size_t>(6, a.body.size()));
    CHECK(text::fold(tail) != "reuter");  // the signature is gone
  }
  const Article& cocoa = found.at("1").second;
  CHECK(cocoa.body.rfind(
            "Showers continued throughout the week in the Bahia cocoa zone, alleviating the "
            "drought since early January",
            0) == 0);
  CHECK(cocoa.body.find("\n\nThe dry period means the temporao will be late this year.\n\n") !=
        std::string::npos);
  // The one bad byte of reut2-017.sgm is in NEWID 17980: "growth.<0xFC>&#5;&#30;side".
  CHECK(found.at("17980").second.body.find("growth.\xEF\xBF\xBDside measures") !=
        std::string::npos);
}
