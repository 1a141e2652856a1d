// Synonyms (the file format, the built-in file, user files) and query-side
// expansions on real indexes: a small fixture and the bundled corpus/, both
// built with extraction on.
#include <catch2/catch.hpp>
#include <memory>
#include <set>

#include "extract/facet_extractor.h"
#include "index/index_paths.h"
#include "schema.h"
#include "search/index_reader.h"
#include "search/query_builder.h"
#include "search/synonyms.h"
#include "support/search_fixtures.h"
#include "support/test_env.h"

using namespace newsdesk;
namespace t = newsdesk::testing;
using Urls = std::set<std::string>;
using Titles = std::set<std::string>;

namespace {

const std::shared_ptr<const extract::FacetExtractor>& reference() {
  return t::reference_data();
}

const search::Synonyms& builtin() {
  static const search::Synonyms instance = search::Synonyms::load_default();
  return instance;
}

// An index of `paths` built with extraction, queried through QueryBuilder.
class Index {
 public:
  explicit Index(const std::vector<std::filesystem::path>& paths) { open(paths); }
  explicit Index(const std::string& jsonl) {
    t::write_file(dir_ / "in/news.jsonl", jsonl);
    open({dir_ / "in"});
  }

  search::BuiltQuery build(const std::string& query,
                           const search::Synonyms* synonyms = &builtin()) const {
    search::QueryContext context;
    context.reference = reference().get();
    context.synonyms = synonyms;
    const search::QueryBuilder builder(db_, context);
    return builder.build(query);
  }

  // The weights of the matching articles, best first.
  std::vector<double> weights(const std::string& query) const {
    Xapian::Enquire enquire(db_);
    enquire.set_query(build(query).query);
    std::vector<double> out;
    const Xapian::MSet mset = enquire.get_mset(0, 1000);
    for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(it.get_weight());
    return out;
  }

  // The matching articles' urls (field = "url") or titles (field = "title").
  std::set<std::string> find(const std::string& query,
                             const search::Synonyms* synonyms = &builtin(),
                             const std::string& field = "url") const {
    Xapian::Enquire enquire(db_);
    enquire.set_query(build(query, synonyms).query);
    std::set<std::string> out;
    const Xapian::MSet mset = enquire.get_mset(0, 1000);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const auto stored = schema::stored_article(it.get_document());
      out.insert(field == "title" ? stored.article.title : stored.article.url);
    }
    return out;
  }

 private:
  void open(const std::vector<std::filesystem::path>& paths) {
    index::IndexWriterOptions options;
    options.extractor = reference();
    {
      index::IndexWriter writer(dir_ / "db", options);
      index::index_paths(writer, paths,
                         [](const ingest::Problem& p) { FAIL(p.origin + ": " + p.message); });
    }
    db_ = search::open_index(dir_ / "db").all;
  }

  t::TempDir dir_;
  Xapian::Database db_;
};

std::string line(const std::string& url, const std::string& title, const std::string& body) {
  return R"({"url": ")" + url + R"(", "title": ")" + title + R"(", "body": ")" + body +
         R"(", "source": "Test Wire", "published": "2025-02-01T00:00:00Z"})" + "\n";
}

const Index& synonyms_index() {
  static const Index instance(
      line("u:ai-word", "Startups Race to Build AI Agents", "Investors poured money into AI.") +
      line("u:ai-phrase", "Regulators Study Artificial Intelligence Risks",
           "The use of artificial intelligence in lending drew scrutiny.") +
      line("u:ai-body", "Bank Earnings Preview",
           "Banks are investing in artificial intelligence tools.") +
      line("u:ai-chips", "New Chips for Phones",
           "The company showed artificial intelligence chips for phones.") +
      line("u:machine", "Machine Intelligence Lab Opens",
           "A lab for machine intelligence opened in Zurich.") +
      line("u:ma", "Bankers See M&A Rebound", "M&A activity picked up in the first quarter.") +
      line("u:merger", "Two Lenders Agree Merger", "The merger will create a larger lender.") +
      line("u:mergers-and-acquisitions", "Advisers Busy",
           "Mergers and acquisitions advisers were busy.") +
      line("u:fed", "Fed Holds Rates", "The Fed left rates unchanged.") +
      line("u:federal-reserve", "Central Bank Pauses",
           "The Federal Reserve left its benchmark rate unchanged."));
  return instance;
}

const Index& corpus() {
  static const Index instance(std::vector<std::filesystem::path>{t::source_dir() / "corpus"});
  return instance;
}

bool has_synonym(const search::BuiltQuery& built, const std::string& from, const std::string& to) {
  return std::any_of(built.expansions.begin(), built.expansions.end(),
                     [&](const search::Expansion& e) {
                       return e.kind == "synonym" && e.from == from && e.to == to;
                     });
}

}  // namespace

// ---------------------------------------------------------------------------
// The synonym file

TEST_CASE("word_terms cuts, lower-cases and stems like the indexer", "[query]") {
  using V = std::vector<std::string>;
  CHECK(search::word_terms("Artificial Intelligence") == V{"artifici", "intellig"});
  CHECK(search::word_terms("M&A") == V{"m&a"});
  CHECK(search::word_terms("$AAPL") == V{"aapl"});
  CHECK(search::word_terms("9988.HK") == V{"9988", "hk"});
  CHECK(search::word_terms("Soci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale") ==
        V{"societ", "general"});
  CHECK(search::word_terms("--").empty());
}

TEST_CASE("a synonym line makes its entries equivalent", "[query]") {
  const auto synonyms = search::Synonyms::parse("AI, artificial intelligence\n", "test");
  const auto ai = synonyms.find({"ai"});
  REQUIRE(ai);
  CHECK(ai->entry->text == "AI");
  REQUIRE(ai->alternatives.size() == 1);
  CHECK(ai->alternatives[0]->text == "artificial intelligence");
  const auto phrase = synonyms.find({"artifici", "intellig"});
  REQUIRE(phrase);
  REQUIRE(phrase->alternatives.size() == 1);
  CHECK(phrase->alternatives[0]->terms == std::vector<std::string>{"ai"});
  CHECK_FALSE(synonyms.find({"intellig"}));
  CHECK(synonyms.longest_entry() == 2);
}

TEST_CASE("a one-way synonym line expands only from the left", "[query]") {
  const auto synonyms = search::Synonyms::parse("Treasuries, T-bonds => government bonds\n", "t");
  const auto treasuries = synonyms.find(search::word_terms("treasuries"));
  REQUIRE(treasuries);
  REQUIRE(treasuries->alternatives.size() == 1);
  CHECK(treasuries->alternatives[0]->text == "government bonds");
  CHECK_FALSE(synonyms.find(search::word_terms("government bonds")));
}

TEST_CASE("synonym files have comments, and errors name the line", "[query]") {
  const auto synonyms = search::Synonyms::parse(
      "# a comment\n\n  C#, C sharp   # C# is not a comment\nEV, electric vehicle\r\n", "t");
  CHECK(synonyms.size() == 4);
  CHECK(synonyms.find(search::word_terms("electric vehicles")));
  CHECK_THROWS_WITH(search::Synonyms::parse("a, b\nlonely\n", "f.txt"),
                    Catch::Contains("f.txt:2:"));
  CHECK_THROWS_WITH(search::Synonyms::parse("a,, b\n", "f.txt"), Catch::Contains("f.txt:1:"));
  CHECK_THROWS_WITH(search::Synonyms::parse("a => b => c\n", "f.txt"), Catch::Contains("f.txt:1:"));
  CHECK_THROWS_WITH(search::Synonyms::parse("merger, mergers\n", "f.txt"),
                    Catch::Contains("two or more different"));
  CHECK_THROWS_WITH(search::Synonyms::load({"/nonexistent/synonyms.txt"}),
                    Catch::Contains("cannot read"));
  auto kept = search::Synonyms::parse("a, b\n", "t");
  CHECK_THROWS(kept.add("c, d\nlonely\n", "u"));
  CHECK(kept.size() == 2);  // a failed add changes nothing
  CHECK_FALSE(kept.find({"c"}));
}

TEST_CASE("the built-in synonym file has the expected groups", "[query]") {
  for (const char* word :
       {"AI", "artificial intelligence", "M&A", "merger", "Fed", "Federal Reserve"}) {
    CAPTURE(word);
    CHECK(builtin().find(search::word_terms(word)));
  }
}

TEST_CASE("a later synonym file adds to the earlier ones", "[query]") {
  t::TempDir dir;
  t::write_file(dir / "mine.txt", "AI, machine intelligence\nbanks, lenders\n");
  const auto both = search::Synonyms::load_default({dir / "mine.txt"});
  const auto ai = both.find({"ai"});
  REQUIRE(ai);
  std::set<std::string> texts;
  for (const auto* alternative : ai->alternatives) texts.insert(alternative->text);
  CHECK(texts == std::set<std::string>{"artificial intelligence", "machine intelligence"});
  CHECK(both.find(search::word_terms("lenders")));
  CHECK(both.size() == builtin().size() + 3);  // machine intelligence, banks, lenders

  const Index& index = synonyms_index();
  CHECK(index.find("AI", &both).count("u:machine") == 1);
  CHECK(index.find("artificial intelligence", &both).count("u:machine") == 1);
  CHECK(index.find("AI").count("u:machine") == 0);
}

// ---------------------------------------------------------------------------
// Synonyms in queries

TEST_CASE("a single word finds its multiword synonym", "[query]") {
  const Urls ai{"u:ai-word", "u:ai-phrase", "u:ai-body", "u:ai-chips"};
  CHECK(synonyms_index().find("AI") == ai);
  CHECK(synonyms_index().find("ai") == ai);
  CHECK(synonyms_index().find("AI", nullptr) == Urls{"u:ai-word"});
  const auto built = synonyms_index().build("AI");
  CHECK(has_synonym(built, "AI", "\"artificial intelligence\""));
  CHECK(built.parsed == "ai OR \"artifici intellig\"");
}

TEST_CASE("a multiword phrase finds its one-word synonym, quoted or not", "[query]") {
  const Urls ai{"u:ai-word", "u:ai-phrase", "u:ai-body", "u:ai-chips"};
  CHECK(synonyms_index().find("\"artificial intelligence\"") == ai);
  CHECK(synonyms_index().find("artificial intelligence") == ai);
  CHECK(synonyms_index().find("Artificial Intelligence risks") == Urls{"u:ai-phrase"});
  CHECK(has_synonym(synonyms_index().build("artificial intelligence"),
                    "\"artificial intelligence\"", "AI"));
}

TEST_CASE("M&A and merger are synonyms", "[query]") {
  const Urls deals{"u:ma", "u:merger", "u:mergers-and-acquisitions"};
  CHECK(synonyms_index().find("M&A") == deals);
  CHECK(synonyms_index().find("merger") == deals);
  CHECK(synonyms_index().find("mergers and acquisitions") == deals);
  CHECK(synonyms_index().find("M&A", nullptr) == Urls{"u:ma"});
}

TEST_CASE("Fed and Federal Reserve are synonyms", "[query]") {
  const Urls fed{"u:fed", "u:federal-reserve"};
  CHECK(synonyms_index().find("Fed") == fed);
  CHECK(synonyms_index().find("\"Federal Reserve\"") == fed);
  CHECK(synonyms_index().find("federal reserve holds") == Urls{"u:fed"});
}

TEST_CASE("synonyms inside a longer phrase give variants of the phrase", "[query]") {
  CHECK(synonyms_index().find("\"AI chips\"") == Urls{"u:ai-chips"});
  CHECK(synonyms_index().find("\"AI chips\"", nullptr).empty());
  CHECK(synonyms_index().find("\"artificial intelligence in lending\"") == Urls{"u:ai-phrase"});
}

TEST_CASE("title: synonyms stay in the title", "[query]") {
  CHECK(synonyms_index().find("title:AI") == Urls{"u:ai-word", "u:ai-phrase"});
  CHECK(synonyms_index().find("title:\"artificial intelligence\"") ==
        Urls{"u:ai-word", "u:ai-phrase"});
  const auto built = synonyms_index().build("title:AI");
  CHECK(built.parsed == "title:ai OR title:\"artifici intellig\"");
  CHECK(has_synonym(built, "title:AI", "\"artificial intelligence\""));
}

TEST_CASE("a NOT of a word excludes its synonyms too", "[query]") {
  CHECK(synonyms_index().find("banks -AI") == Urls{"u:federal-reserve"});
  CHECK(synonyms_index().find("banks -AI", nullptr) == Urls{"u:ai-body", "u:federal-reserve"});
  CHECK(synonyms_index().find("lender -M&A") == Urls{});
}

// ---------------------------------------------------------------------------
// The bundled corpus

TEST_CASE("corpus: every form of a ticker finds what company: finds", "[query]") {
  const auto nvidia = corpus().find("company:nvidia");
  CHECK(nvidia.size() >= 5);
  for (const char* query : {"NVDA", "$NVDA", "NASDAQ:NVDA", "ticker:NVDA", "Nvidia Corp"}) {
    CAPTURE(query);
    CHECK(corpus().find(query) == nvidia);
  }
  const auto tencent = corpus().find("company:tencent");
  CHECK(corpus().find("ticker:0700.HK") == tencent);
  CHECK(corpus().find("00700.HK") == tencent);
}

TEST_CASE("corpus: a company name finds articles that spell it another way", "[query]") {
  // The Chinese article names Tencent only as 腾讯.
  const auto titles = corpus().find("Tencent", &builtin(), "title");
  CHECK(std::any_of(titles.begin(), titles.end(), [](const std::string& title) {
    return title.rfind("\xe8\x85\xbe\xe8\xae\xaf", 0) == 0;  // 腾讯
  }));
  CHECK(corpus().find("Tencent", nullptr).size() >= corpus().find("tencent", nullptr).size());
}

TEST_CASE("corpus: articles found by a company's tag rank by its other names", "[query]") {
  // Articles tagged Alphabet that say only "Google" still get a weight.
  const auto weights = corpus().weights("Alphabet");
  CHECK(weights.size() > corpus().find("alphabet", nullptr).size());
  CHECK(std::all_of(weights.begin(), weights.end(), [](double w) { return w > 0; }));
  CHECK(corpus().build("Alphabet").parsed ==
        "(alphabet OR company:alphabet) MAYBE names-of:alphabet");
}

TEST_CASE("corpus: the Fed and the Federal Reserve are one", "[query]") {
  const auto fed = corpus().find("Fed", &builtin(), "title");
  CHECK(fed.count("Federal Reserve Holds Rates Steady, Signals Only One Cut This Year") == 1);
  CHECK(fed.count("Fed Cuts Rates by a Quarter Point and Signals More Easing Ahead") == 1);
  CHECK(corpus().find("\"Federal Reserve\"", &builtin(), "title") == fed);
}

TEST_CASE("corpus: apple the fruit stays out of company:apple", "[query]") {
  const auto company = corpus().find("company:apple", &builtin(), "title");
  CHECK(company.count("Apple Prices Climb in Europe After Spring Frost Cuts Harvest in Poland") ==
        0);
  CHECK(corpus().find("AAPL", &builtin(), "title") == company);
}
