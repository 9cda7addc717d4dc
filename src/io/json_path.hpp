#pragma once
// JSON Pointer (RFC 6901) paths for diagnostics: "/services/12/weight".
#include <cstddef>
#include <string>
#include <string_view>

namespace servicechain {

inline std::string json_path_append(const std::string &path, std::string_view key) {
  std::string out = path;
  out.push_back('/');
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out.push_back(c);
  }
  return out;
}

inline std::string json_path_append(const std::string &path, std::size_t index) {
  return path + "/" + std::to_string(index);
}

}  // namespace servicechain
