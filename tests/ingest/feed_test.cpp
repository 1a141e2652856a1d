#include "ingest/feed.h"

#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <streambuf>

#include "errors.h"
#include "ingest/reader.h"
#include "support/test_env.h"

using namespace newsdesk;
namespace t = newsdesk::testing;

namespace {

struct Collected {
  std::vector<Article> articles;
  std::vector<ingest::Problem> problems;
  std::size_t returned = 0;
};

Collected read(std::istream& in, std::string_view origin = "feed.xml") {
  Collected c;
  c.returned = ingest::read_feed(
      in, origin, [&](Article&& a) { c.articles.push_back(std::move(a)); },
      [&](const ingest::Problem& p) { c.problems.push_back(p); });
  return c;
}

Collected read_data(const std::string& name) {
  std::ifstream in(t::data_dir() / "feeds" / name, std::ios::binary);
  REQUIRE(in);
  return read(in, name);
}

Collected read_string(const std::string& xml) {
  std::istringstream in(xml);
  return read(in);
}

// A feed of `items` items made up as it is read: never whole in memory, and
// it counts how much of it the reader has pulled.
class GeneratedFeed : public std::streambuf {
 public:
  explicit GeneratedFeed(std::size_t items) : items_(items) {
    chunk_ =
        "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Generated Wire</title>\n";
    setg(chunk_.data(), chunk_.data(), chunk_.data() + chunk_.size());
  }
  [[nodiscard]] std::size_t served() const { return served_; }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    served_ += chunk_.size();
    if (next_ > items_) return traits_type::eof();
    if (next_ == items_) {
      chunk_ = "</channel></rss>\n";
    } else {
      const std::string n = std::to_string(next_);
      chunk_ = "<item><title>Generated story " + n + "</title><guid>gen-" + n +
               "</guid><pubDate>Tue, 04 Mar 2025 09:30:00 GMT</pubDate><description>&lt;p&gt;" +
               std::string(400, 'x') + " " + n + "&lt;/p&gt;</description></item>\n";
    }
    ++next_;
    setg(chunk_.data(), chunk_.data(), chunk_.data() + chunk_.size());
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::size_t items_;
  std::size_t next_ = 0;
  std::size_t served_ = 0;
  std::string chunk_;
};

// Everything written to file descriptor 2 while `run` runs.
template <class Run>
std::string capture_stderr(Run&& run) {
  std::fflush(stderr);
  char path[] = "/tmp/newsdesk-stderr-XXXXXX";
  const int fd = ::mkstemp(path);
  REQUIRE(fd >= 0);
  const int saved = ::dup(2);
  ::dup2(fd, 2);
  try {
    run();
  } catch (...) {
  }
  std::fflush(stderr);
  ::dup2(saved, 2);
  ::close(saved);
  ::close(fd);
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  ::unlink(path);
  return out.str();
}

}  // namespace

TEST_CASE("an RSS 2.0 feed gives one article per item", "[ingest][feed]") {
  const Collected c = read_data("rss2.xml");
  REQUIRE(c.articles.size() == 5);
  CHECK(c.returned == 5);
  for (const Article& a : c.articles) {
    CHECK(a.source == "Lakeside Business Wire");
    CHECK(a.origin == "rss2.xml");
  }

  const Article& first = c.articles[0];
  CHECK(first.title == "Grain Exporter Wins Port Concession");
  CHECK(first.url == "https://lakeside-wire.example/2025/03/04/grain-exporter-port-concession/");
  CHECK(first.source_id == "https://lakeside-wire.example/?p=48211");
  CHECK(first.published == 1741080600);
  CHECK(first.origin_line == 1);
  // content:encoded, not the description; its HTML stripped, scripts dropped.
  CHECK(first.body ==
        "Harvest Line Grain won a 30-year concession to run the north terminal at Port Calloway, "
        "the port authority said on Tuesday.\n\n"
        "The company plans to invest $140 million in new silos.\n\n"
        "Share\n\n"
        "The post Grain Exporter Wins Port Concession appeared first on Lakeside Business Wire.");

  const Article& second = c.articles[1];
  CHECK(second.published == 1741080600);  // 17:30 +0800
  CHECK(second.body == "Lakeside Power & Light lifted its five-year spending plan to $9 billion.");
  CHECK(second.source_id == "https://lakeside-wire.example/2025/03/04/utility-capex/");

  const Article& third = c.articles[2];
  // No <link>: the guid is the permalink. "25" is 2025; 23:30 EST is 04:30 UTC next day.
  CHECK(third.url == "https://lakeside-wire.example/2025/03/03/retailer-closes-stores/");
  CHECK(third.published == 1741062600);
  CHECK(third.body == "Marlow & Finch will close twelve stores.\n\nAbout 400 jobs are affected.");

  CHECK(c.articles[3].published == 1740891600);  // dc:date, ISO 8601 with +01:00
  CHECK(c.articles[3].origin_line == 4);
  CHECK(c.articles[4].title == "Undated Bulletin");
  CHECK_FALSE(c.articles[4].published);
}

TEST_CASE("RSS items with a bad date or no content are reported with their number",
          "[ingest][feed]") {
  const Collected c = read_data("rss2.xml");
  REQUIRE(c.problems.size() == 2);
  CHECK(c.problems[0].origin == "rss2.xml");
  CHECK(c.problems[0].line == 5);
  CHECK_FALSE(c.problems[0].skipped);  // kept, undated
  CHECK(c.problems[0].message.find("sometime last week") != std::string::npos);
  CHECK(c.problems[1].line == 6);
  CHECK(c.problems[1].skipped);
  CHECK(c.problems[1].message.find("neither a title nor any text") != std::string::npos);
}

TEST_CASE("an Atom feed gives one article per entry", "[ingest][feed]") {
  const Collected c = read_data("atom.xml");
  REQUIRE(c.articles.size() == 3);
  CHECK(c.problems.empty());
  for (const Article& a : c.articles) CHECK(a.source == "Pinecrest Tech Report");

  const Article& first = c.articles[0];
  CHECK(first.title == "Cloud Provider Cuts Storage Prices");  // type="html"
  CHECK(first.url == "https://pinecrest-tech.example/2025/03/cloud-storage-prices");
  CHECK(first.source_id == "tag:pinecrest-tech.example,2025:post-101");
  CHECK(first.published == 1741080600);  // <published>, not <updated>
  CHECK(first.body ==
        "Nimbus Cloud cut object storage prices by 18 percent.\n\nThe change takes effect in "
        "April.");

  const Article& second = c.articles[1];
  CHECK(second.published == 1741038300);  // only <updated>: 16:45 -05:00
  // rel defaults to "alternate"; relative to xml:base; the enclosure is not the page.
  CHECK(second.url == "https://pinecrest-tech.example/2025/03/voltgrid-series-b");
  CHECK(second.body == "VoltGrid raised $45 million to expand its battery management software.");

  const Article& third = c.articles[2];
  CHECK(third.title == "Fab Output <Rises> in February");  // type="text": no markup
  CHECK(third.body ==
        "Wafer output at the Riverside fab rose 6 percent in February.\n\nYields improved on the "
        "newer line.");
  CHECK(third.published == 1740787200);
}

TEST_CASE("XML entities, CDATA and the HTML inside them are decoded", "[ingest][feed]") {
  const Collected c = read_data("entities-cdata.xml");
  REQUIRE(c.articles.size() == 1);
  const Article& a = c.articles[0];
  CHECK(a.source == "Caf\xc3\xa9 & Commerce Daily");
  CHECK(a.title == "S&P 500 Edges Up; Nestl\xc3\xa9\xe2\x80\x99s Outlook & Q&A");
  CHECK(a.url == "https://cafecommerce.example/markets/sp500?id=7&ref=rss");
  CHECK(a.source_id == "cc-2025-0042");
  CHECK_FALSE(a.url == a.source_id);
  CHECK(a.published == 1741298400);  // 14:00 PST
  CHECK(a.body ==
        "Markets\n\n"
        "The S&P 500 rose 0.4% \xe2\x80\x94 its third gain in a row.\n\n"
        "Nestl\xc3\xa9 said \xe2\x80\x9c"
        "demand is steady\xe2\x80\x9d & kept its full-year guidance <unchanged>.\n\n"
        "Fish & chips\ncost more.");
}

TEST_CASE("a feed broken after two items keeps them and reports the error", "[ingest][feed]") {
  const Collected c = read_data("malformed.xml");
  REQUIRE(c.articles.size() == 2);
  CHECK(c.returned == 2);
  CHECK(c.articles[0].title == "Bond Yields Climb");
  CHECK(c.articles[1].title == "Dollar Slips Against Yen");
  CHECK(c.articles[1].published == 1741161600);
  REQUIRE(c.problems.size() == 1);
  CHECK(c.problems[0].origin == "malformed.xml");
  CHECK(c.problems[0].line == 3);  // the item being read
  CHECK(c.problems[0].skipped);
  CAPTURE(c.problems[0].message);
  CHECK(c.problems[0].message.find("not well formed at line 20") != std::string::npos);
  CHECK(c.problems[0].message.find("mismatch") != std::string::npos);
}

TEST_CASE("every item finished before an error is kept, wherever the error falls",
          "[ingest][feed]") {
  // libxml2 parses in chunks; shifting the error across chunk boundaries must
  // not lose the items just before it.
  for (std::size_t padding = 0; padding < 1200; padding += 37) {
    std::string xml = "<?xml version=\"1.0\"?>\n<!-- " + std::string(padding, '.') +
                      " -->\n<rss version=\"2.0\"><channel><title>Wire</title>\n";
    for (int i = 1; i <= 5; ++i) {
      xml += "<item><title>Story " + std::to_string(i) + "</title><description>" +
             std::string(static_cast<std::size_t>(i) * 90, 'w') + "</description></item>\n";
    }
    xml += "<item><title>Broken</title><description>x</descr></item></channel></rss>\n";
    CAPTURE(padding);
    const Collected c = read_string(xml);
    CHECK(c.articles.size() == 5);
    REQUIRE(c.problems.size() == 1);
    CHECK(c.problems[0].line == 6);
    // Cut off or broken right after an item's end tag, outside any item.
    for (const char* ending : {"", "</chanel></rss>"}) {
      CAPTURE(ending);
      const Collected d =
          read_string("<?xml version=\"1.0\"?>\n<!-- " + std::string(padding, '.') +
                      " -->\n<rss version=\"2.0\"><channel><title>Wire</title>\n"
                      "<item><title>One</title></item><item><title>Two</title></item>" +
                      std::string(ending));
      CHECK(d.articles.size() == 2);
      REQUIRE(d.problems.size() == 1);
      CHECK(d.problems[0].line == 0);
    }
  }
}

TEST_CASE("XML that is broken before the first item is a whole-file error", "[ingest][feed]") {
  CHECK_THROWS_AS(read_string("<rss version=\"2.0\"><channel><title>X</title><item><title>A"
                              "</titel></item></channel></rss>"),
                  IngestError);
  CHECK_THROWS_AS(read_string("<rss><channel><title>Unclosed"), IngestError);
  CHECK_THROWS_WITH(read_string("<?xml version=\"1.0\"?><html><body>page</body></html>"),
                    Catch::Contains("not an RSS or Atom feed"));
  // A well-formed feed with no items is fine.
  const Collected empty = read_string(
      "<rss version=\"2.0\"><channel><title>Quiet</title>"
      "</channel></rss>");
  CHECK(empty.articles.empty());
  CHECK(empty.problems.empty());
}

TEST_CASE("a billion-laughs feed is refused at once", "[ingest][feed]") {
  const auto start = std::chrono::steady_clock::now();
  std::size_t delivered = 0;
  std::ifstream in(t::data_dir() / "feeds/billion-laughs.xml", std::ios::binary);
  REQUIRE(in);
  CHECK_THROWS_WITH(
      ingest::read_feed(
          in, "billion-laughs.xml", [&](Article&&) { ++delivered; }, [](const ingest::Problem&) {}),
      "feed declares a DTD or entities; refused");
  CHECK(delivered == 0);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
}

TEST_CASE("a feed with external entities (XXE) is refused", "[ingest][feed]") {
  std::vector<Article> got;
  std::ifstream in(t::data_dir() / "feeds/xxe.xml", std::ios::binary);
  REQUIRE(in);
  CHECK_THROWS_WITH(ingest::read_feed(
                        in, "xxe.xml", [&](Article&& a) { got.push_back(std::move(a)); },
                        [](const ingest::Problem&) {}),
                    "feed declares a DTD or entities; refused");
  CHECK(got.empty());
  // Any DOCTYPE at all, even one without entities.
  CHECK_THROWS_WITH(read_string("<?xml version=\"1.0\"?>\n<!DOCTYPE rss SYSTEM "
                                "\"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n"
                                "<rss version=\"0.91\"><channel><title>T</title></channel></rss>"),
                    "feed declares a DTD or entities; refused");
  // A comment in the prolog that mentions one does not count.
  CHECK(read_string("<?xml version=\"1.0\"?><!-- no <!DOCTYPE> here --><rss version=\"2.0\">"
                    "<channel><item><title>T</title></item></channel></rss>")
            .articles.size() == 1);
}

TEST_CASE("a DTD in a UTF-16 feed is refused too", "[ingest][feed]") {
  std::ifstream file(t::data_dir() / "feeds/billion-laughs.xml", std::ios::binary);
  REQUIRE(file);
  std::ostringstream ascii;
  ascii << file.rdbuf();
  std::string utf16 = "\xff\xfe";  // little-endian byte order mark
  for (const char c : ascii.str()) {
    utf16 += c;
    utf16 += '\0';
  }
  const auto start = std::chrono::steady_clock::now();
  CHECK_THROWS_WITH(read_string(utf16), "feed declares a DTD or entities; refused");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
}

TEST_CASE("libxml2 writes nothing to standard error", "[ingest][feed]") {
  const std::string err = capture_stderr([] {
    read_data("malformed.xml");
    read_string("<rss><channel><item>&undefined;</item>");
    read_string("not xml at all");
  });
  CHECK(err.empty());
}

TEST_CASE("RSS 1.0 (RDF) feeds are read too", "[ingest][feed]") {
  const Collected c = read_string(
      "<?xml version=\"1.0\"?>"
      "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
      "xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
      "<channel rdf:about=\"https://rdf.example/\"><title>RDF Wire</title></channel>"
      "<item rdf:about=\"https://rdf.example/story-1\"><title>Story One</title>"
      "<link>https://rdf.example/story-1</link><dc:date>2025-03-04T09:30:00Z</dc:date>"
      "<description>Text one.</description></item></rdf:RDF>");
  REQUIRE(c.articles.size() == 1);
  CHECK(c.articles[0].source == "RDF Wire");
  CHECK(c.articles[0].source_id == "https://rdf.example/story-1");
  CHECK(c.articles[0].published == 1741080600);
}

TEST_CASE("a feed is streamed, not read whole", "[ingest][feed]") {
  constexpr std::size_t kItems = 20000;  // about 10 MB
  GeneratedFeed feed(kItems);
  std::istream in(&feed);
  std::size_t count = 0;
  std::size_t served_at_first = 0;
  const auto n = ingest::read_feed(
      in, "generated.xml",
      [&](Article&& a) {
        if (count++ == 0) {
          served_at_first = feed.served();
          CHECK(a.title == "Generated story 0");
        }
      },
      [](const ingest::Problem&) {});
  CHECK(n == kItems);
  CHECK(count == kItems);
  // The first article came out when only the first few KiB had been read.
  CHECK(served_at_first < 64 * 1024);
}

TEST_CASE("read_file detects and reads a feed", "[ingest][feed]") {
  std::vector<Article> got;
  std::vector<ingest::Problem> problems;
  const auto path = t::data_dir() / "feeds/rss2.xml";
  const auto n = ingest::read_file(
      path, [&](Article&& a) { got.push_back(std::move(a)); },
      [&](const ingest::Problem& p) { problems.push_back(p); });
  CHECK(n == 5);
  REQUIRE(got.size() == 5);
  CHECK(got[0].origin == path.string());
  CHECK(got[0].source == "Lakeside Business Wire");
  CHECK(problems.size() == 2);

  got.clear();
  CHECK(ingest::read_file(
            t::data_dir() / "feeds/atom.xml", [&](Article&& a) { got.push_back(std::move(a)); },
            [](const ingest::Problem&) {}) == 3);
  CHECK_THROWS_AS(ingest::read_file(
                      t::data_dir() / "feeds/billion-laughs.xml", [](Article&&) {},
                      [](const ingest::Problem&) {}),
                  IngestError);
}
