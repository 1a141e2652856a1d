// newsdesk-index: builds or updates an index from article files and folders.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "extract/dates.h"
#include "extract/facet_extractor.h"
#include "index/index_paths.h"
#include "indexer/options.h"
#include "indexer/progress_bar.h"
#include "ingest/reader.h"

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

std::shared_ptr<const newsdesk::extract::FacetExtractor> make_extractor(
    const newsdesk::indexer::IndexerOptions& options) {
  auto sources = newsdesk::extract::FacetSources::defaults();
  sources.company_files.insert(sources.company_files.end(), options.company_files.begin(),
                               options.company_files.end());
  if (!options.taxonomy_file.empty()) sources.taxonomy_file = options.taxonomy_file;
  return std::make_shared<const newsdesk::extract::FacetExtractor>(sources);
}

void print_values(const char* facet, const std::vector<newsdesk::extract::FacetValue>& values) {
  std::cout << "  " << facet << ":" << (values.empty() ? " none\n" : "\n");
  for (const auto& value : values) {
    std::printf("    %-28s %-22s score %6.2f  <-", value.name.c_str(), value.key.c_str(),
                value.score);
    if (value.evidence.empty()) std::cout << " source metadata";
    for (std::size_t i = 0; i < value.evidence.size() && i < 8; ++i) {
      std::cout << (i ? ", " : " ") << '"' << value.evidence[i] << '"';
    }
    if (value.evidence.size() > 8) std::cout << ", … (" << value.evidence.size() << ")";
    std::cout << "\n";
  }
}

// --explain FILE: what extraction finds in each article, and why.
int explain(const newsdesk::indexer::IndexerOptions& options) {
  const auto extractor = make_extractor(options);
  std::size_t problems = 0;
  newsdesk::ingest::read_file(
      options.explain,
      [&](newsdesk::Article&& article) {
        const auto facets = extractor->extract(article);
        std::cout << (article.title.empty() ? "(untitled)" : article.title) << "\n  date: ";
        if (article.published) {
          std::cout << newsdesk::extract::format_iso8601(*article.published) << " (source)\n";
        } else if (facets.text_date) {
          std::cout << newsdesk::extract::format_iso8601(facets.text_date->utc_seconds) << " <- \""
                    << facets.text_date->evidence << "\"\n";
        } else {
          std::cout << "unknown\n";
        }
        print_values("companies", facets.companies);
        print_values("countries", facets.countries);
        print_values("topics", facets.topics);
        std::cout << "\n";
      },
      [&](const newsdesk::ingest::Problem& problem) {
        ++problems;
        print_problem(problem);
      });
  return problems == 0 ? 0 : 1;
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
  if (!options->explain.empty()) return explain(*options);
  if (options->dry_run) return dry_run(*options);

  newsdesk::index::IndexWriter writer(
      options->db, {.batch_size = options->batch_size,
                    .segment_size = options->segment_size,
                    .extractor = options->extract ? make_extractor(*options) : nullptr});
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
