// newsdesk-searchd: serves the search API and the web page over HTTP.
#include <httplib.h>
#include <signal.h>

#include <chrono>
#include <iostream>
#include <thread>

#include "searchd/http_api.h"
#include "searchd/options.h"

namespace {

// Stops the server on SIGINT/SIGTERM: the signals are blocked in every thread
// and taken synchronously here, so no handler touches the server.
std::thread stop_on_signal(httplib::Server& server) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return std::thread([&server, signals] {
    int received = 0;
    sigwait(&signals, &received);
    server.stop();
  });
}

}  // namespace

int main(int argc, char* argv[]) try {
  const auto options = newsdesk::searchd::parse_options(argc, argv);
  if (!options) return 0;
  newsdesk::searchd::SearcherPool pool(
      options->db,
      newsdesk::search::SearchResources::load(options->company_files, options->synonym_files));

  httplib::Server server;
  const int threads = options->threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  newsdesk::searchd::install_routes(server, pool, options->web_root);
  if (options->access_log) {
    server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      std::cerr << req.method << " " << req.path << (req.params.empty() ? "" : "?…") << " "
                << res.status << "\n";
    });
  }

  int port = options->port;
  if (port == 0) {
    port = server.bind_to_any_port(options->host);
  } else if (!server.bind_to_port(options->host, port)) {
    port = -1;
  }
  if (port < 0) {
    std::cerr << "newsdesk-searchd: cannot listen on " << options->host << ":" << options->port
              << "\n";
    return 1;
  }
  // Worker threads start in listen_after_bind, after the signals are blocked.
  std::thread signal_thread = stop_on_signal(server);
  const std::string host =
      options->host.find(':') != std::string::npos ? "[" + options->host + "]" : options->host;
  std::cout << "newsdesk-searchd: serving " << pool.borrow()->document_count()
            << " articles on http://" << host << ":" << port << "/" << std::endl;
  server.listen_after_bind();
  signal_thread.join();
  return 0;
} catch (const std::invalid_argument& e) {
  std::cerr << "newsdesk-searchd: " << e.what() << "\n";
  return 2;
} catch (const std::exception& e) {
  std::cerr << "newsdesk-searchd: " << e.what() << "\n";
  return 1;
} catch (const Xapian::Error& e) {
  std::cerr << "newsdesk-searchd: " << e.get_description() << "\n";
  return 1;
}
