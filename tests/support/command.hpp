#pragma once
// Running a command from a test: its exit code and everything it printed.
#include <cstdio>
#include <string>
#include <sys/wait.h>

#include <catch2/catch.hpp>

namespace servicechain::test {

struct CommandResult {
  int code = -1;    ///< exit status; -1 when the command did not exit normally
  std::string out;  ///< what it wrote to stdout (and stderr when redirected there)
};

/// Runs `command` through the shell; add "2>&1" or "2>/dev/null" for stderr.
inline CommandResult run_command(const std::string &command) {
  std::FILE *pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  CommandResult result;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) result.out.append(buffer, n);
  const int status = pclose(pipe);
  result.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

/// The servicechain CLI under test with `args` (stderr as `stderr_redirect` says).
inline CommandResult run_servicechain(const std::string &args, const std::string &stderr_redirect = "2>&1") {
  return run_command(std::string(SERVICECHAIN_CLI) + " " + args + " " + stderr_redirect);
}

}  // namespace servicechain::test
