// Helpers of the CLI (tools/servicechain/cli.hpp).
#include <catch2/catch.hpp>

#include "cli.hpp"
#include "servicechain/io/services_csv.hpp"

TEST_CASE("cli: --delimiter and --decimal-comma set the dialect and keep the reader's limits") {
  servicechain::cli::CsvArgs args;
  args.delimiter = ";";
  args.decimal_comma = true;
  servicechain::ServicesCsvOptions options;  // the import's own row bound
  args.apply(options.csv);
  CHECK(options.csv.delimiter == ';');
  CHECK(options.csv.decimal_comma);
  CHECK(options.csv.max_records == 50'000'000);
  CHECK(args.options().max_records == SIZE_MAX);  // plain options: the CsvOptions defaults
  args.delimiter = "|";
  CHECK_THROWS_AS(args.apply(options.csv), servicechain::cli::UsageError);
}

#include <set>

#include "servicechain/run/commands.hpp"

namespace {

/// The CLI command of a library command name ("survey nps" -> survey's nps).
CLI::App *cli_command(CLI::App &app, std::string_view name) {
  CLI::App *cmd = &app;
  for (std::size_t start = 0; start <= name.size();) {
    const std::size_t end = std::min(name.find(' ', start), name.size());
    cmd = cmd->get_subcommand(std::string(name.substr(start, end - start)));
    start = end + 1;
  }
  return cmd;
}

}  // namespace

// --json sends every given option the library's table has and drops the others
// (run_json): an option declared on one side only would be lost without this check.
TEST_CASE("cli: every command's CLI options and the library's option table name the same options") {
  CLI::App app{"servicechain", "servicechain"};
  servicechain::cli::configure_app(app);
  const std::set<std::string> cli_only = {"json", "trusted", "dot", "far", "output", "help"};
  for (const servicechain::CommandSpec &spec : servicechain::command_specs()) {
    INFO(spec.name);
    CLI::App *cmd = cli_command(app, spec.name);
    REQUIRE(cmd != nullptr);
    std::set<std::string> cli, table;
    for (const CLI::Option *o : cmd->get_options()) {
      if (o->get_positional()) {
        const std::string &name = o->get_name();
        if (name == "new" || name == "kind" || (name == "model" && spec.name == "validate")) cli.insert(name);
        else if (name != "model" && name != "model_file" && name != "old") cli.insert("data");
        continue;
      }
      if (!o->get_lnames().empty() && !cli_only.count(o->get_lnames().front())) cli.insert(o->get_lnames().front());
    }
    for (const auto &o : spec.options) table.insert(std::string(o.name));
    // Given before the command (servicechain --solver-iterations N analyze ...):
    // run_json adds the solver's to every request whose table has them.
    for (const char *name : {"solver-iterations", "solver-direct-limit", "all-warnings"}) table.erase(name);
    if (spec.name == "roadmap")  // the options of --plan-out, a file the CLI writes
      for (const char *name : {"plan-out", "start", "budget"}) cli.erase(name);
    if (spec.name == "report")  // files the CLI reads for its own report request (docs/report.md)
      for (const char *name : {"previous", "internal-survey"}) cli.erase(name);
    CHECK(cli == table);
  }
}

TEST_CASE("cli: the request of a command line names the given options only, files as paths") {
  CLI::App app{"servicechain", "servicechain"};
  servicechain::cli::configure_app(app);
  // The command's own callback runs and fails on the missing model after the
  // options are parsed. (Replacing the callback instead would free the storage
  // its lambda owns while the options still point into it: ASan saw that.)
  CHECK_THROWS(app.parse("check no-such-model.json --survey a.csv --survey b.csv --fidelity 0.8 --no-morale-cap --json", false));
  CLI::App *check = cli_command(app, "check");
  CHECK(servicechain::cli::request_json(*check, "check") ==
        R"({"command":"check","lang":"en","survey":[{"path":"a.csv"},{"path":"b.csv"}],"fidelity":"0.8","no-morale-cap":true})");
}
