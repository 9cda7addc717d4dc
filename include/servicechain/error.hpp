#pragma once
// The exceptions servicechain throws. Every one derives from servicechain::Error,
// so a host can catch that alone. They never cross the C API (see servicechain.h).
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace servicechain {

/// One problem found in the input: a JSON path (RFC 6901 style, "/services/12/weight")
/// or "file:line:column" location, a stable machine code and a readable message.
/// The message is English; text::diagnostic_message renders it in any language
/// from its catalogue id and arguments (servicechain/text/messages.hpp).
struct Diagnostic {
  std::string path;  ///< where: JSON path or file:line:column
  std::string code;  ///< stable machine-readable code ("unknown_unit", ...)
  std::string message;  ///< readable explanation, in English
  std::string message_id = {};  ///< the message's catalogue id ("diag.dangling_reference"); empty: `message` only
  std::vector<std::string> args = {};  ///< the message's arguments {0}, {1}, … (text::term marks a catalogue word)
  bool operator==(const Diagnostic &) const = default;
};

/// Everything validation found: errors make a model unusable, warnings do not.
struct Diagnostics {
  std::vector<Diagnostic> errors;  ///< problems that make the input unusable
  std::vector<Diagnostic> warnings;  ///< problems worth knowing that do not
  bool ok() const { return errors.empty(); }  ///< No errors (warnings allowed).
  /// Adds an error.
  void error(std::string path, std::string code, std::string message) {
    errors.push_back({std::move(path), std::move(code), std::move(message)});
  }
  /// Adds a warning.
  void warning(std::string path, std::string code, std::string message) {
    warnings.push_back({std::move(path), std::move(code), std::move(message)});
  }
  /// Adds an error made by text::diagnostic (a message from the catalogue).
  void error(Diagnostic diagnostic) { errors.push_back(std::move(diagnostic)); }
  /// Adds a warning made by text::diagnostic.
  void warning(Diagnostic diagnostic) { warnings.push_back(std::move(diagnostic)); }
};

namespace detail {
/// "`head`: N error(s)" and one line per error: the message of the exceptions
/// that carry diagnostics. With a `source` (the file), every line starts with
/// "`source`: ", as a syntax error's "file:line:column: " does.
inline std::string summarize_errors(const std::string &head, const std::vector<Diagnostic> &errors,
                                    const std::string &source = {}) {
  const std::string at = source.empty() ? std::string() : source + ": ";
  std::string s = at + head + ": " + std::to_string(errors.size()) + " error(s)";
  for (const auto &e : errors) s += "\n  " + at + e.path + ": " + e.message + " [" + e.code + "]";
  return s;
}
}  // namespace detail

/// Base of every servicechain exception.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Bad input data: a file or text the library was asked to read. The message names
/// the source (file, line, column, or JSON path) and what is wrong.
class InputError : public Error {
 public:
  using Error::Error;
};

/// A syntax error in a text format, with its position (1-based; 0 when unknown).
class ParseError : public InputError {
 public:
  /// `what` went wrong at `line`:`column` of `source` (the message says where).
  ParseError(std::string source, std::size_t line, std::size_t column, const std::string &what)
      : InputError(locate(source, line, column) + ": " + what),
        source_(std::move(source)), line_(line), column_(column) {}
  const std::string &source() const { return source_; }  ///< the file or text name
  std::size_t line() const { return line_; }      ///< 1-based line; 0 when unknown
  std::size_t column() const { return column_; }  ///< 1-based column; 0 when unknown

 private:
  static std::string locate(const std::string &source, std::size_t line, std::size_t column) {
    std::string s = source.empty() ? "<input>" : source;
    // append, not `":" + to_string(...)`: GCC 12 warns falsely (-Wrestrict) on the latter in Release builds
    if (line > 0) s.append(":").append(std::to_string(line));
    if (column > 0) s.append(":").append(std::to_string(column));
    return s;
  }
  std::string source_;
  std::size_t line_, column_;
};

/// An input exceeded a configured resource limit (size, depth, count).
class LimitError : public InputError {
 public:
  using InputError::InputError;
};

/// A model that failed validation; carries every problem found.
class ValidationError : public InputError {
 public:
  /// Every problem found in the model read from `source` (a file name; empty for
  /// a model that was not read); the message names the source and lists the errors.
  explicit ValidationError(Diagnostics diagnostics, std::string source = {})
      : InputError(detail::summarize_errors("invalid model", diagnostics.errors, source)),
        diagnostics_(std::move(diagnostics)), source_(std::move(source)) {}
  const Diagnostics &diagnostics() const { return diagnostics_; }  ///< Every error and warning.
  const std::string &source() const { return source_; }  ///< The file or text name; empty when none

 private:
  Diagnostics diagnostics_;
  std::string source_;
};

/// Content problems of a CSV import (org chart, services): every problem found,
/// each naming its rows as "file:line" or "file:line:column".
class ImportError : public InputError {
 public:
  /// `what` names the kind of file ("org chart", "services CSV"); the message lists the errors.
  ImportError(const std::string &what, std::vector<Diagnostic> errors)
      : InputError(detail::summarize_errors(what, errors)), errors_(std::move(errors)) {}
  const std::vector<Diagnostic> &errors() const { return errors_; }  ///< Every problem, each naming its rows.

 private:
  std::vector<Diagnostic> errors_;
};

/// A request the library cannot satisfy with valid data (an unknown id asked
/// for, an option out of range).
class ArgumentError : public Error {
 public:
  using Error::Error;
};

/// An analysis that could not complete (e.g. an iterative solve that did not converge
/// where the caller asked for a hard failure).
class AnalysisError : public Error {
 public:
  using Error::Error;
};

}  // namespace servicechain
