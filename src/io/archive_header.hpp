#pragma once
// The header check of from_archive, on its own so that it can be fuzzed without
// handing the (trusted-only) payload to Boost.
#include <string_view>

#include "servicechain/io/archive.hpp"

namespace servicechain::detail {

/// Checks "servicechain-archive <format> <version> <payload bytes>\n" and returns
/// the payload that follows it. Throws InputError when the header is missing,
/// malformed, names another format or a newer version, or the length differs.
std::string_view checked_archive_payload(std::string_view bytes, ArchiveFormat format);

}  // namespace servicechain::detail
