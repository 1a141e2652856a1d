#include <httplib.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/test_env.h"

namespace t = newsdesk::testing;

namespace {

// Starts newsdesk-searchd on a free port of 127.0.0.1 over a fixture index.
class RunningSearchd {
 public:
  RunningSearchd()
      : db_(index()),
        server_(t::program("newsdesk-searchd"),
                {"--db", db_, "--listen", "127.0.0.1:0", "--no-access-log"}) {
    const std::string banner = server_.read_line();  // "... on http://127.0.0.1:PORT/"
    const std::size_t colon = banner.rfind(':');
    REQUIRE(colon != std::string::npos);
    port_ = std::stoi(banner.substr(colon + 1));
  }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(10, 0);
    c.set_url_encode(false);  // send targets as written, like curl
    return c;
  }
  int stop() { return server_.stop(); }

 private:
  std::string index() {
    const auto db = (dir_ / "db").string();
    t::run(t::program("newsdesk-index"), {"--db", db, "--quiet", (t::data_dir() / "plain").string(),
                                          (t::data_dir() / "jsonl").string()});
    return db;
  }
  t::TempDir dir_;
  std::string db_;
  t::ChildProcess server_;
  int port_ = 0;
};

}  // namespace

TEST_CASE("searchd serves ranked JSON results with highlighted snippets", "[programs][http]") {
  RunningSearchd server;
  auto client = server.client();
  const auto res = client.Get("/api/search?q=copper+output&size=5");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->get_header_value("Content-Type").find("application/json") == 0);
  const auto json = nlohmann::json::parse(res->body);
  CHECK(json["query"] == "copper output");
  CHECK(json["total"] == 1);
  CHECK(json["size"] == 5);
  CHECK(json["took_ms"].is_number());
  REQUIRE(json["results"].size() == 1);
  const auto& hit = json["results"][0];
  CHECK(hit["title"] == "Copper Mine Strike Ends After Pay Deal");
  CHECK(hit["snippet"].get<std::string>().find("<mark>Output</mark>") != std::string::npos);
  CHECK(hit["score"].get<double>() > 0);
  CHECK(json["facets"]["country"]["values"][0]["key"] == "cl");
  CHECK(json["suggestion"].is_null());
}

TEST_CASE("searchd takes repeatable facet filters and dates as URL parameters",
          "[programs][http]") {
  RunningSearchd server;
  auto client = server.client();
  const auto res = client.Get("/api/search?country=CL&country=JP&from=2025-01-01&sort=date");
  REQUIRE(res);
  REQUIRE(res->status == 200);
  const auto json = nlohmann::json::parse(res->body);
  CHECK(json["total"] == 1);
  CHECK(json["results"][0]["title"] == "Copper Mine Strike Ends After Pay Deal");
  const auto& countries = json["facets"]["country"]["values"];
  std::size_t selected = 0;
  for (const auto& value : countries) selected += value["selected"].get<bool>();
  CHECK(selected == 2);
}

TEST_CASE("searchd answers bad requests with 400 and a JSON error", "[programs][http]") {
  RunningSearchd server;
  auto client = server.client();
  for (const char* path :
       {"/api/search?q=x&page=abc", "/api/search?q=x&size=0", "/api/search?q=x&size=100000",
        "/api/search?q=x&page=-1", "/api/search?q=x&sort=sideways", "/api/search?from=2025-02-30",
        "/api/search?collapse=maybe", "/api/search?related=no-such-article"}) {
    CAPTURE(path);
    const auto res = client.Get(path);
    REQUIRE(res);
    CHECK(res->status == 400);
    const auto json = nlohmann::json::parse(res->body);
    CHECK(json["error"]["code"] == 400);
    CHECK_FALSE(json["error"]["message"].get<std::string>().empty());
  }
  const auto too_long = client.Get(("/api/search?q=" + std::string(3000, 'a')).c_str());
  REQUIRE(too_long);
  CHECK(too_long->status == 400);
  // Malformed query text is not an error: it is read as its words.
  const auto malformed = client.Get("/api/search?q=%22copper+AND");
  REQUIRE(malformed);
  CHECK(malformed->status == 200);
  CHECK(nlohmann::json::parse(malformed->body)["total"] == 1);
  // The server is still up after all that.
  REQUIRE(client.Get("/healthz"));
}

TEST_CASE("searchd has /healthz, a JSON 404 and the web page", "[programs][http]") {
  RunningSearchd server;
  auto client = server.client();
  const auto health = client.Get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 200);
  CHECK(nlohmann::json::parse(health->body)["status"] == "ok");
  CHECK(nlohmann::json::parse(health->body)["articles"] == 6);
  const auto missing = client.Get("/api/nothing");
  REQUIRE(missing);
  CHECK(missing->status == 404);
  CHECK(nlohmann::json::parse(missing->body)["error"]["code"] == 404);
  const auto page = client.Get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->body.find("<title>newsdesk</title>") != std::string::npos);
  CHECK(server.stop() == 0);  // SIGTERM stops it cleanly
}
