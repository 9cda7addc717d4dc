#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <vector>
#include <unistd.h>

#include "servicechain/error.hpp"
#include "servicechain/io/files.hpp"

using namespace servicechain;
namespace fs = std::filesystem;

TEST_CASE("files: atomic write replaces the whole file") {
  auto dir = fs::temp_directory_path() / "sc_files_test";
  fs::create_directories(dir);
  auto file = dir / "out.json";
  write_file_atomic(file, "old");
  write_file_atomic(file, "new content");
  CHECK(read_file(file) == "new content");
  CHECK_THROWS_AS(read_file(file, 3), LimitError);
  CHECK_THROWS_AS(read_file(dir / "missing"), InputError);
  CHECK_THROWS_AS(write_file_atomic(dir / "no" / "such" / "dir.json", "x"), Error);
  fs::remove_all(dir);
}

namespace {
int marker_fd = -1;  // the child's end of the marker pipe

// SIGXFSZ: the write reached the file size limit, i.e. the writer is in the middle
// of its temporary file. Tell the parent, then wait for its signal.
extern "C" void at_size_limit(int) {
  (void)!::write(marker_fd, "m", 1);
  for (;;) ::pause();
}

/// Whether `dir` can hold an unnamed file (O_TMPFILE), as write_file_atomic uses.
bool unnamed_files_supported(const fs::path &dir) {
#ifdef O_TMPFILE
  int fd = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  ::close(fd);
  return true;
#else
  (void)dir;
  return false;
#endif
}

constexpr std::size_t written_before_signal = std::size_t{1} << 20;

/// Starts a child that writes 4 MiB over `file` under a 1 MiB file size limit:
/// the write stops deterministically in the middle of the temporary file, the
/// child says so through a pipe (no sleeping, no race with the write) and waits;
/// then `signal` is sent to it. Its exit status.
int kill_while_writing(const fs::path &file, int signal) {
  int marker[2];
  REQUIRE(::pipe(marker) == 0);
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    std::signal(SIGINT, SIG_DFL);  // not the test framework's handler: die as a CLI would
    ::close(marker[0]);
    marker_fd = marker[1];
    struct sigaction action {};
    action.sa_handler = at_size_limit;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGXFSZ, &action, nullptr);
    const std::string content(4 * written_before_signal, 'x');
    const rlimit limit{written_before_signal, written_before_signal};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    write_file_atomic(file, content);
    _exit(0);  // not reached: the write stops at the size limit
  }
  ::close(marker[1]);
  char byte = 0;
  const auto got = ::read(marker[0], &byte, 1);  // blocks until the child is mid-write
  ::close(marker[0]);
  if (got == 1) kill(child, signal);
  int status = 0;
  waitpid(child, &status, 0);
  REQUIRE(got == 1);  // the child reached the middle of its write
  return status;
}
}  // namespace

TEST_CASE("files: a writer killed mid-write (SIGKILL, SIGINT) leaves the old file intact and no temporary file") {
  std::string name = "sc_files_kill_";  // append: GCC 12's false -Wrestrict on "x" + std::to_string
  auto dir = fs::temp_directory_path() / name.append(std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  if (!unnamed_files_supported(dir)) {
    fs::remove_all(dir);
    WARN("no O_TMPFILE in " << dir << ": a killed writer may leave its named temporary file");
    return;
  }
  for (int signal : {SIGKILL, SIGINT}) {
    INFO("signal " << signal);
    auto file = dir / "model.json";
    const std::string old = "{\"format\":\"servicechain/1\"}\n";
    write_file_atomic(file, old);
    const int status = kill_while_writing(file, signal);
    CHECK(WIFSIGNALED(status));
    if (WIFSIGNALED(status)) CHECK(WTERMSIG(status) == signal);
    CHECK(read_file(file) == old);  // the old file, whole
    std::vector<std::string> names;
    for (const auto &entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
    CHECK(names == std::vector<std::string>{"model.json"});  // nothing left to clean up
  }
  fs::remove_all(dir);
}

TEST_CASE("files: a replaced file keeps its mode; a new one gets 0666 less the umask; a read-only one is refused") {
  auto dir = fs::temp_directory_path() / ("sc_files_mode_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto file = dir / "secret.json";
  write_file_atomic(file, "old");
  REQUIRE(::chmod(file.c_str(), 0600) == 0);
  write_file_atomic(file, "new");
  struct stat info {};
  REQUIRE(::stat(file.c_str(), &info) == 0);
  CHECK((info.st_mode & 07777) == 0600);
  CHECK(read_file(file) == "new");
  CHECK(info.st_uid == ::geteuid());

  const mode_t mask = ::umask(022);
  auto fresh = dir / "fresh.json";
  write_file_atomic(fresh, "x");
  REQUIRE(::stat(fresh.c_str(), &info) == 0);
  CHECK((info.st_mode & 07777) == 0644);
  ::umask(mask);

  // As an unprivileged user (root may write any file): a child that drops root's
  // privileges when the tests run as root.
  if (::geteuid() == 0) {  // root may keep another user's ownership
    REQUIRE(::chown(dir.c_str(), 65534, 65534) == 0);
    REQUIRE(::chown(file.c_str(), 65534, 65534) == 0);
    write_file_atomic(file, "new");
    REQUIRE(::stat(file.c_str(), &info) == 0);
    CHECK(info.st_uid == 65534);
    CHECK(info.st_gid == 65534);
    CHECK((info.st_mode & 07777) == 0600);
  }
  REQUIRE(::chmod(file.c_str(), 0444) == 0);
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) _exit(3);
    try {
      write_file_atomic(file, "replaced");
      _exit(1);
    } catch (const Error &e) {
      _exit(std::string(e.what()).find("secret.json: cannot write: the file is read-only (mode 0444)") != std::string::npos ? 0 : 2);
    }
  }
  int status = 0;
  waitpid(child, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);  // 1: replaced; 2: another message
  CHECK(read_file(file) == "new");
  fs::remove_all(dir);
}

TEST_CASE("files: a regular file's size is checked before reading; a device is read only up to the limit") {
  auto dir = fs::temp_directory_path() / ("sc_files_size_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto sparse = dir / "sparse.bin";
  {
    std::ofstream(sparse) << "";
  }
  fs::resize_file(sparse, std::uint64_t{8} << 30);  // 8 GiB, sparse: reading it would take long
  const auto start = std::chrono::steady_clock::now();
  CHECK_THROWS_AS(read_file(sparse), LimitError);  // 8 GiB > the 4 GiB default, found by fstat
  // /dev/zero never ends: stopped one chunk past the limit.
  CHECK_THROWS_WITH(read_file("/dev/zero", 1 << 20), Catch::Contains("/dev/zero: larger than the limit of 1048576 bytes"));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));
  fs::remove_all(dir);
}

namespace {
fs::path fresh_dir(const std::string &name) {
  auto dir = fs::temp_directory_path() / (name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}
}  // namespace

TEST_CASE("files: an existing FIFO is written in place, not replaced by a plain file") {
  const auto dir = fresh_dir("sc_files_fifo");
  const auto fifo = dir / "out.json";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const std::string content(300000, 'x');  // more than a pipe holds: the writer must wait for the reader
  std::string drained;
  std::thread reader([&] {
    const int fd = ::open(fifo.c_str(), O_RDONLY | O_CLOEXEC);
    char buffer[4096];
    ssize_t n;
    while (fd >= 0 && (n = ::read(fd, buffer, sizeof buffer)) > 0) drained.append(buffer, static_cast<std::size_t>(n));
    if (fd >= 0) ::close(fd);
  });
  write_file_atomic(fifo, content);
  reader.join();
  CHECK(drained == content);
  CHECK(fs::is_fifo(fs::symlink_status(fifo)));
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto &entry : fs::directory_iterator(dir)) ++entries;
  CHECK(entries == 1);  // no temporary file left behind
  fs::remove_all(dir);
}

TEST_CASE("files: a symlink to a regular file replaces the file it points to, not the link") {
  const auto dir = fresh_dir("sc_files_link");
  fs::create_directories(dir / "real");
  const auto target = dir / "real" / "model.json";
  write_file_atomic(target, "old");
  const auto link = dir / "link.json";
  fs::create_symlink(target, link);
  write_file_atomic(link, "new");
  CHECK(fs::is_symlink(fs::symlink_status(link)));
  CHECK(fs::read_symlink(link) == target);
  CHECK(read_file(target) == "new");
  CHECK(read_file(link) == "new");
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto &entry : fs::directory_iterator(dir)) ++entries;
  CHECK(entries == 2);  // real/ and the link: the temporary file went next to the real file
  fs::remove_all(dir);
}

TEST_CASE("files: writing to or reading a directory is an error naming it") {
  const auto dir = fresh_dir("sc_files_dir");
  const auto sub = dir / "models";
  fs::create_directories(sub);
  CHECK_THROWS_WITH(write_file_atomic(sub, "x"), Catch::Contains(sub.string()) && Catch::Contains("directory"));
  CHECK(fs::is_directory(sub));
  CHECK_THROWS_AS(read_file(sub), InputError);
  CHECK_THROWS_WITH(read_file(sub), Catch::Contains(sub.string()) && Catch::Contains("is a directory"));
  fs::remove_all(dir);
}
