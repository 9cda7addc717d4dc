// Shared support of the servicechain CLI: the command registry, model loading and
// output. Linked into both the `servicechain` executable (main.cpp) and the C API
// library, which runs the same commands in-process (c_api/, docs/c-api.md).
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>

#include "cli.hpp"
#include "servicechain/io/files.hpp"
#include "servicechain/io/model_json.hpp"

namespace servicechain::cli {

namespace {
GlobalOptions process_options;  // the executable's

// Set by InProcessRun for the duration of one sc_run call on this thread, so that
// calls on several threads share nothing.
struct InProcessState {
  const Model *model = nullptr;
  const std::string *model_json = nullptr;
  std::string *output = nullptr;
  GlobalOptions *options = nullptr;
};
thread_local InProcessState in_process;

std::multimap<int, CommandSetup> &commands() {
  static std::multimap<int, CommandSetup> registry;
  return registry;
}
std::multimap<int, DemoSection> &demo_sections() {
  static std::multimap<int, DemoSection> registry;
  return registry;
}
}  // namespace

GlobalOptions &global() { return in_process.options ? *in_process.options : process_options; }

void CommandRegistry::add(int order, CommandSetup setup) { commands().emplace(order, std::move(setup)); }
void CommandRegistry::setup_all(CLI::App &app) {
  for (auto &[order, setup] : commands()) setup(app);
}
void DemoRegistry::add(int order, DemoSection section) { demo_sections().emplace(order, std::move(section)); }
void DemoRegistry::print_all(const Model &model, Language language, std::ostream &out) {
  for (auto &[order, section] : demo_sections()) section(model, language, out);
}

void configure_app(CLI::App &app) {
  app.require_subcommand(1);
  app.fallthrough();
  app.add_option("--lang", global().lang, "Language of readable output and bundled content")
      ->check(CLI::IsMember({"en", "es"}));
  app.add_flag("-q,--quiet", global().quiet, "Do not print warnings");
  app.add_option("--log-level", global().log_level, "Library log level on stderr (off, error, warn, info, debug)")
      ->check(CLI::IsMember({"off", "error", "warn", "info", "debug", "trace"}));
  app.add_option("--solver-iterations", global().solver.max_iterations,
                 "Chain solver: most sweeps per strongly connected component (default 100000)")
      ->check(whole_number(1, std::uint64_t{1} << 40));
  app.add_option("--solver-direct-limit", global().solver.fallback_direct_size,
                 "Chain solver: largest component solved densely when sweeps stall (default 1000; 0: never)")
      ->check(whole_number(0, 10000));
  CommandRegistry::setup_all(app);
}

namespace {
void print_warnings(const std::string &path, const Diagnostics &warnings) {
  if (!global().quiet)
    for (const auto &w : warnings.warnings) std::cerr << "warning: " << path << ": " << w.path << ": " << w.message << "\n";
}
}  // namespace

Model load_model_file(const std::string &path, bool trusted) {
  if (in_process.model && path == inline_model_path) return *in_process.model;
  Diagnostics warnings;
  Model model = load_model(path, &warnings, trusted);
  print_warnings(path, warnings);
  return model;
}

ModelAndGraph load_model_and_graph_file(const std::string &path, bool trusted) {
  if (in_process.model && path == inline_model_path) {
    Model model = *in_process.model;
    ChainGraph graph(model);
    return {std::move(model), std::move(graph)};
  }
  Diagnostics warnings;
  ModelAndGraph loaded = load_model_and_graph(path, &warnings, trusted);
  print_warnings(path, warnings);
  return loaded;
}

std::string read_model_text(const std::string &path) {
  if (in_process.model_json && path == inline_model_path) return *in_process.model_json;
  return read_file(path);
}

void CsvArgs::apply(CsvOptions &options) const {
  auto d = parse_csv_delimiter(delimiter);
  if (!d) throw UsageError("--delimiter must be \",\", \";\" or \"tab\", not \"" + delimiter + "\"");
  if (decimal_comma && *d == ',') throw UsageError("--decimal-comma needs --delimiter \";\" or \"tab\"");
  options.delimiter = *d;
  options.decimal_comma = decimal_comma;
}

CLI::Validator whole_number(std::uint64_t min, std::uint64_t max) {
  const std::string range = "[" + std::to_string(min) + ", " + std::to_string(max) + "]";
  return CLI::Validator(
      [min, max, range](std::string &text) -> std::string {
        std::uint64_t value = 0;
        const char *end = text.data() + text.size();
        const bool digits = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
        auto parsed = std::from_chars(text.data(), end, value);
        if (!digits || parsed.ec != std::errc() || parsed.ptr != end || value < min || value > max)
          return "\"" + text + "\" is not a whole number in " + range;
        return {};
      },
      "INT in " + range);
}

void add_csv_options(CLI::App *cmd, CsvArgs &args) {
  cmd->add_option("--delimiter", args.delimiter, "Field delimiter: \",\" (default), \";\" or \"tab\"");
  cmd->add_flag("--decimal-comma", args.decimal_comma, "Read 3,5 as 3.5 (with --delimiter \";\" or tab)");
}

std::string pad(std::string_view text, std::size_t width, Align align) {
  std::size_t shown = 0;
  for (unsigned char c : text) shown += (c & 0xC0) != 0x80;
  const std::string fill(shown < width ? width - shown : 0, ' ');
  return align == Align::left ? std::string(text) + fill : fill + std::string(text);
}

std::optional<std::string> standard_output_error() {
  static bool reported = false;  // the output is lost once: say so once
  if (reported) return std::nullopt;
  int reason = errno;  // the caller's write, when it failed (callers clear errno before writing)
  bool failed = !std::cout;
  if (!failed && !std::cout.flush()) {
    failed = true;
    reason = errno;
  }
  if (std::fflush(stdout) != 0 && !failed) {  // what went through stdio rather than std::cout
    failed = true;
    reason = errno;
  }
  if (!failed) return std::nullopt;
  reported = true;
  std::string message = "cannot write to standard output";
  if (reason != 0) message += std::string(": ") + std::strerror(reason);
  return message;
}

void emit_json(const std::function<void(JsonWriter &)> &write, const std::string &path) {
  std::string text;
  JsonWriter writer(text);
  const bool to_stdout = (path.empty() || path == "-") && !in_process.output;
  if (to_stdout)
    writer.stream_to([](std::string_view chunk) {
      errno = 0;
      std::cout.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
      if (auto failure = standard_output_error()) throw Error(*failure);  // stop writing into the void
    });
  write(writer);
  text.push_back('\n');
  if (!to_stdout) return emit(text, path);
  writer.flush();
  std::cout.flush();
}

void emit(const std::string &text, const std::string &path) {
  if (path.empty() || path == "-") {
    if (in_process.output) {
      in_process.output->append(text);
      return;
    }
    errno = 0;
    std::cout << text;
    if (auto failure = standard_output_error()) throw Error(*failure);
  } else {
    write_file_atomic(path, text);
  }
}

InProcessRun::InProcessRun(const Model *model, const std::string *model_json, std::string &output) {
  options_.quiet = true;  // a library does not write to stderr
  in_process = {model, model_json, &output, &options_};
}

InProcessRun::~InProcessRun() { in_process = {}; }

void print_convergence(std::ostream &out, const Convergence &convergence) {
  if (convergence.converged) return;
  out << tr("Warning: ", "Aviso: ") << convergence_message(convergence, global().language()) << "\n";
}

}  // namespace servicechain::cli
