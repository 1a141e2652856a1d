// newsdesk-index: builds or updates an index from article files and folders.
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "index/index_paths.h"
#include "indexer/options.h"

namespace {

void print_summary(const newsdesk::index::IndexSummary& s, std::size_t documents, bool json) {
  if (json) {
    std::cout << nlohmann::json{{"files", s.files},
                                {"articles", s.articles},
                                {"failed_files", s.failed_files},
                                {"skipped_records", s.skipped_records},
                                {"warnings", s.warnings},
                                {"ignored_files", s.ignored_files},
                                {"errors", s.errors()},
                                {"documents_in_index", documents},
                                {"seconds", s.seconds}}
                     .dump()
              << "\n";
    return;
  }
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2f", s.seconds);
  std::cout << "indexed " << s.articles << " articles from " << s.files << " files in " << seconds
            << " s: " << s.errors() << " errors (" << s.failed_files << " failed files, "
            << s.skipped_records << " skipped records), " << s.warnings << " warnings; "
            << documents << " articles in the index\n";
}

}  // namespace

int main(int argc, char* argv[]) try {
  const auto options = newsdesk::indexer::parse_options(argc, argv);
  if (!options) return 0;
  newsdesk::index::IndexWriter writer(options->db, {.batch_size = options->batch_size});
  const auto summary = newsdesk::index::index_paths(
      writer, options->paths, [&](const newsdesk::ingest::Problem& problem) {
        if (options->quiet) return;
        std::cerr << problem.origin;
        if (problem.line > 0) std::cerr << ":" << problem.line;
        std::cerr << ": " << (problem.skipped ? "error: " : "warning: ") << problem.message << "\n";
      });
  print_summary(summary, writer.document_count(), options->json);
  return summary.errors() == 0 ? 0 : 1;
} catch (const std::invalid_argument& e) {
  std::cerr << "newsdesk-index: " << e.what() << "\n";
  return 2;
} catch (const std::exception& e) {
  std::cerr << "newsdesk-index: " << e.what() << "\n";
  return 1;
} catch (const Xapian::Error& e) {
  std::cerr << "newsdesk-index: " << e.get_description() << "\n";
  return 1;
}
