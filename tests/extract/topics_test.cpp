#include "extract/topics.h"

#include <catch2/catch.hpp>
#include <stdexcept>

#include "support/test_env.h"

using namespace newsdesk;
using newsdesk::extract::classify_topics;
using newsdesk::extract::FacetTag;
using newsdesk::extract::Taxonomy;

namespace {

const Taxonomy& default_taxonomy() {
  static const Taxonomy taxonomy =
      Taxonomy::load(newsdesk::testing::source_dir() / "data/taxonomy.txt");
  return taxonomy;
}

Article article(std::string title, std::string body) {
  Article a;
  a.title = std::move(title);
  a.body = std::move(body);
  return a;
}

const FacetTag* tag_for(const std::vector<FacetTag>& tags, std::string_view id) {
  for (const auto& tag : tags) {
    if (tag.key == id) return &tag;
  }
  return nullptr;
}

double score_of(const Taxonomy& taxonomy, const Article& a, std::string_view id) {
  const auto tags = classify_topics(taxonomy, a);
  const FacetTag* tag = tag_for(tags, id);
  return tag ? tag->score : 0;
}

}  // namespace

TEST_CASE("the default taxonomy has the topics the corpus uses", "[extract][topics]") {
  const Taxonomy& taxonomy = default_taxonomy();
  CHECK(taxonomy.topics().size() >= 20);
  for (const char* id : {"earnings",
                         "mergers-acquisitions",
                         "ipo",
                         "ai",
                         "semiconductors",
                         "cloud",
                         "cybersecurity",
                         "smartphones-devices",
                         "regulation-antitrust",
                         "central-banks-rates",
                         "currencies",
                         "commodities",
                         "energy-oil",
                         "agriculture",
                         "trade-tariffs",
                         "crypto",
                         "banking",
                         "bankruptcy-restructuring",
                         "litigation",
                         "labour",
                         "autos-ev",
                         "telecom",
                         "shipping",
                         "metals-mining",
                         "grains",
                         "economy"}) {
    CAPTURE(id);
    const auto* topic = taxonomy.find(id);
    REQUIRE(topic != nullptr);
    CHECK(!topic->name.empty());
    CHECK(topic->threshold > 0);
    CHECK(!topic->terms.empty());
  }
  CHECK(taxonomy.find("no-such-topic") == nullptr);
}

TEST_CASE("typical sentences get their topic", "[extract][topics]") {
  const struct {
    const char* id;
    const char* title;
    const char* body;
  } cases[] = {
      {"earnings", "Acme quarterly profit beats forecasts",
       "Acme reported net income of $1.2 billion, or 85 cents per share, for the fourth quarter."},
      {"mergers-acquisitions", "Globex agrees to acquire Initech",
       "Globex said it had agreed to buy Initech for $4 billion in cash, a takeover that "
       "needs shareholder approval."},
      {"ipo", "Chip designer files for IPO",
       "The company plans an initial public offering on the Nasdaq next month."},
      {"ai", "Startup unveils new AI model",
       "The artificial intelligence startup released a large language model for businesses."},
      {"semiconductors", "Chipmaker expands foundry capacity",
       "The semiconductor company will build a new wafer fab to make memory chips."},
      {"cybersecurity", "Retailer hit by ransomware attack",
       "Hackers stole customer records in a data breach, the company said."},
      {"central-banks-rates", "Fed holds interest rates steady",
       "The Federal Reserve kept its benchmark rate unchanged and said monetary policy would stay "
       "tight."},
      {"currencies", "Dollar falls against the yen",
       "The dollar slipped on the foreign exchange market as traders bet on intervention."},
      {"energy-oil", "Oil prices jump after OPEC cut",
       "Brent crude rose 3% after OPEC agreed to reduce output by one million barrels per day."},
      {"trade-tariffs", "US raises tariffs on steel imports",
       "The new tariffs widen a trade dispute; trading partners threatened retaliation."},
      {"grains", "Wheat exports to Egypt rise",
       "Egypt bought 240,000 tonnes of wheat and corn, traders said, as grain prices fell."},
      {"shipping", "Tanker attacked near Hormuz",
       "The vessel was hit in the strait; shipping rates and freight insurance rose."},
      {"crypto", "Bitcoin tops $100,000",
       "The cryptocurrency rallied as investors poured money into bitcoin ETFs."},
      {"bankruptcy-restructuring", "Retail chain files for bankruptcy",
       "The company sought Chapter 11 protection and said creditors would take control."},
  };
  const Taxonomy& taxonomy = default_taxonomy();
  for (const auto& c : cases) {
    CAPTURE(c.id, c.title);
    const auto tags = classify_topics(taxonomy, article(c.title, c.body));
    const FacetTag* tag = tag_for(tags, c.id);
    REQUIRE(tag != nullptr);
    CHECK(tag->score >= taxonomy.find(c.id)->threshold);
    CHECK(!tag->evidence.empty());
  }
}

TEST_CASE("topics are sorted by score with their evidence as written", "[extract][topics]") {
  const auto tags = classify_topics(
      default_taxonomy(), article("Oil prices slump as OPEC talks fail",
                                  "Crude oil fell 5% to $61 a barrel. OPEC ministers could not "
                                  "agree on output cuts."));
  REQUIRE(!tags.empty());
  CHECK(tags.front().key == "energy-oil");
  for (std::size_t i = 1; i < tags.size(); ++i) CHECK(tags[i - 1].score >= tags[i].score);
  const auto& evidence = tags.front().evidence;
  CHECK(std::find(evidence.begin(), evidence.end(), "OPEC") != evidence.end());
  CHECK(std::find(evidence.begin(), evidence.end(), "Crude oil") != evidence.end());
}

TEST_CASE("a word in the title outweighs the same word in the body", "[extract][topics]") {
  const Taxonomy& taxonomy = default_taxonomy();
  const auto in_title =
      classify_topics(taxonomy, article("Tariffs spark a trade war", "The minister spoke."));
  const auto in_body =
      classify_topics(taxonomy, article("The minister spoke", "Tariffs spark a trade war."));
  CHECK(tag_for(in_title, "trade-tariffs") != nullptr);
  CHECK(tag_for(in_body, "trade-tariffs") == nullptr);

  const Taxonomy one_word =
      Taxonomy::parse("threshold = 0.1\ntitle_weight = 3\n[t] T\n1: tariff\n", "t.txt");
  CHECK(score_of(one_word, article("Tariffs", "The minister spoke."), "t") == Approx(3));
  CHECK(score_of(one_word, article("The minister spoke", "Tariffs."), "t") == Approx(1));
  CHECK(score_of(one_word, article("Tariffs", "Tariffs."), "t") == Approx(4));
}

TEST_CASE("passing mentions and look-alike words do not give a topic", "[extract][topics]") {
  const Taxonomy& taxonomy = default_taxonomy();
  const struct {
    const char* id;
    const char* title;
    const char* body;
  } cases[] = {
      // Vegetable oils are not energy.
      {"energy-oil", "Palm oil output rises", "Malaysian palm oil and soybean oil stocks rose."},
      // "Important" stems like "import"; "France" like "franc".
      {"trade-tariffs", "Important talks in France", "The important meeting took place in France."},
      {"currencies", "Important talks in France", "The important meeting took place in France."},
      // A blue-chip stock index is not about semiconductors.
      {"semiconductors", "Blue chips rally", "Blue chip stocks led the market higher."},
      // A trade union is labour news, not trade policy.
      {"trade-tariffs", "Trade union calls strike", "The trade union said members would strike."},
      {"energy-oil", "Bakery sales grow", "The bakery sold more bread and cakes this year."},
  };
  for (const auto& c : cases) {
    CAPTURE(c.id, c.title);
    const auto tags = classify_topics(taxonomy, article(c.title, c.body));
    CHECK(tag_for(tags, c.id) == nullptr);
  }
  CHECK(classify_topics(taxonomy, article("", "")).empty());
}

TEST_CASE("a topic fires only at its threshold", "[extract][topics]") {
  const Taxonomy taxonomy = Taxonomy::parse(
      "title_weight = 3\nmax_mentions = 2\n[metals] Metals\nthreshold = 4\n2: copper\n", "t.txt");
  CHECK(taxonomy.find("metals")->threshold == 4);
  // One body mention: 2 < 4.
  CHECK(classify_topics(taxonomy, article("Markets", "Copper rose.")).empty());
  // Two body mentions: 2 x 2 = 4.
  const auto two = classify_topics(taxonomy, article("Markets", "Copper rose. Copper fell."));
  REQUIRE(two.size() == 1);
  CHECK(two[0].score == Approx(4));
  // Mentions past max_mentions do not count.
  CHECK(score_of(taxonomy, article("Markets", "copper copper copper copper"), "metals") ==
        Approx(4));
  // In the title: 2 x 3 = 6.
  CHECK(score_of(taxonomy, article("Copper rallies", "Prices rose."), "metals") == Approx(6));
}

TEST_CASE("terms match inflections, exact forms, prefixes and phrases", "[extract][topics]") {
  const Taxonomy taxonomy = Taxonomy::parse(R"(threshold = 1
[deals] Deals
1: acquire, "tender offer"
[ships] Ships
1: =ships
[chips] Chips
1: semiconduct*
[oil] Oil
1: oil
0: palm oil
-2: olive oil
)",
                                            "t.txt");
  auto has = [&](const char* body, const char* id) {
    return tag_for(classify_topics(taxonomy, article("", body)), id) != nullptr;
  };
  CHECK(has("It acquired a rival.", "deals"));
  CHECK(has("ACQUIRING firms", "deals"));
  CHECK(has("a tender-offer", "deals"));
  CHECK_FALSE(has("a tender. Offer", "deals"));  // a phrase stays in one sentence
  CHECK(has("two ships", "ships"));
  CHECK_FALSE(has("it shipped", "ships"));
  CHECK(has("Semiconductors", "chips"));
  CHECK(has("crude oil", "oil"));
  CHECK_FALSE(has("palm oil", "oil"));
  CHECK_FALSE(has("oil and olive oil", "oil"));  // 1 - 2 < 1
}

TEST_CASE("possessives, sentence ends and paragraph breaks: what a phrase sees",
          "[extract][topics]") {
  const Taxonomy taxonomy = Taxonomy::parse(R"(threshold = 1
[deals] Deals
1: "tender offer"
[s] S
1: =s
)",
                                            "t.txt");
  auto has = [&](const char* body, const char* id) {
    return tag_for(classify_topics(taxonomy, article("", body)), id) != nullptr;
  };
  CHECK(has("the tender's offer", "deals"));  // a possessive "'s" is no word
  CHECK(has("the tender\xE2\x80\x99s offer", "deals"));
  CHECK(has("the TENDER'S offer", "deals"));
  CHECK(has("a tender, offer", "deals"));  // a comma does not end a sentence
  CHECK_FALSE(has("a tender; offer", "deals"));
  CHECK_FALSE(has("a tender: offer", "deals"));
  CHECK_FALSE(has("a tender? Offer", "deals"));
  CHECK_FALSE(has("a tender\n\noffer", "deals"));  // a paragraph break
  CHECK(has("a tender\noffer", "deals"));          // a line break is not one
  CHECK(has("a tender.offer", "deals"));           // no space after the period
  CHECK_FALSE(has("it's", "s"));                   // the possessive rule takes any "'s"
  CHECK(has("'s here", "s"));                      // an "s" with no word before it stays
  CHECK(has("it' s", "s"));
}

TEST_CASE("a malformed taxonomy line is reported with its file and line", "[extract][topics]") {
  const struct {
    const char* text;
    const char* message;
  } cases[] = {
      {"[a] A\n1: x\nnonsense here\n", "t.txt:3: "},
      {"[a] A\nheavy: word\n", "t.txt:2: "},
      {"1: word\n", "t.txt:1: "},
      {"[Bad Id] Name\n", "t.txt:1: "},
      {"[a] A\n[a] Again\n", "t.txt:2: "},
      {"[a] A\nthreshold = many\n", "t.txt:2: "},
      {"[a] A\nspeed = 3\n", "t.txt:2: "},
      {"[a] A\n1: merger, mergers\n", "t.txt:2: "},
      {"[a] A\n1: \"open phrase\n", "t.txt:2: "},
      {"[a] A\n1: =semi-conductor\n", "t.txt:2: "},
      {"[a A\n", "t.txt:1: "},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    try {
      Taxonomy::parse(c.text, "t.txt");
      FAIL("no error");
    } catch (const std::runtime_error& e) {
      CHECK(std::string(e.what()).rfind(c.message, 0) == 0);
    }
  }
  CHECK_THROWS_WITH(Taxonomy::parse("# only a comment\n", "t.txt"), Catch::Contains("no topics"));
}

TEST_CASE("a replacement taxonomy file is loaded in place of the default", "[extract][topics]") {
  newsdesk::testing::TempDir dir;
  const auto file = dir / "mine.txt";
  newsdesk::testing::write_file(file,
                                "# our desk's topics\n"
                                "threshold = 2\n"
                                "[coffee] Coffee  # softs desk\n"
                                "2: coffee, arabica,\n"
                                "   robusta\n");
  const Taxonomy taxonomy = Taxonomy::load(file);
  REQUIRE(taxonomy.topics().size() == 1);
  CHECK(taxonomy.topics()[0].id == "coffee");
  CHECK(taxonomy.topics()[0].name == "Coffee");
  CHECK(taxonomy.topics()[0].terms.size() == 3);
  CHECK(taxonomy.find("earnings") == nullptr);
  const auto tags = classify_topics(taxonomy, article("Robusta prices climb", ""));
  REQUIRE(tags.size() == 1);
  CHECK(tags[0].key == "coffee");
  CHECK(tags[0].evidence == std::vector<std::string>{"Robusta"});

  CHECK_THROWS_WITH(Taxonomy::load(dir / "missing.txt"), Catch::Contains("missing.txt"));
  newsdesk::testing::write_file(dir / "bad.txt", "[coffee] Coffee\n2 coffee\n");
  CHECK_THROWS_WITH(Taxonomy::load(dir / "bad.txt"),
                    Catch::StartsWith((dir / "bad.txt").string() + ":2: "));
}
