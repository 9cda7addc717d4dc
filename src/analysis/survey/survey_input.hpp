#pragma once
// Internal helpers of the survey readers: row shape, scaled answers, row filters.
#include <algorithm>
#include <cmath>
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

/// A power of two within a factor 2 of `bound` (>= 0): dividing numbers up to
/// `bound` in magnitude by it brings them to [-2, 2] and changes only their
/// exponent, so it rounds nothing.
double power_of_two_near(double bound);

/// Answers on a scale as the measures sum them: divided by a power of two near
/// the scale's largest bound. Sums, means and quotients in these units are, once
/// multiplied back, bit for bit those of the answers themselves, yet no sum of
/// answers, of their differences or of their squares can overflow, even with
/// bounds near 1.8e308 (docs/survey.md, "Large numbers").
class AnswerUnits {
 public:
  explicit AnswerUnits(const Scale &scale)
      : scale_(scale), unit_(power_of_two_near(std::max(std::abs(scale.min), std::abs(scale.max)))),
        noise_(1e-12 * (scale.max / unit_ - scale.min / unit_)) {}
  /// An answer (or any value on the scale) in these units.
  double in(double answer) const { return answer / unit_; }
  /// A result in these units back in the scale's; ArgumentError when it is beyond
  /// the range of a double (only a scale with bounds near 1.8e308 can lead there).
  double out(double units) const { return finite(units * unit_, "a mean or difference of answers"); }
  /// `value`, computed from answers on the scale; ArgumentError naming `what` and
  /// the scale when it is beyond the range of a double.
  double finite(double value, std::string_view what) const;
  /// out() of a result that may be undefined.
  std::optional<double> out(std::optional<double> units) const {
    return units ? std::optional<double>(out(*units)) : std::nullopt;
  }
  /// In these units, two results closer than this differ by floating-point rounding
  /// only: 1e-12 of the scale's width.
  double noise() const { return noise_; }

 private:
  Scale scale_;
  double unit_, noise_;
};

/// Mean and sample variance in one numerically stable pass (Welford).
struct MeanAccumulator {
  std::size_t n = 0;
  double mean = 0, m2 = 0;
  void add(double x) {
    ++n;
    const double delta = x - mean;
    mean += delta / static_cast<double>(n);
    m2 += delta * (x - mean);
  }
  /// Sample standard deviation (divisor n − 1); nullopt for n < 2.
  std::optional<double> sd() const {
    return n >= 2 ? std::optional<double>(std::sqrt(m2 / static_cast<double>(n - 1))) : std::nullopt;
  }
};

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
