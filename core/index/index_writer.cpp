#include "index/index_writer.h"

#include <exception>
#include <fstream>
#include <future>
#include <mutex>
#include <thread>
#include <utility>
#include <variant>

#include "extract/facet_extractor.h"
#include "index/document_builder.h"
#include "index/task_queue.h"
#include "schema.h"

namespace newsdesk::index {
namespace {

// The shard folders of an index; creates the index (shards, then the stub,
// so a half-made index has no stub) when the folder is new or empty.
std::vector<std::filesystem::path> shard_paths(const std::filesystem::path& dir, unsigned wanted) {
  std::vector<std::filesystem::path> paths;
  if (auto listed = schema::read_shard_stub(dir)) return std::move(*listed);
  std::error_code error;
  if (std::filesystem::exists(dir / "iamglass", error)) return {dir};  // a single plain database
  if (wanted == 0) wanted = std::max(1u, std::thread::hardware_concurrency());
  std::filesystem::create_directories(dir);
  for (unsigned i = 0; i < wanted; ++i) paths.push_back(dir / schema::shard_name(i));
  return paths;
}

void write_stub(const std::filesystem::path& dir, std::size_t shards) {
  const auto stub = dir / schema::kStubFile;
  if (std::filesystem::exists(stub) || std::filesystem::exists(dir / "iamglass")) return;
  const auto temporary = dir / (std::string(schema::kStubFile) + ".new");
  {
    std::ofstream out(temporary);
    for (std::size_t i = 0; i < shards; ++i) out << "auto " << schema::shard_name(i) << "\n";
    if (!out) throw std::runtime_error("cannot write " + temporary.string());
  }
  std::filesystem::rename(temporary, stub);
}

}  // namespace

// One shard: its database is touched only by its own thread.
class IndexWriter::Shard {
 public:
  struct AddArticle {
    Article article;
    std::string id;
  };
  struct ForgetFile {
    std::string origin;
  };
  struct SetMetadata {
    std::string key, value;
  };
  // Hands all the spelling data collected so far to the database, for the
  // next commit (batch commits hand it over only every so many articles).
  struct FlushSpelling {};
  struct Commit {
    std::promise<Xapian::doccount> done;
  };
  struct Stop {};
  using Task = std::variant<AddArticle, ForgetFile, SetMetadata, FlushSpelling, Commit, Stop>;

  Shard(const std::filesystem::path& path, std::shared_ptr<const extract::FacetExtractor> extractor)
      : db_(open(path)),
        committed_count_(db_.get_doccount()),
        extractor_(std::move(extractor)),
        builder_(db_),
        queue_(256) {}

  void start() {
    thread_ = std::thread([this] { run(); });
  }

  ~Shard() {
    if (thread_.joinable()) {
      queue_.push(Stop{});
      thread_.join();
    }
  }

  void push(Task task) { queue_.push(std::move(task)); }

  // Queues a commit after everything pushed so far; finish_commit() waits.
  void start_commit() {
    Commit commit;
    pending_commit_ = commit.done.get_future();
    push(std::move(commit));
  }

  // Rethrows the shard's error, if any.
  void finish_commit() { committed_count_ = pending_commit_.get(); }

  Xapian::doccount committed_count() const { return committed_count_; }

  std::vector<ArticleFailure> take_failures() {
    std::lock_guard lock(failures_mutex_);
    return std::exchange(failures_, {});
  }
  Xapian::WritableDatabase& database() { return db_; }

 private:
  static Xapian::WritableDatabase open(const std::filesystem::path& path) {
    try {
      return Xapian::WritableDatabase(path.string(), Xapian::DB_CREATE_OR_OPEN);
    } catch (const Xapian::DatabaseLockError&) {
      throw IndexLockedError("index " + path.parent_path().string() +
                             " is locked by another indexer");
    }
  }

  void run() {
    std::exception_ptr error;  // the first failure; reported at the next commit
    for (;;) {
      Task task = queue_.pop();
      if (std::holds_alternative<Stop>(task)) return;
      if (auto* commit = std::get_if<Commit>(&task)) {
        try {
          if (!error) {
            builder_.flush_spelling(DocumentBuilder::kSpellingFlushArticles);
            db_.commit();
          }
        } catch (...) {
          error = std::current_exception();
        }
        if (error) {
          commit->done.set_exception(error);
        } else {
          commit->done.set_value(db_.get_doccount());
        }
        continue;
      }
      if (error) continue;  // drop work after a failure; the commit reports it
      try {
        if (auto* add = std::get_if<AddArticle>(&task)) {
          add_article(*add);
        } else if (auto* forget = std::get_if<ForgetFile>(&task)) {
          db_.delete_document(schema::file_term(forget->origin));
        } else if (auto* metadata = std::get_if<SetMetadata>(&task)) {
          db_.set_metadata(metadata->key, metadata->value);
        } else if (std::holds_alternative<FlushSpelling>(task)) {
          builder_.flush_spelling();
        }
      } catch (...) {
        error = std::current_exception();
      }
    }
  }

  // One article: a failure of this article alone is recorded, not fatal.
  void add_article(const AddArticle& add) {
    try {
      if (extractor_) {
        const extract::ArticleFacets facets = extractor_->extract(add.article);
        db_.replace_document(schema::id_term(add.id), builder_.build(add.article, add.id, &facets));
      } else {
        db_.replace_document(schema::id_term(add.id), builder_.build(add.article, add.id));
      }
    } catch (const Xapian::InvalidArgumentError& e) {
      record_failure(add.article, e.get_description());
    } catch (const std::exception& e) {
      record_failure(add.article, e.what());
    }
  }

  void record_failure(const Article& article, std::string message) {
    std::lock_guard lock(failures_mutex_);
    failures_.push_back({article.origin, article.origin_line, std::move(message)});
  }

  Xapian::WritableDatabase db_;
  Xapian::doccount committed_count_;
  std::shared_ptr<const extract::FacetExtractor> extractor_;
  DocumentBuilder builder_;
  std::mutex failures_mutex_;
  std::vector<ArticleFailure> failures_;
  std::future<Xapian::doccount> pending_commit_;
  TaskQueue<Task> queue_;
  std::thread thread_;
};

IndexWriter::IndexWriter(const std::filesystem::path& db_dir, IndexWriterOptions options)
    : options_(options) {
  for (const auto& path : shard_paths(db_dir, options.shards)) {
    shards_.push_back(std::make_unique<Shard>(path, options.extractor));
  }
  Xapian::WritableDatabase& primary = shards_.front()->database();
  schema::check_version(primary);
  schema::write_version(primary);
  // A new index: its shards exist now, so the stub can name them.
  write_stub(db_dir, shards_.size());
  for (auto& shard : shards_) shard->start();
}

IndexWriter::~IndexWriter() {
  try {
    commit();
  } catch (...) {
    // Destructors must not throw; callers that care call commit().
  }
}

void IndexWriter::forget_file(const std::string& origin) {
  for (auto& shard : shards_) shard->push(Shard::ForgetFile{origin});
}

void IndexWriter::record_file(const FileState& state) {
  auto [key, value] = encode_file_state(state);
  unsaved_states_.emplace_back(std::move(key), std::move(value));
}

void IndexWriter::remove_file(const std::string& origin) {
  forget_file(origin);
  unsaved_states_.emplace_back(schema::file_state_key(origin), "");
}

std::string IndexWriter::add(Article article) {
  std::string id = schema::article_id(article);
  Shard& shard = *shards_[schema::stable_hash(id) % shards_.size()];
  shard.push(Shard::AddArticle{std::move(article), id});
  if (++pending_ >= options_.batch_size) commit_batch();
  return id;
}

void IndexWriter::commit() {
  for (auto& shard : shards_) shard->push(Shard::FlushSpelling{});
  commit_batch();
  // The states just handed over still need their own commit.
  if (states_in_primary_queue_) {
    shards_.front()->start_commit();
    shards_.front()->finish_commit();
    states_in_primary_queue_ = false;
  }
}

void IndexWriter::commit_batch() {
  // All shards commit at once. File states recorded before this commit are
  // handed to the primary only after it, so they are committed with the
  // next one and never claim articles that are not committed yet.
  auto states = std::exchange(unsaved_states_, {});
  commit_all_shards();
  states_in_primary_queue_ = !states.empty();
  for (auto& [key, value] : states) {
    shards_.front()->push(Shard::SetMetadata{std::move(key), std::move(value)});
  }
  pending_ = 0;
}

void IndexWriter::commit_all_shards() {
  for (auto& shard : shards_) shard->start_commit();
  std::exception_ptr error;
  for (auto& shard : shards_) {
    try {
      shard->finish_commit();
    } catch (...) {
      if (!error) error = std::current_exception();
    }
  }
  if (error) std::rethrow_exception(error);
}

std::vector<IndexWriter::ArticleFailure> IndexWriter::take_failures() {
  std::vector<ArticleFailure> all;
  for (auto& shard : shards_) {
    auto failures = shard->take_failures();
    all.insert(all.end(), std::make_move_iterator(failures.begin()),
               std::make_move_iterator(failures.end()));
  }
  return all;
}

Xapian::doccount IndexWriter::document_count() const {
  Xapian::doccount total = 0;
  for (const auto& shard : shards_) total += shard->committed_count();
  return total;
}

const Xapian::Database& IndexWriter::database() const {
  return shards_.front()->database();
}

}  // namespace newsdesk::index
