// Paths and helpers shared by the tests: temporary folders, the programs
// under test, child processes, and skipping when ../shared is absent.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace newsdesk::testing {

std::filesystem::path source_dir();                      // the repository
std::filesystem::path data_dir();                        // tests/data
std::filesystem::path shared_dir();                      // ../shared beside the repository
std::filesystem::path program(const std::string& name);  // a built newsdesk-* binary

// A fresh folder removed with everything in it when the object goes.
class TempDir {
 public:
  TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir();
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] std::filesystem::path operator/(const std::string& name) const {
    return path_ / name;
  }

 private:
  std::filesystem::path path_;
};

void write_file(const std::filesystem::path& path, const std::string& content);

struct CommandResult {
  int exit_code = -1;
  std::string out;  // standard output
  std::string err;  // standard error
};

// Runs a program with arguments (no shell) and waits for it.
CommandResult run(const std::filesystem::path& program, const std::vector<std::string>& args);

// A program running in the background; killed (SIGTERM) when the object goes.
class ChildProcess {
 public:
  ChildProcess(const std::filesystem::path& program, const std::vector<std::string>& args);
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess();
  // The next line of its standard output; empty at end of output.
  std::string read_line();
  // Sends `signal` (SIGTERM by default), waits, and returns the exit status
  // (-1 if killed by a signal).
  int stop(int signal = 15);
  // True while the process has not exited.
  bool running();

 private:
  int pid_ = -1;
  int out_fd_ = -1;
  std::string buffer_;
};

// True if the ../shared path exists. Otherwise says why the test is skipped:
// under ctest the process ends with exit code 77 (reported as "Skipped"),
// run by hand the test returns after a warning.
bool shared_available(const std::filesystem::path& relative);

}  // namespace newsdesk::testing
