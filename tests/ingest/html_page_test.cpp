#include "ingest/html_page.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "errors.h"
#include "ingest/reader.h"
#include "support/test_env.h"

using namespace newsdesk;
namespace t = newsdesk::testing;

namespace {

std::string read_data(const std::string& name) {
  std::ifstream in(t::data_dir() / "html" / name, std::ios::binary);
  REQUIRE(in);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

Article parse_data(const std::string& name) {
  const std::string html = read_data(name);
  auto article = ingest::parse_html_page(html);
  REQUIRE(article);
  return std::move(*article);
}

}  // namespace

TEST_CASE("a news page gives its story without the page around it", "[ingest][html]") {
  const Article a = parse_data("news-article.html");
  CHECK(a.title == "Copper Smelter Restarts After Six-Week Shutdown");
  CHECK(a.body ==
        "The Port Ardent smelter at dusk. Photo: Harbor Ledger\n\n"
        "Kestrel Metals said on Tuesday that its Port Ardent copper smelter had resumed "
        "operations after a six-week shutdown for furnace repairs, ending a disruption that had "
        "tightened concentrate markets across the region.\n\n"
        "The company expects the plant to reach full capacity of 320,000 tonnes a year by the end "
        "of April. \xe2\x80\x9cThe rebuild went faster than we feared,\xe2\x80\x9d said chief "
        "operating officer Dana Whitlock.\n\n"
        "Treatment charges\n\n"
        "Spot treatment charges, which smelters earn for processing ore, fell to $21.50 a tonne "
        "last week from $34 in January \xe2\x80\x94 the lowest in a decade.\n\n"
        "We will not chase volume at any price.\n\n"
        "Output target: 320,000 tonnes\n\n"
        "Workforce: 1,150\nincluding 200 contractors\n\n"
        "Shares of Kestrel rose 3.2% in Port Ardent trading.");
  // JSON-LD NewsArticle datePublished 17:30+08:00 (the page has no other date).
  CHECK(a.published == 1741080600);
  CHECK(a.url == "https://www.harborledger.example/markets/2025/03/04/copper-smelter-restarts");
  CHECK(a.source == "The Harbor Ledger");
  for (const char* noise :
       {"cookie", "Accept all", "Markets\n", "Share on", "Copy link", "Advertisement", "Read more",
        "Zinc", "Sign up", "Comments", "More stories", "Nickel", "Most read", "All rights reserved",
        "dataLayer", "Skip to content", "Mira Okafor"}) {
    CAPTURE(noise);
    CHECK(a.body.find(noise) == std::string::npos);
  }
}

TEST_CASE("a page dated only by <time datetime> takes that date", "[ingest][html]") {
  const Article a = parse_data("time-only.html");
  CHECK(a.title == "Regional lender lifts dividend as loan book grows");
  CHECK(a.body ==
        "Bayview Savings Bank raised its interim dividend by 12 percent on Thursday after its "
        "loan book grew for a fifth straight quarter.\n\n"
        "Net interest margin held at 2.1 percent, the bank said in a filing.");
  // 14:05 +08:00; the related-stories list's earlier <time> is not the story's.
  CHECK(a.published == 1739426700);
  CHECK(a.url == "https://www.northwind-markets.example/banks/regional-lender-lifts-dividend");
  CHECK(a.source == "northwind-markets.example");  // no og:site_name: the host
}

TEST_CASE("a page without a date stays undated", "[ingest][html]") {
  const Article a = parse_data("no-date.html");
  CHECK_FALSE(a.published);
  // No <h1>: <title> without the " - Circuit Daily" of og:site_name.
  CHECK(a.title == "Chipmaker Opens Design Centre in Tallinn");
  CHECK(a.body ==
        "Arvo Semiconductors will open a chip design centre in Tallinn with about 80 engineers, "
        "the company said.\n\n"
        "The centre will focus on low-power processors for industrial sensors. Hiring starts next "
        "month.\n\n"
        "Last updated: recently");
  CHECK(a.url == "https://circuitdaily.example/news/chipmaker-opens-design-centre");
  CHECK(a.source == "Circuit Daily");
}

TEST_CASE("truncated HTML still gives the text it has", "[ingest][html]") {
  const Article a = parse_data("truncated.html");
  CHECK(a.title == "Freight Rates Ease on Asia-Europe Routes");
  CHECK(a.body ==
        "Container freight rates on Asia-Europe routes fell for a third week, a shipping index "
        "showed on Monday.\n\n"
        "The average cost of moving a 40-foot box dropped 4 percent to $3,120.\n\n"
        "Carriers have added capacity ahead of the Lunar New Year lull, and analysts expect "
        "further decl");
  CHECK(a.published == 1737357300);
  CHECK(a.source == "Delta Wire");
  CHECK(a.url.empty());

  // Cut inside a tag, an attribute, a comment and a script.
  for (const char* cut : {"<html><body><article><p>Text before the cut.</p><p cla",
                          "<html><body><article><p>Text before the cut.</p><a href=\"/x",
                          "<html><body><article><p>Text before the cut.</p><!-- note",
                          "<html><body><article><p>Text before the cut.</p><script>var x = 1"}) {
    CAPTURE(cut);
    const auto article = ingest::parse_html_page(cut);
    REQUIRE(article);
    CHECK(article->body == "Text before the cut.");
  }
}

TEST_CASE("a page without article text gives nothing", "[ingest][html]") {
  CHECK_FALSE(ingest::parse_html_page(""));
  CHECK_FALSE(ingest::parse_html_page(
      "<html><head><title>Loading...</title><script>boot()</script></head>"
      "<body><div id=\"app\"></div><script src=\"/app.js\"></script></body></html>"));
  CHECK_FALSE(ingest::parse_html_page(
      "<html><body><nav><a href=\"/\">Home</a></nav><footer>(c) Site</footer></body></html>"));
}

TEST_CASE("publication dates come from meta tags, JSON-LD and <time>, never invented",
          "[ingest][html]") {
  const auto published = [](const std::string& head, const std::string& body) {
    const std::string html = "<html><head>" + head + "</head><body><article><h1>T</h1>" + body +
                             "<p>Story text.</p></article></body></html>";
    const auto article = ingest::parse_html_page(html);
    REQUIRE(article);
    return article->published;
  };
  CHECK(published("<meta property=\"article:published_time\" content=\"2025-03-04T09:30:00Z\">"
                  "<meta name=\"date\" content=\"2020-01-01\">",
                  "") == 1741080600);
  // An unreadable value is passed over, not guessed at.
  CHECK(published("<meta property=\"article:published_time\" content=\"TBC\">"
                  "<meta name=\"DC.date\" content=\"2025-03-04\">",
                  "") == 1741046400);
  CHECK(published("<meta name=\"pubdate\" content=\"Tue, 04 Mar 2025 04:30:00 EST\">", "") ==
        1741080600);
  CHECK(published("<meta itemprop=\"datePublished\" content=\"2025-03-04T09:30:00Z\">", "") ==
        1741080600);
  // JSON-LD: an array of objects; the article's date, not the WebPage's.
  CHECK(published("<script type=\"application/ld+json\">[{\"@type\":\"WebPage\","
                  "\"datePublished\":\"2019-05-05\"},{\"@type\":\"NewsArticle\","
                  "\"datePublished\":\"2025-03-04T09:30:00Z\"}]</script>",
                  "") == 1741080600);
  // A list of other stories is not this page's date.
  CHECK_FALSE(
      published("<script type=\"application/ld+json\">{\"@type\":\"ItemList\","
                "\"itemListElement\":[{\"@type\":\"ListItem\",\"item\":{\"@type\":"
                "\"NewsArticle\",\"datePublished\":\"2019-05-05\"}}]}</script>",
                ""));
  CHECK(published("<script type=\"application/ld+json\">{\"@type\":\"WebPage\",\"mainEntity\":"
                  "{\"@type\":\"NewsArticle\",\"datePublished\":\"2025-03-04T09:30:00Z\"}}"
                  "</script>",
                  "") == 1741080600);
  // Broken JSON-LD is ignored and the <time> is used.
  CHECK(published("<script type=\"application/ld+json\">{\"datePublished\": </script>",
                  "<time datetime=\"2025-03-04T09:30:00Z\">today</time>") == 1741080600);
  // A <time> marked as the publication time wins over an earlier "updated" one.
  CHECK(published(
            "",
            "<time class=\"updated\" datetime=\"2025-03-06T00:00:00Z\">Updated</time>"
            "<time itemprop=\"datePublished\" datetime=\"2025-03-04T09:30:00Z\">Mar 4</time>") ==
        1741080600);
  CHECK_FALSE(published("<meta name=\"date\" content=\"last Tuesday\">",
                        "<time>sometime</time><p>Published 4 March 2025</p>"));
}

TEST_CASE("the title: the story's <h1>, else og:title or <title> without the site name",
          "[ingest][html]") {
  const auto title = [](const std::string& html) {
    const auto article = ingest::parse_html_page(html);
    REQUIRE(article);
    return article->title;
  };
  // The site's logo <h1> in the page header is not the headline.
  CHECK(title("<html><head><meta property=\"og:site_name\" content=\"Delta Wire\">"
              "<title>Ports Reopen | Delta Wire</title></head><body>"
              "<header><h1 class=\"logo\">Delta Wire</h1></header>"
              "<div class=\"story-body\"><p>Text.</p></div></body></html>") == "Ports Reopen");
  CHECK(title("<html><head><meta property=\"og:site_name\" content=\"Delta Wire\">"
              "<meta property=\"og:title\" content=\"Delta Wire: Ports Reopen\"></head>"
              "<body><main><p>Text.</p></main></body></html>") == "Ports Reopen");
  // Without og:site_name the suffix cannot be told from the headline: kept.
  CHECK(title("<html><head><title>Ports Reopen - Delta Wire</title></head>"
              "<body><main><p>Text.</p></main></body></html>") == "Ports Reopen - Delta Wire");
  // The <h1> outside the story's text block is still the headline.
  CHECK(title("<html><body><div class=\"wrap\"><h1>Ports &amp; Docks Reopen</h1>"
              "<div itemprop=\"articleBody\"><p>Text.</p></div></div></body></html>") ==
        "Ports & Docks Reopen");
}

TEST_CASE("the headline is not repeated at the start of the body", "[ingest][html]") {
  const auto article = ingest::parse_html_page(
      "<html><head><title>Ports Reopen</title></head><body><h1>Ports Reopen</h1>"
      "<article><h2 class=\"title\">Ports  reopen</h2><p>Ports reopen after the storm.</p>"
      "</article></body></html>");
  REQUIRE(article);
  CHECK(article->title == "Ports Reopen");
  CHECK(article->body == "Ports reopen after the storm.");
}

TEST_CASE("the fullest <article> is the story, not a teaser card", "[ingest][html]") {
  const auto article = ingest::parse_html_page(
      "<html><body><article class=\"teaser\"><h2>Other story</h2><p>Teaser.</p></article>"
      "<article aria-label=\"Shares rally\"><h1>Main Story</h1>"
      "<p>The first paragraph of the main story.</p>"
      "<p>The second paragraph.</p></article></body></html>");
  REQUIRE(article);
  CHECK(article->title == "Main Story");
  CHECK(article->body == "The first paragraph of the main story.\n\nThe second paragraph.");
}

TEST_CASE("html_to_text keeps the visible text and its paragraphs", "[ingest][html]") {
  CHECK(ingest::html_to_text("<p>One &amp; two</p><p>Three<br>four</p>") ==
        "One & two\n\nThree\nfour");
  CHECK(ingest::html_to_text("<div>A <b>bold</b>\n   claim</div><ul><li>x</li><li>y</li></ul>") ==
        "A bold claim\n\nx\n\ny");
  CHECK(ingest::html_to_text("Before<script>alert(1)</script><style>p{}</style> after") ==
        "Before after");
  CHECK(ingest::html_to_text("<pre>line 1\nline 2</pre>") == "line 1\nline 2");
  CHECK(ingest::html_to_text("Plain text, no markup.") == "Plain text, no markup.");
  CHECK(ingest::html_to_text("caf&eacute; &#8364;5 &lt;tag&gt;") ==
        "caf\xc3\xa9 \xe2\x82\xac"
        "5 <tag>");
  CHECK(ingest::html_to_text("<blockquote>Quote</blockquote>Tail") == "Quote\n\nTail");
  CHECK(ingest::html_to_text("") == "");
}

TEST_CASE("deeply nested HTML does not exhaust the stack", "[ingest][html]") {
  std::string html = "<html><body><article><h1>Deep</h1>";
  for (int i = 0; i < 20000; ++i) html += "<span>";
  html += "deep text";
  const auto article = ingest::parse_html_page(html);
  REQUIRE(article);
  CHECK(article->body == "deep text");
}

TEST_CASE("read_file detects and reads an HTML page", "[ingest][html]") {
  std::vector<Article> got;
  const auto path = t::data_dir() / "html/news-article.html";
  const auto n = ingest::read_file(
      path, [&](Article&& a) { got.push_back(std::move(a)); }, [](const ingest::Problem&) {});
  REQUIRE(n == 1);
  REQUIRE(got.size() == 1);
  CHECK(got[0].title == "Copper Smelter Restarts After Six-Week Shutdown");
  CHECK(got[0].origin == path.string());
  CHECK(got[0].published == 1741080600);

  // By content, whatever the extension; a page with no text is a whole-file error.
  t::TempDir dir;
  t::write_file(dir / "saved-page.txt", read_data("time-only.html"));
  got.clear();
  CHECK(ingest::read_file(
            dir / "saved-page.txt", [&](Article&& a) { got.push_back(std::move(a)); },
            [](const ingest::Problem&) {}) == 1);
  CHECK(got.at(0).published == 1739426700);
  t::write_file(dir / "empty.html", "<!DOCTYPE html><html><body><nav>Home</nav></body></html>");
  CHECK_THROWS_AS(ingest::read_file(
                      dir / "empty.html", [](Article&&) {}, [](const ingest::Problem&) {}),
                  IngestError);
}
