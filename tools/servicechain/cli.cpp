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
#include <sys/stat.h>

#include "cli.hpp"
#include "servicechain/text/messages.hpp"
#include "servicechain/io/files.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/text.hpp"

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
          const std::string what = has_mark(*other, output_mark) ? "another output" : "an input";
          throw UsageError(command.get_name() + " refuses to overwrite " + what + ": " + output->get_name() + " \"" +
                           target + "\" is the same file as " + other->get_name() + " \"" + value + "\"");
        }
      }
    }
  }
}

void configure_app(CLI::App &app) {
  app.require_subcommand(1);
  app.fallthrough();
  app.add_option("--lang", global().lang, "Language of readable output and bundled content")
      ->check(CLI::IsMember({"en", "es"}));
  app.add_flag("-q,--quiet", global().quiet, "Do not print warnings");
  app.add_flag("--all-warnings", global().all_warnings, "Print every warning about a model (default: the first few and a count)");
  app.add_option("--log-level", global().log_level, "Library log level on stderr (off, error, warn, info, debug)")
      ->check(CLI::IsMember({"off", "error", "warn", "info", "debug", "trace"}));
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
    std::cerr << text::message("cli.warning", language) << ": " << path << ": " << w.path << ": " << w.message << "\n";
  }
  if (summary.summarized)
    std::cerr << text::format("cli.more_warnings", language,
                              {path, text::format_count(total - summary.shown, language), text::format_count(total, language)})
              << "\n";
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

void add_morale_cap_option(CLI::App *cmd, bool &no_morale_cap) {
  cmd->add_flag("--no-morale-cap", no_morale_cap,
                "A unit's given quality is its intrinsic quality, not capped by its people's morale x fit");
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

InProcessRun::InProcessRun(const Model *model, const std::string *model_json, std::string &output) {
  options_.quiet = true;  // a library does not write to stderr
  in_process = {model, model_json, &output, &options_};
}

InProcessRun::~InProcessRun() { in_process = {}; }

}  // namespace servicechain::cli
