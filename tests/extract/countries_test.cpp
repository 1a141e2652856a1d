#include "extract/countries.h"

#include <catch2/catch.hpp>

#include <algorithm>

#include "support/test_env.h"

using newsdesk::Article;
using newsdesk::extract::CompanyDirectory;
using newsdesk::extract::CountryDirectory;
using newsdesk::extract::FacetTag;

namespace {

const CompanyDirectory& companies() {
  static const CompanyDirectory d =
      CompanyDirectory::load({newsdesk::testing::source_dir() / "data" / "companies.tsv"});
  return d;
}

const CountryDirectory& countries() {
  static const CountryDirectory d =
      CountryDirectory::load(newsdesk::testing::source_dir() / "data" / "countries.tsv");
  return d;
}

std::vector<FacetTag> extract(const std::string& title, const std::string& body,
                              const std::string& dateline = "") {
  Article a;
  a.title = title;
  a.body = body;
  a.dateline = dateline;
  const auto company_tags = newsdesk::extract::extract_companies(companies(), a);
  return newsdesk::extract::extract_countries(countries(), companies(), a, company_tags);
}

const FacetTag* tag(const std::vector<FacetTag>& tags, const std::string& key) {
  const auto it =
      std::find_if(tags.begin(), tags.end(), [&](const FacetTag& t) { return t.key == key; });
  return it == tags.end() ? nullptr : &*it;
}

bool has(const std::vector<FacetTag>& tags, const std::string& key) {
  return tag(tags, key) != nullptr;
}

}  // namespace

TEST_CASE("country directory resolves codes, names, demonyms and places", "[extract]") {
  const CountryDirectory& d = countries();
  CHECK(d.size() > 200);
  const struct {
    const char* query;
    const char* code;
  } cases[] = {{"China", "CN"},       {"cn", "CN"},           {"Chinese", "CN"},
               {"Beijing", "CN"},     {"U.S.", "US"},         {"Wall Street", "US"},
               {"Britain", "GB"},     {"Emirati", "AE"},      {"Dubai", "AE"},
               {"Frankfurt", "DE"},   {"West Germany", "DE"}, {"USSR", "RU"},
               {"South Korea", "KR"}, {"nestle", "nestle"}};
  for (const auto& c : cases) {
    INFO(c.query);
    if (std::string(c.code) == "nestle") {
      CHECK_FALSE(d.resolve(c.query).has_value());
    } else {
      CHECK(d.resolve(c.query).value_or("") == c.code);
    }
  }
}

TEST_CASE("a malformed country line is reported with file and line", "[extract]") {
  newsdesk::testing::TempDir dir;
  newsdesk::testing::write_file(dir / "bad.tsv", "# header\nXX\tNowhere\n");
  try {
    CountryDirectory::load(dir / "bad.tsv");
    FAIL("no exception");
  } catch (const std::runtime_error& e) {
    CHECK_THAT(e.what(), Catch::Contains("bad.tsv:2:"));
  }
}

TEST_CASE("country display names come from ICU", "[extract]") {
  using newsdesk::extract::country_display_name;
  CHECK(country_display_name("CN") == "China");
  CHECK(country_display_name("de") == "Germany");
  CHECK(country_display_name("US") == "United States");
  CHECK(country_display_name("AE") == "United Arab Emirates");
}

TEST_CASE("names, short forms, demonyms and historical names tag countries", "[extract]") {
  const struct {
    const char* title;
    const char* code;
  } cases[] = {
      {"U.S. trade deficit widens", "US"},     {"Britain raises interest rates", "GB"},
      {"South Korea exports jump", "KR"},      {"Chinese exports jump", "CN"},
      {"Emirati fund buys port stake", "AE"},  {"West Germany cuts discount rate", "DE"},
      {"USSR buys more U.S. grain", "RU"},     {"Dubai property prices climb", "AE"},
      {"Frankfurt bourse opens higher", "DE"}, {"Wall Street ends higher", "US"},
  };
  for (const auto& c : cases) {
    INFO(c.title);
    CHECK(has(extract(c.title, "Officials gave no details."), c.code));
  }
  // "South Korea" is not also "Korea" + something else, and "New Mexico" is not Mexico.
  const auto tags = extract("Drought hits New Mexico farms", "Farmers asked for help.");
  CHECK(has(tags, "US"));
  CHECK_FALSE(has(tags, "MX"));
}

TEST_CASE("the dateline names the place, in the field or opening the body", "[extract]") {
  CHECK(has(extract("Bank rates steady", "Rates were unchanged.", "TOKYO, March 3"), "JP"));
  CHECK(has(
      extract("Firm raises payout", "The firm raised its dividend.", "GREENWICH, Conn., March 3"),
      "US"));
  CHECK(has(extract("Firm raises payout", "Qtly div 10 cts.", "RICHMOND, Va. Feb 26"), "US"));
  CHECK(has(extract("Chipmaker expands", "SHENZHEN, March 3, 2025 — The firm said it will expand."),
            "CN"));
  CHECK(has(extract("Bund yields fall", "FRANKFURT (Pacific Ledger) - Yields fell on Monday."),
            "DE"));
}

TEST_CASE("a dateline outweighs a one-off mention deep in the body", "[extract]") {
  const auto tags =
      extract("Money market shortage forecast",
              "The central bank said it forecast a shortage in the money market today. Dealers "
              "expected help.\n\nBills maturing would drain liquidity. Exchequer flows would add "
              "some.\n\nConditions were calm.\n\nOne dealer recalled a similar week in Brazil.",
              "LONDON, March 9");
  REQUIRE(has(tags, "GB"));
  CHECK(tags.front().key == "GB");
  CHECK_FALSE(has(tags, "BR"));  // below the threshold
}

TEST_CASE("an American company implies the US when no place is named", "[extract]") {
  const auto tags = extract("GENERAL MOTORS RAISES QUARTERLY DIVIDEND",
                            "General Motors Corp said it raised its quarterly dividend to "
                            "1.25 dlrs a share from 1.20 dlrs.");
  CHECK(has(tags, "US"));
}

TEST_CASE("places inside company names and currencies do not make the story's country",
          "[extract]") {
  auto tags =
      extract("American Express profit rises",
              "American Express Co said quarterly profit rose 10 pct.", "NEW YORK, March 3");
  CHECK(has(tags, "US"));
  tags = extract("Issuer sets bond", "The issuer set a 100 mln Australian dlr bond.",
                 "LONDON, March 3");
  CHECK(has(tags, "GB"));
  CHECK_FALSE(has(tags, "AU"));
  for (const auto& t : tags) CHECK(t.score >= newsdesk::extract::kCountryScoreThreshold);
}
