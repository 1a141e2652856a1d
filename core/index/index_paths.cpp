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
// Returns the folder roots walked (absolute) for --prune.
std::vector<std::filesystem::path> expand(const std::vector<std::filesystem::path>& paths,
                                          IndexPlan& plan, std::vector<std::string>& roots,
                                          const ingest::ProblemSink& problems) {
  std::vector<std::filesystem::path> files;
  for (const auto& path : paths) {
    std::error_code error;
    if (path == "-") {
      files.push_back(path);
    } else if (std::filesystem::is_directory(path, error)) {
      roots.push_back(origin_of(path) + "/");
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
          ++plan.ignored_files;
        }
      }
      if (error) problems({path.string(), 0, "cannot read folder: " + error.message(), true});
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (std::filesystem::exists(path, error)) {
      roots.push_back(origin_of(path));
      files.push_back(path);
    } else {
      ++plan.missing_files;
      problems({path.string(), 0, "no such file or folder", true});
    }
  }
  return files;
}

FileAction compare(const std::optional<FileState>& known, FileState& now,
                   const std::filesystem::path& path) {
  if (!known) return FileAction::Add;
  if (known->size != now.size) return FileAction::Update;
  if (known->mtime_ns == now.mtime_ns) {
    now.content_hash = known->content_hash;
    return FileAction::Unchanged;
  }
  // Same size, new mtime (a copy, a touch, a checkout): compare the bytes.
  now.content_hash = hash_file(path);
  return now.content_hash == known->content_hash ? FileAction::Touch : FileAction::Update;
}

}  // namespace

IndexPlan plan_index(const Xapian::Database* db, const std::vector<std::filesystem::path>& paths,
                     const IndexOptions& options, const ingest::ProblemSink& problems) {
  IndexPlan plan;
  std::vector<std::string> roots;
  for (const auto& path : expand(paths, plan, roots, problems)) {
    PlannedFile file;
    file.path = path;
    if (path == "-") {
      file.state.path = "-";
      plan.files.push_back(std::move(file));  // standard input is always read
      continue;
    }
    try {
      file.state = stat_file(path);
      const auto known = db ? load_file_state(*db, file.state.path) : std::nullopt;
      file.action = compare(known, file.state, path);
      if (options.force && file.action != FileAction::Add) file.action = FileAction::Update;
    } catch (const std::exception&) {
      file.action = FileAction::Update;  // reading it will report what is wrong
    }
    plan.files.push_back(std::move(file));
  }
  if (options.prune && db) {
    for (FileState& state : load_all_file_states(*db)) {
      const bool under_root = std::any_of(roots.begin(), roots.end(), [&](const std::string& root) {
        return state.path == root || (root.back() == '/' && state.path.rfind(root, 0) == 0);
      });
      std::error_code error;
      if (under_root && !std::filesystem::exists(state.path, error)) {
        plan.removed.push_back(std::move(state));
      }
    }
  }
  return plan;
}

IndexSummary apply_plan(IndexWriter& writer, const IndexPlan& plan,
                        const ingest::ProblemSink& problems, const ProgressSink& progress) {
  const auto start = std::chrono::steady_clock::now();
  IndexSummary summary;
  summary.failed_files = plan.missing_files;
  summary.ignored_files = plan.ignored_files;
  IndexProgress done;
  for (const PlannedFile& file : plan.files) {
    if (file.action == FileAction::Add || file.action == FileAction::Update) {
      ++done.files_total;
      done.bytes_total += file.state.size;
    }
  }
  const auto count_problem = [&](const ingest::Problem& problem) {
    ++(problem.skipped ? summary.skipped_records : summary.warnings);
    problems(problem);
  };

  for (const PlannedFile& file : plan.files) {
    if (file.action == FileAction::Unchanged) {
      ++summary.unchanged_files;
      continue;
    }
    if (file.action == FileAction::Touch) {
      ++summary.unchanged_files;
      writer.record_file(file.state);
      continue;
    }
    ++summary.files;
    const std::string& origin = file.state.path;
    try {
      FileState state = file.state;
      if (file.path != "-" && state.content_hash == 0) state.content_hash = hash_file(file.path);
      // Forget the file's old articles only once it reads: a file that has
      // become unreadable keeps what was indexed from it.
      bool forgotten = false;
      const auto forget_once = [&] {
        if (!forgotten) writer.forget_file(origin);
        forgotten = true;
      };
      summary.articles += ingest::read_file(
          file.path,
          [&](Article&& article) {
            forget_once();
            article.origin = origin;
            writer.add(std::move(article));
            ++done.articles;
          },
          count_problem);
      forget_once();
      if (file.path != "-") writer.record_file(state);
    } catch (const IngestError& e) {
      ++summary.failed_files;
      problems({file.path.string(), 0, e.what(), true});
    }
    ++done.files_done;
    done.bytes_done += file.state.size;
    summary.bytes += file.state.size;
    if (progress) progress(done);
  }
  for (const FileState& gone : plan.removed) {
    writer.remove_file(gone.path);
    ++summary.removed_files;
  }
  writer.commit();
  // Articles the shards could not index (all written by now: commit waits).
  for (const auto& failure : writer.take_failures()) {
    --summary.articles;
    ++summary.skipped_records;
    problems({failure.origin, failure.line, failure.message, true});
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

IndexSummary index_paths(IndexWriter& writer, const std::vector<std::filesystem::path>& paths,
                         const ingest::ProblemSink& problems, const IndexOptions& options,
                         const ProgressSink& progress) {
  const auto start = std::chrono::steady_clock::now();
  const IndexPlan plan = plan_index(&writer.database(), paths, options, problems);
  IndexSummary summary = apply_plan(writer, plan, problems, progress);
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace newsdesk::index
