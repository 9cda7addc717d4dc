#pragma once
// Internal: opening an input file, shared by every reader that streams one.
#include <cstdio>
#include <filesystem>

namespace servicechain::detail {

/// `file` opened for binary reading. Throws InputError naming the file when it
/// cannot be opened or is a directory (which fopen opens, and fread then fails on).
std::FILE *open_for_reading(const std::filesystem::path &file);

}  // namespace servicechain::detail
