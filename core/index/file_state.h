// What the index remembers about each file it read, so a re-run can skip
// unchanged files and --prune can find deleted ones. Stored as Xapian
// metadata (schema::file_state_key), committed with the file's articles.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace newsdesk::index {

struct FileState {
  std::string path;  // absolute, lexically normal: the articles' origin
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::uint64_t content_hash = 0;  // schema::stable_hash of the bytes
};

// The origin string for a path: absolute and lexically normal ("-" stays).
std::string origin_of(const std::filesystem::path& path);

// Size and mtime from the file system (content_hash left 0). Throws
// std::filesystem::filesystem_error if the file cannot be stat'ed.
FileState stat_file(const std::filesystem::path& path);

// Hash of the file's bytes. Throws IngestError if it cannot be read.
std::uint64_t hash_file(const std::filesystem::path& path);

std::optional<FileState> load_file_state(const Xapian::Database& db, std::string_view path);
std::vector<FileState> load_all_file_states(const Xapian::Database& db);
// The metadata key and value that record `state`.
std::pair<std::string, std::string> encode_file_state(const FileState& state);

}  // namespace newsdesk::index
