#pragma once
// Boost.Serialization archives of a whole model, for TRUSTED checkpoints and
// caches only: Boost archives are not hardened against malicious input. The
// CLI loads one only with --trusted. Each archive starts with a header line
//   servicechain-archive <format> <version> <payload bytes>\n
// that is checked before the payload is handed to Boost.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "servicechain/model.hpp"

namespace servicechain {

/// Boost.Serialization archive flavours (.txt, .xml, .bin).
enum class ArchiveFormat : std::uint8_t { text, xml, binary };

/// Version written into new archives (also the Boost class version of Model).
inline constexpr unsigned archive_version = 2;  // 2: "x-" data of assessment processes, items, responses

/// Format from a file extension: .txt, .xml, .bin; nullopt otherwise.
std::optional<ArchiveFormat> archive_format_for_extension(std::string_view extension);

/// Serializes a model as a Boost.Serialization archive with a servicechain header.
std::string to_archive(const Model &model, ArchiveFormat format);

/// Throws InputError if the header is missing, names another format or a newer
/// version, or the length does not match; and if Boost fails to read the payload.
Model from_archive(std::string_view bytes, ArchiveFormat format);

}  // namespace servicechain
