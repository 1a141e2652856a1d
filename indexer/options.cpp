#include "indexer/options.h"

#include <boost/program_options.hpp>
#include <iostream>
#include <stdexcept>

namespace po = boost::program_options;

namespace newsdesk::indexer {

std::optional<IndexerOptions> parse_options(int argc, const char* const argv[]) {
  IndexerOptions options;
  std::vector<std::string> paths;
  po::options_description visible(
      "Usage: newsdesk-index --db DIR PATH...\n"
      "Indexes article files and folders (recursively; '-' reads standard input).\n"
      "Formats (detected by content): plain-text articles, JSON Lines, HTML pages,\n"
      "RSS/Atom feeds, Reuters-21578 SGML. Unchanged files are skipped on re-runs.\n\nOptions");
  visible.add_options()                                                      //
      ("help,h", "show this help")                                           //
      ("db", po::value<std::string>(), "index folder (created if missing)")  //
      ("batch-size", po::value<std::size_t>(&options.batch_size)->default_value(2000),
       "articles per commit")  //
      ("segment-size", po::value<std::size_t>(&options.segment_size)->default_value(20000),
       "articles a shard writes to one segment before it starts another")  //
      ("prune", po::bool_switch(&options.prune),
       "forget articles of files that are gone from the given folders")                           //
      ("force", po::bool_switch(&options.force), "re-read files even when unchanged")             //
      ("dry-run,n", po::bool_switch(&options.dry_run), "show what would change; change nothing")  //
      ("no-progress", "no progress bar on the terminal")                                          //
      ("json", po::bool_switch(&options.json), "print the summary as JSON")                       //
      ("companies", po::value<std::vector<std::string>>(),
       "a company file (format of data/companies.tsv) added to the built-in one; repeatable")  //
      ("taxonomy", po::value<std::string>(),
       "a topic taxonomy file replacing data/taxonomy.txt")                     //
      ("no-extract", "index only the facets the sources give (no extraction)")  //
      ("explain", po::value<std::string>(),
       "print, for each article of FILE, which words triggered each facet; index nothing")  //
      ("quiet,q", po::bool_switch(&options.quiet), "do not list problems on stderr");
  po::options_description hidden;
  hidden.add_options()("path", po::value<std::vector<std::string>>(&paths));
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("path", -1);

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
  options.extract = vm.count("no-extract") == 0;
  if (vm.count("companies")) {
    for (const auto& file : vm["companies"].as<std::vector<std::string>>()) {
      options.company_files.emplace_back(file);
    }
  }
  if (vm.count("taxonomy")) options.taxonomy_file = vm["taxonomy"].as<std::string>();
  if (vm.count("explain")) {
    options.explain = vm["explain"].as<std::string>();
    return options;
  }
  if (!vm.count("db")) throw std::invalid_argument("--db DIR is required (see --help)");
  if (paths.empty()) throw std::invalid_argument("no PATH to index given (see --help)");
  if (options.batch_size == 0) throw std::invalid_argument("--batch-size must be at least 1");
  if (options.segment_size == 0) {
    throw std::invalid_argument("--segment-size must be at least 1");
  }
  options.db = vm["db"].as<std::string>();
  options.progress = vm.count("no-progress") == 0;
  options.paths.assign(paths.begin(), paths.end());
  return options;
}

}  // namespace newsdesk::indexer
