// servicechain: the command-line interface. Exit 0 on success, 1 on bad input,
// 2 on a usage error.
#include <cerrno>
#include <iostream>
#include <new>
#include <spdlog/sinks/stdout_color_sinks.h>

#include "cli.hpp"
#include "help_text.hpp"
#include "servicechain/log.hpp"

namespace {
int run(CLI::App &app, int argc, char **argv);
}  // namespace

int main(int argc, char **argv) {
  using namespace servicechain;
  using namespace servicechain::cli;
  // The language is known before the app is built: its help is written in it.
  const Language language = command_line_language(argc, argv);
  global().lang = language == Language::es ? "es" : "en";
  CLI::App app{"", "servicechain"};
  app.set_version_flag("--version", std::string(version()));
  configure_app(app);
  localize_help(app, language);
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
  const Language language = global().language();
  const auto fail = [&](std::string_view prefix_id, const std::string &message, int code) {
    std::cerr << "servicechain: " << text::message(prefix_id, language) << ": " << message << "\n";
    return code;
  };
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
      const std::string unknown = command == &app ? text::format("cli.error.unknown_command", language, {extra.front()})
                                                  : text::format("cli.error.unknown_subcommand", language, {command->get_name(), extra.front()});
      return fail("cli.error.usage_prefix", unknown + "\n" + std::string(text::message("cli.error.run_help_list", language)), 2);
    }
    app.exit(e);
    return 2;
  } catch (const CLI::ParseError &e) {
    app.exit(e);
    return 2;
  } catch (const UsageError &e) {
    return fail("cli.error.usage_prefix", e.what(), 2);
  } catch (const Exit &e) {
    return e.code;
  } catch (const servicechain::Error &e) {
    return fail("cli.error.error_prefix", error_message(e, language), 1);
  } catch (const std::bad_alloc &) {
    // Every input is bounded by a documented limit (docs/reliability.md); this is
    // a last resort when the machine has less memory than those limits assume.
    return fail("cli.error.error_prefix", std::string(text::message("cli.error.out_of_memory", language)), 1);
  } catch (const std::exception &e) {
    return fail("cli.error.error_prefix", e.what(), 1);
  }
  return 0;
}

}  // namespace
