#pragma once
// Numbers in readable (non-JSON) output: fixed digits, and a decimal comma in
// Spanish (73,2), as the developer guide asks. JSON keeps shortest round-trip
// numbers with a point.
#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>

#include "cli.hpp"

namespace servicechain::cli {

/// `value` with `digits` decimals ("-" when null), with a comma under --lang es.
inline std::string readable_number(std::optional<double> value, int digits = 2) {
  if (!value) return "-";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, *value);
  std::string text(buffer);
  if (global().language() == Language::es) std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

/// "[low, high]" of an interval ("-" when null); "[low; high]" in Spanish, where the comma is decimal.
template <class OptionalPair>
std::string readable_interval(const OptionalPair &ci, int digits = 2) {
  if (!ci) return "-";
  const char *separator = global().language() == Language::es ? "; " : ", ";
  return "[" + readable_number((*ci)[0], digits) + separator + readable_number((*ci)[1], digits) + "]";
}

}  // namespace servicechain::cli
