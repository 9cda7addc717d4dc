#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
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
