#pragma once
// Internal: reading a model JSON file.
#include <filesystem>
#include <simdjson.h>

#include "servicechain/io/model_json.hpp"

namespace servicechain {

/// The whole file in a buffer with simdjson's padding; LimitError above `max_bytes`
/// (for files the pieces cannot read, and for pipes).
simdjson::padded_string read_file_padded(const std::filesystem::path &file, std::size_t max_bytes);

/// load_model_json on a file (parse_model_file, then validation).
Model load_model_json_file(const std::filesystem::path &file, Diagnostics *warnings, const ReadLimits &limits);

}  // namespace servicechain
