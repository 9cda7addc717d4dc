#pragma once
// Writing CSV (the generators' output): one field, quoted as RFC 4180 wants.
#include <string>
#include <string_view>

namespace servicechain::detail {

/// Appends one CSV field to `out`: quoted when it holds a comma, quote or line
/// break, with quotes doubled.
inline void append_csv_field(std::string &out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace servicechain::detail
