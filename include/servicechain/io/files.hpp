#pragma once
// File helpers: bounded reads and atomic writes (temporary file in the same
// directory, flushed, then renamed over the target), so an interrupted write
// never leaves a half-written file where the user's data was.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace servicechain {

/// Default upper bound for any input file the library reads whole (4 GiB).
inline constexpr std::size_t default_max_input_bytes = std::size_t{4} << 30;

/// Reads a whole file. Throws InputError naming the file if it cannot be read
/// (a directory says so), LimitError if it is larger than `max_bytes`.
std::string read_file(const std::filesystem::path &file,
                      std::size_t max_bytes = default_max_input_bytes);

/// Writes `content` to `file` atomically. Throws Error naming the file on failure;
/// the previous content of `file`, if any, is then untouched. A regular file (or
/// none yet) is replaced by a temporary file renamed over it; a symbolic link to a
/// regular file replaces the file it points to, not the link. An existing file that
/// is not a regular one (a character device, a FIFO) is written in place, with no
/// create, truncate or rename, and every write checked. A directory is an error.
void write_file_atomic(const std::filesystem::path &file, std::string_view content);

}  // namespace servicechain
