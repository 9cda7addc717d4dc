#include "survey_input.hpp"

#include <charconv>
#include <cmath>

#include "servicechain/error.hpp"

namespace servicechain {

std::optional<Scale> parse_scale(std::string_view text) {
  // The separator is the first '-' after the first character (MIN may be negative).
  std::size_t dash = text.find('-', 1);
  if (text.empty() || dash == std::string_view::npos) return std::nullopt;
  auto read = [](std::string_view part) -> std::optional<double> {
    if (!part.empty() && part.front() == '+') part.remove_prefix(1);
    double value = 0;
    auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (part.empty() || ec != std::errc() || ptr != part.data() + part.size() || !std::isfinite(value)) return std::nullopt;
    return value;
  };
  auto lo = read(text.substr(0, dash)), hi = read(text.substr(dash + 1));
  if (!lo || !hi || !(*lo < *hi)) return std::nullopt;
  return Scale{*lo, *hi};
}

std::string to_string(const Scale &scale) {
  return survey_detail::number_text(scale.min) + "-" + survey_detail::number_text(scale.max);
}

namespace survey_detail {

void require_full_row(const CsvReader &reader) {
  reader.reject_extra_fields();
  const std::size_t want = reader.header().size();
  if (reader.size() < want)
    reader.fail_record("this row has " + std::to_string(reader.size()) + " fields, the header has " + std::to_string(want));
}

std::optional<double> scaled(const CsvReader &reader, std::size_t i, const Scale &scale) {
  // Fast path for the usual Likert answer, one digit (a third of the time of number()).
  std::string_view f = reader.field(i);
  if (f.empty()) return std::nullopt;
  double value;
  if (f.size() == 1 && f[0] >= '0' && f[0] <= '9') {
    value = f[0] - '0';
  } else if (auto parsed = reader.number(i)) {
    value = *parsed;
  } else {
    return std::nullopt;  // only blanks
  }
  if (!scale.contains(value)) off_scale(reader, i, scale);
  return value;
}

void off_scale(const CsvReader &reader, std::size_t i, const Scale &scale) {
  reader.fail(i, reader.header()[i] + " = " + std::string(reader.field(i)) + " is off the scale " + to_string(scale));
}

std::optional<int> integer_answer(const CsvReader &reader, std::size_t i, int min, int max) {
  auto value = reader.number(i);
  if (!value) return std::nullopt;
  if (*value != std::floor(*value) || *value < min || *value > max)
    reader.fail(i, reader.header()[i] + " = " + std::string(reader.field(i)) + " is not an integer from " +
                       std::to_string(min) + " to " + std::to_string(max));
  return static_cast<int>(*value);
}

double power_of_two_near(double bound) {
  int exponent = 0;
  std::frexp(bound, &exponent);  // bound = m·2^exponent, 0.5 <= m < 1
  return std::ldexp(1.0, exponent - 1);
}

double AnswerUnits::finite(double value, std::string_view what) const {
  if (!std::isfinite(value))
    throw ArgumentError(std::string(what) + " on the scale " + to_string(scale_) +
                        " is beyond the range of a double (about ±1.8e308): use a scale with smaller bounds");
  return value;
}

std::string number_text(double x) {
  char buffer[32];
  auto [ptr, ec] = std::to_chars(buffer, buffer + sizeof buffer, x);
  return std::string(buffer, ptr);
}

RowSelector::RowSelector(const CsvReader &reader, const std::optional<RowFilter> &filter) {
  if (!filter) return;
  column_ = reader.require_column(filter->column);
  values_.insert(filter->values.begin(), filter->values.end());
}

}  // namespace survey_detail
}  // namespace servicechain
