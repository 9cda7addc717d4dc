// servicechain: the command-line interface. Exit 0 on success, 1 on bad input,
// 2 on a usage error.
#include <cerrno>
#include <iostream>
#include <new>
#include <spdlog/sinks/stdout_color_sinks.h>

#include "cli.hpp"
#include "servicechain/log.hpp"

namespace {
int run(CLI::App &app, int argc, char **argv);
}  // namespace

int main(int argc, char **argv) {
  using namespace servicechain;
  using namespace servicechain::cli;
  CLI::App app{"servicechain: service quality along the internal customer chain", "servicechain"};
  app.set_version_flag("--version", std::string(version()));
  configure_app(app);
  app.parse_complete_callback([] {
    if (global().log_level != "off") {
      auto sink = spdlog::stderr_color_mt("servicechain-cli");
      sink->set_level(spdlog::level::from_str(global().log_level));
      set_logger(sink);
    }
  });
  int code;
  {
    TerminalSafeOutput safe;  // input's control characters never act on the terminal
    code = run(app, argc, argv);
  }
  errno = 0;  // a reason only from the flush below, not from whatever failed before
  // One check for every command: output that could not be written is a failure.
  if (auto failure = standard_output_error()) {
    std::cerr << "servicechain: error: " << *failure << "\n";
    if (code == 0) code = 1;
  }
  return code;
}

namespace {

int run(CLI::App &app, int argc, char **argv) {
  using namespace servicechain;
  using namespace servicechain::cli;
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp &e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp &e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion &e) {
    return app.exit(e);
  } catch (const CLI::RequiredError &e) {
    // "A subcommand is required" also answers a mistyped command: name the word instead.
    const CLI::App *command = &app;
    while (!command->get_subcommands().empty()) command = command->get_subcommands().front();
    const auto extra = app.remaining(true);  // the unmatched words of every level
    if (command->get_require_subcommand_min() > 0 && !extra.empty()) {
      const std::string parent = command == &app ? "" : command->get_name() + " ";
      std::cerr << "servicechain: usage error: unknown " << parent << "command \"" << extra.front()
                << "\"\nRun with --help for the list.\n";
      return 2;
    }
    app.exit(e);
    return 2;
  } catch (const CLI::ParseError &e) {
    app.exit(e);
    return 2;
  } catch (const UsageError &e) {
    std::cerr << "servicechain: usage error: " << e.what() << "\n";
    return 2;
  } catch (const Exit &e) {
    return e.code;
  } catch (const servicechain::Error &e) {
    std::cerr << "servicechain: error: " << e.what() << "\n";
    return 1;
  } catch (const std::bad_alloc &) {
    // Every input is bounded by a documented limit (docs/reliability.md); this is
    // a last resort when the machine has less memory than those limits assume.
    std::cerr << "servicechain: error: out of memory: the input needs more memory than is available "
                 "(see the limits in docs/reliability.md)\n";
    return 1;
  } catch (const std::exception &e) {
    std::cerr << "servicechain: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace
