#include "cli/options.h"

#include <boost/program_options.hpp>
#include <iostream>
#include <stdexcept>

namespace po = boost::program_options;

namespace newsdesk::cli {

std::optional<QueryOptions> parse_options(int argc, const char* const argv[]) {
  QueryOptions options;
  std::vector<std::string> words;
  po::options_description visible(
      "Usage: newsdesk-query --db DIR [options] QUERY...\n"
      "Searches an index and prints ranked results (title, date, snippet).\n\nOptions");
  visible.add_options()                                                                         //
      ("help,h", "show this help")                                                              //
      ("db", po::value<std::string>()->required(), "index folder")                              //
      ("json", po::bool_switch(&options.json), "print the same JSON as /api/search")            //
      ("page", po::value<std::size_t>(&options.request.page)->default_value(1), "result page")  //
      ("size,n", po::value<std::size_t>(&options.request.size)->default_value(10),
       "results per page");
  po::options_description hidden;
  hidden.add_options()("query", po::value<std::vector<std::string>>(&words));
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("query", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    if (vm.count("help")) {
      std::cout << visible << "\n";
      return std::nullopt;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    throw std::invalid_argument(std::string(e.what()) + " (see --help)");
  }
  options.db = vm["db"].as<std::string>();
  for (const std::string& word : words) {
    if (!options.request.query.empty()) options.request.query += ' ';
    options.request.query += word;
  }
  return options;
}

}  // namespace newsdesk::cli
