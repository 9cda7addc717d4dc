#pragma once
// Reading and writing model files ("format": "servicechain/1", docs/model-format.md).
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "servicechain/error.hpp"
#include "servicechain/model.hpp"

namespace servicechain {

/// Resource limits for reading untrusted model files.
struct ReadLimits {
  std::size_t max_bytes = std::size_t{4} << 30;      ///< whole input
  std::size_t max_depth = 128;                      ///< nesting of arrays/objects
  std::size_t max_string_bytes = std::size_t{1} << 20;  ///< any one string
  std::size_t max_entities = 50'000'000;             ///< elements of any one list
  /// Largest text parsed as one document: a model from a pipe or device (read
  /// in chunks, stopped one byte past this), text in memory, or a regular file
  /// the piecewise reader cannot read (whose size is checked before it is read;
  /// past this, its first syntax error is found streaming, or it is a LimitError).
  /// A document takes several times its text: 256 MiB keeps a read within 2 GB.
  std::size_t max_whole_bytes = std::size_t{256} << 20;
};

/// Parses model JSON. A syntax error or an exceeded limit throws ParseError /
/// LimitError naming `source`, line and column. Content problems (unknown or
/// repeated keys, wrong types, missing required fields, bad enum values) are
/// appended to `diagnostics.errors` with their JSON path, and the model holds what
/// could be read. Semantic checks are `validate` (validate.hpp).
Model parse_model_json(std::string_view text, Diagnostics &diagnostics,
                       std::string_view source = "<input>", const ReadLimits &limits = {});

/// parse_model_json on a file. A regular file is read in pieces straight from
/// disk, never whole in memory (docs/model-format.md, "Reading large files").
/// A file that cannot be opened or read throws InputError.
Model parse_model_file(const std::filesystem::path &file, Diagnostics &diagnostics, const ReadLimits &limits = {});

/// Runs `validate` after `parse_model_json` and merges its findings into
/// `diagnostics`, without repeating problems the reader already reported.
void validate_after_parse(const Model &model, Diagnostics &diagnostics);

/// Parses and validates; throws ValidationError listing every error.
/// Warnings go to `warnings` when given.
Model load_model_json(std::string_view text, std::string_view source = "<input>",
                      Diagnostics *warnings = nullptr, const ReadLimits &limits = {});

/// Reads a model file: JSON, or with `trusted` also a Boost.Serialization archive
/// (.xml, .txt, .bin; see archive.hpp). Validates; throws on any error.
Model load_model(const std::filesystem::path &file, Diagnostics *warnings = nullptr,
                 bool trusted = false, const ReadLimits &limits = {});

/// Serializes a model as servicechain/1 JSON. Defaults are written out explicitly;
/// "x-" data is kept. `indent` 0 gives compact JSON.
std::string to_json(const Model &model, int indent = 2);

/// Writes a model to a file, by extension: .json, or an archive (.xml, .txt, .bin).
/// The write is atomic.
void save_model(const Model &model, const std::filesystem::path &file);

}  // namespace servicechain
