#pragma once
// Internal: a value in double quotes for messages ("unit \"gm\" ..."): a bounded
// excerpt with control characters escaped (servicechain/text.hpp), so that a
// hostile id never floods a message or the terminal.
#include <string>
#include <string_view>

#include "servicechain/text.hpp"

namespace servicechain::detail {

inline std::string quoted(std::string_view s) {
  std::string out = "\"";
  out.append(excerpt(s)).push_back('"');
  return out;
}

}  // namespace servicechain::detail
