#pragma once
// Pieces shared by the survey measures (§4.5): answer scales and row filters.
// Every measure reads a CsvReader, so a file streamed from disk and CSV text
// held in memory (C API requests) are processed the same way, one row at a time.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace servicechain {

/// The declared answer scale of a survey, inclusive at both ends.
struct Scale {
  double min = 1;  ///< lowest answer
  double max = 7;  ///< highest answer
  bool contains(double x) const { return x >= min && x <= max; }  ///< whether `x` lies on the scale
  /// (min + max) / 2, computed so that bounds near 1.8e308 cannot overflow it
  double midpoint() const { return min / 2 + max / 2; }
  bool operator==(const Scale &) const = default;
};

/// Parses "MIN-MAX" (e.g. "1-7", "0-10", "-3-3"); nullopt when malformed or MIN >= MAX.
std::optional<Scale> parse_scale(std::string_view text);
/// "1-7" (shortest round-trip numbers).
std::string to_string(const Scale &scale);

/// Keeps only the rows whose `column` holds one of `values` (exact, byte-wise).
/// Used to evaluate a measure on one segment, one moment, or the moments of a
/// unit subtree or level (policies, §4.7). The column must exist.
struct RowFilter {
  std::string column;  ///< header name of the column to test
  std::vector<std::string> values;  ///< the values kept
};

}  // namespace servicechain
