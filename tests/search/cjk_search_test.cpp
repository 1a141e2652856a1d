// Chinese, Japanese and accented text, searched end to end: indexes built by
// the project's IndexWriter, queries through the Searcher (or QueryBuilder +
// Xapian::Enquire for the snippets), articles written here and the bundled
// corpus/.
#include <xapian.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "index/index_paths.h"
#include "schema.h"
#include "search/index_reader.h"
#include "search/query_builder.h"
#include "search/searcher.h"
#include "support/test_env.h"
#include "text/analysis.h"

using namespace newsdesk;
namespace t = newsdesk::testing;

namespace {

// One index built by IndexWriter from a folder.
class Index {
 public:
  // Indexes `input`, or the articles written below when it is empty.
  explicit Index(std::filesystem::path input = {}) {
    if (input.empty()) input = write_articles();
    index::IndexWriter writer(dir_ / "db");
    index::index_paths(writer, {input},
                       [](const ingest::Problem& p) { FAIL(p.origin + ": " + p.message); });
  }

  search::SearchResult search(const std::string& query, std::size_t size = 10) const {
    search::Searcher searcher(dir_ / "db");
    search::SearchRequest request;
    request.query = query;
    request.size = size;
    return searcher.search(request);
  }
  std::vector<std::string> urls(const std::string& query) const {
    std::vector<std::string> out;
    for (const auto& hit : search(query, 50).hits) out.push_back(hit.url);
    std::sort(out.begin(), out.end());
    return out;
  }
  std::string top_title(const std::string& query) const {
    const auto result = search(query, 1);
    return result.hits.empty() ? std::string() : result.hits[0].title;
  }
  [[nodiscard]] Xapian::Database database() const { return search::open_index(dir_ / "db").all; }

 private:
  std::filesystem::path write_articles() {
    t::write_file(
        dir_ / "in/news.jsonl",
        R"({"title": "腾讯与苹果谈判小游戏分成", "body": "市场同时关注腾讯与苹果之间的谈判。微信小游戏和小程序在iPhone上的虚拟商品交易如何分成，双方此前曾出现分歧，苹果希望对相关内购收取佣金。", "url": "u:zh"}
{"title": "腾讯第二季度收入增长", "body": "深圳电 — 腾讯(00700.HK)周三公布，第二季度总收入同比增长14%至1838亿元人民币。", "url": "u:zh-ticker"}
{"title": "Apple在中国推出新款iPhone", "body": "Apple周二在北京发布新款iPhone，苹果希望提振在中国的销量。", "url": "u:zh-mixed"}
{"title": "苹果公司发布财报", "body": "苹果公司周四发布季度财报，服务收入创新高。", "url": "u:zh-company"}
{"title": "水果价格上涨", "body": "苹果价格上涨，多家水果公司受益。", "url": "u:zh-apart"}
{"title": "トヨタ、今期営業利益22%減を予想", "body": "【東京】トヨタ自動車は8日、2026年3月期の連結営業利益が前期比22%減の3兆7500億円になるとの見通しを発表した。", "url": "u:ja"}
{"title": "Nestlé raises coffee prices", "body": "Nestlé said it would raise prices again as bean costs climbed.", "url": "u:nestle"}
{"title": "Société Générale profit beats forecasts", "body": "Société Générale reported higher profit in its retail bank.", "url": "u:socgen"}
{"title": "Apple shares rise", "body": "Apple shares rose after the iPhone launch.", "url": "u:en"}
)");
    return dir_ / "in";
  }

  t::TempDir dir_;
};

const Index& articles() {
  static const Index instance;  // built once per test process
  return instance;
}

const Index& corpus() {
  static const Index instance(t::source_dir() / "corpus");
  return instance;
}

using Urls = std::vector<std::string>;

// What searcher.cpp does for a hit, with text::snippet in place of
// MSet::snippet: the query, the MSet, and snippets of the stored title and
// body of the first hit.
struct Snippets {
  std::string title, body, plain_body;  // plain_body: MSet::snippet on its own
};

Xapian::Query built_query(const Index& index, const std::string& query) {
  return search::QueryBuilder(index.database(), search::QueryContext{}).build(query).query;
}

Xapian::MSet first_hit(const Index& index, const std::string& query) {
  Xapian::Enquire enquire(index.database());
  enquire.set_query(built_query(index, query));
  Xapian::MSet mset = enquire.get_mset(0, 1);
  REQUIRE(mset.size() == 1);
  return mset;
}

Snippets snippets(const Index& index, const std::string& query) {
  const Xapian::MSet mset = first_hit(index, query);
  Article article = schema::stored_article(mset.begin().get_document()).article;
  std::replace(article.body.begin(), article.body.end(), '\n', ' ');  // one line, as shown
  const Xapian::Stem stemmer = schema::make_stemmer();
  constexpr unsigned kFlags =
      Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE;
  Snippets out;
  out.title = text::snippet(mset, article.title, article.title.size() + 16, stemmer,
                            Xapian::MSet::SNIPPET_EXHAUSTIVE, "<mark>", "</mark>", "");
  out.body = text::snippet(mset, article.body, 240, stemmer, kFlags, "<mark>", "</mark>", "…");
  out.plain_body = mset.snippet(article.body, 240, stemmer, kFlags, "<mark>", "</mark>", "…");
  // Told the query's terms (as the Searcher does), the same words are
  // marked. (Only the same words: the window of a shortened snippet may
  // shift, as fewer words are replaced by their shorter stems.)
  const text::SnippetTerms terms(built_query(index, query));
  for (const std::string& text : {article.title, article.body}) {
    CHECK(text::snippet(mset, text, text.size() * 2, stemmer, kFlags, "<mark>", "</mark>", "…",
                        terms) ==
          text::snippet(mset, text, text.size() * 2, stemmer, kFlags, "<mark>", "</mark>", "…"));
  }
  return out;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("a Chinese word inside a sentence is found", "[analysis][cjk][search]") {
  CHECK(articles().urls("谈判") == Urls{"u:zh"});
  CHECK(articles().urls("佣金") == Urls{"u:zh"});
  CHECK(articles().urls("苹果") == Urls{"u:zh", "u:zh-apart", "u:zh-company", "u:zh-mixed"});
  CHECK(articles().urls("苹果 佣金") == Urls{"u:zh"});
  CHECK(articles().urls("title:谈判") == Urls{"u:zh"});
  // A run cut into words stays one unit after title: or a sign.
  CHECK(articles().urls("title:苹果公司") == Urls{"u:zh-company"});
  CHECK(articles().urls("title:水果公司").empty());  // 水果 in the title, 公司 only in the body
  CHECK(articles().urls("苹果 -苹果公司") == Urls{"u:zh", "u:zh-apart", "u:zh-mixed"});
  CHECK(articles().urls("(title:苹果公司 OR title:谈判)") == Urls{"u:zh", "u:zh-company"});
}

TEST_CASE("Japanese words inside a sentence are found", "[analysis][cjk][search]") {
  CHECK(articles().urls("トヨタ") == Urls{"u:ja"});
  CHECK(articles().urls("自動車") == Urls{"u:ja"});
  CHECK(articles().urls("営業利益") == Urls{"u:ja"});
  CHECK(articles().urls("見通し 発表") == Urls{"u:ja"});
}

TEST_CASE("mixed-script queries work", "[analysis][cjk][search]") {
  CHECK(articles().urls("Apple 苹果 iPhone") == Urls{"u:zh-mixed"});
  CHECK(articles().urls("Apple苹果iPhone") == Urls{"u:zh-mixed"});
  CHECK(articles().urls("iPhone 佣金") == Urls{"u:zh"});
  CHECK(articles().urls("Apple iPhone") == Urls{"u:en", "u:zh-mixed"});
}

TEST_CASE("a ticker inside Chinese text is found", "[analysis][cjk][search]") {
  CHECK(articles().urls("00700.HK") == Urls{"u:zh-ticker"});
  CHECK(articles().urls("腾讯(00700.HK)") == Urls{"u:zh-ticker"});
  CHECK(articles().urls("00700") == Urls{"u:zh-ticker"});
  CHECK(articles().urls("1838") == Urls{"u:zh-ticker"});
}

TEST_CASE("a quoted CJK run is a phrase, an unquoted one its words", "[analysis][cjk][search]") {
  CHECK(articles().urls("\"苹果公司\"") == Urls{"u:zh-company"});
  CHECK(articles().urls("\"苹果 公司\"") == Urls{"u:zh-company"});
  CHECK(articles().urls("苹果公司") == Urls{"u:zh-apart", "u:zh-company"});
  CHECK(articles().urls("\"发布财报\"") == Urls{"u:zh-company"});
}

TEST_CASE("accents fold at index and query time", "[analysis][search]") {
  CHECK(articles().urls("Nestle") == Urls{"u:nestle"});
  CHECK(articles().urls("nestlé") == Urls{"u:nestle"});
  CHECK(articles().urls("Societe Generale") == Urls{"u:socgen"});
  CHECK(articles().urls("\"societe generale\"") == Urls{"u:socgen"});
  CHECK(articles().urls("SOCIÉTÉ GÉNÉRALE") == Urls{"u:socgen"});
}

TEST_CASE("the bundled Chinese, Japanese and accented articles are found",
          "[analysis][cjk][search][corpus]") {
  // Stored NFKC-normalised: the full-width comma is a comma.
  const std::string tencent = "腾讯第二季度收入增长14%,人工智能投入推高资本开支";
  CHECK(corpus().top_title("腾讯(00700.HK)") == tencent);
  CHECK(corpus().top_title("苹果 iPhone") == tencent);
  CHECK(corpus().top_title("资本开支") == tencent);
  CHECK(corpus().top_title("トヨタ 関税") == "トヨタ、米国関税の影響で今期営業利益22%減を予想");
  CHECK(corpus().top_title("Nestle") ==
        "Nestlé Holds Coffee Prices Firm as Bean Costs Stay Elevated");
  CHECK(corpus().top_title("Societe Generale") ==
        "Société Générale Profit Beats Forecasts as Turnaround Plan Gathers Pace");
}

TEST_CASE("snippets highlight accent-folded and stemmed matches in the original text",
          "[analysis][search]") {
  const Snippets nestle = snippets(articles(), "Nestle");
  CHECK(nestle.title == "<mark>Nestlé</mark> raises coffee prices");
  CHECK(nestle.body ==
        "<mark>Nestlé</mark> said it would raise prices again as bean costs climbed.");
  // Why the helper: MSet::snippet on the stored text finds nothing to mark.
  CHECK_FALSE(contains(nestle.plain_body, "<mark>"));

  // Stemmed matches (STEM_ALL) are marked too, phrases as one.
  CHECK(snippets(articles(), "raising price").title ==
        "Nestlé <mark>raises</mark> coffee <mark>prices</mark>");
  CHECK(snippets(articles(), "\"societe generale\"").title ==
        "<mark>Société Générale</mark> profit beats forecasts");

  // Any text: a decomposed accent stays with its letter; HTML is escaped.
  CHECK(text::snippet(first_hit(articles(), "Nestle"), "Nestle\u0301 <b>&</b> Nestlé!", 100,
                      schema::make_stemmer(), 0, "[", "]",
                      "…") == "[Nestle\u0301] &lt;b&gt;&amp;&lt;/b&gt; [Nestlé]!");
}

TEST_CASE("snippets highlight Chinese and Japanese words", "[analysis][cjk][search]") {
  const Snippets zh = snippets(articles(), "佣金");
  CAPTURE(zh.body);
  CHECK(contains(zh.body, "收取<mark>佣金</mark>。"));
  CHECK_FALSE(contains(zh.body, std::string(text::kWordSeparator)));
  CHECK_FALSE(contains(zh.plain_body, "<mark>"));

  const Snippets apple = snippets(corpus(), "苹果");
  CHECK(contains(apple.body, "<mark>苹果</mark>"));
  CHECK_FALSE(contains(apple.body, std::string(text::kWordSeparator)));

  CHECK(snippets(articles(), "\"苹果公司\"").title == "<mark>苹果公司</mark>发布财报");
  CHECK(snippets(articles(), "Apple 苹果 iPhone").title ==
        "<mark>Apple</mark>在中国推出新款<mark>iPhone</mark>");
  CHECK(snippets(articles(), "トヨタ").title == "<mark>トヨタ</mark>、今期営業利益22%減を予想");
  CHECK(contains(snippets(articles(), "00700.HK").body, "腾讯(<mark>00700.HK</mark>)"));
}

TEST_CASE("a snippet of a whole article gives back its text with every word marked",
          "[analysis][cjk][search][corpus]") {
  // For each bundled article, a query of all its words: the snippet must be
  // the article's own text (escaped), with nothing left unmarked but the
  // spaces and punctuation between words.
  const Xapian::Database db = corpus().database();
  const Xapian::Stem stemmer = schema::make_stemmer();
  std::size_t checked = 0;
  for (auto id = db.postlist_begin(""); id != db.postlist_end(""); ++id) {
    const Xapian::Document doc = db.get_document(*id);
    const Article article = schema::stored_article(doc).article;
    std::vector<std::string> words;
    for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
      const std::string name = *term;
      if (name[0] < 'A' || name[0] > 'Z') words.push_back(name);  // not prefixed
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end()));
    const Xapian::MSet mset = enquire.get_mset(0, 10);
    const std::string marked =
        text::snippet(mset, article.body, article.body.size() * 2, stemmer,
                      Xapian::MSet::SNIPPET_EXHAUSTIVE, "\x01", "\x02", "\x03");
    CAPTURE(article.title);
    CHECK(text::snippet(mset, article.body, article.body.size() * 2, stemmer,
                        Xapian::MSet::SNIPPET_EXHAUSTIVE, "\x01", "\x02", "\x03",
                        text::SnippetTerms(enquire.get_query())) == marked);
    // Back to plain text: marks out (words outside them kept apart), entities decoded.
    std::string shown, unmarked;
    bool in_mark = false;
    for (std::size_t i = 0; i < marked.size(); ++i) {
      const char c = marked[i];
      if (c == '\x01' || c == '\x02') {
        in_mark = c == '\x01';
        continue;
      }
      if (c == '\x03') continue;
      std::string decoded(1, c);
      for (const auto& [entity, plain] :
           {std::pair<std::string_view, char>{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}}) {
        if (std::string_view(marked).substr(i).starts_with(entity)) {
          decoded = plain;
          i += entity.size() - 1;
        }
      }
      shown += decoded;
      if (!in_mark) unmarked += decoded;
    }
    // MSet::snippet may leave out punctuation after the last word.
    REQUIRE(article.body.substr(0, shown.size()) == shown);
    const auto has_word = [](const std::string& s) {
      for (Xapian::Utf8Iterator it(s); it != Xapian::Utf8Iterator(); ++it) {
        if (Xapian::Unicode::is_wordchar(*it)) return true;
      }
      return false;
    };
    CHECK_FALSE(has_word(article.body.substr(shown.size())));
    std::string unmarked_words;  // what has a word character, for the message
    std::string piece;
    for (const char c : unmarked + " ") {
      if (c == ' ' || c == '\n') {
        if (has_word(piece)) unmarked_words += "[" + piece + "]";
        piece.clear();
      } else {
        piece += c;
      }
    }
    CHECK(unmarked_words == "");
    ++checked;
  }
  CHECK(checked >= 40);
}
