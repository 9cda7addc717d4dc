#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
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

TEST_CASE("files: a writer killed mid-write leaves the old file intact") {
  auto dir = fs::temp_directory_path() / "sc_files_kill";
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto file = dir / "model.json";
  const std::string old = "{\"format\":\"servicechain/1\"}\n";
  write_file_atomic(file, old);
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    std::string huge(std::size_t{1} << 30, 'x');  // 1 GiB: takes long enough to be killed mid-way
    write_file_atomic(file, huge);
    _exit(0);
  }
  // Wait until the child's temporary file exists and is growing, then kill it.
  bool seen = false;
  for (int i = 0; i < 2000 && !seen; ++i) {
    for (const auto &entry : fs::directory_iterator(dir))
      if (entry.path().filename().string().starts_with(".model.json.tmp") && fs::file_size(entry.path()) > 0) seen = true;
    if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  CHECK(seen);
  CHECK(WIFSIGNALED(status));
  CHECK(read_file(file) == old);
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
