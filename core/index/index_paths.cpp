#include "index/index_paths.h"

#include <algorithm>
#include <chrono>

#include "errors.h"
#include "ingest/reader.h"

namespace newsdesk::index {
namespace {

bool is_hidden(const std::filesystem::path& path) {
  const std::string name = path.filename().string();
  return name.size() > 1 && name[0] == '.';
}

// Expands folders into their article files; files and "-" pass through.
std::vector<std::filesystem::path> expand(const std::vector<std::filesystem::path>& paths,
                                          IndexSummary& summary,
                                          const ingest::ProblemSink& problems) {
  std::vector<std::filesystem::path> files;
  for (const auto& path : paths) {
    std::error_code error;
    if (path != "-" && std::filesystem::is_directory(path, error)) {
      std::vector<std::filesystem::path> found;
      auto it = std::filesystem::recursive_directory_iterator(
          path, std::filesystem::directory_options::skip_permission_denied, error);
      for (; !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
        if (is_hidden(it->path())) {
          if (it->is_directory()) it.disable_recursion_pending();
          continue;
        }
        if (!it->is_regular_file()) continue;
        if (ingest::has_article_extension(it->path())) {
          found.push_back(it->path());
        } else {
          ++summary.ignored_files;
        }
      }
      if (error) problems({path.string(), 0, "cannot read folder: " + error.message(), true});
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(path);
    }
  }
  return files;
}

}  // namespace

IndexSummary index_paths(IndexWriter& writer, const std::vector<std::filesystem::path>& paths,
                         const ingest::ProblemSink& problems) {
  const auto start = std::chrono::steady_clock::now();
  IndexSummary summary;
  const auto count_problem = [&](const ingest::Problem& problem) {
    ++(problem.skipped ? summary.skipped_records : summary.warnings);
    problems(problem);
  };
  for (const auto& file : expand(paths, summary, problems)) {
    ++summary.files;
    const std::string origin = file.string();
    try {
      std::error_code error;
      if (file != "-" && !std::filesystem::exists(file, error)) {
        throw IngestError("no such file or folder");
      }
      // Forget the file's old articles only once it reads: a file that has
      // become unreadable keeps what was indexed from it.
      bool forgotten = false;
      const auto forget_once = [&] {
        if (!forgotten) writer.forget_file(origin);
        forgotten = true;
      };
      summary.articles += ingest::read_file(
          file,
          [&](Article&& article) {
            forget_once();
            writer.add(article);
          },
          count_problem);
      forget_once();
    } catch (const IngestError& e) {
      ++summary.failed_files;
      problems({origin, 0, e.what(), true});
    }
  }
  writer.commit();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace newsdesk::index
