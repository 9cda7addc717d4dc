#pragma once
// Internal: a value in double quotes for messages ("unit \"gm\" ...").
#include <string>
#include <string_view>

namespace servicechain::detail {

inline std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

}  // namespace servicechain::detail
