// Runs the servicechain binary on good and bad input.
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include "servicechain/io/files.hpp"
#include "support/command.hpp"

namespace {
using Run = servicechain::test::CommandResult;
Run run(const std::string &args) { return servicechain::test::run_servicechain(args); }

std::string example(const std::string &name) { return std::string(SERVICECHAIN_SOURCE_DIR) + "/examples/" + name; }

std::string temp(const std::string &name, const std::string &content) {
  auto path = std::filesystem::temp_directory_path() / ("sc_cli_" + name);
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}
}  // namespace

TEST_CASE("cli: demo, version and help succeed") {
  // The demo writes report.html; here into a temporary directory, not the test's working directory.
  auto report = std::filesystem::temp_directory_path() / "sc_cli_demo" / "report.html";
  std::filesystem::create_directories(report.parent_path());
  std::filesystem::remove(report);
  REQUIRE(setenv("SERVICECHAIN_DEMO_REPORT", report.c_str(), 1) == 0);
  auto demo = run("demo");
  CHECK(demo.code == 0);
  CHECK_THAT(demo.out, Catch::Contains("Hotel Mirador") && Catch::Contains("Customer satisfaction index") &&
                           Catch::Contains("HTML report: " + report.string()));
  REQUIRE(std::filesystem::exists(report));
  CHECK_THAT(servicechain::read_file(report), Catch::StartsWith("<!DOCTYPE html>") && Catch::Contains("Hotel Mirador"));
  auto es = run("--lang es demo");
  CHECK(es.code == 0);
  CHECK_THAT(es.out, Catch::Contains("Índice de satisfacción"));
  CHECK(run("--version").code == 0);
  CHECK(run("validate --help").code == 0);
}

TEST_CASE("cli: usage errors exit 2") {
  CHECK(run("").code == 2);
  CHECK(run("no-such-command").code == 2);
  CHECK(run("validate").code == 2);
  CHECK(run("--lang fr demo").code == 2);
}

TEST_CASE("cli: a mistyped command is named in the usage error") {
  auto top = run("frobnicate");
  CHECK(top.code == 2);
  CHECK_THAT(top.out, Catch::Contains("unknown command \"frobnicate\""));
  auto nested = run("survey frob");
  CHECK(nested.code == 2);
  CHECK_THAT(nested.out, Catch::Contains("unknown survey command \"frob\""));
  auto none = run("survey");  // no word to name: CLI11's own message
  CHECK(none.code == 2);
  CHECK_THAT(none.out, Catch::Contains("A subcommand is required"));
}

TEST_CASE("cli: validate good and bad files") {
  auto good = run("validate --json " + example("hotel.json"));
  CHECK(good.code == 0);
  CHECK_THAT(good.out, Catch::Contains("\"valid\": true"));
  auto bad = run("validate --json " + temp("bad.json", R"({"format":"servicechain/1","units":[{"id":"a","level":"x"}],
      "services":[{"from":"a","to":"b","weight":2}]})"));
  CHECK(bad.code == 1);
  CHECK_THAT(bad.out, Catch::Contains("\"valid\": false") && Catch::Contains("\"/units/0/level\"") &&
                          Catch::Contains("\"dangling_reference\"") && Catch::Contains("\"/services/0/weight\""));
  auto syntax = run("validate " + temp("syntax.json", "{\"format\": \n  nope}"));
  CHECK(syntax.code == 1);
  CHECK_THAT(syntax.out, Catch::Contains("syntax.json:2:"));
  auto missing = run("validate /no/such/file.json");
  CHECK(missing.code == 1);
  CHECK_THAT(missing.out, Catch::Contains("cannot open"));
  std::string deep = std::string(200000, '[') + std::string(200000, ']');
  CHECK(run("validate " + temp("deep.json", deep)).code == 1);
  CHECK(run("validate " + temp("empty.json", "")).code == 1);
  CHECK(run("validate " + temp("binary.json", std::string("\0\x01\x02\xff", 4))).code == 1);
  CHECK(run("validate " + temp("trunc.json", R"({"format":"servicechain/1","units":[{"id")")).code == 1);
}

TEST_CASE("cli: every command that loads a model names the file of an invalid model") {
  const std::string bad = temp("comp_6.json", R"({"format": "servicechain/1",
    "units": [{"id": "u", "level": "operative"}], "competencies": [{"id": "a"}],
    "people": [{"id": "p", "unit": "u", "competencies": {"a": 6}}],
    "plans": [{"id": "P", "actions": []}]})");
  for (const char *command : {"people", "check", "plan --plan P", "maturity", "simulate --runs 2", "analyze", "report"}) {
    INFO(command);
    auto r = run(std::string(command) + " " + bad);
    CHECK(r.code == 1);
    // as a syntax error names file:line:column, every line names the file
    CHECK_THAT(r.out, Catch::Contains("error: " + bad + ": invalid model: 1 error(s)") &&
                          Catch::Contains("  " + bad + ": /people/0/competencies/a: value 6 is outside [0, 5]"));
  }
}

TEST_CASE("cli: unsigned options reject negative, fractional and out-of-range values") {
  const std::string hotel = example("hotel.json");
  for (const std::string &args : std::vector<std::string>{"simulate " + hotel + " --seed -1", "simulate " + hotel + " --runs -5",
                                 "simulate " + hotel + " --runs 1e11", "simulate " + hotel + " --runs 100000001",
                                 "simulate " + hotel + " --runs 0", "simulate " + hotel + " --threads -1",
                                 "simulate " + hotel + " --seed 18446744073709551616", "maturity " + hotel + " --weakest -1",
                                 "analyze " + hotel + " --far -2", "analyze " + hotel + " --far 1.5",
                                 "generate --units 10 --seed -3", "generate --units -10 --seed 1",
                                 "generate --units 10 --seed 1 --moments -1", "survey servqual x.csv --min-group -1"}) {
    INFO(args);
    auto r = run(args);
    CHECK(r.code == 2);
    CHECK_THAT(r.out, Catch::Contains("is not a whole number in ["));
  }
  auto max_seed = run("simulate " + hotel + " --runs 2 --seed 18446744073709551615 --json");
  CHECK(max_seed.code == 0);
  CHECK_THAT(max_seed.out, Catch::Contains("\"seed\": 18446744073709551615"));
  CHECK(run("maturity " + hotel + " --weakest 0").code == 0);
}

TEST_CASE("cli: convert between JSON and archives") {
  auto dir = std::filesystem::temp_directory_path();
  std::string xml = (dir / "sc_cli_hotel.xml").string(), json = (dir / "sc_cli_hotel.json").string();
  REQUIRE(run("convert " + example("hotel.json") + " " + xml).code == 0);
  auto refused = run("convert " + xml + " " + json);
  CHECK(refused.code == 1);
  CHECK_THAT(refused.out, Catch::Contains("--trusted"));
  REQUIRE(run("convert --trusted " + xml + " " + json).code == 0);
  auto original = run("validate --json " + example("hotel.json"));
  auto back = run("validate --json " + json);
  CHECK(back.out == original.out);
  CHECK(run("convert " + json + " " + json).code == 2);  // never overwrite the input
  CHECK(run("convert " + json + " out.yaml").code == 2);
}

TEST_CASE("cli: a failed write to standard output is an error, exit 1") {
  // stdout is /dev/full (every write fails with ENOSPC); stderr goes to the test.
  const std::string to_full = "2>&1 >/dev/full";
  const std::string message = "servicechain: error: cannot write to standard output";
  for (const char *args : {"generate --units 50 --seed 1", "--lang es generate --units 2 --seed 1"}) {
    INFO(args);
    auto r = servicechain::test::run_servicechain(args, to_full);
    CHECK(r.code == 1);
    CHECK_THAT(r.out, Catch::Contains(message + ": No space left on device"));
    CHECK(r.out.find(message) == r.out.rfind(message));  // said once
  }
  // analyze --json streams its output in chunks of 1 MiB: 5000 units give about 2.5 MB.
  const auto big = std::filesystem::temp_directory_path() / ("sc_cli_full_" + std::to_string(::getpid()) + ".json");
  REQUIRE(run("generate --units 5000 --seed 1 -o " + big.string()).code == 0);
  auto analyze = servicechain::test::run_servicechain("analyze --json " + big.string(), to_full);
  std::filesystem::remove(big);
  CHECK(analyze.code == 1);
  CHECK_THAT(analyze.out, Catch::Contains(message + ": No space left on device"));
  CHECK(analyze.out.find(message) == analyze.out.rfind(message));
  auto validate = servicechain::test::run_servicechain("validate --json " + example("hotel.json"), to_full);
  CHECK(validate.code == 1);
  CHECK_THAT(validate.out, Catch::Contains(message));
  auto import = servicechain::test::run_servicechain("import orgchart " + example("orgchart.csv") + " --json", to_full);
  CHECK(import.code == 1);
  CHECK_THAT(import.out, Catch::Contains(message));
  CHECK(run("validate --json " + example("hotel.json") + " >/dev/null").code == 0);  // a sink that takes it is fine
}

TEST_CASE("cli: validate --json reports a resource limit as one error in the report") {
  const std::string deep = "{\"format\": \"servicechain/1\", \"x-deep\": " + std::string(200, '[') + std::string(200, ']') + "}";
  const auto file = temp("deep_200.json", deep);
  auto r = servicechain::test::run_servicechain("validate --json " + file, "2>/dev/null");
  CHECK(r.code == 1);
  CHECK_THAT(r.out, Catch::Contains("\"valid\": false") && Catch::Contains("\"code\": \"limit_exceeded\"") &&
                        Catch::Contains("\"path\": \"\"") && Catch::Contains(file + ":1:") &&
                        Catch::Contains("nesting deeper than the limit of 128 levels"));
}

TEST_CASE("cli: a directory as the model file is named as a directory") {
  const auto dir = std::filesystem::temp_directory_path() / "sc_cli_model_dir";
  std::filesystem::create_directories(dir);
  for (const char *command : {"validate ", "analyze ", "convert "}) {
    INFO(command);
    auto r = run(std::string(command) + dir.string() + (std::string(command) == "convert " ? " /tmp/sc_cli_never.json" : ""));
    CHECK(r.code == 1);
    CHECK_THAT(r.out, Catch::Contains(dir.string() + ": is a directory"));
  }
}

TEST_CASE("cli: -o to a FIFO writes into it; -o to a directory is an error") {
  const auto dir = std::filesystem::temp_directory_path() / ("sc_cli_out_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto fifo = dir / "f.json";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // The shell's cat drains the FIFO while generate writes it.
  auto r = servicechain::test::run_command("(timeout 10 cat " + fifo.string() + " > " + (dir / "drained.json").string() +
                                           " &) ; " + SERVICECHAIN_CLI + " generate --units 5 --seed 1 -o " + fifo.string() +
                                           " 2>&1; rc=$?; sleep 0.3; exit $rc");
  CHECK(r.code == 0);
  CHECK(std::filesystem::is_fifo(std::filesystem::symlink_status(fifo)));
  CHECK_THAT(servicechain::read_file(dir / "drained.json"), Catch::Contains("\"servicechain/1\""));
  auto d = run("generate --units 5 --seed 1 -o " + dir.string());
  CHECK(d.code == 1);
  CHECK_THAT(d.out, Catch::Contains(dir.string() + ": cannot write: it is a directory"));
  std::filesystem::remove_all(dir);
}

// ---- never destroy an input; writes keep what the user set; safe text ------

namespace {

/// A fresh copy of the example hotel (or `content`) under a name of its own.
std::string input_copy(const std::string &name, const std::string &content = "") {
  auto path = std::filesystem::temp_directory_path() / ("sc_cli_in_" + std::to_string(::getpid()) + "_" + name);
  std::filesystem::remove(path);
  std::ofstream(path, std::ios::binary) << (content.empty() ? servicechain::read_file(example("hotel.json")) : content);
  return path.string();
}

void check_refused(const std::string &args, const std::string &file, const std::string &before) {
  INFO(args);
  auto r = run(args);
  CHECK(r.code == 2);
  CHECK_THAT(r.out, Catch::Contains("refuses to overwrite"));
  CHECK(servicechain::read_file(file) == before);
}

/// Lines of the section `title` ("Options:", "Positionals:", "Subcommands:") of a help text.
std::vector<std::string> help_section(const std::string &help, const std::string &title) {
  std::vector<std::string> lines;
  auto at = help.find("\n" + title + "\n");
  if (at == std::string::npos) return lines;
  std::istringstream in(help.substr(at + title.size() + 2));
  for (std::string line; std::getline(in, line) && !line.empty();)
    if (line.starts_with("  ")) lines.push_back(line);
  return lines;
}

std::string first_word(const std::string &line) {
  std::istringstream in(line);
  std::string word;
  in >> word;
  return word;
}

/// Every command path ("import orgchart") that runs something, from the help texts.
std::vector<std::string> leaf_commands(const std::string &prefix = "") {
  std::vector<std::string> leaves;
  auto subcommands = help_section(run(prefix + " --help").out, "Subcommands:");
  if (subcommands.empty() && !prefix.empty()) return {prefix};
  for (const auto &line : subcommands) {
    auto more = leaf_commands(prefix.empty() ? first_word(line) : prefix + " " + first_word(line));
    leaves.insert(leaves.end(), more.begin(), more.end());
  }
  return leaves;
}

}  // namespace

TEST_CASE("cli: an output that is one of the command's inputs is refused, the input kept") {
  const std::string model = input_copy("m.json");
  const std::string hotel = servicechain::read_file(model);
  check_refused("report " + model + " -o " + model, model, hotel);
  check_refused("analyze " + model + " --dot " + model, model, hotel);
  check_refused("convert " + model + " " + model, model, hotel);
  const std::string chart = input_copy("o.csv", "id,name,manager_id,unit\nana,Ana,,ops\nbo,Bo,ana,ops\n");
  check_refused("import orgchart " + chart + " -o " + chart, chart, servicechain::read_file(chart));
  const std::string survey = input_copy("s.csv", servicechain::read_file(example("surveys/servqual.csv")));
  check_refused("report " + model + " --survey " + survey + " -o " + survey, survey, servicechain::read_file(survey));
  // Through a hard link and a symbolic link: the same inode.
  const std::string hard = model + ".hard", soft = model + ".soft";
  std::filesystem::remove(hard);
  std::filesystem::remove(soft);
  std::filesystem::create_hard_link(model, hard);
  std::filesystem::create_symlink(model, soft);
  check_refused("report " + model + " -o " + hard, model, hotel);
  check_refused("report " + soft + " -o " + model, model, hotel);
  check_refused("analyze " + hard + " --dot " + soft, model, hotel);
  // Two outputs onto one file are refused too.
  const std::string out = input_copy("twice.json", "old");
  check_refused("generate --units 5 --seed 1 -o " + out + " --survey " + out, out, "old");
  // The documented in-place update still works: import services --model M -o M.
  const std::string services = input_copy("services.csv", "from,to,name,weight\nGeneral Management,Rooms Division,Weekly review,0.05\n");
  auto in_place = run("import services " + services + " --model " + model + " -o " + model);
  CHECK(in_place.code == 0);
  CHECK(servicechain::read_file(model) != hotel);
  check_refused("import services " + services + " --model " + model + " -o " + services, services,
                servicechain::read_file(services));
  for (const auto &f : {model, hard, soft, chart, survey, out, services}) std::filesystem::remove(f);
}

TEST_CASE("cli: every output option of every command refuses to overwrite an input (generic, from --help)") {
  std::size_t outputs = 0;
  for (const std::string &command : leaf_commands()) {
    const std::string help = run(command + " --help").out;
    std::vector<std::string> positionals, output_options;
    bool positional_output = false;
    for (const auto &line : help_section(help, "Positionals:")) {
      positionals.push_back(first_word(line));
      if (line.find("to write") != std::string::npos) positional_output = true;
    }
    for (const auto &line : help_section(help, "Options:")) {
      std::string names = first_word(line);
      const std::string name = names.substr(names.rfind(',') == std::string::npos ? 0 : names.rfind(',') + 1);
      if (line.find(" write") != std::string::npos) output_options.push_back(name);
    }
    // The check runs before required options are checked: none need be given.
    std::vector<std::string> runs;
    if (positional_output) runs.push_back(command + " FILE FILE");
    for (const auto &option : output_options) {
      if (!positionals.empty()) runs.push_back(command + " FILE " + option + " FILE");
      else if (output_options.size() > 1) runs.push_back(command + " " + option + " FILE " + (option == output_options[0] ? output_options[1] : output_options[0]) + " FILE");
    }
    for (std::string args : runs) {
      const std::string file = input_copy("generic.json");
      for (std::size_t at; (at = args.find("FILE")) != std::string::npos;) args.replace(at, 4, file);
      check_refused(args, file, servicechain::read_file(example("hotel.json")));
      ++outputs;
      std::filesystem::remove(file);
    }
  }
  CHECK(outputs >= 9);  // convert, analyze --dot, generate (3), import (2), mine chain, report
}

TEST_CASE("cli: -o keeps the mode of the file it replaces and refuses a read-only one") {
  const std::string out = input_copy("mode.json", "old");
  REQUIRE(::chmod(out.c_str(), 0600) == 0);
  CHECK(run("generate --units 5 --seed 1 -o " + out).code == 0);
  struct stat info {};
  REQUIRE(::stat(out.c_str(), &info) == 0);
  CHECK((info.st_mode & 07777) == 0600);
  REQUIRE(::chmod(out.c_str(), 0444) == 0);
  const std::string before = servicechain::read_file(out);
  // As an unprivileged user (root may write any file).
  const std::string as_user = ::geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
  if (::geteuid() == 0) REQUIRE(::chown(out.c_str(), 65534, 65534) == 0);
  auto r = servicechain::test::run_command(as_user + SERVICECHAIN_CLI + std::string(" generate --units 5 --seed 1 -o ") + out + " 2>&1");
  CHECK(r.code == 1);
  CHECK_THAT(r.out, Catch::Contains("cannot write: the file is read-only (mode 0444)"));
  CHECK(servicechain::read_file(out) == before);
  std::filesystem::remove(out);
}

TEST_CASE("cli: control characters of the input never reach the terminal") {
  std::string log = "case:concept:name,concept:name,org:resource,time:timestamp\n";
  log += "1,x,\"ana\x1b[2J\x1b]0;pwned\x07\",2026-01-01T10:00:00Z\n1,x,\"bo\r\",2026-01-01T11:00:00Z\n";
  const std::string file = input_copy("esc.csv", log);
  auto r = run("mine handover " + file);
  CHECK(r.code == 0);
  CHECK(r.out.find('\x1b') == std::string::npos);
  CHECK(r.out.find('\r') == std::string::npos);
  CHECK(r.out.find('\x07') == std::string::npos);
  CHECK_THAT(r.out, Catch::Contains("ana\\u001B[2J\\u001B]0;pwned\\u0007") && Catch::Contains("bo\\u000D"));
  // JSON keeps its meaning: the escapes are JSON's own.
  auto j = run("mine handover --json " + file);
  CHECK(j.code == 0);
  CHECK_THAT(j.out, Catch::Contains(R"("ana\u001b[2J\u001b]0;pwned\u0007")"));
  // Error messages too: a bad timestamp quotes the field escaped.
  const std::string bad = input_copy("esc-bad.csv", "case:concept:name,concept:name,org:resource,time:timestamp\n1,x,a,\"\x1b[31m\"\n");
  auto e = run("mine handover " + bad);
  CHECK(e.code == 1);
  CHECK(e.out.find('\x1b') == std::string::npos);
  std::filesystem::remove(file);
  std::filesystem::remove(bad);
}
