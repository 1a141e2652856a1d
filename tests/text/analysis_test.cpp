#include "text/analysis.h"

#include <xapian.h>

#include <catch2/catch.hpp>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "support/test_env.h"

using namespace newsdesk::text;

namespace {

// "苹果|公司" -> "苹果⁣公司": '|' stands for the invisible word separator.
std::string words(std::string_view marked) {
  std::string out;
  for (const char c : marked) {
    if (c == '|') {
      out += kWordSeparator;
    } else {
      out += c;
    }
  }
  return out;
}

// The terms Xapian's TermGenerator makes of prepared text, in position order
// (no stemming, no CJK n-grams: as the indexer runs it, minus the stemmer).
std::vector<std::string> terms(std::string_view text) {
  Xapian::Document doc;
  Xapian::TermGenerator generator;
  generator.set_document(doc);
  generator.index_text(prepare_for_terms(text));
  std::vector<std::pair<Xapian::termpos, std::string>> positioned;
  for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
    for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos) {
      positioned.emplace_back(*pos, *term);
    }
  }
  std::sort(positioned.begin(), positioned.end());
  std::vector<std::string> out;
  for (auto& [pos, term] : positioned) out.push_back(std::move(term));
  return out;
}

std::string parse(std::string_view query) {
  Xapian::QueryParser parser;
  parser.set_default_op(Xapian::Query::OP_AND);
  return parser.parse_query(prepare_for_terms(query)).get_description();
}

using Terms = std::vector<std::string>;

}  // namespace

TEST_CASE("Latin text is untouched except accents and glued + and #", "[analysis]") {
  const struct {
    const char* in;
    const char* out;
  } cases[] = {
      {"Apple sold 12.5m iPhones in Q3, up 4% (AAPL.O).",
       "Apple sold 12.5m iPhones in Q3, up 4% (AAPL.O)."},
      {"Nestlé and Société Générale", "Nestle and Societe Generale"},
      {"São Paulo, Zürich, Ærø, Øresund, Łódź, İstanbul",
       "Sao Paulo, Zurich, Ærø, Øresund, Łodz, Istanbul"},
      {"NESTLÉ", "NESTLE"},                          // case is kept
      {"Nestle\xcc\x81", "Nestle"},                  // a decomposed accent too
      {"x\xcc\x82 and \xcc\x81lone", "x and lone"},  // marks without a precomposed form
      {"OPEC+ output", "OPEC  output"},
      {"C# and C++", "C  and C  "},
      {"Café+ bar", "Cafe  bar"},  // after folding, as before
      {"+5% a + b", "+5% a + b"},
      {"Москва́ и Київ", "Москва и Киів"},  // combining accents of Cyrillic go too
      {"bad \xff byte", "bad \xff byte"},  // invalid UTF-8 passes through
      {"", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.in);
    CHECK(prepare_for_terms(c.in) == c.out);
  }
}

TEST_CASE("Chinese runs are cut into words", "[analysis][cjk]") {
  CHECK(prepare_for_terms("苹果公司") == words("苹果|公司"));
  CHECK(prepare_for_terms("苹果") == "苹果");
  CHECK(prepare_for_terms("中") == "中");
  CHECK(prepare_for_terms("与苹果达成协议") == words("与|苹果|达成|协议"));
  CHECK(prepare_for_terms("市场同时关注腾讯与苹果之间的谈判。") ==
        words("市场|同时|关注|腾|讯|与|苹果|之间|的|谈判。"));
  // Punctuation already separates: nothing is added next to it.
  CHECK(prepare_for_terms("资本开支，人工智能。") == words("资本|开支，人工|智能。"));
  CHECK(terms("苹果希望对相关内购收取佣金") ==
        Terms{"苹果", "希望", "对", "相关", "内", "购", "收取", "佣金"});
}

TEST_CASE("Japanese kana and kanji are cut into words", "[analysis][cjk]") {
  CHECK(prepare_for_terms("トヨタ自動車は") == words("トヨタ|自動車|は"));
  CHECK(prepare_for_terms("米国関税の影響で今期営業利益") ==
        words("米国|関税|の|影響|で|今期|営業|利益"));
  CHECK(prepare_for_terms("スーパーマーケット") == "スーパーマーケット");  // ー inside
  CHECK(terms("【東京】トヨタ自動車は8日、見通しを発表した。") ==
        Terms{"東京", "トヨタ", "自動車", "は", "8", "日", "見通し", "を", "発表", "した"});
  // The voicing mark of が is part of the letter, not an accent.
  CHECK(terms("がトヨタ") == Terms{"が", "トヨタ"});
}

TEST_CASE("Hangul is kept apart from letters and digits glued to it", "[analysis][cjk]") {
  CHECK(prepare_for_terms("삼성전자는 5G폰을") == words("삼성전자는 5G|폰을"));
}

TEST_CASE("CJK runs are separated from Latin words and digits glued to them", "[analysis][cjk]") {
  CHECK(prepare_for_terms("Apple 苹果 iPhone") == "Apple 苹果 iPhone");
  CHECK(prepare_for_terms("在iPhone上的虚拟商品") == words("在|iPhone|上|的|虚拟|商品"));
  CHECK(terms("增长14%至1838亿元") == Terms{"增长", "14", "至", "1838", "亿", "元"});
  CHECK(terms("3兆7500億円") == Terms{"3", "兆", "7500", "億", "円"});
  CHECK(terms("Nestlé的咖啡") == Terms{"nestle", "的", "咖啡"});
}

TEST_CASE("a ticker inside Chinese text stays one searchable unit", "[analysis][cjk]") {
  const std::string prepared = prepare_for_terms("深圳电 — 腾讯(00700.HK)周三公布");
  CHECK(prepared.find("(00700.HK)") != std::string::npos);
  CHECK(terms("腾讯(00700.HK)周三公布") == Terms{"腾", "讯", "00700", "hk", "周三", "公布"});
  // As typed in a query: the ticker is a phrase, as it is for English text.
  CHECK(parse("00700.HK") == "Query((00700@1 PHRASE 2 hk@2))");
  CHECK(parse("腾讯(00700.HK)") == "Query((腾@1 AND 讯@2 AND (00700@3 PHRASE 2 hk@4)))");
}

TEST_CASE("the query parser reads a CJK run as its words, a quoted run as a phrase",
          "[analysis][cjk]") {
  CHECK(parse("苹果公司") == "Query((苹果@1 AND 公司@2))");
  CHECK(parse("\"苹果公司\"") == "Query((苹果@1 PHRASE 2 公司@2))");
  CHECK(parse("\"苹果 公司\"") == "Query((苹果@1 PHRASE 2 公司@2))");
  CHECK(parse("Apple 苹果 iPhone") == "Query((apple@1 AND 苹果@2 AND iphone@3))");
  CHECK(parse("Apple苹果iPhone") == "Query((apple@1 AND 苹果@2 AND iphone@3))");
}

TEST_CASE("the word separator splits words in Xapian, a zero width space would not",
          "[analysis][cjk]") {
  Xapian::Document doc;
  Xapian::TermGenerator generator;
  generator.set_document(doc);
  generator.index_text("苹果" + std::string(kWordSeparator) + "公司 A\u200BB");
  std::vector<std::string> all;
  for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) all.push_back(*term);
  // Xapian 1.4 ignores U+200B inside a word: "A<ZWSP>B" is the one term "ab".
  CHECK(all == std::vector<std::string>{"ab", "公司", "苹果"});
  // A boolean field value keeps the separator inside (fold() drops it).
  Xapian::QueryParser parser;
  parser.add_boolean_prefix("source", "XS");
  CHECK(parser.parse_query("source:" + prepare_for_terms("新华社")).get_description() ==
        "Query(0 * XS" + prepare_for_terms("新华社") + ")");
}

TEST_CASE("segmentation gives the same words in every thread", "[analysis][cjk]") {
  const std::string text =
      "市场同时关注腾讯与苹果之间的谈判，トヨタ自動車は8日、見通しを発表した。";
  const std::string expected = prepare_for_terms(text);
  std::vector<std::string> got(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < got.size(); ++i) {
    threads.emplace_back([&got, &text, i] {
      for (int round = 0; round < 50; ++round) got[i] = prepare_for_terms(text);
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& one : got) CHECK(one == expected);
}

namespace {

// The lower-case ASCII words of the files under `dir`.
std::set<std::string> vocabulary(const std::filesystem::path& dir) {
  std::set<std::string> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::string word;
    for (char c; in.get(c);) {
      if (std::isalpha(static_cast<unsigned char>(c))) {
        word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      } else if (!word.empty()) {
        out.insert(std::exchange(word, {}));
      }
    }
  }
  return out;
}

// What SnippetTerms relies on: a stem starts with its word's first two
// bytes, but for Snowball's dying, lying and tying.
void check_stems_keep_two_letters(const std::set<std::string>& words) {
  const Xapian::Stem stemmer("english");
  std::size_t checked = 0;
  for (const std::string& word : words) {
    const std::string stem = stemmer(word);
    if (word == "dying" || word == "lying" || word == "tying") continue;
    CAPTURE(word, stem);
    REQUIRE(stem.compare(0, 2, word, 0, std::min<std::size_t>(2, word.size())) == 0);
    ++checked;
  }
  CHECK(checked > 1000);
}

}  // namespace

TEST_CASE("stems keep the first two letters of their words", "[analysis]") {
  std::set<std::string> words = vocabulary(newsdesk::testing::source_dir() / "corpus");
  for (const char* w : {"dying", "lying", "tying", "skies", "news", "gently", "ugly", "early",
                        "only", "singly", "idly", "yes", "yields", "andes", "atlas"}) {
    words.insert(w);
  }
  check_stems_keep_two_letters(words);
}

TEST_CASE("stems keep the first two letters of the words of Reuters", "[analysis][shared]") {
  if (!newsdesk::testing::shared_available("corpora/reuters21578")) return;
  check_stems_keep_two_letters(
      vocabulary(newsdesk::testing::shared_dir() / "corpora/reuters21578"));
}

TEST_CASE("a snippet told the query's terms marks what it marks without them", "[analysis]") {
  // die / dying: the one exception to "two first letters" in Snowball.
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document doc;
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("english"));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL);
  generator.set_document(doc);
  const std::string text = "A dying market and lying traders; the tie was cut. Prices fell.";
  generator.index_text(text);
  db.add_document(doc);
  for (const char* words : {"die lie", "tie", "price", "a", "market"}) {
    Xapian::QueryParser parser;
    parser.set_stemmer(Xapian::Stem("english"));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL);
    const Xapian::Query query = parser.parse_query(words);
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    const Xapian::MSet mset = enquire.get_mset(0, 1);
    const Xapian::Stem stemmer("english");
    CAPTURE(words);
    CHECK(snippet(mset, text, 200, stemmer, 0, "[", "]", "", SnippetTerms(query)) ==
          snippet(mset, text, 200, stemmer, 0, "[", "]", ""));
  }
}
