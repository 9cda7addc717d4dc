#pragma once
// Internal: where a text stops being valid JSON, found in one streaming pass
// that builds no document and holds no string whole: memory stays flat whatever
// the size of the input, so a huge invalid file costs no more than a small one.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>

namespace servicechain::detail {

/// The first problem of a JSON text, at a 1-based line and byte column.
struct JsonProblem {
  std::size_t line = 1, column = 1;
  std::string message;  ///< "JSON syntax error: ...", or the limit passed
  bool limit = false;   ///< a limit (string length, nesting depth) rather than a syntax error
};

/// Fills `buffer` with up to `capacity` next bytes of the text; 0 at its end.
using ReadBytes = std::function<std::size_t(char *buffer, std::size_t capacity)>;

/// The first problem of the text `read` gives: a syntax error, a NUL byte (an
/// error at its position, not the end of the input), a string longer than
/// `max_string_bytes`, or nesting deeper than `max_depth`. nullopt when the text
/// is one valid JSON value within those limits. Quoted input in messages is a
/// bounded excerpt with control characters and invalid UTF-8 escaped.
std::optional<JsonProblem> locate_json_problem(const ReadBytes &read, std::size_t max_string_bytes, std::size_t max_depth);

}  // namespace servicechain::detail
