#include "extract/companies.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <stdexcept>

#include "support/test_env.h"

using newsdesk::Article;
using newsdesk::extract::CompanyDirectory;
using newsdesk::extract::extract_companies;
using newsdesk::extract::FacetTag;

namespace {

const CompanyDirectory& directory() {
  static const CompanyDirectory d =
      CompanyDirectory::load({newsdesk::testing::source_dir() / "data" / "companies.tsv"});
  return d;
}

Article article(const std::string& title, const std::string& body) {
  Article a;
  a.title = title;
  a.body = body;
  return a;
}

const FacetTag* tag(const std::vector<FacetTag>& tags, const std::string& key) {
  const auto it =
      std::find_if(tags.begin(), tags.end(), [&](const FacetTag& t) { return t.key == key; });
  return it == tags.end() ? nullptr : &*it;
}

bool has(const std::vector<FacetTag>& tags, const std::string& key) {
  return tag(tags, key) != nullptr;
}

bool has_evidence(const FacetTag* t, const std::string& surface) {
  return t != nullptr &&
         std::find(t->evidence.begin(), t->evidence.end(), surface) != t->evidence.end();
}

}  // namespace

TEST_CASE("company directory loads the gazetteer and resolves names and tickers", "[extract]") {
  const CompanyDirectory& d = directory();
  CHECK(d.size() > 2000);
  REQUIRE(d.find("apple") != nullptr);
  CHECK(d.find("apple")->name == "Apple");
  CHECK(d.find("no-such-company") == nullptr);
  for (const char* query :
       {"AAPL", "$AAPL", "NASDAQ:AAPL", "nasdaq: aapl", "apple", "Apple Inc", "APPLE INC"}) {
    INFO(query);
    const auto* info = d.resolve(query);
    REQUIRE(info != nullptr);
    CHECK(info->id == "apple");
  }
  REQUIRE(d.resolve("9988.HK") != nullptr);
  CHECK(d.resolve("9988.HK")->id == "alibaba");
  CHECK(d.resolve("Alibaba Group")->id == "alibaba");
  CHECK(d.resolve("nonexistent widget maker") == nullptr);
}

TEST_CASE("company files later in the list override and extend earlier ones", "[extract]") {
  newsdesk::testing::TempDir dir;
  newsdesk::testing::write_file(dir / "a.tsv",
                                "# comment\n"
                                "acme\tAcme\tAcme Corp\tNYSE:ACME\tUS\tIndustrials\t0\n");
  newsdesk::testing::write_file(dir / "b.tsv",
                                "acme\tAcme Widgets\tAcme Widgets Co\t\tCA\tIndustrials\t0\n"
                                "zenith\tZenith Labs\t\t\tGB\tHealth Care\t0\n");
  const auto d = CompanyDirectory::load({dir / "a.tsv", dir / "b.tsv"});
  CHECK(d.size() == 2);
  CHECK(d.find("acme")->name == "Acme Widgets");
  CHECK(d.find("acme")->country == "CA");
  CHECK(d.resolve("Zenith Labs")->id == "zenith");
}

TEST_CASE("a malformed company line is reported with file and line", "[extract]") {
  newsdesk::testing::TempDir dir;
  newsdesk::testing::write_file(dir / "bad.tsv", "# header\nacme\tAcme\t\t\tUS\tIndustrials\n");
  try {
    CompanyDirectory::load({dir / "bad.tsv"});
    FAIL("no exception");
  } catch (const std::runtime_error& e) {
    CHECK_THAT(e.what(), Catch::Contains("bad.tsv:2:"));
  }
  newsdesk::testing::write_file(dir / "bad2.tsv", "Acme!\tAcme\t\t\tUS\tIndustrials\t0\n");
  CHECK_THROWS_AS(CompanyDirectory::load({dir / "bad2.tsv"}), std::runtime_error);
  newsdesk::testing::write_file(dir / "bad3.tsv", "acme\tAcme\t\t\tUS\tIndustrials\tyes\n");
  CHECK_THROWS_AS(CompanyDirectory::load({dir / "bad3.tsv"}), std::runtime_error);
}

TEST_CASE("tickers in every written form tag their company", "[extract]") {
  const struct {
    const char* text;
    const char* key;
  } cases[] = {
      {"The iPhone maker (NASDAQ: AAPL) rose.", "apple"},
      {"Big Blue (NYSE:IBM) beat forecasts.", "ibm"},
      {"Traders piled into $TSLA after the call.", "tesla"},
      {"Shares of 9988.HK fell 3 pct in early trade.", "alibaba"},
      {"The chipmaker (2330.TW) raised its outlook.", "tsmc"},
      {"腾讯(00700.HK)周三发布财报。", "tencent"},
      {"The carmaker, 7203.T, cut its forecast.", "toyota"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const auto tags = extract_companies(directory(), article("Markets", c.text));
    CHECK(has(tags, c.key));
  }
  const auto tags = extract_companies(directory(), article("Markets", "It rose (NASDAQ: AAPL)."));
  CHECK(has_evidence(tag(tags, "apple"), "(NASDAQ: AAPL)"));
}

TEST_CASE("possessives and short forms tag the company", "[extract]") {
  auto tags = extract_companies(
      directory(), article("Results", "Apple's iPhone sales rose 5 pct in the quarter."));
  REQUIRE(has(tags, "apple"));
  CHECK(has_evidence(tag(tags, "apple"), "Apple's"));
  tags = extract_companies(directory(),
                           article("Deal", "Alibaba Group said it would buy back shares."));
  CHECK(has(tags, "alibaba"));
}

TEST_CASE("companies named with a corporate suffix are recognised and normalised", "[extract]") {
  const struct {
    const char* text;
    const char* key;
  } cases[] = {
      {"Allegheny International Inc said it filed for protection.", "allegheny-international"},
      {"Talks with Vodafone Group Plc ended.", "vodafone"},
      {"Siemens AG said orders rose.", "siemens"},
      {"Bolton Widget Co Ltd said profit rose.", "bolton-widget"},
      {"Dutch firm Kessler Tech N.V. said it will expand.", "kessler-tech"},
      {"Lyonnaise Granite S.A. reported a loss.", "lyonnaise-granite"},
      {"Italian maker Ferraro Valvole SpA said sales fell.", "ferraro-valvole"},
      {"Munich-based Kranzler Maschinen GmbH said.", "kranzler-maschinen"},
      {"Sime Darby Plantation Bhd raised output.", "sime-darby-plantation"},
      {"Jardine Matheson Holdings said.", "jardine-matheson"},
      {"Cie Generale de Geophysique said it won a contract.", "compagnie-generale-de-geophysique"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const auto tags = extract_companies(directory(), article("News", c.text));
    CHECK(has(tags, c.key));
  }
}

TEST_CASE("a suffix company meets in one key across articles and headline case", "[extract]") {
  const auto a = extract_companies(
      directory(), article("ALLEGHENY INTERNATIONAL INC SEEKS CHAPTER 11",
                           "Allegheny International Inc said it filed for reorganisation."));
  const auto b = extract_companies(
      directory(), article("Court rules", "A judge said ALLEGHENY INTERNATIONAL INC must pay."));
  CHECK(has(a, "allegheny-international"));
  CHECK(has(b, "allegheny-international"));
  // TEXACO INC and Texaco Inc are the gazetteer's Texaco.
  const auto c = extract_companies(directory(),
                                   article("TEXACO INC SAYS PENNZOIL TALKS END",
                                           "Texaco Inc said on Monday talks with Pennzoil ended."));
  CHECK(has(c, "texaco"));
  CHECK(has(c, "pennzoil"));
}

TEST_CASE("an all-caps headline is not evidence of a proper noun", "[extract]") {
  // "APPLE" in a capitals headline about fruit is not the company.
  auto tags = extract_companies(
      directory(), article("APPLE PRICES RISE AS HARVEST SHRINKS",
                           "apple prices rose as the harvest in Washington state shrank."));
  CHECK_FALSE(has(tags, "apple"));
  // One capitals word that is also a plain word needs running text.
  tags = extract_companies(directory(),
                           article("ACME CORP UPS QTLY DIVIDEND", "Acme Corp raised its payout."));
  CHECK_FALSE(has(tags, "ups"));
  tags = extract_companies(
      directory(), article("APPLE SEES RECORD QUARTER", "Apple Inc said iPhone sales rose."));
  CHECK(has(tags, "apple"));
}

TEST_CASE("ambiguous names need evidence, both ways", "[extract]") {
  const struct {
    const char* text;
    const char* key;
    bool tagged;
  } cases[] = {
      {"Apple's iPhone sales rose in China.", "apple", true},
      {"apple prices rose as the harvest came in late.", "apple", false},
      {"Apple prices rose as the harvest came in late.", "apple", false},
      {"Fires spread through the Amazon rainforest again.", "amazon", false},
      {"Amazon shares rose after AWS revenue beat forecasts.", "amazon", true},
      {"He set up a shell company in Panama.", "shell", false},
      {"Shell said in a statement that profit fell.", "shell", true},
      {"The archer missed the target twice.", "target", false},
      {"Target said quarterly sales fell at its stores.", "target", true},
      {"The Dow Jones industrial average fell, shares slid.", "dow", false},
      {"Analysts said Apple and Microsoft would gain.", "apple", true},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const auto tags = extract_companies(directory(), article("News", c.text));
    CHECK(has(tags, c.key) == c.tagged);
  }
}

TEST_CASE("company score records salience", "[extract]") {
  const auto tags = extract_companies(
      directory(),
      article("Microsoft profit beats forecasts",
              "Microsoft Corp said profit rose 10 pct. Microsoft's cloud unit grew fast. "
              "The company gave no outlook.\n\nAnalysts were pleased. Microsoft shares rose. "
              "Rivals were quiet.\n\nElsewhere, Intel was not mentioned again."));
  const FacetTag* central = tag(tags, "microsoft");
  const FacetTag* passing = tag(tags, "intel");
  REQUIRE(central != nullptr);
  REQUIRE(passing != nullptr);
  CHECK(central->score > passing->score);
  CHECK(tags.front().key == "microsoft");
  for (const auto& t : tags) CHECK(t.score >= newsdesk::extract::kCompanyScoreThreshold);
}
