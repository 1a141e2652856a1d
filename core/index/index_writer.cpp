#include "index/index_writer.h"

#include <exception>
#include <fstream>
#include <future>
#include <thread>
#include <variant>

#include "extract/facet_extractor.h"
#include "index/document_builder.h"
#include "index/task_queue.h"
#include "schema.h"

namespace newsdesk::index {
namespace {

constexpr const char* kStubFile = "XAPIANDB";

std::string shard_name(std::size_t i) {
  return "shard" + std::to_string(i);
}

// The shard folders of an index; creates the index (shards, then the stub,
// so a half-made index has no stub) when the folder is new or empty.
std::vector<std::filesystem::path> shard_paths(const std::filesystem::path& dir, unsigned wanted) {
  std::vector<std::filesystem::path> paths;
  const auto stub = dir / kStubFile;
  if (std::filesystem::exists(stub)) {
    std::ifstream in(stub);
    std::string backend, name;
    while (in >> backend >> name) paths.push_back(dir / name);
    if (paths.empty()) throw std::runtime_error(stub.string() + " lists no shards");
    return paths;
  }
  std::error_code error;
  if (std::filesystem::exists(dir / "iamglass", error)) return {dir};  // a single plain database
  if (wanted == 0) wanted = std::max(1u, std::thread::hardware_concurrency());
  std::filesystem::create_directories(dir);
  for (unsigned i = 0; i < wanted; ++i) paths.push_back(dir / shard_name(i));
  return paths;
}

void write_stub(const std::filesystem::path& dir, std::size_t shards) {
  const auto stub = dir / kStubFile;
  if (std::filesystem::exists(stub) || std::filesystem::exists(dir / "iamglass")) return;
  const auto temporary = dir / (std::string(kStubFile) + ".new");
  {
    std::ofstream out(temporary);
    for (std::size_t i = 0; i < shards; ++i) out << "auto " << shard_name(i) << "\n";
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
  struct Commit {
    std::promise<Xapian::doccount> done;
  };
  struct Stop {};
  using Task = std::variant<AddArticle, ForgetFile, SetMetadata, Commit, Stop>;

  Shard(const std::filesystem::path& path, std::shared_ptr<const extract::FacetExtractor> extractor)
      : db_(open(path)),
        committed_count_(db_.get_doccount()),
        extractor_(std::move(extractor)),
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

  // Returns the shard's document count once everything before it is committed.
  Xapian::doccount commit() {
    Commit commit;
    auto done = commit.done.get_future();
    push(std::move(commit));
    committed_count_ = done.get();  // rethrows the shard's error, if any
    return committed_count_;
  }

  Xapian::doccount committed_count() const { return committed_count_; }
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
          if (!error) db_.commit();
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
          if (extractor_) {
            const extract::ArticleFacets facets = extractor_->extract(add->article);
            db_.replace_document(schema::id_term(add->id),
                                 builder_.build(add->article, add->id, &facets));
          } else {
            db_.replace_document(schema::id_term(add->id), builder_.build(add->article, add->id));
          }
        } else if (auto* forget = std::get_if<ForgetFile>(&task)) {
          db_.delete_document(schema::file_term(forget->origin));
        } else if (auto* metadata = std::get_if<SetMetadata>(&task)) {
          db_.set_metadata(metadata->key, metadata->value);
        }
      } catch (...) {
        error = std::current_exception();
      }
    }
  }

  Xapian::WritableDatabase db_;
  Xapian::doccount committed_count_;
  std::shared_ptr<const extract::FacetExtractor> extractor_;
  DocumentBuilder builder_;
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
  shards_.front()->push(Shard::SetMetadata{std::move(key), std::move(value)});
}

void IndexWriter::remove_file(const std::string& origin) {
  forget_file(origin);
  shards_.front()->push(Shard::SetMetadata{schema::file_state_key(origin), ""});
}

std::string IndexWriter::add(Article article) {
  std::string id = schema::article_id(article);
  Shard& shard = *shards_[schema::stable_hash(id) % shards_.size()];
  shard.push(Shard::AddArticle{std::move(article), id});
  if (++pending_ >= options_.batch_size) commit();
  return id;
}

void IndexWriter::commit() {
  // Secondary shards first: the primary's file states then never claim
  // articles that are not committed yet.
  for (std::size_t i = 1; i < shards_.size(); ++i) shards_[i]->commit();
  shards_.front()->commit();
  pending_ = 0;
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
