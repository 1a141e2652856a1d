#include "index/file_state.h"

#include <array>
#include <fstream>
#include <sstream>

#include "errors.h"
#include "schema.h"

namespace newsdesk::index {
namespace {

// "size mtime_ns hash path": the path last, as it may contain spaces.
std::string encode(const FileState& state) {
  return std::to_string(state.size) + " " + std::to_string(state.mtime_ns) + " " +
         schema::hex16(state.content_hash) + " " + state.path;
}

std::optional<FileState> decode(const std::string& value) {
  std::istringstream in(value);
  FileState state;
  std::string hash;
  if (!(in >> state.size >> state.mtime_ns >> hash) || hash.size() != 16) return std::nullopt;
  in.get();  // the space before the path
  std::getline(in, state.path, '\0');
  state.content_hash = std::stoull(hash, nullptr, 16);
  return state;
}

}  // namespace

std::string origin_of(const std::filesystem::path& path) {
  if (path == "-") return "-";
  return std::filesystem::absolute(path).lexically_normal().string();
}

FileState stat_file(const std::filesystem::path& path) {
  FileState state;
  state.path = origin_of(path);
  state.size = std::filesystem::file_size(path);
  state.mtime_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                       std::filesystem::last_write_time(path).time_since_epoch())
                       .count();
  return state;
}

std::uint64_t hash_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IngestError("cannot open file");
  std::uint64_t hash = schema::kStableHashSeed;
  std::array<char, 1 << 16> buf{};
  while (in.read(buf.data(), buf.size()) || in.gcount() > 0) {
    hash = schema::stable_hash({buf.data(), static_cast<std::size_t>(in.gcount())}, hash);
  }
  if (in.bad()) throw IngestError("read error");
  return hash;
}

std::optional<FileState> load_file_state(const Xapian::Database& db, std::string_view path) {
  const std::string value = db.get_metadata(schema::file_state_key(path));
  if (value.empty()) return std::nullopt;
  auto state = decode(value);
  if (state && state->path != path) return std::nullopt;  // a hash collision: treat as new
  return state;
}

std::vector<FileState> load_all_file_states(const Xapian::Database& db) {
  std::vector<FileState> states;
  const std::string prefix(schema::kFileStateKeyPrefix);
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    if (auto state = decode(db.get_metadata(*it))) states.push_back(std::move(*state));
  }
  return states;
}

std::pair<std::string, std::string> encode_file_state(const FileState& state) {
  return {schema::file_state_key(state.path), encode(state)};
}

}  // namespace newsdesk::index
