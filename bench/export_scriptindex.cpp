// Writes the articles our readers find in PATHs as scriptindex input
// (https://xapian.org/docs/omega/scriptindex.html), so that Xapian's own
// indexer can index exactly the same text fields in the benchmark.
#include <iostream>

#include "index/file_state.h"
#include "index/index_paths.h"
#include "ingest/reader.h"
#include "schema.h"

namespace {

// field=value; further lines of the value continue with "=".
void write_field(const char* name, const std::string& value) {
  std::cout << name << '=';
  for (const char c : value) {
    if (c == '\n') {
      std::cout << "\n=";
    } else {
      std::cout << c;
    }
  }
  std::cout << '\n';
}

}  // namespace

int main(int argc, char* argv[]) try {
  std::vector<std::filesystem::path> paths(argv + 1, argv + argc);
  if (paths.empty()) {
    std::cerr << "usage: newsdesk-export-scriptindex PATH...\n";
    return 2;
  }
  const auto plan = newsdesk::index::plan_index(nullptr, paths, {}, [](const auto& problem) {
    std::cerr << problem.origin << ": " << problem.message << "\n";
  });
  std::size_t articles = 0;
  for (const auto& file : plan.files) {
    newsdesk::ingest::read_file(
        file.path,
        [&](newsdesk::Article&& article) {
          write_field("id", newsdesk::schema::article_id(article));
          write_field("title", article.title);
          write_field("body", article.body);
          std::cout << '\n';
          ++articles;
        },
        [](const auto&) {});
  }
  std::cerr << articles << " articles exported\n";
  return 0;
} catch (const std::exception& e) {
  std::cerr << "newsdesk-export-scriptindex: " << e.what() << "\n";
  return 1;
}
