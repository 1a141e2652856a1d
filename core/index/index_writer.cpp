#include "index/index_writer.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <exception>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>
#include <utility>
#include <variant>

#include "extract/facet_extractor.h"
#include "index/document_builder.h"
#include "index/task_queue.h"
#include "schema.h"

namespace newsdesk::index {
namespace {

// The folder exists before the lock file is made in it.
const std::filesystem::path& created(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  return dir;
}

// Block size of the segments the indexer creates (merged segments get the
// compactor's 8 KiB). Measured on Reuters x1, 7 interleaved rounds: 16 KiB
// blocks index in 4.32 s against 4.58 s with Xapian's default 8 KiB (fewer
// block splits and writes while a segment fills); 32 KiB varied more.
constexpr unsigned kSegmentBlockSize = 16384;

Xapian::WritableDatabase open_segment(const std::filesystem::path& path, int action) {
  try {
    return Xapian::WritableDatabase(path.string(), action, kSegmentBlockSize);
  } catch (const Xapian::DatabaseLockError&) {
    throw IndexLockedError("index " + path.parent_path().string() + " is locked by another writer");
  }
}

// Ids of the articles added in this run (of one shard): a Bloom filter, so
// that a new article costs no look-up in the segments written earlier in the
// run, only a possible repeat does. Fixed size (8 MiB, zeroed pages are only
// touched when used): with 3 probes, about one false alarm in a million at
// 200,000 ids, one in twenty at 10 million; a false alarm costs look-ups.
class RunIds {
 public:
  RunIds() : bits_(static_cast<std::uint64_t*>(std::calloc(kWords, sizeof(std::uint64_t)))) {
    if (!bits_) throw std::bad_alloc();
  }
  void add(std::uint64_t hash) {
    for (unsigned i = 0; i < kProbes; ++i) {
      const std::uint64_t bit = probe(hash, i);
      bits_.get()[bit / 64] |= std::uint64_t{1} << (bit % 64);
    }
  }
  [[nodiscard]] bool may_contain(std::uint64_t hash) const {
    for (unsigned i = 0; i < kProbes; ++i) {
      const std::uint64_t bit = probe(hash, i);
      if ((bits_.get()[bit / 64] & (std::uint64_t{1} << (bit % 64))) == 0) return false;
    }
    return true;
  }

 private:
  static constexpr std::uint64_t kBits = std::uint64_t{1} << 26;
  static constexpr std::size_t kWords = kBits / 64;
  static constexpr unsigned kProbes = 3;
  // Double hashing: the id's hash and a mix of it.
  static std::uint64_t probe(std::uint64_t hash, unsigned i) {
    std::uint64_t mixed = hash * 0x9E3779B97F4A7C15ull;
    mixed ^= mixed >> 29;
    return (hash + i * (mixed | 1)) % kBits;
  }
  struct Free {
    void operator()(std::uint64_t* p) const { std::free(p); }
  };
  std::unique_ptr<std::uint64_t, Free> bits_;
};

}  // namespace

// One shard: its segments are touched only by its own thread.
class IndexWriter::Shard {
 public:
  // Tasks waiting for a shard. The reader blocks when any shard's queue is
  // full, so the queues must hold what the other shards do while one
  // commits (a commit takes as long as several hundred articles).
  static constexpr std::size_t kQueuedTasks = 1024;

  struct AddArticle {
    Article article;
    std::string id;
    std::uint64_t hash = 0;  // schema::stable_hash(id)
  };
  struct ForgetFile {
    std::string origin;
  };
  struct SetMetadata {
    std::string key, value;
  };
  // What a commit leaves: the shard's segments, oldest first, its articles,
  // and the folders merged away since the last commit (to remove once the
  // stub no longer lists them).
  struct Committed {
    std::vector<std::string> folders;
    Xapian::doccount documents = 0;
    std::vector<std::string> retired;
  };
  struct Commit {
    bool end_of_run = false;
    std::promise<Committed> done;
  };
  struct Stop {};
  using Task = std::variant<AddArticle, ForgetFile, SetMetadata, Commit, Stop>;

  struct Segment {
    std::string folder;
    Xapian::doccount documents = 0;
    bool this_run = false;  // written by this writer: merged at the end of the run
    std::optional<Xapian::WritableDatabase> db;  // open for changes when needed
    bool changed = false;                        // db has uncommitted changes
  };

  Shard(IndexWriter& owner, unsigned number, std::vector<Segment> segments)
      : owner_(owner),
        number_(number),
        extractor_(owner.options_.extractor),
        builder_(true),
        segments_(std::move(segments)),
        queue_(kQueuedTasks) {
    // Earlier runs' segments are looked into for every article (an id seen
    // again replaces the old copy): open them once.
    for (Segment& segment : segments_) {
      if (!segment.this_run) segment.documents = writable(segment).get_doccount();
    }
    committed_count_ = count_documents();
  }

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
  void start_commit(bool end_of_run) {
    Commit commit{end_of_run, {}};
    pending_commit_ = commit.done.get_future();
    push(std::move(commit));
  }

  // Waits for the commit. Rethrows the shard's error, if any.
  Committed finish_commit() {
    Committed committed = pending_commit_.get();
    committed_count_ = committed.documents;
    return committed;
  }

  Xapian::doccount committed_count() const { return committed_count_; }

  std::vector<ArticleFailure> take_failures() {
    std::lock_guard lock(failures_mutex_);
    return std::exchange(failures_, {});
  }

 private:
  void run() {
    std::exception_ptr error;  // the first failure; reported at the next commit
    for (;;) {
      Task task = queue_.pop();
      if (std::holds_alternative<Stop>(task)) return;
      if (auto* commit = std::get_if<Commit>(&task)) {
        try {
          if (!error) commit_segments(commit->end_of_run);
        } catch (...) {
          error = std::current_exception();
        }
        if (error) {
          commit->done.set_exception(error);
        } else {
          Committed done = committed();
          done.retired = std::exchange(retired_, {});
          commit->done.set_value(std::move(done));
        }
        continue;
      }
      if (error) continue;  // drop work after a failure; the commit reports it
      try {
        if (auto* add = std::get_if<AddArticle>(&task)) {
          add_article(*add);
        } else if (auto* forget = std::get_if<ForgetFile>(&task)) {
          forget_file(forget->origin);
        } else if (auto* metadata = std::get_if<SetMetadata>(&task)) {
          oldest().set_metadata(metadata->key, metadata->value);
        }
      } catch (...) {
        error = std::current_exception();
      }
    }
  }

  // One article: a failure of this article alone is recorded, not fatal.
  void add_article(const AddArticle& add) {
    Xapian::Document doc;
    try {
      if (extractor_) {
        const extract::ArticleFacets facets = extractor_->extract(add.article);
        doc = builder_.build(add.article, add.id, &facets);
      } else {
        doc = builder_.build(add.article, add.id);
      }
    } catch (const std::exception& e) {
      record_failure(add.article, e.what());
      return;
    }
    // An article seen before (in an earlier run, or earlier in this one)
    // replaces its old copy wherever that is.
    const std::string id_term = schema::id_term(add.id);
    const bool repeat = run_ids_.may_contain(add.hash);
    delete_from_segments(id_term, repeat);
    Xapian::WritableDatabase& db = active();
    try {
      if (repeat) {
        db.replace_document(id_term, doc);
      } else {
        db.add_document(doc);
      }
    } catch (const Xapian::InvalidArgumentError& e) {
      record_failure(add.article, e.get_description());
      return;
    }
    run_ids_.add(add.hash);
  }

  void forget_file(const std::string& origin) {
    const std::string file_term = schema::file_term(origin);
    // A file read earlier in this run may have articles in this run's segments.
    const bool read_in_this_run = !run_origins_.insert(origin).second;
    delete_from_segments(file_term, read_in_this_run);
    if (active_ && read_in_this_run) active_->delete_document(file_term);
  }

  // Deletes the documents indexed by `term` from the sealed segments:
  // earlier runs' always, this run's only with `in_this_run`.
  void delete_from_segments(const std::string& term, bool in_this_run) {
    for (Segment& segment : segments_) {
      if (segment.this_run && !in_this_run) continue;
      Xapian::WritableDatabase& db = writable(segment);
      if (db.term_exists(term)) {
        db.delete_document(term);
        segment.changed = true;
      }
    }
  }

  // The segment new articles go to until it is sealed. A segment this run
  // sealed before it was full (the empty one a new index starts with) takes
  // them first: else the end of the run would merge it with the next one,
  // rewriting every article only to drop an empty database.
  Xapian::WritableDatabase& active() {
    if (active_) return *active_;
    if (!segments_.empty() && segments_.back().this_run &&
        segments_.back().documents < segment_size()) {
      Segment& reopened = segments_.back();
      active_folder_ = reopened.folder;
      active_.emplace(std::move(writable(reopened)));  // its changes: committed with the batch
      segments_.pop_back();
    } else {
      active_folder_ = owner_.new_segment_name(number_);
      active_.emplace(open_segment(owner_.dir_ / active_folder_, Xapian::DB_CREATE));
    }
    return *active_;
  }

  // The shard's oldest segment, marked changed; the active one while a new
  // index fills its first segment. Shard 0's holds the index's metadata
  // (the primary), and each shard's holds its spelling data: tier merges
  // reach it last, and in one table a word seen before costs Xapian a count
  // update, where a new segment's table would take every word anew, with its
  // n-grams, and merges would then combine the tables again.
  Xapian::WritableDatabase& oldest() {
    if (segments_.empty()) return active();
    Segment& first = segments_.front();
    first.changed = true;
    return writable(first);
  }

  Xapian::WritableDatabase& writable(Segment& segment) {
    if (!segment.db) {
      segment.db.emplace(open_segment(owner_.dir_ / segment.folder, Xapian::DB_OPEN));
    }
    return *segment.db;
  }

  void commit_segments(bool end_of_run) {
    if (active_) {
      // A full segment (or the run's last) is sealed: the spelling data of
      // its articles goes to the oldest segment, and the next batch starts a
      // new segment.
      const bool seal = end_of_run || active_->get_doccount() >= segment_size();
      if (seal) builder_.flush_spelling(oldest());
      active_->commit();
      if (seal) {
        segments_.push_back({active_folder_, active_->get_doccount(), true, {}, false});
        active_.reset();
      }
    }
    for (Segment& segment : segments_) {
      if (!segment.changed) continue;
      segment.db->commit();
      segment.documents = segment.db->get_doccount();
      segment.changed = false;
    }
    if (end_of_run) {
      const auto first_of_run = std::find_if(segments_.begin(), segments_.end(),
                                             [](const Segment& s) { return s.this_run; });
      const auto from = static_cast<std::size_t>(first_of_run - segments_.begin());
      if (segments_.size() - from > 1) merge(from, segments_.size());
      for (Segment& segment : segments_) segment.this_run = false;
      run_origins_.clear();
      run_ids_ = RunIds();
    }
    merge_tiers(end_of_run);
  }

  // Articles a segment takes before it is sealed (per shard).
  [[nodiscard]] Xapian::doccount segment_size() const {
    return static_cast<Xapian::doccount>(std::max<std::size_t>(1, owner_.options_.segment_size));
  }

  // Tiers: a segment's level is its size in powers of the merge factor,
  // counted from the size of a sealed segment. When merge_factor adjacent
  // segments share a level, they become one segment of the next level.
  // During a run, the run's segments become one at its end anyway, and
  // merging tiers before that would write the same articles twice: so a run
  // lets up to twice the merge factor pile up first.
  void merge_tiers(bool end_of_run) {
    const std::size_t factor = std::max<std::size_t>(2, owner_.options_.merge_factor);
    const std::size_t most = end_of_run ? factor - 1 : 2 * factor - 1;
    const double base = segment_size();
    const auto level = [&](Xapian::doccount documents) {
      if (documents <= base) return 0L;
      return std::lround(std::log(documents / base) / std::log(static_cast<double>(factor)));
    };
    while (segments_.size() > most) {
      std::size_t from = 0;
      while (from + factor <= segments_.size() &&
             !std::all_of(segments_.begin() + static_cast<std::ptrdiff_t>(from),
                          segments_.begin() + static_cast<std::ptrdiff_t>(from + factor),
                          [&](const Segment& s) {
                            return level(s.documents) == level(segments_[from].documents);
                          })) {
        ++from;
      }
      if (from + factor > segments_.size()) break;
      merge(from, from + factor);
    }
  }

  // Replaces segments [from, to) by their merge. Their folders stay until
  // the stub no longer lists them.
  void merge(std::size_t from, std::size_t to) {
    std::vector<std::filesystem::path> sources;
    bool this_run = false;
    for (std::size_t i = from; i < to; ++i) {
      segments_[i].db.reset();  // committed; closed before the merge
      sources.push_back(owner_.dir_ / segments_[i].folder);
      retired_.push_back(segments_[i].folder);
      this_run = this_run || segments_[i].this_run;
    }
    Segment merged{owner_.new_segment_name(number_), 0, this_run, {}, false};
    merge_segments(sources, owner_.dir_ / merged.folder);
    merged.documents = Xapian::Database((owner_.dir_ / merged.folder).string()).get_doccount();
    segments_.erase(segments_.begin() + static_cast<std::ptrdiff_t>(from),
                    segments_.begin() + static_cast<std::ptrdiff_t>(to));
    segments_.insert(segments_.begin() + static_cast<std::ptrdiff_t>(from), std::move(merged));
  }

  // The segments readers see: the sealed ones and the active one.
  Committed committed() const {
    Committed out;
    for (const Segment& segment : segments_) out.folders.push_back(segment.folder);
    out.documents = count_documents();
    if (active_) {
      out.folders.push_back(active_folder_);
      out.documents += active_->get_doccount();
    }
    return out;
  }

  Xapian::doccount count_documents() const {
    Xapian::doccount total = 0;
    for (const Segment& segment : segments_) total += segment.documents;
    return total;
  }

  void record_failure(const Article& article, std::string message) {
    std::lock_guard lock(failures_mutex_);
    failures_.push_back({article.origin, article.origin_line, std::move(message)});
  }

  IndexWriter& owner_;
  const unsigned number_;
  std::shared_ptr<const extract::FacetExtractor> extractor_;
  DocumentBuilder builder_;
  std::vector<Segment> segments_;  // committed, oldest first; segments_[0] of shard 0: primary
  std::optional<Xapian::WritableDatabase> active_;
  std::string active_folder_;
  RunIds run_ids_;
  std::unordered_set<std::string> run_origins_;  // files forgotten (read) in this run
  std::vector<std::string> retired_;             // merged away since the last commit
  Xapian::doccount committed_count_ = 0;
  std::mutex failures_mutex_;
  std::vector<ArticleFailure> failures_;
  std::future<Committed> pending_commit_;
  TaskQueue<Task> queue_;
  std::thread thread_;
};

IndexWriter::IndexWriter(const std::filesystem::path& db_dir, IndexWriterOptions options)
    : dir_(db_dir), lock_(created(db_dir)), options_(std::move(options)) {
  if (std::filesystem::exists(dir_ / "iamglass")) {
    throw std::runtime_error(dir_.string() +
                             " is a plain Xapian database, not a newsdesk index folder");
  }
  // Each shard's segments, oldest first, as the stub lists them.
  std::map<unsigned, std::vector<Shard::Segment>> by_shard;
  if (const auto listed = schema::read_shard_stub(dir_)) {
    for (const auto& path : *listed) {
      const std::string folder = path.filename().string();
      const auto name = SegmentName::parse(folder);
      if (!name) throw std::runtime_error(dir_.string() + ": unexpected segment " + folder);
      next_sequence_ = std::max(next_sequence_.load(), name->sequence + 1);
      by_shard[name->shard].push_back({folder, 0, false, {}, false});
      listed_.push_back(folder);
    }
    // What an interrupted run or merge left behind.
    remove_unlisted_segments(dir_, listed_);
    if (by_shard.rbegin()->first + 1 != by_shard.size()) {
      throw std::runtime_error(dir_.string() + ": the stub does not list every shard");
    }
    schema::check_version(Xapian::Database((dir_ / listed_.front()).string()));
  } else {
    // A new index: one empty segment per shard, then the stub that lists them.
    remove_unlisted_segments(dir_, {});
    const unsigned shards =
        options_.shards != 0 ? options_.shards : std::max(1u, std::thread::hardware_concurrency());
    for (unsigned i = 0; i < shards; ++i) {
      const std::string folder = new_segment_name(i);
      Xapian::WritableDatabase db = open_segment(dir_ / folder, Xapian::DB_CREATE);
      if (i == 0) schema::write_version(db);
      db.commit();
      by_shard[i].push_back({folder, 0, true, {}, false});
      listed_.push_back(folder);
    }
    write_stub(dir_, listed_);
  }
  for (auto& [number, segments] : by_shard) {
    shards_.push_back(std::make_unique<Shard>(*this, number, std::move(segments)));
  }
  opened_ = Xapian::Database(dir_.string());
  for (auto& shard : shards_) shard->start();
}

IndexWriter::~IndexWriter() {
  try {
    commit();
  } catch (...) {
    // Destructors must not throw; callers that care call commit().
  }
}

std::string IndexWriter::new_segment_name(unsigned shard) {
  return SegmentName{shard, next_sequence_++}.folder();
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
  const std::uint64_t hash = schema::stable_hash(id);
  Shard& shard = *shards_[hash % shards_.size()];
  shard.push(Shard::AddArticle{std::move(article), id, hash});
  if (++pending_ >= options_.batch_size) commit_batch();
  return id;
}

void IndexWriter::commit() {
  commit_batch(true);
  wait_for_commit();
  // The states handed over just now still need their own commit.
  if (states_in_primary_queue_) {
    start_commit_all_shards(false);
    wait_for_commit();
  }
}

void IndexWriter::commit_batch(bool end_of_run) {
  // The previous batch's commit has long finished when this one starts.
  wait_for_commit();
  start_commit_all_shards(end_of_run);
  states_of_commit_in_flight_ = std::exchange(unsaved_states_, {});
  pending_ = 0;
}

// Every shard commits at the same point of the input, each on its own
// thread; nobody waits for the commit to finish (a shard that finishes
// first goes on with the next batch) until the next commit starts.
void IndexWriter::start_commit_all_shards(bool end_of_run) {
  for (auto& shard : shards_) shard->start_commit(end_of_run);
  commit_in_flight_ = true;
  states_in_primary_queue_ = false;  // the commit takes them
}

void IndexWriter::wait_for_commit() {
  if (!commit_in_flight_) return;
  commit_in_flight_ = false;
  std::exception_ptr error;
  std::vector<std::string> listing, retired;
  for (auto& shard : shards_) {
    try {
      auto committed = shard->finish_commit();
      listing.insert(listing.end(), committed.folders.begin(), committed.folders.end());
      retired.insert(retired.end(), committed.retired.begin(), committed.retired.end());
    } catch (...) {
      if (!error) error = std::current_exception();
    }
  }
  if (error) std::rethrow_exception(error);
  // The new segments count from here on; what merges replaced goes. (Only
  // those: a shard may already be writing a segment no stub lists yet.)
  if (listing != listed_) {
    write_stub(dir_, listing);
    listed_ = std::move(listing);
  }
  for (const std::string& folder : retired) std::filesystem::remove_all(dir_ / folder);
  // File states recorded before that commit go to the primary now, so they
  // are committed with the next one and never claim articles that are not
  // committed yet.
  auto states = std::exchange(states_of_commit_in_flight_, {});
  states_in_primary_queue_ = !states.empty();
  for (auto& [key, value] : states) {
    shards_.front()->push(Shard::SetMetadata{std::move(key), std::move(value)});
  }
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

}  // namespace newsdesk::index
