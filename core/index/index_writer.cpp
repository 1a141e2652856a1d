#include "index/index_writer.h"

#include "schema.h"

namespace newsdesk::index {
namespace {

Xapian::WritableDatabase open_writable(const std::filesystem::path& db_dir) {
  try {
    return Xapian::WritableDatabase(db_dir.string(), Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    throw IndexLockedError("index " + db_dir.string() + " is locked by another indexer");
  }
}

}  // namespace

IndexWriter::IndexWriter(const std::filesystem::path& db_dir, IndexWriterOptions options)
    : db_(open_writable(db_dir)), options_(options) {
  schema::check_version(db_);
  schema::write_version(db_);
}

IndexWriter::~IndexWriter() {
  try {
    db_.commit();
  } catch (...) {
    // Destructors must not throw; callers that care call commit().
  }
}

void IndexWriter::forget_file(const std::string& origin) {
  db_.delete_document(schema::file_term(origin));
}

void IndexWriter::record_file(const FileState& state) {
  store_file_state(db_, state);
}

void IndexWriter::remove_file(const std::string& origin) {
  db_.delete_document(schema::file_term(origin));
  erase_file_state(db_, origin);
}

std::string IndexWriter::add(const Article& article) {
  std::string id = schema::article_id(article);
  db_.replace_document(schema::id_term(id), builder_.build(article, id));
  count_article();
  return id;
}

void IndexWriter::commit() {
  db_.commit();
  pending_ = 0;
}

void IndexWriter::count_article() {
  if (++pending_ >= options_.batch_size) commit();
}

}  // namespace newsdesk::index
