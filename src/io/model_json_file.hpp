#pragma once
// Internal: reading a model JSON file.
#include <filesystem>
#include <simdjson.h>

#include "servicechain/io/model_json.hpp"

namespace servicechain {

/// The whole file in a buffer with simdjson's padding; LimitError above `max_bytes`
/// (for files the pieces cannot read, and for pipes).
simdjson::padded_string read_file_padded(const std::filesystem::path &file, std::size_t max_bytes);

/// The end of every load: validate_after_parse on a parsed model and the
/// reader's `diagnostics`, then ValidationError naming `source` and listing every
/// error, or the warnings handed to `warnings` (when given).
void finish_loading(const Model &model, Diagnostics diagnostics, Diagnostics *warnings, std::string_view source);

/// load_model_json on a file (parse_model_file, then finish_loading).
Model load_model_json_file(const std::filesystem::path &file, Diagnostics *warnings, const ReadLimits &limits);

}  // namespace servicechain
