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

/// A JSON path spelled out only when a diagnostic needs it. Readers make one
/// per field and list item; building a string for each of them cost more than
/// parsing the JSON. A path refers to its parent: make children on the stack,
/// below the parent they extend.
class JsonPath {
 public:
  JsonPath() = default;  ///< the document root, ""
  JsonPath(const JsonPath &parent, std::string_view key) : parent_(&parent), key_(key) {}
  JsonPath(const JsonPath &parent, std::size_t index) : parent_(&parent), index_(index), is_index_(true) {}

  std::string str() const {
    if (!parent_) return {};
    return is_index_ ? json_path_append(parent_->str(), index_) : json_path_append(parent_->str(), key_);
  }
  operator std::string() const { return str(); }
  /// The path this one extends; nullptr for the root.
  const JsonPath *parent() const { return parent_; }

 private:
  const JsonPath *parent_ = nullptr;
  std::string_view key_;
  std::size_t index_ = 0;
  bool is_index_ = false;
};

}  // namespace servicechain
