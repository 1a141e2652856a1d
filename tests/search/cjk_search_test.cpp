// Chinese, Japanese and accented text, searched end to end: indexes built by
// the project's IndexWriter from articles written here and from the bundled
// corpus/, queries through the Searcher.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "index/index_paths.h"
#include "search/searcher.h"
#include "support/test_env.h"

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

}  // namespace

TEST_CASE("a Chinese word inside a sentence is found", "[analysis][cjk][search]") {
  CHECK(articles().urls("谈判") == Urls{"u:zh"});
  CHECK(articles().urls("佣金") == Urls{"u:zh"});
  CHECK(articles().urls("苹果") == Urls{"u:zh", "u:zh-apart", "u:zh-company", "u:zh-mixed"});
  CHECK(articles().urls("苹果 佣金") == Urls{"u:zh"});
  CHECK(articles().urls("title:谈判") == Urls{"u:zh"});
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
