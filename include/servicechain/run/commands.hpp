#pragma once
// The commands run() knows and the option table of each: one declaration that
// reads a request's options (run.hpp) and that the CLI checks its options
// against (docs/requests.md lists them; docs/architecture.md tells how to add a
// command).
#include <cstdint>
#include <span>
#include <string_view>

namespace servicechain {

/// What an option of a request holds.
enum class OptionKind {
  flag,     ///< true or false
  integer,  ///< a whole number in [min, max]
  number,   ///< a finite number in [min, max]
  text,     ///< a string
  choice,   ///< one of `choices`
  texts,    ///< a string or an array of strings (a repeatable option)
  input,    ///< a file's content: {"path": file}, {"data": text} or, for the
            ///< command's positional input, the text itself
  inputs,   ///< one input or an array of them (a repeatable option)
  dated_inputs,  ///< inputs with a date each: {"date": D, "path": file} or
                 ///< {"date": D, "data": text} (date optional), or the
                 ///< CLI's "DATE=FILE" / "FILE"; one or an array (trend's waves)
};

/// One option of a command (the CLI's `--name`, the request key `name`, with
/// `_` for `-` accepted).
struct OptionSpec {
  std::string_view name;  ///< e.g. "fidelity", "as-of"; the positional input is "data"
  OptionKind kind = OptionKind::text;  ///< what the option holds
  std::string_view help;               ///< one line, as `--help` shows it
  std::string_view default_text = {};  ///< shown in docs; empty: none / computed
  double min = 0;  ///< integer and number: smallest value
  double max = 0;  ///< integer and number: largest value (min == max: no bounds)
  std::span<const std::string_view> choices = {};  ///< choice: the allowed values
  bool required = false;  ///< the request fails (bad_option) without it
  /// dated_inputs: each names what it measures too: "KIND:DATE=FILE", "KIND:FILE"
  /// or {"kind": K, "date"?, "path" | "data"} (the report's waves).
  bool kinded = false;
};

/// A command of run(): its name ("analyze", "survey nps"), what it reads and its options.
struct CommandSpec {
  std::string_view name;  ///< "analyze", "survey nps", ...
  std::string_view help;  ///< one line
  /// Whether the command reads the request's model: never, always, or when given.
  enum class Model { none, required, optional };
  Model model = Model::none;  ///< whether it reads the request's model
  std::string_view media_type = "application/json";  ///< of a successful body
  std::span<const OptionSpec> options;  ///< every option it reads
};

/// Every command run() dispatches, in the order of docs/requests.md.
std::span<const CommandSpec> command_specs();

/// The command named `name` ("survey nps"), or null.
const CommandSpec *find_command_spec(std::string_view name);

}  // namespace servicechain
