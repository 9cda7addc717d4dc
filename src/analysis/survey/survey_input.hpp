#pragma once
// Internal helpers of the survey readers: row shape, scaled answers, row filters.
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "servicechain/analysis/survey/common.hpp"
#include "servicechain/io/csv.hpp"

namespace servicechain::survey_detail {

/// A row must have exactly as many fields as the header.
void require_full_row(const CsvReader &reader);

/// Field i as an answer on `scale` (empty → nullopt); ParseError at the cell when
/// not numeric or off the scale.
std::optional<double> scaled(const CsvReader &reader, std::size_t i, const Scale &scale);
[[noreturn]] void off_scale(const CsvReader &reader, std::size_t i, const Scale &scale);

/// Field i as an integer answer on [min, max] (empty → nullopt).
std::optional<int> integer_answer(const CsvReader &reader, std::size_t i, int min, int max);

/// Shortest round-trip text of a number.
std::string number_text(double x);

class RowSelector {
 public:
  RowSelector(const CsvReader &reader, const std::optional<RowFilter> &filter);
  bool keep(const CsvReader &reader) const {
    return !column_ || values_.count(std::string(reader.field(*column_))) > 0;
  }

 private:
  std::optional<std::size_t> column_;
  std::unordered_set<std::string> values_;
};

}  // namespace servicechain::survey_detail
