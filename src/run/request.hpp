#pragma once
// Internals of run(): a request read against its command's option table, the
// errors of DESIGN §5 and what a command handler gets.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "servicechain/analysis/chain/graph.hpp"
#include "servicechain/bundled.hpp"
#include "servicechain/error.hpp"
#include "servicechain/io/csv.hpp"
#include "servicechain/io/json_writer.hpp"
#include "servicechain/run.hpp"
#include "servicechain/run/commands.hpp"

namespace servicechain::detail {

/// A failure of a request, answered as {"error": {"code", "message", "path"?}}.
struct RequestError : std::runtime_error {
  RequestError(std::string code, const std::string &message, std::string path = {}, int status = 2)
      : std::runtime_error(message), code(std::move(code)), path(std::move(path)), status(status) {}
  std::string code;  ///< bad_request, unknown_command, bad_option, ...
  std::string path;  ///< JSON path in the request or file:line:column; empty: none
  int status;        ///< 2 usage (the CLI's exit 2), 1 bad input
};

/// A bad_option error at the request key `name` ("/name").
[[noreturn]] void bad_option(std::string_view name, const std::string &message, int status = 2);

/// A file's content given in a request: a path to read or the text itself.
struct Input {
  bool is_path = false;
  std::string path;  ///< when is_path
  std::string text;  ///< otherwise
  /// For messages: the path, or "<name>" for inline text (e.g. "<data>").
  std::string source;
  /// Where the request gave it (a JSON path such as "/model"), for messages.
  std::string where;
  /// dated_inputs: YYYY-MM-DD as given (not checked here), or empty.
  std::string date;
  /// kinded dated_inputs (OptionSpec::kinded): what the input measures, as given (not checked here).
  std::string kind;
  /// A streaming reader of this CSV (from the file or from memory).
  CsvReader csv(const CsvOptions &options) const;
  /// The whole content (reads a file).
  std::string content() const;
};

/// One option's value after reading.
struct OptionValue {
  bool flag = false;
  double number = 0;
  std::uint64_t integer = 0;
  std::vector<std::string> texts;  ///< text, choice (one) and texts
  std::vector<Input> inputs;       ///< input (one) and inputs
};

/// The options of a request, read and checked against a command's table.
class Options {
 public:
  bool given(std::string_view name) const { return values_.count(name) > 0; }
  bool flag(std::string_view name) const;
  double number(std::string_view name, double fallback) const;
  std::optional<double> number(std::string_view name) const;
  std::uint64_t integer(std::string_view name, std::uint64_t fallback) const;
  std::optional<std::uint64_t> integer(std::string_view name) const;
  std::string text(std::string_view name, std::string_view fallback = {}) const;
  const std::vector<std::string> &texts(std::string_view name) const;
  const Input *input(std::string_view name) const;
  const std::vector<Input> &inputs(std::string_view name) const;
  std::map<std::string_view, OptionValue, std::less<>> values_;  ///< by the table's names
};

/// The request's command, options and language.
struct ParsedRequest {
  const CommandSpec *spec = nullptr;
  Options options;
  Language language = Language::en;
};

/// Reads `request_json` (docs/requests.md). Throws RequestError.
ParsedRequest parse_request(std::string_view request_json);

/// What a command handler works with and writes to.
struct Context {
  const Options &options;
  const ModelAndGraph *model;  ///< the request's model handle, or null
  Language language;
  Response &response;
  const std::function<void(std::string_view)> *sink;  ///< stream the body here when set
  /// RunOptions::progress, or null.
  const std::function<void(std::uint64_t, std::uint64_t)> *progress = nullptr;
  /// The body as JSON written by `write` plus a final newline.
  void json(const std::function<void(JsonWriter &)> &write);
  /// The body as text (already ending with a newline where the CLI prints one).
  void text(std::string body, std::string_view media_type = "application/json");
  /// The handle's model; a bad_request error when the request has none.
  const ModelAndGraph &require_model() const;
};

/// A command: its table and the function that runs it.
struct Command {
  const CommandSpec *spec;
  void (*handle)(Context &context);
};

/// Every command, in the order of docs/requests.md (src/run/commands.cpp).
const std::vector<Command> &commands();

/// The CSV dialect options (--delimiter, --decimal-comma) applied to `options`.
void apply_csv_dialect(const Options &request, CsvOptions &options);

/// The model an input option names (a file or JSON text), read and validated.
Model model_from_input(const Input &input);
/// A model named by an input option ({"path"} or {"data"}) read and validated,
/// or null when the option is not given.
std::shared_ptr<const ModelAndGraph> model_input(const Options &options, std::string_view name);

}  // namespace servicechain::detail
