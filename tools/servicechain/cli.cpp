// Shared support of the servicechain CLI: the command registry, model loading,
// requests to the library's run() (the --json paths) and output.
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include "cli.hpp"
#include "servicechain/text/messages.hpp"
#include "servicechain/io/files.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/run.hpp"
#include "servicechain/run/commands.hpp"
#include "servicechain/text.hpp"

namespace servicechain::cli {

namespace {
GlobalOptions process_options;  // the executable's

std::multimap<int, CommandSetup> &commands() {
  static std::multimap<int, CommandSetup> registry;
  return registry;
}
std::multimap<int, DemoSection> &demo_sections() {
  static std::multimap<int, DemoSection> registry;
  return registry;
}
}  // namespace

GlobalOptions &global() { return process_options; }

UsageError usage_error(std::string_view id, std::initializer_list<std::string_view> args) {
  return UsageError(text::format(id, global().language(), args));
}

void CommandRegistry::add(int order, CommandSetup setup) { commands().emplace(order, std::move(setup)); }
void CommandRegistry::setup_all(CLI::App &app) {
  for (auto &[order, setup] : commands()) setup(app);
}
void DemoRegistry::add(int order, DemoSection section) { demo_sections().emplace(order, std::move(section)); }
void DemoRegistry::print_all(const Model &model, Language language, std::ostream &out) {
  for (auto &[order, section] : demo_sections()) section(model, language, out);
}

namespace {
// An output option, and an output allowed onto an input, carry a validator of
// this name that accepts everything: the mark lives with the option itself.
constexpr const char *output_mark = "servicechain:output";
std::string in_place_mark(const CLI::Option &input) { return std::string("servicechain:in-place:") + input.get_name(); }

bool has_mark(CLI::Option &option, const std::string &mark) {
  try {
    option.get_validator(mark);
    return true;
  } catch (const CLI::OptionNotFound &) {
    return false;
  }
}

CLI::Validator mark(const std::string &name) {
  return CLI::Validator([](std::string &) { return std::string(); }, "", name);
}

/// (device, inode) of an existing file, following symbolic links; with
/// `regular_only`, nullopt for what is not a regular file (a device or FIFO is
/// written in place, not replaced: /dev/stdout may well be /dev/stdin's terminal).
std::optional<std::pair<dev_t, ino_t>> file_identity(const std::string &path, bool regular_only = false) {
  struct stat info {};
  if (path.empty() || path == "-" || ::stat(path.c_str(), &info) != 0) return std::nullopt;
  if (regular_only && !S_ISREG(info.st_mode)) return std::nullopt;
  return std::pair{info.st_dev, info.st_ino};
}

/// Installs refuse_output_onto_input on every output option of `command` and of
/// every subcommand below it, as a validator: CLI11 runs validators once every
/// argument is parsed and before required options are checked, so the refusal
/// comes first and names the real problem.
void install_output_check(CLI::App &command) {
  for (CLI::App *sub : command.get_subcommands([](CLI::App *) { return true; })) {
    for (CLI::Option *option : sub->get_options())
      if (has_mark(*option, output_mark))
        option->check(CLI::Validator(
            [sub](std::string &) {
              refuse_output_onto_input(*sub);
              return std::string();
            },
            "", "servicechain:output-check"));
    install_output_check(*sub);
  }
}
}  // namespace

CLI::Option *output_file(CLI::Option *option) { return option->check(mark(output_mark)); }

void allow_in_place(CLI::Option *output, CLI::Option *input) { output->check(mark(in_place_mark(*input))); }

void refuse_output_onto_input(CLI::App &command) {
  std::vector<CLI::Option *> options;
  for (CLI::App *app = &command; app; app = app->get_parent())
    for (CLI::Option *option : app->get_options()) options.push_back(option);
  for (CLI::Option *output : options) {
    if (!has_mark(*output, output_mark)) continue;
    for (const std::string &target : output->results()) {
      const auto written = file_identity(target, true);
      if (!written) continue;  // a new file (or stdout, a device) cannot be an input replaced
      for (CLI::Option *other : options) {
        if (other != output && has_mark(*output, in_place_mark(*other))) continue;
        for (const std::string &value : other->results()) {
          if (other == output && value == target) continue;  // the output itself
          if (file_identity(value) != written) continue;
          const char *id = has_mark(*other, output_mark) ? "cli.usage.overwrite_output" : "cli.usage.overwrite_input";
          throw usage_error(id, {command.get_name(), output->get_name(), target, other->get_name(), value});
        }
      }
    }
  }
}

void configure_app(CLI::App &app) {
  app.require_subcommand(1);
  app.fallthrough();
  app.add_option("--lang", global().lang)
      ->check(CLI::IsMember({"en", "es"}));
  app.add_flag("-q,--quiet", global().quiet);
  app.add_flag("--all-warnings", global().all_warnings);
  app.add_option("--log-level", global().log_level)
      ->check(CLI::IsMember({"off", "error", "warn", "info", "debug", "trace"}));
  app.add_option("--solver-iterations", global().solver.max_iterations)
      ->check(whole_number(1, std::uint64_t{1} << 40));
  app.add_option("--solver-direct-limit", global().solver.fallback_direct_size)
      ->check(whole_number(0, 10000));
  CommandRegistry::setup_all(app);
  install_output_check(app);
}

namespace {
// A long list is summarized (the first few, the count, how to see all): a model
// with 967 units off the chain would otherwise print 967 lines.
void print_warnings(const std::string &path, const Diagnostics &warnings) {
  if (global().quiet || warnings.warnings.empty()) return;
  const Language language = global().language();
  const std::size_t total = warnings.warnings.size();
  const auto summary = global().all_warnings ? text::WarningSummary{total, total, false} : text::summarize_warnings(total);
  for (std::size_t i = 0; i < summary.shown; ++i) {
    const auto &w = warnings.warnings[i];
    std::cerr << text::message("cli.warning", language) << ": " << path << ": " << w.path << ": " << text::diagnostic_message(w, language)
              << "\n";
  }
  if (summary.summarized)
    std::cerr << text::format("cli.more_warnings", language,
                              {path, text::format_count(total - summary.shown, language), text::format_count(total, language)})
              << "\n";
}
}  // namespace

Model load_model_file(const std::string &path, bool trusted) {
  Diagnostics warnings;
  Model model = load_model(path, &warnings, trusted);
  print_warnings(path, warnings);
  return model;
}

ModelAndGraph load_model_and_graph_file(const std::string &path, bool trusted) {
  Diagnostics warnings;
  ModelAndGraph loaded = load_model_and_graph(path, &warnings, trusted);
  print_warnings(path, warnings);
  return loaded;
}

void CsvArgs::apply(CsvOptions &options) const {
  auto d = parse_csv_delimiter(delimiter);
  if (!d) throw usage_error("cli.usage.delimiter", {delimiter});
  if (decimal_comma && *d == ',') throw usage_error("cli.usage.decimal_comma");
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
          return text::format("cli.error.whole_number", global().language(), {text, range});
        return {};
      },
      "INT in " + range);
}

void add_csv_options(CLI::App *cmd, CsvArgs &args) {
  cmd->add_option("--delimiter", args.delimiter);
  cmd->add_flag("--decimal-comma", args.decimal_comma);
}

void add_morale_cap_option(CLI::App *cmd, bool &no_morale_cap) {
  cmd->add_flag("--no-morale-cap", no_morale_cap);
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
  const bool to_stdout = (path.empty() || path == "-");
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
    errno = 0;
    std::cout << text;
    if (auto failure = standard_output_error()) throw Error(*failure);
  } else {
    write_file_atomic(path, text);
  }
}

namespace {

/// A stream buffer that passes text to `target` with control characters
/// escaped (escape_control). Unbuffered: every write goes through at once, in
/// order with stdio. A C1 character is two bytes (C2 80-9F) that may arrive in
/// two writes: a trailing C2 waits for the next byte.
class EscapingBuffer final : public std::streambuf {
 public:
  explicit EscapingBuffer(std::streambuf *target) : target_(target) {}
  std::streambuf *target() const { return target_; }

 protected:
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    const char byte = traits_type::to_char_type(c);
    return pass(&byte, 1) ? c : traits_type::eof();
  }
  std::streamsize xsputn(const char *s, std::streamsize n) override { return pass(s, static_cast<std::size_t>(n)) ? n : 0; }
  int sync() override {
    if (held_lead_ && !forward("\xC2", 1)) return -1;
    held_lead_ = false;
    return target_->pubsync();
  }

 private:
  bool forward(const char *s, std::size_t n) {
    return target_->sputn(s, static_cast<std::streamsize>(n)) == static_cast<std::streamsize>(n);
  }
  static bool plain(unsigned char c) { return c >= 0x20 ? c != 0x7F && c != 0xC2 : c == '\n' || c == '\t'; }

  bool pass(const char *s, std::size_t n) {
    std::string text;
    if (held_lead_) text.push_back('\xC2'), held_lead_ = false;
    std::size_t i = 0;
    if (text.empty()) {  // the usual case: a run of plain bytes goes straight through
      while (i < n && plain(static_cast<unsigned char>(s[i]))) ++i;
      if (i > 0 && !forward(s, i)) return false;
      if (i == n) return true;
    }
    text.append(s + i, n - i);
    if (!text.empty() && text.back() == '\xC2') text.pop_back(), held_lead_ = true;
    const std::string safe = escape_control(text);
    return forward(safe.data(), safe.size());
  }

  std::streambuf *target_;
  bool held_lead_ = false;
};

}  // namespace

struct TerminalSafeOutput::Buffers {
  EscapingBuffer out{std::cout.rdbuf()}, err{std::cerr.rdbuf()};
};

TerminalSafeOutput::TerminalSafeOutput() : buffers_(std::make_unique<Buffers>()) {
  std::cout.rdbuf(&buffers_->out);
  std::cerr.rdbuf(&buffers_->err);
}

TerminalSafeOutput::~TerminalSafeOutput() {
  // rdbuf() clears the stream state: keep a failed write's bits for main's check.
  for (auto [stream, buffer] : {std::pair{&std::cout, &buffers_->out}, std::pair{&std::cerr, &buffers_->err}}) {
    stream->flush();
    const auto state = stream->rdstate();
    stream->rdbuf(buffer->target());
    stream->setstate(state);
  }
}

namespace {

/// The library's option named like the CLI option `option`, or null (the CLI's own).
const OptionSpec *table_option(const CommandSpec &spec, const CLI::Option &option, const RequestArgs &args) {
  std::string key;
  if (option.get_positional()) {
    const std::string &name = option.get_name();
    key = name == "model" || name == "model_file" ? "" : "data";
    for (const auto &[cli_name, request_key] : args.positional)
      if (cli_name == name) key = request_key;
  } else if (!option.get_lnames().empty()) {
    key = option.get_lnames().front();
  }
  for (const OptionSpec &o : spec.options)
    if (!key.empty() && o.name == key) return &o;
  return nullptr;
}

/// The value(s) of a given option as the request holds them.
void write_option(JsonWriter &w, const OptionSpec &spec, const CLI::Option &option) {
  w.key(spec.name);
  if (spec.kind == OptionKind::flag) {
    w.value(option.as<bool>());
    return;
  }
  // dated_inputs: the CLI's "DATE=FILE" as it is (run() reads that form too)
  const bool many = spec.kind == OptionKind::texts || spec.kind == OptionKind::inputs || spec.kind == OptionKind::dated_inputs;
  const bool file = spec.kind == OptionKind::input || spec.kind == OptionKind::inputs;
  if (many) w.begin_array();
  for (const std::string &value : option.results()) {
    if (file) w.begin_object().field("path", value).end_object();
    else w.value(value);  // numbers as the command line spelled them: run() reads them
    if (!many) break;
  }
  if (many) w.end_array();
}

/// The "message" of an error object, for standard error.
std::string error_message(const std::string &body) {
  const auto parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_discarded() || !parsed.contains("error")) return body;
  return parsed["error"].value("message", body);
}

/// Passes a body to standard output as run() writes it.
void write_stdout(std::string_view chunk) {
  errno = 0;
  std::cout.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
  if (auto failure = standard_output_error()) throw Error(*failure);  // stop writing into the void
}

}  // namespace

/// The global --solver-iterations and --solver-direct-limit (given before the
/// command) for every command whose table has them, when they differ from the default.
void write_solver_options(JsonWriter &w, const CommandSpec &spec) {
  const auto has = [&](std::string_view name) {
    return std::any_of(spec.options.begin(), spec.options.end(), [&](const OptionSpec &o) { return o.name == name; });
  };
  const PropagationOptions defaults;
  const PropagationOptions &solver = global().solver;
  if (has("solver-iterations") && solver.max_iterations != defaults.max_iterations)
    w.field("solver-iterations", static_cast<std::uint64_t>(solver.max_iterations));
  if (has("solver-direct-limit") && solver.fallback_direct_size != defaults.fallback_direct_size)
    w.field("solver-direct-limit", static_cast<std::uint64_t>(solver.fallback_direct_size));
}

std::string request_json(const CLI::App &cmd, std::string_view command, const RequestArgs &args) {
  const CommandSpec *spec = find_command_spec(command);
  if (!spec) throw std::logic_error("run_json: the library has no command \"" + std::string(command) + "\"");
  std::string request;
  JsonWriter w(request, 0);
  w.begin_object().field("command", spec->name).field("lang", global().lang);
  for (const CLI::Option *option : cmd.get_options())
    if (option->count() > 0)
      if (const OptionSpec *o = table_option(*spec, *option, args)) write_option(w, *o, *option);
  write_solver_options(w, *spec);
  w.end_object();
  return request;
}

void run_json(const CLI::App &cmd, std::string_view command, const RequestArgs &args) {
  const bool to_file = !args.output.empty() && args.output != "-";
  RunOptions options;
  if (!to_file) options.sink = write_stdout;
  options.progress = args.progress;
  const Response response = run(request_json(cmd, command, args), args.model, options);
  if (response.error) {
    const CLI::Option *json = cmd.get_option_no_throw("--json");
    if (json && json->count() > 0) emit(response.body);  // the error object (DESIGN §5)
    std::cerr << "servicechain: " << msg(response.status == 2 ? "cli.error.usage_prefix" : "cli.error.error_prefix") << ": "
              << error_message(response.body) << "\n";
  } else if (to_file) {
    emit(response.body, args.output);
  } else {
    std::cout.flush();
  }
  if (response.status != 0) throw Exit{response.status};
}

void print_convergence(std::ostream &out, const Convergence &convergence) {
  if (convergence.converged) return;
  out << msg("cli.convergence_warning") << convergence_message(convergence, global().language()) << "\n";
}

}  // namespace servicechain::cli
