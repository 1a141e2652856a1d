#include "index/segments.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <system_error>

#include "schema.h"

namespace newsdesk::index {
namespace {

constexpr std::string_view kShardPrefix = "shard";
constexpr std::string_view kLockFile = "writer.lock";

[[noreturn]] void throw_errno(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}

// Opens `path` for reading and fsyncs it (a file's data, or a folder's entries).
void sync_path(const std::filesystem::path& path, bool folder) {
  const int fd = ::open(path.c_str(), (folder ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0) throw_errno("cannot open " + path.string());
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw_errno("cannot sync " + path.string());
}

}  // namespace

std::string SegmentName::folder() const {
  char buf[48];
  std::snprintf(buf, sizeof buf, "shard%u.%06llu", shard,
                static_cast<unsigned long long>(sequence));
  return buf;
}

std::optional<SegmentName> SegmentName::parse(std::string_view folder) {
  if (!folder.starts_with(kShardPrefix)) return std::nullopt;
  folder.remove_prefix(kShardPrefix.size());
  SegmentName name;
  const auto [after_shard, error] =
      std::from_chars(folder.data(), folder.data() + folder.size(), name.shard);
  if (error != std::errc() || after_shard == folder.data()) return std::nullopt;
  folder.remove_prefix(static_cast<std::size_t>(after_shard - folder.data()));
  if (folder.empty()) return name;
  if (folder.front() != '.' || folder.size() == 1) return std::nullopt;
  folder.remove_prefix(1);
  const auto [end, seq_error] =
      std::from_chars(folder.data(), folder.data() + folder.size(), name.sequence);
  if (seq_error != std::errc() || end != folder.data() + folder.size()) return std::nullopt;
  return name;
}

IndexLock::IndexLock(const std::filesystem::path& dir) {
  const auto path = dir / kLockFile;
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw_errno("cannot open " + path.string());
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    ::close(fd_);
    if (error == EWOULDBLOCK) {
      throw IndexLockedError("index " + dir.string() + " is locked by another indexer");
    }
    errno = error;
    throw_errno("cannot lock " + path.string());
  }
}

IndexLock::~IndexLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the lock
}

void write_stub(const std::filesystem::path& dir, const std::vector<std::string>& folders) {
  const auto stub = dir / schema::kStubFile;
  const auto temporary = dir / (std::string(schema::kStubFile) + ".new");
  std::string text;
  for (const std::string& folder : folders) text += "auto " + folder + "\n";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw_errno("cannot write " + temporary.string());
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                       ::fsync(fd) == 0;
  const int error = errno;
  ::close(fd);
  if (!written) {
    errno = error;
    throw_errno("cannot write " + temporary.string());
  }
  std::filesystem::rename(temporary, stub);
  sync_path(dir, true);
}

void remove_unlisted_segments(const std::filesystem::path& dir,
                              const std::vector<std::string>& listed) {
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_directory() || !SegmentName::parse(name)) continue;
    if (std::find(listed.begin(), listed.end(), name) == listed.end()) {
      std::filesystem::remove_all(entry.path());
    }
  }
}

void merge_segments(const std::vector<std::filesystem::path>& sources,
                    const std::filesystem::path& target) {
  Xapian::Database all;
  for (const auto& source : sources) all.add_database(Xapian::Database(source.string()));
  std::filesystem::remove_all(target);  // a leftover of an interrupted merge
  all.compact(target.string(), Xapian::Compactor::FULL);
}

}  // namespace newsdesk::index
