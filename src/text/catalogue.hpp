#pragma once
// The catalogue's entries (catalogue.cpp), in any order.
#include <cstddef>

#include "servicechain/text/messages.hpp"

namespace servicechain::text::detail {
extern const Message catalogue_entries[];
extern const std::size_t catalogue_size;
}  // namespace servicechain::text::detail
