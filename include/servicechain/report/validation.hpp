#pragma once
// The validation report that `servicechain validate --json` prints and that the C
// API returns for an invalid model: one piece of code for both.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "servicechain/error.hpp"
#include "servicechain/model.hpp"

namespace servicechain {

/// Parses and validates model JSON, collecting every problem in `diagnostics`; a
/// JSON syntax error becomes an error with code "syntax" and an empty path (its
/// message names `source`, line and column); a resource limit of the reader (size,
/// nesting depth, string length, list size: LimitError) becomes an error with code
/// "limit_exceeded", an empty path and the limit's message. Returns the model when
/// it has no error.
std::optional<Model> check_model_json(std::string_view text, Diagnostics &diagnostics,
                                      std::string_view source = "<input>");

/// check_model_json on a JSON file (read as parse_model_file reads it), a file
/// over the size limit included. A file that cannot be read throws InputError.
std::optional<Model> check_model_file(const std::filesystem::path &file, Diagnostics &diagnostics);

/// {"valid", "errors": [{"path", "code", "message"}], "warnings": [...]}, indented
/// by two spaces and ending with a newline.
std::string validation_report_json(const Diagnostics &diagnostics);

}  // namespace servicechain
