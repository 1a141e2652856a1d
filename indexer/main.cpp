// newsdesk-index: builds or updates an index from article files and folders.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "index/index_paths.h"
#include "indexer/options.h"
#include "indexer/progress_bar.h"

namespace {

using newsdesk::index::FileAction;

void print_problem(const newsdesk::ingest::Problem& problem) {
  std::cerr << problem.origin;
  if (problem.line > 0) std::cerr << ":" << problem.line;
  std::cerr << ": " << (problem.skipped ? "error: " : "warning: ") << problem.message << "\n";
}

void print_summary(const newsdesk::index::IndexSummary& s, std::size_t documents, bool json) {
  if (json) {
    std::cout << nlohmann::json{{"files", s.files},
                                {"unchanged_files", s.unchanged_files},
                                {"removed_files", s.removed_files},
                                {"articles", s.articles},
                                {"failed_files", s.failed_files},
                                {"skipped_records", s.skipped_records},
                                {"warnings", s.warnings},
                                {"ignored_files", s.ignored_files},
                                {"errors", s.errors()},
                                {"bytes", s.bytes},
                                {"documents_in_index", documents},
                                {"seconds", s.seconds}}
                     .dump()
              << "\n";
    return;
  }
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2f", s.seconds);
  std::cout << "indexed " << s.articles << " articles from " << s.files << " files in " << seconds
            << " s (" << s.unchanged_files << " unchanged, " << s.removed_files
            << " removed): " << s.errors() << " errors (" << s.failed_files << " failed files, "
            << s.skipped_records << " skipped records), " << s.warnings << " warnings; "
            << documents << " articles in the index\n";
}

// --dry-run: what would change, from a read-only look at the index.
int dry_run(const newsdesk::indexer::IndexerOptions& options) {
  std::unique_ptr<Xapian::Database> db;
  try {
    db = std::make_unique<Xapian::Database>(options.db.string());
  } catch (const Xapian::DatabaseOpeningError&) {
    // No index yet: every file is new.
  }
  std::size_t problems = 0;
  const auto plan = newsdesk::index::plan_index(db.get(), options.paths,
                                                {.prune = options.prune, .force = options.force},
                                                [&](const newsdesk::ingest::Problem& p) {
                                                  ++problems;
                                                  print_problem(p);
                                                });
  std::size_t add = 0, update = 0, unchanged = 0;
  for (const auto& file : plan.files) {
    switch (file.action) {
      case FileAction::Add:
        ++add;
        std::cout << "add     " << file.path.string() << "\n";
        break;
      case FileAction::Update:
        ++update;
        std::cout << "update  " << file.path.string() << "\n";
        break;
      case FileAction::Unchanged:
      case FileAction::Touch:
        ++unchanged;
        break;
    }
  }
  for (const auto& gone : plan.removed) std::cout << "remove  " << gone.path << "\n";
  std::cout << "dry run: " << add << " files to add, " << update << " to update, "
            << plan.removed.size() << " to remove, " << unchanged
            << " unchanged; nothing written\n";
  return problems == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char* argv[]) try {
  const auto options = newsdesk::indexer::parse_options(argc, argv);
  if (!options) return 0;
  if (options->dry_run) return dry_run(*options);

  newsdesk::index::IndexWriter writer(options->db, {.batch_size = options->batch_size});
  std::unique_ptr<newsdesk::indexer::ProgressBar> bar;
  if (options->progress && isatty(STDERR_FILENO)) {
    bar = std::make_unique<newsdesk::indexer::ProgressBar>(stderr);
  }
  const auto summary = newsdesk::index::index_paths(
      writer, options->paths,
      [&](const newsdesk::ingest::Problem& problem) {
        if (!options->quiet) print_problem(problem);
      },
      {.prune = options->prune, .force = options->force},
      [&](const newsdesk::index::IndexProgress& progress) {
        if (bar) bar->update(progress);
      });
  bar.reset();
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
