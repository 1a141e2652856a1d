#include "searchd/options.h"

#include <boost/program_options.hpp>
#include <iostream>
#include <stdexcept>

namespace po = boost::program_options;

namespace newsdesk::searchd {
namespace {

// "127.0.0.1:8080", "[::1]:8080", "0.0.0.0:0".
void parse_listen(const std::string& listen, SearchdOptions& options) {
  const std::size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size()) {
    throw std::invalid_argument("--listen wants HOST:PORT, got '" + listen + "'");
  }
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  std::size_t used = 0;
  int port = -1;
  try {
    port = std::stoi(listen.substr(colon + 1), &used);
  } catch (const std::exception&) {
  }
  if (used != listen.size() - colon - 1 || port < 0 || port > 65535) {
    throw std::invalid_argument("--listen: bad port in '" + listen + "'");
  }
  options.host = host;
  options.port = port;
}

}  // namespace

std::optional<SearchdOptions> parse_options(int argc, const char* const argv[]) {
  SearchdOptions options;
  std::string listen;
  std::string web_root;
  po::options_description visible(
      "Usage: newsdesk-searchd --db DIR [--listen 127.0.0.1:8080]\n"
      "Serves the search API (/api/search, /healthz) and the web page in web/.\n\nOptions");
  visible.add_options()                                             //
      ("help,h", "show this help")                                  //
      ("db", po::value<std::string>()->required(), "index folder")  //
      ("listen", po::value<std::string>(&listen)->default_value("127.0.0.1:8080"),
       "address and port (port 0 = any free port)")  //
      ("web", po::value<std::string>(&web_root)->default_value(NEWSDESK_WEB_DIR),
       "folder of the static front-end")                                                 //
      ("threads", po::value<int>(&options.threads)->default_value(8), "worker threads")  //
      ("no-access-log", "do not log each request on stderr")                             //
      ("companies", po::value<std::vector<std::string>>(),
       "extra company file, as for newsdesk-index (repeatable)")  //
      ("synonyms", po::value<std::vector<std::string>>(),
       "extra synonym file in data/synonyms.txt's format (repeatable)");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, visible), vm);
    if (vm.count("help")) {
      std::cout << visible << "\n";
      return std::nullopt;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    throw std::invalid_argument(std::string(e.what()) + " (see --help)");
  }
  parse_listen(listen, options);
  if (options.threads < 1) throw std::invalid_argument("--threads must be at least 1");
  options.db = vm["db"].as<std::string>();
  options.web_root = web_root;
  options.access_log = vm.count("no-access-log") == 0;
  if (vm.count("companies")) {
    for (const auto& file : vm["companies"].as<std::vector<std::string>>()) {
      options.company_files.emplace_back(file);
    }
  }
  if (vm.count("synonyms")) {
    for (const auto& file : vm["synonyms"].as<std::vector<std::string>>()) {
      options.synonym_files.emplace_back(file);
    }
  }
  return options;
}

}  // namespace newsdesk::searchd
