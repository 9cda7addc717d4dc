#pragma once
// The catalogue's entries, in any order: the report's and the CLI's readable
// output (catalogue.cpp), the diagnostics (catalogue_diagnostics.cpp) and the
// CLI's help and usage errors (catalogue_cli_help.cpp).
#include <cstddef>

#include "servicechain/text/messages.hpp"

namespace servicechain::text::detail {
extern const Message catalogue_entries[];
extern const std::size_t catalogue_size;
extern const Message diagnostic_entries[];
extern const std::size_t diagnostic_entries_size;
extern const Message cli_help_entries[];
extern const std::size_t cli_help_entries_size;
}  // namespace servicechain::text::detail
