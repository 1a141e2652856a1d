#include "searchd/http_api.h"

#include <nlohmann/json.hpp>

#include "errors.h"
#include "search/request_params.h"
#include "search/search_json.h"

namespace newsdesk::searchd {
namespace {

constexpr const char* kJson = "application/json; charset=utf-8";

void send_error(httplib::Response& res, int status, const std::string& message) {
  res.status = status;
  const nlohmann::json body = {{"error", {{"code", status}, {"message", message}}}};
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), kJson);
}

template <typename Json>
void send_json(httplib::Response& res, const Json& body) {
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), kJson);
}

}  // namespace

void install_routes(httplib::Server& server, SearcherPool& pool,
                    const std::filesystem::path& web_root) {
  // The route table.
  server.Get("/api/search", [&pool](const httplib::Request& req, httplib::Response& res) {
    const search::SearchRequest request = search::parse_search_params(req.params);
    auto searcher = pool.borrow();
    send_json(res, search::to_json(searcher->search(request)));
  });
  server.Get("/healthz", [&pool](const httplib::Request&, httplib::Response& res) {
    auto searcher = pool.borrow();
    send_json(res, nlohmann::json{{"status", "ok"}, {"articles", searcher->document_count()}});
  });

  // One error policy for every handler: handlers may throw, the client
  // always gets JSON, and the server never dies of an exception.
  server.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr error) {
        try {
          std::rethrow_exception(error);
        } catch (const UserError& e) {
          send_error(res, 400, e.what());
        } catch (const std::exception& e) {
          send_error(res, 500, e.what());
        } catch (const Xapian::Error& e) {
          send_error(res, 500, e.get_description());
        } catch (...) {
          send_error(res, 500, "internal error");
        }
      });
  server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (res.body.empty() && req.path.rfind("/api/", 0) == 0) {
      send_error(res, res.status, res.status == 404 ? "no such endpoint" : "request failed");
    }
  });

  if (!server.set_mount_point("/", web_root.string())) {
    throw std::runtime_error("web folder " + web_root.string() + " does not exist");
  }
}

}  // namespace newsdesk::searchd
