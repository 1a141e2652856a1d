#include "cli/options.h"

#include <boost/program_options.hpp>
#include <iostream>
#include <stdexcept>

#include "search/request_params.h"

namespace po = boost::program_options;

namespace newsdesk::cli {
namespace {

// The flags that are search parameters, named as in the HTTP API: they are
// read by the same search::parse_search_params, so both accept the same values.
constexpr const char* kRepeatable[] = {"company", "country", "topic", "source"};
constexpr const char* kSingle[] = {"page",  "size",    "snippet_length", "facets",
                                   "from",  "to",      "sort",           "half_life",
                                   "group", "related", "collapse"};

}  // namespace

std::optional<QueryOptions> parse_options(int argc, const char* const argv[]) {
  QueryOptions options;
  std::vector<std::string> words;
  std::map<std::string, std::vector<std::string>> repeated;
  std::map<std::string, std::string> single;
  po::options_description visible(
      "Usage: newsdesk-query --db DIR [options] QUERY...\n"
      "Searches an index and prints ranked results (title, date, snippet) and facet counts.\n"
      "The query language is the web page's (see the README): words, \"phrases\", AND/OR/NOT,\n"
      "title:, company:, ticker:, country:, topic:, source:, about:, date:2025-02..2025-03.\n\n"
      "Options");
  visible.add_options()                                                                     //
      ("help,h", "show this help")                                                          //
      ("db", po::value<std::string>()->required(), "index folder")                          //
      ("json", po::bool_switch(&options.json), "print the same JSON as /api/search")        //
      ("page", po::value<std::string>(&single["page"]), "result page (1, 2, ...)")          //
      ("size,n", po::value<std::string>(&single["size"]), "results per page (default 10)")  //
      ("company", po::value<std::vector<std::string>>(&repeated["company"]),
       "only articles naming this company (name or ticker; repeat: any of them)")  //
      ("country", po::value<std::vector<std::string>>(&repeated["country"]),
       "only articles about this country (name or ISO code; repeatable)")  //
      ("topic", po::value<std::vector<std::string>>(&repeated["topic"]),
       "only articles on this topic (repeatable)")  //
      ("source", po::value<std::vector<std::string>>(&repeated["source"]),
       "only articles from this source (repeatable)")                                           //
      ("from", po::value<std::string>(&single["from"]), "published on or after YYYY-MM-DD")     //
      ("to", po::value<std::string>(&single["to"]), "published on or before YYYY-MM-DD")        //
      ("sort", po::value<std::string>(&single["sort"]), "relevance (default), date or recent")  //
      ("half-life", po::value<std::string>(&single["half_life"]),
       "days for --sort recent to halve a story's score (default 30)")                 //
      ("no-collapse", "show every copy of a story instead of one with \"N similar\"")  //
      ("group", po::value<std::string>(&single["group"]),
       "list the copies of one story (the group shown with \"N similar\")")  //
      ("related", po::value<std::string>(&single["related"]),
       "stories related to the article with this id (no query needed)")  //
      ("facets", po::value<std::string>(&single["facets"]),
       "values shown per facet (default 10; 0 = no facet counts)")  //
      ("snippet-length", po::value<std::string>(&single["snippet_length"]),
       "characters of text around the matches (default 240)")  //
      ("companies", po::value<std::vector<std::string>>(),
       "extra company file, as for newsdesk-index (repeatable)")  //
      ("synonyms", po::value<std::vector<std::string>>(),
       "extra synonym file in data/synonyms.txt's format (repeatable)");
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
  for (const char* name : {"companies", "synonyms"}) {
    if (!vm.count(name)) continue;
    auto& files = std::string(name) == "companies" ? options.company_files : options.synonym_files;
    for (const auto& file : vm[name].as<std::vector<std::string>>()) files.emplace_back(file);
  }

  search::SearchParams params;
  std::string query;
  for (const std::string& word : words) query += (query.empty() ? "" : " ") + word;
  params.emplace("q", query);
  for (const char* name : kRepeatable) {
    for (const std::string& value : repeated[name]) params.emplace(name, value);
  }
  for (const char* name : kSingle) {
    if (!single[name].empty()) params.emplace(name, single[name]);
  }
  if (vm.count("no-collapse")) params.emplace("collapse", "false");
  options.request = search::parse_search_params(params);
  return options;
}

}  // namespace newsdesk::cli
