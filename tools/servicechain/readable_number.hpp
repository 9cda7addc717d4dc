#pragma once
// Numbers in readable (non-JSON) output: the library's one number formatter
// (text/messages.hpp): fixed digits, thousands grouped, a decimal comma in
// Spanish (73,2; 1.234,5). JSON keeps shortest round-trip numbers with a point.
#include <optional>
#include <string>

#include "cli.hpp"
#include "servicechain/text/messages.hpp"

namespace servicechain::cli {

/// `value` with `digits` decimals ("-" when null), with a comma under --lang es.
inline std::string readable_number(std::optional<double> value, int digits = 2) {
  if (!value) return "-";
  return text::format_number(*value, digits, global().language());
}

/// "[low, high]" of an interval ("-" when null); "[low; high]" in Spanish, where the comma is decimal.
template <class OptionalPair>
std::string readable_interval(const OptionalPair &ci, int digits = 2) {
  if (!ci) return "-";
  const char *separator = global().language() == Language::es ? "; " : ", ";
  return "[" + readable_number((*ci)[0], digits) + separator + readable_number((*ci)[1], digits) + "]";
}

}  // namespace servicechain::cli
