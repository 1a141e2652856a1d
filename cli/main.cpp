// newsdesk-query: searches an index from the terminal.
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "cli/options.h"
#include "cli/terminal_text.h"
#include "errors.h"
#include "extract/dates.h"
#include "search/search_json.h"
#include "search/searcher.h"

namespace {

// How the query was read: suggestion, expansions and warnings, before the results.
void print_reading(const newsdesk::search::SearchResult& result) {
  if (!result.suggestion.empty()) std::cout << "Did you mean: " << result.suggestion << "\n";
  for (const auto& expansion : result.expansions) {
    std::cout << "Read " << expansion.from << " as also " << expansion.to << " (" << expansion.kind
              << ")\n";
  }
  for (const auto& warning : result.warnings) std::cout << "Note: " << warning << "\n";
  if (!result.suggestion.empty() || !result.expansions.empty() || !result.warnings.empty()) {
    std::cout << "\n";
  }
}

// One line per facet: its top values with counts; selected values starred.
void print_facets(const newsdesk::search::SearchResult& result) {
  for (const auto& facet : result.facets) {
    if (facet.top.empty()) continue;
    std::cout << facet.facet << ":";
    const char* separator = " ";
    for (const auto& bucket : facet.top) {
      std::cout << separator << (bucket.selected ? "*" : "") << bucket.name << " (" << bucket.count
                << ")";
      separator = ", ";
    }
    if (facet.distinct > facet.top.size()) std::cout << ", … " << facet.distinct << " in all";
    std::cout << "\n";
  }
  if (!result.dates.unit.empty()) {
    std::cout << "date (" << result.dates.unit << "):";
    const char* separator = " ";
    for (const auto& bucket : result.dates.buckets) {
      if (bucket.count == 0) continue;
      std::cout << separator << bucket.label << " (" << bucket.count << ")";
      separator = ", ";
    }
    if (result.dates.undated) std::cout << separator << "undated (" << result.dates.undated << ")";
    std::cout << "\n";
  }
}

void print_text(const newsdesk::search::SearchResult& result, bool color) {
  using newsdesk::cli::snippet_to_terminal;
  print_reading(result);
  const std::size_t first = (result.page - 1) * result.size + 1;
  for (std::size_t i = 0; i < result.hits.size(); ++i) {
    const auto& hit = result.hits[i];
    const std::string date = hit.published
                                 ? newsdesk::extract::format_iso8601(*hit.published).substr(0, 10)
                                 : "date unknown";
    std::cout << first + i << ". " << snippet_to_terminal(hit.title_html, color) << "\n   " << date;
    if (!hit.source.empty()) std::cout << " · " << hit.source;
    if (hit.similar) std::cout << " · " << hit.similar << " similar (--group " << hit.group << ")";
    std::cout << "\n   " << snippet_to_terminal(hit.snippet, color) << "\n   id " << hit.id
              << "\n\n";
  }
  char took[32];
  std::snprintf(took, sizeof took, "%.1f", result.took_ms);
  std::cout << result.total << (result.total_exact ? "" : " (about)") << " results, "
            << result.hits.size() << " shown, " << took << " ms\n";
  if (!result.facets.empty()) std::cout << "\n";
  print_facets(result);
}

}  // namespace

int main(int argc, char* argv[]) try {
  const auto options = newsdesk::cli::parse_options(argc, argv);
  if (!options) return 0;
  newsdesk::search::Searcher searcher(
      options->db,
      newsdesk::search::SearchResources::load(options->company_files, options->synonym_files));
  const auto result = searcher.search(options->request);
  if (options->json) {
    std::cout << newsdesk::search::to_json(result).dump(2, ' ', false,
                                                        nlohmann::json::error_handler_t::replace)
              << "\n";
  } else {
    print_text(result, isatty(STDOUT_FILENO) != 0);
  }
  return 0;
} catch (const std::invalid_argument& e) {  // UserError too
  std::cerr << "newsdesk-query: " << e.what() << "\n";
  return 2;
} catch (const std::exception& e) {
  std::cerr << "newsdesk-query: " << e.what() << "\n";
  return 1;
} catch (const Xapian::Error& e) {
  std::cerr << "newsdesk-query: " << e.get_description() << "\n";
  return 1;
}
