#pragma once
// Internal: reading a model JSON file without holding its text twice.
#include <filesystem>
#include <simdjson.h>

#include "servicechain/io/model_json.hpp"

namespace servicechain {

/// The whole file in a buffer with simdjson's padding; LimitError above `max_bytes`.
simdjson::padded_string read_file_padded(const std::filesystem::path &file, std::size_t max_bytes);

/// parse_model_json on a file, read once into a padded buffer.
Model parse_model_json_file(const std::filesystem::path &file, Diagnostics &diagnostics, const ReadLimits &limits);

/// load_model_json on a file, read once into a padded buffer that is freed before validation.
Model load_model_json_file(const std::filesystem::path &file, Diagnostics *warnings, const ReadLimits &limits);

}  // namespace servicechain
