// The query language, form by form, on a real index built from small
// fixtures with extraction on (companies, countries and topics are found
// by the indexer, as in production).
#include <catch2/catch.hpp>
#include <memory>
#include <set>

#include "errors.h"
#include "extract/dates.h"
#include "extract/facet_extractor.h"
#include "index/index_paths.h"
#include "schema.h"
#include "search/index_reader.h"
#include "search/query_builder.h"
#include "search/search_types.h"
#include "search/synonyms.h"
#include "support/search_fixtures.h"
#include "support/test_env.h"

using namespace newsdesk;
namespace t = newsdesk::testing;
using Urls = std::set<std::string>;

namespace {

const std::shared_ptr<const extract::FacetExtractor>& reference() {
  return t::reference_data();
}

// "Now" for relative dates: Wednesday 2025-03-05 12:00 UTC.
const std::int64_t kNow = *extract::utc_seconds(2025, 3, 5, 12, 0, 0);

std::string numbered_words(const std::string& stem, int count) {
  std::string out;
  for (int i = 1; i <= count; ++i) {
    const std::string n = std::to_string(i);
    out += " " + stem + std::string(3 - n.size(), '0') + n;
  }
  return out;
}

std::string line(const std::string& url, const std::string& published, const std::string& source,
                 const std::string& title, const std::string& body) {
  std::string json = R"({"url": ")" + url + R"(", "title": ")" + title + R"(", "body": ")" + body +
                     R"(", "source": ")" + source + "\"";
  if (!published.empty()) json += R"(, "published": ")" + published + "\"";
  return json + "}\n";
}

class Fixture {
 public:
  Fixture() {
    std::string jsonl;
    jsonl += line("u:apple-results", "2025-02-13T10:00:00Z", "Northbridge Wire",
                  "Apple Reports Record Quarter on iPhone Demand",
                  "Apple Inc. said on Thursday that revenue rose 8% in its fiscal first quarter. "
                  "Shares of Apple (NASDAQ: AAPL) rose 3% in late trading. Chief executive Tim "
                  "Cook said demand for the iPhone was strong.\\n\\nSeparately, the company said "
                  "it would keep buying server chips from Nvidia.");
    jsonl += line("u:aapl-options", "2025-02-20T15:00:00Z", "Tech Signal Daily",
                  "Options Traders Pile Into iPhone Maker",
                  "Call volume on $AAPL tripled on Thursday as traders bet on a rebound in the "
                  "shares of the iPhone maker before its developer conference.");
    jsonl += line("u:apple-fruit", "2024-10-01T08:00:00Z", "Farm Journal",
                  "Apple Harvest Shrinks in Washington State",
                  "Growers picked fewer apples this autumn after a late frost. Orchards in the "
                  "Yakima valley expect prices for apples to climb.");
    jsonl += line("u:nvidia", "2024-08-15T12:00:00Z", "Tech Signal Daily",
                  "Nvidia Unveils Faster Semiconductors for Data Centers",
                  "Nvidia Corp on Thursday unveiled a new generation of semiconductors for data "
                  "centers. Nvidia said the chips would ship to cloud providers this year. Nvidia "
                  "shares rose 4%.");
    jsonl += line("u:alibaba", "2025-01-05T02:00:00Z", "Pacific Ledger",
                  "\xe9\x98\xbf\xe9\x87\x8c\xe5\xb7\xb4\xe5\xb7\xb4\xe4\xba\x91\xe6\x94\xb6\xe5"
                  "\x85\xa5\xe5\xa2\x9e\xe9\x95\xbf",  // 阿里巴巴云收入增长
                  "\xe9\x98\xbf\xe9\x87\x8c\xe5\xb7\xb4\xe5\xb7\xb4\xe9\x9b\x86\xe5\x9b\xa2\xe5"
                  "\x91\xa8\xe5\x9b\x9b\xe5\x85\xac\xe5\xb8\x83\xe5\xad\xa3\xe5\xba\xa6\xe4\xb8"
                  "\x9a\xe7\xbb\xa9\xe3\x80\x82");  // 阿里巴巴集团周四公布季度业绩。
    jsonl += line("u:goldman", "2025-01-15T13:00:00Z", "Northbridge Wire",
                  "Goldman Sachs Profit Jumps on Trading",
                  "Goldman Sachs Group Inc said fourth-quarter profit doubled as trading revenue "
                  "surged.");
    jsonl += line("u:allstate", "2025-03-03T09:00:00Z", "Northbridge Wire",
                  "Allstate Raises Premiums After Wildfire Losses",
                  "Allstate Corp said it would raise home insurance premiums after wildfire "
                  "claims.");
    jsonl += line("u:keycorp", "2025-03-04T09:00:00Z", "Northbridge Wire",
                  "KeyCorp Beats Profit Estimates",
                  "KeyCorp, the Cleveland lender, reported higher net interest income.");
    jsonl += line("u:words", "2025-03-05T09:00:00Z", "Pacific Ledger",
                  "Markets Wrap: All Eyes on the Key Jobs Report",
                  "All major indexes rose as investors awaited the key payrolls report. T bills "
                  "were little changed.");
    jsonl += line("u:chip-rally", "2025-03-01T08:00:00Z", "Pacific Ledger",
                  "Chip Stocks Rally in Early Trading", "Chip stocks rallied on Saturday morning.");
    jsonl += line("u:old", "2023-11-20T08:00:00Z", "Pacific Ledger", "Old Semiconductor Story",
                  "Semiconductor demand was weak.");
    jsonl += line("u:undated", "", "Pacific Ledger", "Undated Note on Semiconductor Supply",
                  "Semiconductor supply remains tight.");
    // For the wildcard bound: 150 words starting "zza" in one article, 100
    // more frequent ones starting "zzb" in two.
    jsonl += line("u:rare-words", "", "Word Lists", "Rare Words", numbered_words("zza", 150));
    jsonl +=
        line("u:common-words-1", "", "Word Lists", "Common Words One", numbered_words("zzb", 100));
    jsonl +=
        line("u:common-words-2", "", "Word Lists", "Common Words Two", numbered_words("zzb", 100));
    t::write_file(dir_ / "in/news.jsonl", jsonl);
    index::IndexWriterOptions options;
    options.extractor = reference();
    index::IndexWriter writer(dir_ / "db", options);
    const auto summary = index::index_paths(
        writer, {dir_ / "in"}, [](const ingest::Problem& p) { FAIL(p.origin + ": " + p.message); });
    REQUIRE(summary.articles == 15);
    db_ = search::open_index(dir_ / "db").all;
  }

  search::BuiltQuery build(const std::string& query, const search::Synonyms* synonyms = nullptr) {
    search::QueryContext context;
    context.reference = reference().get();
    context.synonyms = synonyms;
    context.now = kNow;
    const search::QueryBuilder builder(db_, context);
    return builder.build(query);
  }

  Urls urls(const std::string& query) { return run(build(query).query); }

  Urls run(const Xapian::Query& query) {
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    Urls out;
    const Xapian::MSet mset = enquire.get_mset(0, 1000);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      out.insert(schema::stored_article(it.get_document()).article.url);
    }
    return out;
  }

  const Xapian::Database& db() const { return db_; }

 private:
  t::TempDir dir_;
  Xapian::Database db_;
};

Fixture& fixture() {
  static Fixture instance;  // built once per test process
  return instance;
}

bool has_expansion(const search::BuiltQuery& built, const std::string& kind,
                   const std::string& from) {
  return std::any_of(built.expansions.begin(), built.expansions.end(),
                     [&](const search::Expansion& e) { return e.kind == kind && e.from == from; });
}

}  // namespace

// ---------------------------------------------------------------------------
// Words, phrases, operators

TEST_CASE("query words are stemmed and all required", "[query]") {
  CHECK(fixture().urls("iphone demand") == Urls{"u:apple-results"});
  CHECK(fixture().urls("semiconductor") == Urls{"u:nvidia", "u:old", "u:undated"});
  CHECK(fixture().urls("iphone frost").empty());
}

TEST_CASE("a quoted phrase needs its words in order", "[query]") {
  CHECK(fixture().urls("\"late frost\"") == Urls{"u:apple-fruit"});
  CHECK(fixture().urls("\"frost late\"").empty());
  CHECK(fixture().urls("late frost") == Urls{"u:apple-fruit"});
}

TEST_CASE("AND, OR and NOT combine words", "[query]") {
  CHECK(fixture().urls("apples AND frost") == Urls{"u:apple-fruit"});
  CHECK(fixture().urls("frost OR wildfire") == Urls{"u:apple-fruit", "u:allstate"});
  CHECK(fixture().urls("semiconductor NOT weak") == Urls{"u:nvidia", "u:undated"});
  CHECK(fixture().urls("NOT semiconductor").size() == 12);  // a query of NOT alone
}

TEST_CASE("a minus sign excludes a word", "[query]") {
  CHECK(fixture().urls("semiconductor -weak") == Urls{"u:nvidia", "u:undated"});
  CHECK(fixture().urls("semiconductor -weak -tight") == Urls{"u:nvidia"});
}

TEST_CASE("parentheses group operators", "[query]") {
  CHECK(fixture().urls("(frost OR wildfire) premiums") == Urls{"u:allstate"});
  CHECK(fixture().urls("frost OR (wildfire premiums)") == Urls{"u:apple-fruit", "u:allstate"});
  CHECK(fixture().urls("(semiconductor -weak) OR frost") ==
        Urls{"u:nvidia", "u:undated", "u:apple-fruit"});
}

// ---------------------------------------------------------------------------
// Fields

TEST_CASE("title: matches words of the title only", "[query]") {
  CHECK(fixture().urls("title:apple") == Urls{"u:apple-results", "u:apple-fruit"});
  CHECK(fixture().urls("title:semiconductor") == Urls{"u:nvidia", "u:old", "u:undated"});
  CHECK(fixture().urls("title:\"harvest shrinks\"") == Urls{"u:apple-fruit"});
  CHECK(fixture().urls("title:thursday").empty());  // only in bodies
}

TEST_CASE("company: takes an id, a name, a legal name or a ticker", "[query]") {
  const Urls apple = fixture().urls("company:apple");
  CHECK(apple == Urls{"u:apple-results", "u:aapl-options"});
  CHECK(fixture().urls("company:Apple") == apple);
  CHECK(fixture().urls("company:\"Apple Inc\"") == apple);
  CHECK(fixture().urls("company:AAPL") == apple);
  CHECK(fixture().urls("company:\"Goldman Sachs\"") == Urls{"u:goldman"});
  const auto built = fixture().build("company:\"Apple Inc\"");
  CHECK(has_expansion(built, "company", "company:Apple Inc"));
  CHECK(built.companies == std::vector<std::string>{"apple"});
}

TEST_CASE("company: with an unknown name falls back to its slug", "[query]") {
  const auto built = fixture().build("company:\"Acme Widgets\"");
  CHECK(built.query.get_description().find("XCOacme-widgets") != std::string::npos);
  CHECK(fixture().run(built.query).empty());
}

TEST_CASE("ticker: finds the company of a ticker in any form", "[query]") {
  const Urls apple = fixture().urls("company:apple");
  CHECK(fixture().urls("ticker:AAPL") == apple);
  CHECK(fixture().urls("ticker:aapl") == apple);
  CHECK(fixture().urls("ticker:$AAPL") == apple);
  CHECK(fixture().urls("ticker:NASDAQ:AAPL") == apple);
  CHECK(fixture().urls("ticker:9988.HK") == Urls{"u:alibaba"});
  CHECK(fixture().urls("ticker:BABA") == Urls{"u:alibaba"});
  const auto unknown = fixture().build("ticker:ZZZZQ");
  REQUIRE(unknown.warnings.size() == 1);
  CHECK(unknown.warnings[0].find("unknown ticker") != std::string::npos);
  // company: and ticker: filter one facet: either matches.
  CHECK(fixture().urls("company:goldman-sachs ticker:AAPL") ==
        Urls{"u:apple-results", "u:aapl-options", "u:goldman"});
}

TEST_CASE("country: takes a code, a name or a demonym", "[query]") {
  const Urls china = fixture().urls("country:CN");
  CHECK(china.count("u:alibaba") == 1);  // Alibaba's home country
  CHECK(fixture().urls("country:cn") == china);
  CHECK(fixture().urls("country:China") == china);
  CHECK(fixture().urls("country:chinese") == china);
  CHECK(has_expansion(fixture().build("country:chinese"), "country", "country:chinese"));
}

TEST_CASE("topic: takes an id or a display name", "[query]") {
  const Urls semis = fixture().urls("topic:semiconductors");
  CHECK(semis.count("u:nvidia") == 1);
  CHECK(fixture().urls("topic:Semiconductors") == semis);
  const auto& taxonomy = reference()->taxonomy();
  REQUIRE(taxonomy.find("cloud") != nullptr);
  CHECK(fixture().urls("topic:\"" + taxonomy.find("cloud")->name + "\"") ==
        fixture().urls("topic:cloud"));
}

TEST_CASE("source: matches the outlet in any spelling", "[query]") {
  const Urls northbridge{"u:apple-results", "u:goldman", "u:allstate", "u:keycorp"};
  CHECK(fixture().urls("source:\"Northbridge Wire\"") == northbridge);
  CHECK(fixture().urls("source:northbridge-wire") == northbridge);
  CHECK(fixture().urls("profit source:\"northbridge wire\"") == Urls{"u:goldman", "u:keycorp"});
}

// ---------------------------------------------------------------------------
// Dates (now = 2025-03-05 12:00 UTC)

TEST_CASE("date: a day, a month, a year", "[query]") {
  CHECK(fixture().urls("date:2025-02-13") == Urls{"u:apple-results"});
  CHECK(fixture().urls("date:20250213") == Urls{"u:apple-results"});
  CHECK(fixture().urls("date:2025-02") == Urls{"u:apple-results", "u:aapl-options"});
  CHECK(fixture().urls("date:2024") == Urls{"u:apple-fruit", "u:nvidia"});
  CHECK(fixture().build("date:2025-02").parsed == "date:2025-02-01..2025-02-28");
}

TEST_CASE("date: a quarter", "[query]") {
  CHECK(fixture().urls("date:2024Q3") == Urls{"u:nvidia"});
  CHECK(fixture().urls("date:2024q4") == Urls{"u:apple-fruit"});
  CHECK(fixture().urls("date:2024-Q3") == Urls{"u:nvidia"});
  CHECK(fixture().build("date:2024Q3").parsed == "date:2024-07-01..2024-09-30");
}

TEST_CASE("date: a range of days, months or years", "[query]") {
  CHECK(fixture().urls("date:2025-01-01..2025-01-31") == Urls{"u:alibaba", "u:goldman"});
  CHECK(fixture().urls("date:2024-08..2024-10") == Urls{"u:nvidia", "u:apple-fruit"});
  CHECK(fixture().urls("date:2023..2024") == Urls{"u:old", "u:apple-fruit", "u:nvidia"});
}

TEST_CASE("date: open ranges", "[query]") {
  CHECK(fixture().urls("date:2025-03-04..") == Urls{"u:keycorp", "u:words"});
  CHECK(fixture().urls("date:..2024-08-15") == Urls{"u:old", "u:nvidia"});
}

TEST_CASE("date: comparisons exclude or include the period named", "[query]") {
  CHECK(fixture().urls("date:>2025-03-03") == Urls{"u:keycorp", "u:words"});
  CHECK(fixture().urls("date:>=2025-03-03") == Urls{"u:allstate", "u:keycorp", "u:words"});
  CHECK(fixture().urls("date:<2024-10-01") == Urls{"u:old", "u:nvidia"});
  CHECK(fixture().urls("date:<=2024") == Urls{"u:old", "u:apple-fruit", "u:nvidia"});
  CHECK(fixture().urls("date:>2024Q4") == fixture().urls("date:2025"));
}

TEST_CASE("date: relative to now", "[query]") {
  CHECK(fixture().urls("date:24h") == Urls{"u:words"});
  CHECK(fixture().urls("date:1d") == Urls{"u:keycorp", "u:words"});
  CHECK(fixture().urls("date:7d") == Urls{"u:chip-rally", "u:allstate", "u:keycorp", "u:words"});
  CHECK(fixture().urls("date:1w") == fixture().urls("date:7d"));
  CHECK(fixture().urls("date:ytd") == fixture().urls("date:2025"));
  CHECK(fixture().urls("date:today") == Urls{"u:words"});
  CHECK(fixture().urls("date:yesterday") == Urls{"u:keycorp"});
  CHECK(fixture().urls("date:2w") ==
        Urls{"u:aapl-options", "u:chip-rally", "u:allstate", "u:keycorp", "u:words"});
  CHECK(fixture().urls("date:1y") == fixture().urls("date:12m"));
  const Urls year = fixture().urls("date:12m");
  CHECK(year.count("u:nvidia") == 1);  // 2024-08-15
  CHECK(year.count("u:old") == 0);     // 2023-11-20
  CHECK(fixture().build("date:7d").parsed == "date:>=2025-02-26");
  CHECK(fixture().build("date:24h").parsed == "date:>=2025-03-04T12:00:00Z");
}

TEST_CASE("date: filters combine with words and never match undated articles", "[query]") {
  CHECK(fixture().urls("semiconductor date:2024") == Urls{"u:nvidia"});
  CHECK(fixture().urls("semiconductor date:..2030").count("u:undated") == 0);
  CHECK(fixture().urls("date:2024 OR date:2023") == Urls{"u:old", "u:apple-fruit", "u:nvidia"});
  CHECK(fixture().urls("date:2024 date:2023") == Urls{"u:old", "u:apple-fruit", "u:nvidia"});
}

TEST_CASE("a date that cannot be read is dropped with a warning", "[query]") {
  for (const char* bad : {"date:2025-13-01", "date:2025-02-30", "date:soon", "date:..", "date:7x",
                          "date:-5d", "date:5000y"}) {
    CAPTURE(bad);
    const auto built = fixture().build(std::string("semiconductor ") + bad);
    CHECK(fixture().run(built.query) == fixture().urls("semiconductor"));
    REQUIRE(built.warnings.size() == 1);
    CHECK(built.warnings[0].find("not a date") != std::string::npos);
  }
  const auto alone = fixture().build("date:garbage");
  CHECK(alone.match_all);
  CHECK(fixture().run(alone.query).size() == 15);
  // Among other dates, only the bad one goes.
  CHECK(fixture().urls("date:2024 date:garbage") == fixture().urls("date:2024"));
}

TEST_CASE("a reversed date range is read the right way round, with a warning", "[query]") {
  const auto built = fixture().build("date:2025-01-31..2025-01-01");
  CHECK(fixture().run(built.query) == Urls{"u:alibaba", "u:goldman"});
  REQUIRE(built.warnings.size() == 1);
  CHECK(built.warnings[0].find("2025-01-01..2025-01-31") != std::string::npos);
}

// ---------------------------------------------------------------------------
// about:, wildcards

TEST_CASE("about: matches articles whose subject is the company, not passing mentions", "[query]") {
  const Urls mentions = fixture().urls("company:nvidia");
  CHECK(mentions == Urls{"u:apple-results", "u:nvidia"});
  CHECK(fixture().urls("about:NVDA") == Urls{"u:nvidia"});
  CHECK(fixture().urls("about:nvidia") == Urls{"u:nvidia"});
  CHECK(fixture().urls("about:\"Nvidia Corp\"") == Urls{"u:nvidia"});
  CHECK(fixture().urls("about:\"Goldman Sachs\"") == Urls{"u:goldman"});
  CHECK(fixture().build("about:NVDA").companies == std::vector<std::string>{"nvidia"});
  CHECK(fixture().build("about:NVDA").parsed == "about:nvidia");
}

TEST_CASE("a wildcard matches the words starting with it", "[query]") {
  CHECK(fixture().urls("semicond*") == Urls{"u:nvidia", "u:old", "u:undated"});
  CHECK(fixture().urls("title:semi*") == Urls{"u:nvidia", "u:old", "u:undated"});
  CHECK(fixture().urls("rall* chip*") == Urls{"u:chip-rally"});
  const auto built = fixture().build("semicond*");
  CHECK(built.parsed == "semicond*");
  REQUIRE(built.expansions.size() == 1);
  CHECK(built.expansions[0].kind == "wildcard");
  CHECK(built.expansions[0].to == "1 word: semiconductor");
}

TEST_CASE("a wildcard expands to at most 100 words, the most frequent ones", "[query]") {
  // zza001..zza150 are in one article each; zzb001..zzb100 in two.
  CHECK(fixture().urls("zz*") == Urls{"u:common-words-1", "u:common-words-2"});
  CHECK(fixture().urls("zza*") == Urls{"u:rare-words"});
  const auto built = fixture().build("zz*");
  REQUIRE(built.expansions.size() == 1);
  CHECK(built.expansions[0].to.rfind("the 100 most frequent of 250 words", 0) == 0);
}

// ---------------------------------------------------------------------------
// Malformed and impossible queries

TEST_CASE("malformed queries fall back to their most sensible reading", "[query]") {
  const struct {
    const char* query;
    const char* same_as;
  } cases[] = {
      {"\"late frost", "late frost"},
      {"frost AND", "frost"},
      {"AND AND frost", "frost"},
      {"frost OR OR wildfire", "frost OR wildfire"},
      {"frost NOT", "frost"},
      {"(frost", "frost"},
      {"frost)", "frost"},
      {"\"late frost\" \"apples", "\"late frost\" apples"},
      {"semicond* AND", "semicond*"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.query);
    CHECK(fixture().urls(c.query) == fixture().urls(c.same_as));
  }
  for (const char* odd : {"*", "\"\"", "()", "-", "NOT", "((((", "AND OR NOT",
                          "date:", "company:", "about:", ":", "$", "title:\"", "-\"\""}) {
    CAPTURE(odd);
    CHECK_NOTHROW(fixture().build(odd));
  }
}

TEST_CASE("a query that is too long cannot be run", "[query]") {
  CHECK_THROWS_AS(fixture().build(std::string(search::kMaxQueryBytes + 1, 'a')), UserError);
  CHECK_NOTHROW(fixture().build(std::string(search::kMaxQueryBytes, 'a')));
}

TEST_CASE("a query with too many terms or wildcards cannot be run", "[query]") {
  std::string words;
  for (std::size_t i = 0; i < search::kMaxQueryTerms; ++i) words += "w" + std::to_string(i) + " ";
  CHECK_NOTHROW(fixture().build(words));
  CHECK_THROWS_WITH(fixture().build(words + "one-more"), Catch::Contains("too many terms"));
  std::string wildcards;
  for (std::size_t i = 0; i <= search::kMaxQueryWildcards; ++i) {
    wildcards += "w" + std::to_string(i) + "* ";
  }
  CHECK_THROWS_WITH(fixture().build(wildcards), Catch::Contains("too many wildcards"));
}

// ---------------------------------------------------------------------------
// Companies and tickers in free text

TEST_CASE("AAPL, $AAPL, Apple Inc and company:apple find the same articles", "[query]") {
  const Urls apple = fixture().urls("company:apple");
  REQUIRE(apple == Urls{"u:apple-results", "u:aapl-options"});
  for (const char* query :
       {"AAPL", "$AAPL", "Apple Inc", "NASDAQ:AAPL", "\"Apple Inc\"", "ticker:AAPL"}) {
    CAPTURE(query);
    CHECK(fixture().urls(query) == apple);
  }
  CHECK(fixture().urls("AAPL shares") == Urls{"u:apple-results", "u:aapl-options"});
}

TEST_CASE("a ticker or company in free text is reported as an expansion", "[query]") {
  const auto ticker = fixture().build("AAPL");
  REQUIRE(ticker.expansions.size() == 1);
  CHECK(ticker.expansions[0] == search::Expansion{"ticker", "AAPL", "Apple (company:apple)"});
  CHECK(ticker.companies == std::vector<std::string>{"apple"});
  CHECK(ticker.parsed == "(aapl OR company:apple) MAYBE names-of:apple");
  const auto name = fixture().build("Goldman Sachs profit");
  CHECK(name.expansions ==
        std::vector<search::Expansion>{
            {"company", "Goldman Sachs", "Goldman Sachs (company:goldman-sachs)"}});
  CHECK(name.parsed ==
        "(((goldman AND sach) OR company:goldman-sachs) MAYBE names-of:goldman-sachs) AND profit");
}

TEST_CASE("a company spelled differently is found through its tag", "[query]") {
  // The article writes 阿里巴巴 only; the indexer tagged it Alibaba.
  CHECK(fixture().urls("Alibaba") == Urls{"u:alibaba"});
  CHECK(fixture().urls("alibaba") == Urls{"u:alibaba"});
  CHECK(fixture().urls("BABA") == Urls{"u:alibaba"});
  CHECK(fixture().urls("9988.HK") == Urls{"u:alibaba"});
  CHECK(fixture().urls("\"Alibaba Group\"") == Urls{"u:alibaba"});
  // Without the reference data, only the word.
  search::QueryContext bare;
  bare.now = kNow;
  const search::QueryBuilder plain(fixture().db(), bare);
  CHECK(fixture().run(plain.build("Alibaba").query).empty());
}

TEST_CASE("lower-case common words are not tickers", "[query]") {
  // "all", "key" and "t" are tickers of Allstate, KeyCorp and AT&T.
  for (const char* word : {"all", "key", "t", "Key", "All"}) {
    CAPTURE(word);
    const auto built = fixture().build(word);
    CHECK(built.expansions.empty());
    CHECK(built.companies.empty());
    CHECK(fixture().run(built.query) == Urls{"u:words"});
  }
  CHECK(fixture().urls("allstate") == Urls{"u:allstate"});  // its name is fine
}

TEST_CASE("an ambiguous company name is a company only when capitalised", "[query]") {
  // "apple" is also a fruit: lower case, it is just the word.
  const auto lower = fixture().build("apple");
  CHECK(lower.expansions.empty());
  CHECK(fixture().run(lower.query) == Urls{"u:apple-results", "u:apple-fruit"});
  // "Apple" names the company: its tagged articles join the word's.
  const auto named = fixture().build("Apple");
  CHECK(has_expansion(named, "company", "Apple"));
  CHECK(fixture().run(named.query) == Urls{"u:apple-results", "u:aapl-options", "u:apple-fruit"});
  // Never the company without evidence: a title-case headline word alone.
  CHECK(fixture().urls("company:apple").count("u:apple-fruit") == 0);
}

TEST_CASE("all-capital acronyms that are also tickers stay words", "[query]") {
  // AI is Air Liquide's ticker on Euronext Paris, CPI Capitec's: neither is
  // read as the company (a synonym-file word; a word the index uses for
  // something else).
  const search::Synonyms synonyms = search::Synonyms::load_default();
  CHECK(fixture().build("AI", &synonyms).companies.empty());
  CHECK(fixture().build("semiconductor CPI").companies.empty());
}

TEST_CASE("a synonym-file word is not read as a company", "[query]") {
  // PMI is an alias of Philip Morris International, and a purchasing
  // managers' index in the synonym file: the file wins; $PM, its ticker, still works.
  const search::Synonyms synonyms = search::Synonyms::load_default();
  CHECK(fixture().build("PMI").companies == std::vector<std::string>{"philip-morris"});
  CHECK(fixture().build("PMI", &synonyms).companies.empty());
  CHECK(fixture().build("$PM", &synonyms).companies == std::vector<std::string>{"philip-morris"});
}

TEST_CASE("companies lists what the query asks for, not what it excludes", "[query]") {
  const auto built = fixture().build("AAPL -nvidia company:alibaba about:\"Goldman Sachs\"");
  CHECK(std::set<std::string>(built.companies.begin(), built.companies.end()) ==
        std::set<std::string>{"apple", "alibaba", "goldman-sachs"});
  CHECK(fixture().build("frost NOT $NVDA").companies.empty());
}

TEST_CASE("company expansions keep quotes, fields and operators", "[query]") {
  CHECK(fixture().urls("AAPL OR frost") ==
        Urls{"u:apple-results", "u:aapl-options", "u:apple-fruit"});
  CHECK(fixture().urls("iphone -AAPL").empty());
  CHECK(fixture().urls("(AAPL OR Alibaba) date:2025-01") == Urls{"u:alibaba"});
  CHECK(fixture().urls("title:AAPL").empty());  // a title word, not the company
}
