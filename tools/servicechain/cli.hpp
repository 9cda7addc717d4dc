#pragma once
// Shared pieces of the servicechain CLI. Each command lives in its own
// cmd_<name>.cpp and registers itself with SERVICECHAIN_COMMAND, so adding a
// command touches no other file.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "servicechain/io/json_writer.hpp"
#include "servicechain/bundled.hpp"
#include "servicechain/text/messages.hpp"
#include "servicechain/io/csv.hpp"
#include "servicechain/error.hpp"
#include "servicechain/analysis/chain/convergence.hpp"
#include "servicechain/analysis/chain/graph.hpp"
#include "servicechain/analysis/chain/propagation.hpp"
#include "servicechain/model.hpp"

namespace servicechain::cli {

/// Options every command sees.
struct GlobalOptions {
  std::string lang = "en";
  bool quiet = false;
  bool all_warnings = false;  ///< --all-warnings: list every warning (default: the first few and a count)
  std::string log_level = "off";
  PropagationOptions solver;  ///< --solver-iterations, --solver-direct-limit
  Language language() const { return parse_language(lang).value_or(Language::en); }
};
GlobalOptions &global();

/// Thrown by a command to end with a given exit code after it printed its result
/// (e.g. `validate` on an invalid model exits 1).
struct Exit {
  int code;
};

/// A usage error found after parsing (exit 2), e.g. an option value out of range.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// A UsageError with catalogue message `id` ("cli.usage.*") in the --lang language.
UsageError usage_error(std::string_view id, std::initializer_list<std::string_view> args = {});

using CommandSetup = std::function<void(CLI::App &app)>;
struct CommandRegistry {
  static void add(int order, CommandSetup setup);
  static void setup_all(CLI::App &app);
};
#define SC_CLI_CONCAT2(a, b) a##b
#define SC_CLI_CONCAT(a, b) SC_CLI_CONCAT2(a, b)
#define SERVICECHAIN_COMMAND(order, function) \
  static const bool SC_CLI_CONCAT(sc_command_, __LINE__) = (::servicechain::cli::CommandRegistry::add(order, function), true)

/// A section of the demo's readable summary, printed in `order`.
using DemoSection = std::function<void(const Model &model, Language language, std::ostream &out)>;
struct DemoRegistry {
  static void add(int order, DemoSection section);
  static void print_all(const Model &model, Language language, std::ostream &out);
};
#define SERVICECHAIN_DEMO_SECTION(order, function) \
  static const bool SC_CLI_CONCAT(sc_demo_, __LINE__) = (::servicechain::cli::DemoRegistry::add(order, function), true)

/// Loads and validates a model file (archives only with `trusted`); warnings go to
/// stderr unless --quiet. Throws servicechain errors on bad input.
Model load_model_file(const std::string &path, bool trusted = false);

/// load_model_file plus the model's chain graph, built while the model is
/// validated (load_model_and_graph).
ModelAndGraph load_model_and_graph_file(const std::string &path, bool trusted = false);

/// Writes `text` to stdout, or atomically to `path` when not empty or "-".
void emit(const std::string &text, const std::string &path = "");

/// Flushes standard output; "cannot write to standard output[: reason]" when a
/// write to it failed (a full disk, a closed pipe), nothing when all went out.
/// The reason is errno's: clear it before the write being checked. main() checks
/// once after every command; emit and emit_json right after they write.
std::optional<std::string> standard_output_error();

/// emit() for JSON written by `write`, plus a final newline. To stdout the text
/// is streamed as it is written, so a million-unit result never sits in memory whole.
void emit_json(const std::function<void(JsonWriter &)> &write, const std::string &path = "");

/// The CSV dialect options of commands that read CSV: --delimiter and --decimal-comma.
struct CsvArgs {
  std::string delimiter = ",";
  bool decimal_comma = false;
  /// Sets the dialect in `options`, keeping its limits; a UsageError for an unknown
  /// delimiter or a decimal comma with ','.
  void apply(CsvOptions &options) const;
  /// Default CsvOptions with the dialect applied.
  CsvOptions options() const {
    CsvOptions o;
    apply(o);
    return o;
  }
};

/// The check of every unsigned option (`->check(whole_number(1, 1000))`): the
/// value must be a whole number in decimal digits within [min, max]. A sign, a
/// fraction, an exponent or a value beyond `max` is a usage error (exit 2) that
/// names the option, before the value could wrap around in an unsigned type.
CLI::Validator whole_number(std::uint64_t min = 0, std::uint64_t max = std::numeric_limits<std::uint64_t>::max());

/// Adds --no-morale-cap (DESIGN §2: s_u = quality_u whenever given, not
/// min(quality_u, c_u)) to a command that propagates quality.
void add_morale_cap_option(CLI::App *cmd, bool &no_morale_cap);

/// Adds --delimiter and --decimal-comma to `cmd`, read into `args`.
void add_csv_options(CLI::App *cmd, CsvArgs &args);

/// Alignment of a padded table cell.
enum class Align { left, right };

/// `text` padded to `width` columns for readable tables; counts UTF-8 code
/// points, so Spanish headers line up.
std::string pad(std::string_view text, std::size_t width, Align align = Align::left);

/// The message catalogue's text of `id` in the --lang language (text/messages.hpp):
/// every readable string of the CLI comes from there, as the report's do.
inline const char *msg(std::string_view id) { return text::message(id, global().language()).data(); }

/// `validate`'s readable output for `file`: one line per error and warning (in
/// `language`: text::diagnostic_message), then whether the model is valid.
std::string validation_text(const std::string &file, const Diagnostics &diagnostics, Language language);

/// Readable output: the warning line of a result that did not converge (in
/// --lang), or nothing when it converged.
void print_convergence(std::ostream &out, const Convergence &convergence);

/// Marks `option` as a file the command writes. Before the command runs, one
/// shared check (installed on every output option by configure_app, run right
/// after parsing) refuses, as a usage error, an output that is the same file (inode, through hard and
/// symbolic links) as any other file argument of the command: an input, or
/// another output. Returns `option`.
CLI::Option *output_file(CLI::Option *option);

/// The command documents an in-place update: `output` may be the file `input`
/// names (it is then replaced atomically).
void allow_in_place(CLI::Option *output, CLI::Option *input);

/// The shared check of output_file(): a UsageError naming the option and the
/// file when an output of `command` is one of its other file arguments.
void refuse_output_onto_input(CLI::App &command);

/// While alive, everything written to std::cout and std::cerr goes through
/// escape_control (servicechain/text.hpp): a control character of the input
/// (an ESC sequence, a carriage return, C1) shows as \u00XX instead of acting
/// on the terminal. Newlines and tabs pass. JSON is unchanged in meaning (it
/// escapes C0 itself; a C1 character becomes its \u escape). main() installs it.
class TerminalSafeOutput {
 public:
  TerminalSafeOutput();
  ~TerminalSafeOutput();
  TerminalSafeOutput(const TerminalSafeOutput &) = delete;
  TerminalSafeOutput &operator=(const TerminalSafeOutput &) = delete;

 private:
  struct Buffers;
  std::unique_ptr<Buffers> buffers_;
};

/// Adds the global options and every registered command to `app`.
void configure_app(CLI::App &app);

/// How run_json turns a command's arguments into a request.
struct RequestArgs {
  /// The request's model (the command's positional model file, loaded by the
  /// command with its warnings on stderr), or null.
  const ModelAndGraph *model = nullptr;
  /// Request keys of positional arguments, by their CLI name; "" drops one. A
  /// positional not listed is "data", except "model" and "model_file" (the
  /// model above), which are dropped.
  std::vector<std::pair<std::string, std::string>> positional = {};
  /// A progress bar for long commands (RunOptions::progress), or empty.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress = {};
  /// Write the body atomically to this file instead (empty or "-": standard output).
  std::string output = {};
};

/// The --json path of a command (and the report): the options of `cmd` given on
/// the command line become a request to the library's servicechain::run() for
/// `command` ("analyze", "survey nps"), whose body goes to standard output as it
/// is written (or to args.output). Options the command's table
/// (servicechain/run/commands.hpp) lacks are the CLI's own (--json, --dot, -o,
/// --far) and stay out; a file becomes {"path": FILE}. On an error its message
/// goes to standard error, with --json the error object to standard output too
/// (DESIGN §5), and the command ends with the response's status (Exit).
void run_json(const CLI::App &cmd, std::string_view command, const RequestArgs &args = {});

/// The request run_json sends for `cmd` (exposed for tests).
std::string request_json(const CLI::App &cmd, std::string_view command, const RequestArgs &args = {});

}  // namespace servicechain::cli
