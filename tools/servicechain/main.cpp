// servicechain: the command-line interface. Exit 0 on success, 1 on bad input,
// 2 on a usage error.
#include <algorithm>
#include <iostream>
#include <map>
#include <spdlog/sinks/stdout_color_sinks.h>

#include "cli.hpp"
#include "servicechain/io/files.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/log.hpp"

namespace servicechain::cli {

GlobalOptions &global() {
  static GlobalOptions options;
  return options;
}

namespace {
std::multimap<int, CommandSetup> &commands() {
  static std::multimap<int, CommandSetup> registry;
  return registry;
}
std::multimap<int, DemoSection> &demo_sections() {
  static std::multimap<int, DemoSection> registry;
  return registry;
}
}  // namespace

void CommandRegistry::add(int order, CommandSetup setup) { commands().emplace(order, std::move(setup)); }
void CommandRegistry::setup_all(CLI::App &app) {
  for (auto &[order, setup] : commands()) setup(app);
}
void DemoRegistry::add(int order, DemoSection section) { demo_sections().emplace(order, std::move(section)); }
void DemoRegistry::print_all(const Model &model, Language language, std::ostream &out) {
  for (auto &[order, section] : demo_sections()) section(model, language, out);
}

Model load_model_file(const std::string &path, bool trusted) {
  Diagnostics warnings;
  Model model = load_model(path, &warnings, trusted);
  if (!global().quiet)
    for (const auto &w : warnings.warnings) std::cerr << "warning: " << path << ": " << w.path << ": " << w.message << "\n";
  return model;
}

void emit(const std::string &text, const std::string &path) {
  if (path.empty() || path == "-") {
    std::cout << text;
    std::cout.flush();
  } else {
    write_file_atomic(path, text);
  }
}

}  // namespace servicechain::cli

int main(int argc, char **argv) {
  using namespace servicechain;
  using namespace servicechain::cli;
  CLI::App app{"servicechain: service quality along the internal customer chain", "servicechain"};
  app.set_version_flag("--version", std::string(version()));
  app.require_subcommand(1);
  app.fallthrough();
  app.add_option("--lang", global().lang, "Language of readable output and bundled content")
      ->check(CLI::IsMember({"en", "es"}));
  app.add_flag("-q,--quiet", global().quiet, "Do not print warnings");
  app.add_option("--log-level", global().log_level, "Library log level on stderr (off, error, warn, info, debug)")
      ->check(CLI::IsMember({"off", "error", "warn", "info", "debug", "trace"}));
  CommandRegistry::setup_all(app);
  app.parse_complete_callback([] {
    if (global().log_level != "off") {
      auto sink = spdlog::stderr_color_mt("servicechain-cli");
      sink->set_level(spdlog::level::from_str(global().log_level));
      set_logger(sink);
    }
  });
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp &e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp &e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion &e) {
    return app.exit(e);
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
  } catch (const std::exception &e) {
    std::cerr << "servicechain: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
